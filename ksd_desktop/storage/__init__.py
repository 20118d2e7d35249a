"""Storage layer: the one place that writes SQL (SQLite through sqlite-utils)."""
