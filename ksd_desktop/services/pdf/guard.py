"""Bounds for PDFs that come from outside, and the PDF libraries' chatter kept off the terminal.

Every PDF handed to verification or signing may have been crafted by someone who has read
our code: sizes, depths, page areas and decoded bytes are bounded here, in one place.
pyHanko, pypdf and pypdfium2 report problems through ``logging`` and ``warnings`` in
English; :func:`library_messages_to_log` sends both to the application's log file while a
PDF is being read, so the user sees only our Indonesian verdict.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterable, Iterator
from typing import TextIO

#: A form PDF is well under 1 MB; 60 proposals with long texts stay under 2 MB.
MAX_FILE_BYTES = 40 * 1024 * 1024
#: The attached ksd-form.json (a form with 60 long proposals is ~300 KB, a logo up to 350 KB).
MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024
MAX_JSON_DEPTH = 12
MAX_PAGES = 400
#: Decoded bytes read while comparing pages (content streams, fonts, images), all pages.
MAX_DECODED_BYTES = 256 * 1024 * 1024
#: PDF objects visited while comparing pages.
MAX_NODES = 400_000
MAX_DEPTH = 64
#: A page larger than this (in points, either side, after /UserUnit) is refused: 5 m.
MAX_PAGE_SIDE = 14400.0
#: Pixels per page when a page is rendered for the pixel comparison.
MAX_RENDER_PIXELS = 4_000_000

LIBRARY_LOGGERS = (
    "pyhanko",
    "pyhanko_certvalidator",
    "pypdf",
    "pypdfium2",
    "PIL",
    "fontTools",
    "ksd_desktop.services.pdf",
)


class PdfLimitError(ValueError):
    """The PDF exceeds a bound (size, depth, page area, decoded bytes)."""


def json_depth_ok(value: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a parsed JSON value nests no deeper than ``limit`` (iteratively: no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[object]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children)
    return True


class _LogFileHandler(logging.Handler):
    """Writes records to the application's log file, opened only when a record comes."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            from ...paths import log_path

            path = log_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8", errors="replace") as stream:
                stream.write(self.format(record) + "\n")
        except Exception:  # noqa: BLE001 - a log that cannot be written must not break a check
            pass


@contextlib.contextmanager
def library_messages_to_log() -> Iterator[None]:
    """While inside: the PDF libraries' log records and Python warnings go to the log file only
    (the application's rotating log when the window or the CLI installed it, see logs.py)."""
    from logging.handlers import RotatingFileHandler

    handler: logging.Handler | None = next(
        (h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)), None
    )
    if handler is None:
        handler = _LogFileHandler(logging.DEBUG)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    saved = []
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate, logger.level))
        logger.addHandler(handler)
        logger.propagate = False
        if logger.level == logging.NOTSET or logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = _warning_to_log
        try:
            yield
        finally:
            for logger, propagate, level in saved:
                logger.removeHandler(handler)
                logger.propagate = propagate
                logger.setLevel(level)


def _warning_to_log(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    logging.getLogger("pyhanko").warning("%s: %s (%s:%s)", category.__name__, message, filename, lineno)
