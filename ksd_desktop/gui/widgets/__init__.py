"""Widgets of the main window that stand on their own (tested without the window)."""
