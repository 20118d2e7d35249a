"""Qt item models over the repositories (tested without a window)."""
