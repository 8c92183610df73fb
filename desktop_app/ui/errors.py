"""One presenter for expected errors and a crash dialog for everything else."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterable
from types import TracebackType

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.domain.errors import DatabaseError, EditConflict, ExchangeError, RosterError, TransitionRefused
from desktop_app.domain.messages import Joined, Message, render
from desktop_app.domain.reasons import match_reason
from desktop_app.logs import log_path, setup_logging

log = logging.getLogger(__name__)

_TITLES: list[tuple[type[RosterError], str]] = [
    (TransitionRefused, QT_TRANSLATE_NOOP("Errors", "Status change refused")),
    (EditConflict, QT_TRANSLATE_NOOP("Errors", "Changed by someone else")),
    (DatabaseError, QT_TRANSLATE_NOOP("Errors", "Database problem")),
    (ExchangeError, QT_TRANSLATE_NOOP("Errors", "File problem")),
    (RosterError, QT_TRANSLATE_NOOP("Errors", "Cannot do that")),
]


def error_title(exc: RosterError) -> str:
    """The box title in the interface language."""
    return QCoreApplication.translate("Errors", next(title for kind, title in _TITLES if isinstance(exc, kind)))


def translated(text: str | Message | Joined | RosterError) -> str:
    """A message from below the ui (an error, a problem, a reason) in the interface language:
    its template translated, its values (names, references) as they are."""
    if isinstance(text, RosterError):
        text = text.text
    return render(text, QCoreApplication.translate)


def match_reasons(reasons: Iterable[str]) -> str:
    """Matching's reasons for a pair in the interface language, joined by semicolons."""
    return "; ".join(translated(match_reason(reason)) for reason in reasons)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show an expected error in words a tired person understands; hand anything else to the crash dialog."""
    if not isinstance(exc, RosterError):
        show_crash(type(exc), exc, exc.__traceback__)
        return
    log.info("refused: %s", type(exc).__name__)  # the message may name a person: not logged
    from PySide6.QtWidgets import QMessageBox  # loaded when needed: the window's first paint does without

    box = QMessageBox(QMessageBox.Icon.Warning, error_title(exc), translated(exc), QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("errorMessage")
    box.exec()


def show_crash(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The unexpected: log the traceback and tell the user where it is."""
    setup_logging()  # the window starts logging after its first paint: a crash before that is logged too
    log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    if QApplication.instance() is None:
        sys.__excepthook__(kind, exc, tb)
        return
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Errors", "Unexpected error"),
                      QCoreApplication.translate("Errors", "Something went wrong inside Mission Roster. Your saved "
                                                 "data is safe.\n\nThe details were written to:\n%1\n\nPlease "
                                                 "send that file to your IT support.").replace("%1", str(log_path())),
                      QMessageBox.StandardButton.Ok)
    box.setObjectName("crashDialog")
    box.setDetailedText("".join(traceback.format_exception_only(kind, exc)))
    box.exec()


def install_excepthook() -> None:
    sys.excepthook = show_crash
