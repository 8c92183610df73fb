"""Plain-Python rules of the roster: values, validation, the status workflow. No Qt, no SQL."""
