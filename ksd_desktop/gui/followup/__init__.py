"""Screens of the follow-up: a proposal's timeline, the agreements register, the monev report."""
