"""The workspace pages shown in the main window's sidebar."""
