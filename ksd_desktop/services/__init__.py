"""Services: one module per user-level job; the CLI and the GUI call the same functions."""
