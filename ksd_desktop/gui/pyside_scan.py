"""PySide6's scan of every imported module, made cheap (imported first by ``ksd_desktop.gui``).

Once PySide6 is imported it replaces ``__import__`` and, after every later import, asks
whether the new module's source mentions "PySide6" (to support the opt-in
``from __feature__ import snake_case``, which this app never uses). It reads the source
with ``inspect.getsource``: linecache and tokenize for every module, about 0.6 ms each, so
some 120 ms of the start (benchmarks/bench_main_window.py; cProfile of the start showed
``shibokensupport.feature._mod_uses_pyside`` under every import).

:func:`install` answers the same question from the file's bytes: for a module with a
``.py`` file that is exactly what ``inspect.getsource`` would return, so the answer is the
same; anything else (a frozen app without sources, extension modules, an unreadable file)
is left to PySide6's own function. Nothing happens if a PySide6 version lacks the hook.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401 - installs the import hook this module adjusts


def install() -> bool:
    """Replace the source scan; True when it was (or already had been) replaced."""
    feature = sys.modules.get("shibokensupport.feature")
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if upstream is None:
        return False
    if getattr(upstream, "ksd_bytes_scan", False):
        return True

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return upstream(module)

    uses_pyside.ksd_bytes_scan = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
    return True


install()
