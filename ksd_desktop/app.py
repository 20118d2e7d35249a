"""Entry point: command-line parsing and wiring (see cli.py for the commands)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .cli import run
    return run(sys.argv[1:] if argv is None else argv)
