"""The dashboard: the numbers a head of mission reads aloud in the morning meeting.

Big counts (persons, households, approved but not crossed, approvals about to expire,
follow-ups due), counts by status and by locality, and a bar chart of registrations and
crossings per day drawn with QPainter (QtCharts would add a large dependency for one chart).
Counting runs off the GUI thread, so a large roster never freezes the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QLocale, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import changes, stats
from desktop_app.services.stats import DailyCount, RosterStats
from desktop_app.ui import labels
from desktop_app.ui.operations import Progress, run_in_background
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.workspace_signals import OnWorkspace, WorkspaceHub

CHART_DAYS = 21
REGISTERED_COLOUR = QColor("#4e79a7")
CROSSED_COLOUR = QColor("#59a14f")


class DailyChart(QWidget):
    """Registrations and crossings per day, side by side bars, the last `CHART_DAYS` days."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dailyChart")
        self.counts: list[DailyCount] = []
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(600, 220)

    def set_counts(self, counts: Sequence[DailyCount]) -> None:
        self.counts = list(counts)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(8 + metrics.horizontalAdvance("0000"), line * 1.6, -8, -line * 1.6)
        painter.fillRect(self.rect(), self.palette().base())
        self._legend(painter, line)
        if not self.counts or area.width() <= 0 or area.height() <= 0:
            return
        top = max(1, *(max(c.registered, c.crossed) for c in self.counts))
        painter.setPen(QPen(QColor("#999999")))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawText(QRectF(0, area.top() - line / 2, area.left() - 4, line),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(top))
        painter.drawText(QRectF(0, area.bottom() - line / 2, area.left() - 4, line),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "0")
        slot = area.width() / len(self.counts)
        bar = max(1.0, slot * 0.38)
        for index, day in enumerate(self.counts):
            x = area.left() + index * slot + slot * 0.1
            for offset, value, colour in ((0.0, day.registered, REGISTERED_COLOUR), (bar, day.crossed, CROSSED_COLOUR)):
                height = area.height() * value / top
                painter.fillRect(QRectF(x + offset, area.bottom() - height, bar, height), colour)
            if index % max(1, len(self.counts) // 7) == 0 or index == len(self.counts) - 1:
                painter.setPen(QPen(self.palette().text().color()))
                painter.drawText(QRectF(x - slot, area.bottom() + 2, slot * 3, line),
                                 Qt.AlignmentFlag.AlignHCenter, QLocale().toString(day.day, "d MMM"))
        painter.end()

    def _legend(self, painter: QPainter, line: int) -> None:
        x = 8.0
        for text, colour in ((self.tr("Registered"), REGISTERED_COLOUR), (self.tr("Crossed"), CROSSED_COLOUR)):
            painter.fillRect(QRectF(x, 4, line * 0.8, line * 0.8), colour)
            painter.setPen(QPen(self.palette().text().color()))
            painter.drawText(QRectF(x + line, 0, 300, line * 1.2), Qt.AlignmentFlag.AlignVCenter, text)
            x += line * 1.5 + painter.fontMetrics().horizontalAdvance(text) + 12


class Figure(QFrame):
    """One big number with its caption; clicking it opens the roster on those persons."""

    clicked = Signal()

    def __init__(self, name: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"figure_{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("–", self)
        self.value.setObjectName(f"value_{name}")
        self.value.setStyleSheet("font-size: 24pt; font-weight: bold;")
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, value: int, alert: bool = False) -> None:
        self.value.setText(f"{value:,}")
        self.value.setStyleSheet("font-size: 24pt; font-weight: bold;" + (" color: #b71c1c;" if alert else ""))


class DashboardPage(QWidget, OnWorkspace):
    """Counts for today, refreshed when shown and after changes."""

    status_chosen = Signal(str)

    def __init__(self, hub: WorkspaceHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.hub = hub
        hub.follow(self, frozenset({changes.PERSONS, changes.HOUSEHOLDS, changes.OPERATIONS, changes.PARTNERS}),
                   self.refresh)
        self.stats: RosterStats | None = None
        self._task: object | None = None
        heading = QLabel(self.tr("Today"), self)
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.date_label = QLabel(self)
        refresh = QPushButton(self.tr("&Refresh"), self, objectName="refreshDashboard")
        refresh.clicked.connect(self.refresh)
        self.figures = {
            "persons": Figure("persons", self.tr("persons on the roster"), self),
            "households": Figure("households", self.tr("households"), self),
            "approved_not_crossed": Figure("approved_not_crossed", self.tr("approved, not yet crossed"), self),
            "approvals_expiring": Figure("approvals_expiring", self.tr("approvals expiring within 2 days"), self),
            # Issue 18: the calls still to make tonight (services.crossing.approved_not_reached).
            "not_reached": Figure("not_reached", self.tr("approved for tomorrow, not yet reached"), self),
            "follow_ups_due": Figure("follow_ups_due", self.tr("follow-ups due today or overdue"), self),
            "in_trash": Figure("in_trash", self.tr("in the trash"), self),
        }
        self.by_status: RecordsModel[tuple[str, int]] = RecordsModel(
            [(self.tr("Status"), lambda r: labels.status(r[0])), (self.tr("Persons"), lambda r: f"{r[1]:,}")],
            parent=self)
        self.by_locality: RecordsModel[tuple[str, int]] = RecordsModel(
            [(self.tr("Locality"), lambda r: r[0]), (self.tr("Persons"), lambda r: f"{r[1]:,}")], parent=self)
        self.by_flag: RecordsModel[tuple[str, int]] = RecordsModel(
            [(self.tr("Need"), lambda r: labels.flag(r[0])), (self.tr("Persons"), lambda r: f"{r[1]:,}")],
            parent=self)
        tables = QHBoxLayout()
        for title, model, name in ((self.tr("By status"), self.by_status, "statusCounts"),
                                   (self.tr("By locality"), self.by_locality, "localityCounts"),
                                   (self.tr("Needs"), self.by_flag, "flagCounts")):
            view = QTableView(self, objectName=name)
            view.setModel(model)
            view.verticalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(22)
            view.horizontalHeader().setStretchLastSection(True)
            view.setColumnWidth(0, 150)
            view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{title}</b>", self))
            column.addWidget(view)
            tables.addLayout(column)
            if model is self.by_status:
                view.activated.connect(lambda index: self.status_chosen.emit(self.by_status.record(index.row())[0]))
        self.chart = DailyChart(self)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.date_label, 1)
        top.addWidget(refresh)
        grid = QGridLayout()
        for index, figure in enumerate(self.figures.values()):
            grid.addWidget(figure, 0, index)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addLayout(tables, 3)
        layout.addWidget(QLabel(self.tr("<b>Registrations and crossings per day</b>"), self))
        layout.addWidget(self.chart, 2)

    @Slot()
    def refresh(self) -> None:
        """Count in the background; the page fills in when done."""
        db = self.db

        def count(_progress: Progress) -> tuple[RosterStats, list[DailyCount], int]:
            from desktop_app.services.crossing import approved_not_reached

            tomorrow = dt.date.today() + dt.timedelta(days=1)
            return (stats.roster_stats(db), stats.daily_counts(db, days=CHART_DAYS),
                    len(approved_not_reached(db, day=tomorrow)))

        self._task = run_in_background(self, self.tr("Counting"), count, self.show_stats)

    def show_stats(self, result: tuple[RosterStats, list[DailyCount], int]) -> None:
        figures, daily, not_reached = result
        self.stats = figures
        # The interface language's day and month names (strftime would give the C locale's English).
        self.date_label.setText(QLocale().toString(dt.date.today(), QLocale.FormatType.LongFormat))
        for name, figure in self.figures.items():
            value = not_reached if name == "not_reached" else int(getattr(figures, name))
            figure.set_value(value, alert=name in ("approvals_expiring", "follow_ups_due", "not_reached") and value > 0)
        self.by_status.set_records(list(figures.by_status.items()))
        self.by_locality.set_records(list(figures.by_locality.items()))
        self.by_flag.set_records(list(figures.by_flag.items()))
        self.chart.set_counts(daily)
