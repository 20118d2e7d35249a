"""Files dropped on a window: the local paths with the wanted endings, for both drag events."""

from __future__ import annotations

from collections.abc import Callable


def dropped_files(event, suffixes: tuple[str, ...]) -> list[str]:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(suffixes)]


class FileDropMixin:
    """Accept drops of files ending in ``DROP_SUFFIXES`` and hand them to ``files_dropped``."""

    DROP_SUFFIXES: tuple[str, ...] = ()
    files_dropped: Callable[[list[str]], None]

    def dragEnterEvent(self, event) -> None:
        if dropped_files(event, self.DROP_SUFFIXES):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = dropped_files(event, self.DROP_SUFFIXES)
        if paths:
            event.acceptProposedAction()
            self.files_dropped(paths)
