"""The Help menu: Manual (the officer's guide shipped inside the program), Keyboard shortcuts, About.

`install(host)` adds Help > Manual and makes Help > About tell the real versions (the program, the
open roster and its schema, SQLCipher, SQLite, Qt). The manual is HTML in the package
(`desktop_app/resources/manual/<language>/index.html`, images beside it), shown in a window of its
own that needs no network and no browser; "Open in browser" hands the same file to the system.

    ManualWindow.show_manual(parent, "ru")
    AboutDialog(host.db, parent).exec()
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, QUrl, Slot, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME

if TYPE_CHECKING:
    from desktop_app.services.workspace import Roster
    from desktop_app.ui.main_window.host import WindowHost

log = logging.getLogger(__name__)

MANUAL_LANGUAGES = ("en", "ru")


def manual_folder() -> Path:
    """The shipped manual's folder (real files in every install and in the bundle)."""
    return Path(str(resources.files("desktop_app") / "resources" / "manual"))


def manual_page(language: str) -> Path:
    """The manual's first page in `language` (English when there is none in it)."""
    code = language if language in MANUAL_LANGUAGES else "en"
    return manual_folder() / code / "index.html"


class ManualWindow(QDialog):
    """The manual in a browser of its own: links inside it work, nothing is fetched from the network."""

    _open: ManualWindow | None = None  # one manual window at a time, raised when asked again

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manualWindow")
        self.page = manual_page(language)
        self.setWindowTitle(self.tr("%1 manual").replace("%1", APP_NAME))
        self.browser = QTextBrowser(self, objectName="manualBrowser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)
        self.browser.setSource(QUrl.fromLocalFile(str(self.page)))
        back = QPushButton(self.tr("&Back"), self, objectName="manualBack")
        back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        back.setEnabled(False)
        outside = QPushButton(self.tr("Open in &browser"), self, objectName="manualOpenInBrowser")
        outside.clicked.connect(self.open_in_browser)
        printable = QPushButton(self.tr("&PDF to print"), self, objectName="manualOpenPdf")
        printable.clicked.connect(self.open_pdf)
        printable.setEnabled(self.page.with_name("manual.pdf").is_file())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(printable)
        row.addWidget(outside)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        self.resize(900, 720)

    @Slot()
    def open_in_browser(self) -> bool:
        """The page shown, in the system's browser (offline: a local file)."""
        source = self.browser.source()
        return QDesktopServices.openUrl(source if source.isLocalFile() else QUrl.fromLocalFile(str(self.page)))

    @Slot()
    def open_pdf(self) -> bool:
        """The manual's PDF (made by `make manual`), in the system's PDF reader to print."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.page.with_name("manual.pdf"))))

    @classmethod
    def show_manual(cls, parent: QWidget | None, language: str) -> ManualWindow:
        if cls._open is not None and cls._open.parent() is parent and cls._open.isVisible():
            cls._open.raise_()  # asked again: the one open comes to the front
            cls._open.activateWindow()
            return cls._open
        cls._open = cls(language, parent)
        cls._open.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        cls._open.destroyed.connect(cls._forget)
        cls._open.show()
        return cls._open

    @classmethod
    def _forget(cls) -> None:
        cls._open = None


class AboutDialog(QDialog):
    """Version, roster path, schema version, SQLCipher, SQLite and Qt versions, to read out on a support call."""

    def __init__(self, db: Roster | None, parent: QWidget | None = None) -> None:
        from desktop_app.services.about import about_facts

        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About %1").replace("%1", APP_NAME))
        facts = about_facts(db)
        schema = facts.schema or "—"
        if facts.schema and facts.schema != facts.schema_head:
            schema = (self.tr("%1 (this program knows up to %2)").replace("%1", facts.schema)
                      .replace("%2", facts.schema_head))
        encryption = self.tr("encrypted (SQLCipher)") if facts.encrypted else self.tr("not encrypted")
        self.facts: list[tuple[str, str, str]] = [
            ("aboutVersion", self.tr("Version"), facts.version),
            ("aboutRoster", self.tr("Roster"), f"{facts.roster} ({encryption})" if facts.roster else "—"),
            ("aboutSchema", self.tr("Schema version"), schema),
            ("aboutSqlcipher", self.tr("SQLCipher"), facts.sqlcipher),
            ("aboutSqlite", self.tr("SQLite"), facts.sqlite),
            ("aboutQt", self.tr("Qt"), f"{qVersion()} (PySide6 {PySide6.__version__})"),
            ("aboutPython", self.tr("Python"), facts.python),
        ]
        heading = QLabel(f"<h2>{APP_NAME} {facts.version}</h2>"
                         + self.tr("An offline evacuation roster for consular missions."), self)
        heading.setWordWrap(True)
        form = QFormLayout()
        for name, label, value in self.facts:
            field = QLabel(value, self, objectName=name)
            field.setWordWrap(True)
            field.setTextInteractionFlags(field.textInteractionFlags().TextSelectableByMouse)
            form.addRow(label, field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(self.tr("&Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("aboutCopy")
        copy.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def text(self) -> str:
        return "\n".join(f"{label}: {value}" for _name, label, value in self.facts)

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


def install(host: WindowHost) -> None:
    """Help > Manual before the shortcuts; Help > About with the real versions."""
    window = host.window()
    manual = QAction(QCoreApplication.translate("Help", "&Manual"), window)
    host.actions.add("manual", manual)
    help_menu = host.actions.menu("Help")
    help_menu.insertAction(host.actions["shortcuts"], manual)
    manual.triggered.connect(lambda: ManualWindow.show_manual(window, host.preferences.language))
    about = host.actions["about"]
    about.triggered.disconnect()  # the window's own box knew the version only
    about.triggered.connect(lambda: AboutDialog(host.db, window).exec())
