"""The workspace pages shown in the main window's sidebar."""

from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget


def master_detail(page: QWidget, master: QWidget, detail: QWidget, name: str, master_width: int) -> QSplitter:
    """Lay `page` out as a master list beside its detail, in a splitter whose sizes the window remembers."""
    splitter = QSplitter(page, objectName=name)
    splitter.addWidget(master)
    splitter.addWidget(detail)
    splitter.setStretchFactor(1, 2)
    splitter.setSizes([master_width, 1300 - master_width])
    layout = QVBoxLayout(page)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(splitter)
    return splitter

