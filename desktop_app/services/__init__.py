"""Services: one function per workflow, each owning its transaction.

The GUI, the command line and the tests call these same functions. They take the open
`Database` and the operator's name, and hand back frozen dataclasses, never live ORM
objects.
"""
