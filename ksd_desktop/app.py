"""Entry point: command-line parsing and wiring (see cli.py for the commands)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .cli import run

    args = sys.argv[1:] if argv is None else argv
    if args and getattr(sys, "frozen", False):
        attach_parent_console()
    return run(args)


def attach_parent_console() -> bool:
    """Windows: give the windowed frozen app the console it was started from.

    The installed app is one windowed program (no console window flashes when officials
    start it); ``ksd-desktop.cmd`` runs it with a command and waits. When its output is not
    redirected, Windows gives a windowed program no standard streams: attach to the parent's
    console so the command's messages appear there. True when attached; without any console
    the streams are null devices, so no command trips over a missing stream.
    """
    if sys.platform != "win32" or (sys.stdout is not None and sys.stderr is not None):
        return False
    import ctypes
    import os

    attached = bool(ctypes.windll.kernel32.AttachConsole(-1))  # ATTACH_PARENT_PROCESS: Explorer has none
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # no console at all (a scheduled task): the messages go nowhere
            setattr(
                sys,
                name,
                open("CONOUT$" if attached else os.devnull, "w", encoding="utf-8", errors="replace", buffering=1),
            )
    return attached
