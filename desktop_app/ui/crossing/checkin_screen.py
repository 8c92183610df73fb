"""The check-in screen at the gate: a USB scanner types the code like a keyboard, then Enter.

    screen = CheckinScreen(hub, list_id, "Rafah 14")
    screen.show()          # the scan field has the focus and keeps it

Each scan (or a typed case reference or passport number) is checked in through
`services.crossing.scan` off the window's thread; the answer fills the panel: green with the
identity check fields (name, birth date, document, household, the list's answer) when found,
red with the reason and the system's beep when refused (not on the list, not approved, already
checked in at a time, unknown or misread code). Scans typed faster than they are answered wait
their turn. Counts (expected, checked in, missing) and the missing by household follow every
scan, this screen's or a colleague's at another door. Ctrl+Z or *Undo last scan* takes the last
accepted scan back. Nothing here needs a network: the roster is on this laptop.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import crossing
from desktop_app.ui.labels import word
from desktop_app.ui.operations import PendingOperation, run_read, run_write
from desktop_app.ui.workspace_signals import WorkspaceHub

FOUND_COLOURS = ("#d8f0d8", "#1a1a1a")  # background, text: readable under either theme
REFUSED_COLOURS = ("#f6c9c9", "#1a1a1a")
IDLE_COLOURS = ("#eeeeee", "#1a1a1a")



class CheckinScreen(QDialog):
    """See the module docstring. `answered(result)` is emitted after each scan's answer is shown."""

    answered = Signal(object)  # services.crossing.ScanResult
    counted = Signal(object)  # services.crossing.GateCounts

    def __init__(self, hub: WorkspaceHub, list_id: int, list_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinScreen")
        self.hub = hub
        self.list_id = list_id
        self.list_name = list_name
        self._waiting: deque[str] = deque()
        self._busy = False
        self._answered = False  # the scan on its way was answered (shown), not cancelled or lost
        self._last_accepted: str | None = None
        self.setWindowTitle(self.tr("Check-in at the gate: {name}").format(name=list_name))
        self.resize(900, 640)

        self.scan_field = QLineEdit(objectName="scanField")
        self.scan_field.setPlaceholderText(
            self.tr("Scan a code, or type a case reference or passport number, then Enter"))
        big = QFont(self.scan_field.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        self.scan_field.setFont(big)
        self.scan_field.returnPressed.connect(self._entered)
        self.scan_field.installEventFilter(self)  # Ctrl+Z undoes the last scan, not the field's typing
        self.crossed_box = QCheckBox(self.tr("They cross here (record the crossing)"), objectName="crossedBox")

        self.verdict = QLabel(self.tr("Ready: scan the first code"), objectName="verdict")
        verdict_font = QFont(self.verdict.font())
        verdict_font.setPointSizeF(verdict_font.pointSizeF() * 2.0)
        verdict_font.setBold(True)
        self.verdict.setFont(verdict_font)
        self.verdict.setWordWrap(True)
        self.verdict.setMinimumHeight(90)
        self.verdict.setContentsMargins(16, 12, 16, 12)
        self.details = QLabel(objectName="identity")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        details_font = QFont(self.details.font())
        details_font.setPointSizeF(details_font.pointSizeF() * 1.25)
        self.details.setFont(details_font)
        self._paint(IDLE_COLOURS)

        self.counts = QLabel(objectName="gateCounts")
        counts_font = QFont(self.counts.font())
        counts_font.setPointSizeF(counts_font.pointSizeF() * 1.4)
        counts_font.setBold(True)
        self.counts.setFont(counts_font)
        self.missing_model = QStandardItemModel(self)
        self.missing_view = QTreeView(objectName="missingByHousehold")
        self.missing_view.setModel(self.missing_model)
        self.missing_view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.missing_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scanner's keystrokes stay in the field
        self.undo_button = QPushButton(self.tr("&Undo last scan"), objectName="undoScan")
        self.undo_button.setEnabled(False)
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.clicked.connect(self.undo_last)
        QShortcut(QKeySequence.StandardKey.Undo, self, activated=self.undo_last)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.scan_field, 1)
        top.addWidget(self.crossed_box)
        layout.addLayout(top)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.undo_button)
        layout.addLayout(bottom)
        layout.addWidget(QLabel(self.tr("Missing, by household:")))
        layout.addWidget(self.missing_view, 1)
        hub.changed.connect(self._changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self.reload_counts()

    # --- scanning ---------------------------------------------------------------------------

    @Slot()
    def _entered(self) -> None:
        text = self.scan_field.text().strip()
        self.scan_field.clear()
        if text:
            self._waiting.append(text)
            self._next()

    def _next(self) -> None:
        if self._busy or not self._waiting:
            return
        self._busy, self._answered = True, False
        text = self._waiting.popleft()
        workspace = self.hub.workspace
        assert workspace is not None
        db, operator, crossed = workspace.db, workspace.operator, self.crossed_box.isChecked()
        pending = run_write(self, self.hub, self.tr("Checking in"),
                            lambda: crossing.scan(db, self.list_id, text, operator=operator, crossed=crossed),
                            self._show, kinds=frozenset({"lists", "persons"} if crossed else {"lists"}),
                            on_failure=self._failed)
        # Whatever becomes of the scan (answered, failed, cancelled while a colleague held the roster),
        # the next one waiting goes on: a scan given up must never leave the gate stuck.
        pending.finished.connect(lambda: self._scan_finished(pending, text))

    def _scan_finished(self, pending: PendingOperation, text: str) -> None:
        if not self._answered:
            self.verdict.setText(self.tr("{text}: NOT checked in (the check-in was cancelled): scan again")
                                 .format(text=text) if pending.cancelled else
                                 self.tr("{text}: NOT checked in: scan again").format(text=text))
            self.details.setText("")
            self._paint(REFUSED_COLOURS)
            QApplication.beep()
        self._busy = False
        self._next()

    def _show(self, result: crossing.ScanResult) -> None:
        self._answered = True
        translate = QCoreApplication.translate
        self.verdict.setText("\u200e" + result.message.render(translate))
        person = result.person
        if person is not None:
            document = " ".join(x for x in (word(person.document_type), person.document) if x)
            # Each line left to right whatever script the name starts with (an Arabic name first turned it all).
            self.details.setText("\n".join("\u200e" + line for line in [
                " · ".join(x for x in (person.name, person.latin_name) if x),
                self.tr("Born: {date}").format(date=person.birth_date or "—")
                + "    " + self.tr("Document: {document}").format(document=document or "—"),
                self.tr("Household: {household}").format(household=person.household or "—")
                + "    " + self.tr("Answer on this list: {answer}").format(
                    answer=word(person.answer) or "—"),
            ]))
        else:
            self.details.setText(self.tr("Scanned: {text}").format(text=result.scanned))
        if result.accepted:
            self._paint(FOUND_COLOURS)
            self._last_accepted = person.case_ref if person else None
            self.undo_button.setEnabled(True)
        else:
            self._paint(REFUSED_COLOURS)
            QApplication.beep()
        self.answered.emit(result)
        self.reload_counts()

    def _failed(self, exc: BaseException) -> None:
        self._answered = True
        self.verdict.setText(str(exc))
        self._paint(REFUSED_COLOURS)
        QApplication.beep()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The scan field has the focus all the time and a line edit claims Ctrl+Z for its own undo, so the
        # screen's Undo shortcut would never fire; left unclaimed, it takes the last scan back.
        if (watched is self.scan_field and event.type() == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Undo)):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    @Slot(QWidget, QWidget)
    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        # A USB scanner types into whatever has the keyboard focus: the ticked check box, or the window
        # saying a colleague holds the roster (whose Cancel the scanner's Enter would press), would
        # swallow the next code. The officer still clicks them; the keyboard comes back here.
        if new is None or new is self.scan_field or not self.isVisible():
            return
        window = new.window()
        if window is self:
            self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)
        elif isinstance(window, QProgressDialog) and window.parentWidget() is self:
            QTimer.singleShot(0, self._take_focus)  # once the new window's activation is through

    def _take_focus(self) -> None:
        if self.isVisible():
            self.activateWindow()
            self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _paint(self, colours: tuple[str, str]) -> None:
        background, text = colours
        style = f"background-color: {background}; color: {text}; border-radius: 6px;"
        self.verdict.setStyleSheet(f"QLabel#verdict {{ {style} }}")
        self.details.setStyleSheet(f"QLabel#identity {{ {style} padding: 8px; }}")

    # --- undo ---------------------------------------------------------------------------------

    @Slot()
    def undo_last(self) -> None:
        if self._last_accepted is None:
            return
        workspace = self.hub.workspace
        assert workspace is not None
        db, operator, ref = workspace.db, workspace.operator, self._last_accepted
        self._last_accepted = None
        self.undo_button.setEnabled(False)
        run_write(self, self.hub, self.tr("Undoing the scan"),
                  lambda: crossing.undo_scan(db, self.list_id, ref, operator=operator), self._undone,
                  kinds=frozenset({"lists", "persons"}), on_failure=self._undo_failed)

    def _undone(self, undone: crossing.UndoneScan) -> None:
        self.verdict.setText(self.tr("{ref}: scan of {at} undone").format(ref=undone.case_ref,
                                                                      at=undone.at.strftime("%H:%M:%S")))
        self.details.setText("")
        self._paint(IDLE_COLOURS)
        self.reload_counts()

    def _undo_failed(self, exc: BaseException) -> None:
        # Said here, not in a dialog: a modal box would take the scanner's next code and its Enter.
        self.verdict.setText(str(exc))
        self.details.setText("")
        self._paint(REFUSED_COLOURS)
        QApplication.beep()
        self.reload_counts()

    # --- counts -------------------------------------------------------------------------------

    def _changed(self, kinds: frozenset[str] | None) -> None:
        if kinds is None or "lists" in kinds or "persons" in kinds:
            self.reload_counts()

    def reload_counts(self) -> None:
        workspace = self.hub.workspace
        if workspace is None:
            return
        db = workspace.db
        run_read(self, lambda: crossing.gate_counts(db, self.list_id), self._show_counts)

    def _show_counts(self, counts: crossing.GateCounts) -> None:
        self.counts.setText(self.tr("Expected {expected} · checked in {checked_in} · missing {missing}").format(
            expected=counts.expected, checked_in=counts.checked_in, missing=counts.missing))
        self.missing_model.clear()
        self.missing_model.setHorizontalHeaderLabels([self.tr("Household / person"), self.tr("Missing")])
        for household in counts.missing_by_household:
            family = QStandardItem(household.household or self.tr("(no household)"))
            for ref, name in household.persons:
                family.appendRow([QStandardItem(f"{ref}  {name}"), QStandardItem("")])
            self.missing_model.appendRow([family, QStandardItem(str(len(household.persons)))])
        self.missing_view.expandAll()
        self.missing_view.resizeColumnToContents(0)
        self.counted.emit(counts)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The scanner's Enter, once the field has read it, stops here: QDialog would press the default
        # button of any of its descendants, the Cancel of the window saying a colleague holds the roster.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scan_field.setFocus()
