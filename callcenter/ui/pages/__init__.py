"""The work areas of the main window."""
