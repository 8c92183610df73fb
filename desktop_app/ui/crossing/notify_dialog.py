"""Notify the families: a group (a list, its approved, the roster as filtered), a template and its fields,
everyone in the order to call with their last outcome, the message and its SMS count, and the files.

    dialog = NotifyDialog(hub, NotifyGroup(list_id=3, approved_only=True), "Rafah 14")
    dialog = NotifyDialog(hub, NotifyGroup(person_ids=tuple(roster.model.ids)), "the roster (212)")
    dialog.show()

The plan is read again off the window's thread whenever the template, the language, a field or
the round changes. For the selected person: *Call*, *SMS* and *WhatsApp* open the system's
handler for the link (a softphone, a phone linked to the laptop, WhatsApp Desktop) and the four
outcome buttons log the attempt. *Call sheet…*, *SMS CSV…* and *Links page…* write the files
through `services.crossing.write_outputs` (each audited).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPainter, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.notify_templates import LANGUAGES, NotifyFields
from desktop_app.services import crossing
from desktop_app.ui.errors import translated
from desktop_app.ui.operations import run_read, run_write
from desktop_app.ui.workspace_signals import WorkspaceHub

OUTCOMES = ((QT_TRANSLATE_NOOP("NotifyDialog", "Reached"), crossing.Outcome.REACHED),
            (QT_TRANSLATE_NOOP("NotifyDialog", "No answer"), crossing.Outcome.NO_ANSWER),
            (QT_TRANSLATE_NOOP("NotifyDialog", "Wrong number"), crossing.Outcome.WRONG_NUMBER),
            (QT_TRANSLATE_NOOP("NotifyDialog", "Message left"), crossing.Outcome.MESSAGE_LEFT))



QR_SIDE = 250  # pixels of the code shown beside the message: two or more per module for a phone's camera


def _qr_pixmap(link: str) -> QPixmap:
    from desktop_app.rendering import draw_qr, qr_matrix

    modules = len(qr_matrix(link)) + 8  # with the quiet zone
    module = max(1, QR_SIDE // modules)
    pixmap = QPixmap(modules * module, modules * module)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    draw_qr(painter, link, 0, 0, module)
    painter.end()
    return pixmap


class NotifyDialog(QDialog):
    """See the module docstring; `planned(plan)` is emitted each time the list is shown again."""

    planned = Signal(object)  # services.crossing.NotifyPlan
    written = Signal(object)  # services.crossing.NotifyOutputs

    def __init__(self, hub: WorkspaceHub, group: crossing.NotifyGroup, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notifyDialog")
        self.setWindowTitle(self.tr("Notify the families: {title}").format(title=title))
        self.resize(1100, 700)
        self.hub = hub
        self.group = group
        self.plan: crossing.NotifyPlan | None = None
        self._refresh = QTimer(self, singleShot=True, interval=250)
        self._refresh.timeout.connect(self.reload)

        self.template = QComboBox(objectName="notifyTemplate")
        self.language = QComboBox(objectName="notifyLanguage")
        self.language.addItems(list(LANGUAGES))
        self.date = QLineEdit(objectName="notifyDate")
        self.time = QLineEdit(objectName="notifyTime")
        self.meeting_point = QLineEdit(objectName="notifyMeetingPoint")
        self.bring = QLineEdit(objectName="notifyBring")
        self.approved_only = QCheckBox(self.tr("Only those the partner approved"), objectName="notifyApproved")
        self.approved_only.setChecked(group.approved_only)
        self.approved_only.setVisible(group.list_id is not None)
        self.second_round = QCheckBox(self.tr("Second round: only those not reached yet"), objectName="notifySecond")
        self.reconfirm = QCheckBox(self.tr("Re-confirmation: only those not confirmed for (days)"),
                                   objectName="notifyReconfirm")
        self.reconfirm.setToolTip(self.tr("The re-confirmation round: those whose family has not confirmed for "
                                          "this many days"))
        self.reconfirm_days = QSpinBox(objectName="notifyReconfirmDays", minimum=0, maximum=365, value=3)
        form = QFormLayout()
        form.addRow(self.tr("Template"), self.template)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Date"), self.date)
        form.addRow(self.tr("Time"), self.time)
        form.addRow(self.tr("Meeting point"), self.meeting_point)
        form.addRow(self.tr("What to bring"), self.bring)
        form.addRow(self.approved_only)
        form.addRow(self.second_round)
        reconfirm_row = QHBoxLayout()
        reconfirm_row.addWidget(self.reconfirm)
        reconfirm_row.addWidget(self.reconfirm_days)
        reconfirm_row.addStretch(1)
        form.addRow(reconfirm_row)

        self.model = QStandardItemModel(self)
        self.table = QTableView(objectName="notifyRecipients")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(objectName="notifySummary")
        self.problem = QLabel(objectName="notifyProblem")
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.setWordWrap(True)
        self.message = QPlainTextEdit(objectName="notifyMessage")
        self.message.setReadOnly(True)
        self.message.setMaximumHeight(QR_SIDE)
        self.counter = QLabel(objectName="notifyCounter")
        # The WhatsApp link as a QR code: an officer's work phone scans it and the chat opens with the text.
        self.qr = QLabel(objectName="notifyQr")
        self.qr.setToolTip(self.tr("Scan with a work phone: WhatsApp opens with the message"))

        links = QHBoxLayout()
        self.link_buttons = []
        for name, kind in ((self.tr("Call"), "tel"), (self.tr("SMS"), "sms"), (self.tr("WhatsApp"), "whatsapp")):
            button = QPushButton(name, objectName=f"open_{kind}")
            button.clicked.connect(lambda _checked=False, k=kind: self.open_link(k))
            links.addWidget(button)
            self.link_buttons.append(button)
        links.addSpacing(20)
        self.outcome_buttons = []
        for name, outcome in OUTCOMES:
            button = QPushButton(self.tr(name), objectName=f"outcome_{outcome.value}")
            button.clicked.connect(lambda _checked=False, o=outcome: self.log_attempt(o))
            links.addWidget(button)
            self.outcome_buttons.append(button)
        links.addStretch(1)
        files = QHBoxLayout()
        for name, kind, pattern in ((self.tr("Call sheet…"), "call_sheet", "PDF (*.pdf)"),
                                    (self.tr("SMS CSV…"), "sms_csv", "CSV (*.csv)"),
                                    (self.tr("Links page…"), "links", "HTML (*.html)")):
            button = QPushButton(name, objectName=f"write_{kind}")
            button.clicked.connect(lambda _checked=False, k=kind, p=pattern: self.write_file(k, p))
            files.addWidget(button)
        files.addStretch(1)

        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(files)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.problem)
        right.addWidget(self.table, 1)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.qr)
        right.addLayout(message_row)
        right.addWidget(self.counter)
        right.addLayout(links)
        layout.addLayout(left)
        layout.addLayout(right, 1)

        for edit in (self.date, self.time, self.meeting_point, self.bring):
            edit.textChanged.connect(self._refresh.start)
        for box in (self.template, self.language):
            box.currentIndexChanged.connect(self._refresh.start)
        for check in (self.approved_only, self.second_round, self.reconfirm):
            check.toggled.connect(self._refresh.start)
        self.reconfirm_days.valueChanged.connect(self._refresh.start)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self._load_templates()

    # --- reading ------------------------------------------------------------------------------

    def _load_templates(self) -> None:
        workspace = self.hub.workspace
        assert workspace is not None
        db = workspace.db

        def shown(templates: list[object]) -> None:
            names = list(dict.fromkeys(t.name for t in templates))  # type: ignore[attr-defined]
            self.template.blockSignals(True)
            self.template.addItems(names)
            self.template.blockSignals(False)
            self.reload()

        run_read(self, lambda: crossing.list_templates(db), shown)

    def fields(self) -> NotifyFields:
        return NotifyFields(self.date.text().strip(), self.time.text().strip(), self.meeting_point.text().strip(),
                            self.bring.text().strip())

    def reload(self) -> None:
        workspace = self.hub.workspace
        if workspace is None or not self.template.currentText():
            return
        db = workspace.db
        group = replace(self.group, approved_only=self.approved_only.isChecked(),
                        second_round=self.second_round.isChecked(),
                        unconfirmed_days=self.reconfirm_days.value() if self.reconfirm.isChecked() else None)
        name, language, fields = self.template.currentText(), self.language.currentText(), self.fields()
        run_read(self, lambda: crossing.notify_plan(db, group, crossing.get_template(db, name, language), fields),
                 self._show_plan, on_failure=self._show_problem)

    def _show_problem(self, exc: BaseException) -> None:
        if not isinstance(exc, RosterError):
            raise exc
        self.problem.setText(translated(exc))
        self.problem.show()

    def _show_plan(self, plan: crossing.NotifyPlan) -> None:
        self.plan = plan
        self.problem.hide()
        self.model.clear()
        self.model.setHorizontalHeaderLabels(["#", self.tr("Case"), self.tr("Name"), self.tr("Phones"),
                                              self.tr("Last try"), self.tr("SMS")])
        for r in plan.recipients:
            last = self.tr("reached") if r.reached else (
                f"{r.last_attempt.outcome.replace('_', ' ')} {r.last_attempt.at:%d.%m %H:%M}" if r.last_attempt
                else "")
            self.model.appendRow([QStandardItem(str(r.order)), QStandardItem(r.case_ref), QStandardItem(r.name),
                                  QStandardItem(", ".join(p.display for p in r.phones) or "—"), QStandardItem(last),
                                  QStandardItem(str(r.segments.segments))])
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr("{count} persons, {missing} not reached yet").format(
            count=len(plan.recipients), missing=plan.not_reached))
        if plan.recipients:
            self.table.selectRow(0)
        self._show_current()
        self.planned.emit(plan)

    def current(self) -> crossing.Recipient | None:
        row = self.table.currentIndex().row()
        if self.plan is None or not 0 <= row < len(self.plan.recipients):
            return None
        return self.plan.recipients[row]

    def _show_current(self) -> None:
        recipient = self.current()
        self.message.setPlainText(recipient.message if recipient else "")
        if self.plan is not None:
            self.message.setLayoutDirection(Qt.LayoutDirection.RightToLeft if self.plan.right_to_left
                                            else Qt.LayoutDirection.LeftToRight)
        if recipient is not None:
            s = recipient.segments
            self.counter.setText(self.tr("{units} characters · {encoding} · {segments} SMS of {per} each").format(
                units=s.units, encoding=s.encoding, segments=s.segments, per=s.per_segment))
        self.qr.setPixmap(_qr_pixmap(recipient.phones[0].links.whatsapp) if recipient and recipient.phones
                          else QPixmap())
        for button in self.link_buttons:
            button.setEnabled(bool(recipient and recipient.phones))
        for button in self.outcome_buttons:
            button.setEnabled(recipient is not None)

    # --- acting -------------------------------------------------------------------------------

    def open_link(self, kind: str) -> None:
        recipient = self.current()
        if recipient is None or not recipient.phones:
            return
        QDesktopServices.openUrl(QUrl(getattr(recipient.phones[0].links, kind)))

    def log_attempt(self, outcome: crossing.Outcome) -> None:
        recipient, workspace = self.current(), self.hub.workspace
        if recipient is None or workspace is None:
            return
        db, operator, list_id = workspace.db, workspace.operator, self.group.list_id
        run_write(self, self.hub, self.tr("Logging the attempt"),
                  lambda: crossing.record_attempt(db, recipient.person_id, outcome, operator=operator,
                                                  list_id=list_id),
                  lambda _attempt: self.reload(), kinds=frozenset({"persons"}))

    def write_file(self, kind: str, pattern: str, path: str | None = None) -> None:
        """Write one file of the plan (`path`, else asked for); the call sheet is drawn here, written off-thread."""
        plan, workspace = self.plan, self.hub.workspace
        if plan is None or workspace is None:
            return
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save"), "", pattern)
            if not path:
                return
        db, operator = workspace.db, workspace.operator
        targets: dict[str, object] = {"sms_csv_path": None, "links_path": None, "call_sheet_path": None}
        targets[f"{kind}_path"] = path
        render = None
        if kind == "call_sheet":
            from desktop_app.rendering import call_sheet_pdf

            pdf = call_sheet_pdf(plan)  # Qt's fonts belong to this thread

            def render(_plan: crossing.NotifyPlan) -> bytes:
                return pdf
        run_write(self, self.hub, self.tr("Writing"),
                  lambda: crossing.write_outputs(db, plan, operator=operator, render_call_sheet=render,
                                                 overwrite=True, **targets),  # type: ignore[arg-type]
                  self.written.emit, kinds=frozenset({"exports"}))
