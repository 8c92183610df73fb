"""Roster files handed to the running window: dropped on it, or opened from macOS's Finder.

Windows and Linux pass a double-clicked file as a bare path on the command line (see
`desktop_app.launch`); macOS sends it to the running application as a `QFileOpenEvent`, also at
start. A file dragged from the file manager onto the window opens there too. Either way the
window switches to the roster as File > Open does, taking its lock (`ui.instance`): a roster
open in another window is refused with a message naming it.

    RosterFileDrop(window, opened=lambda path: ...)    # installed once by ui.app.start_window
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop_app.domain.errors import RosterError
from desktop_app.ui.errors import show_error
from desktop_app.ui.instance import switch_locked


def dropped_file(mime: QMimeData) -> str | None:
    """The one local file a drag carries; None for text, folders, several files or remote URLs."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = urls[0].toLocalFile()
    return path if Path(path).is_file() else None


class RosterFileDrop(QObject):
    """Opens in `window` the roster file dropped on it or sent by the system (FileOpen)."""

    def __init__(self, window: QMainWindow, *, finder: bool = sys.platform == "darwin") -> None:
        """`finder`: also take the files macOS sends (an application-wide filter sees every event of
        the program, so it is installed only where such files come)."""
        super().__init__(window)
        self.setObjectName("rosterFileDrop")
        self.window = window
        self.opened: list[str] = []  # the files switched to, newest last
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        app = QApplication.instance()
        if finder and app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            if dropped_file(event.mimeData()) is not None:
                event.acceptProposedAction()
                return True
            return False
        if watched is self.window and kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            path = dropped_file(event.mimeData())
            if path is None:
                return False
            event.acceptProposedAction()
            self.open(path)
            return True
        if kind == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self.open(event.file())
            return True
        return False

    def open(self, path: str) -> None:
        """Switch the window to the roster at `path` (told, not raised, when it cannot be); while the
        window is still opening its first roster, once that is done."""
        if not getattr(self.window, "completed", True):
            self.window.ready.connect(lambda: self.open(path), Qt.ConnectionType.SingleShotConnection)  # type: ignore[attr-defined]
            return
        try:
            # a file that is not there (moved since the system sent it) is refused, not made anew
            switch_locked(self.window, path, then=lambda switched: self._switched(path, switched), create=False)
        except RosterError as exc:
            show_error(self.window, exc)

    def _switched(self, path: str, switched: bool) -> None:
        if switched:
            self.opened.append(path)
