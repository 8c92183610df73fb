"""The Qt interface. Only this package imports PySide6 widgets; it reaches data through services."""
