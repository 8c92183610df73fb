"""Breaker X19c (issue 19): an export aimed at a file it must not open.

A name that is a named pipe (or a device) was opened to see whether it holds a database: the open
waits for a writer that never comes, and the export (or the export dialog, which checks the name
as it is typed) hung for good. Such a name is refused, as a folder is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.output_files import OutputRefused
from desktop_app.services import exporting, persons
from desktop_app.services.exporting import export_persons
from desktop_app.storage.db import Database
from desktop_app.storage.models import AuditEntry

DAY = dt.date(2026, 11, 20)


@contextlib.contextmanager
def _unblocking_writer(fifo: Path) -> Iterator[None]:
    """Opens `fifo` for writing as soon as someone waits to read it, so that a test of a hang fails
    instead of hanging; does nothing when nobody ever reads it."""
    done = threading.Event()

    def unblock() -> None:
        while not done.wait(0.02):
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # ENXIO until a reader waits
            except OSError:
                continue
            return

    thread = threading.Thread(target=unblock)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


@pytest.mark.parametrize("overwrite", [False, True])
@pytest.mark.parametrize("name", ["pipe.csv", "pipe.xlsx"])
def test_an_export_named_as_a_pipe_is_refused_without_waiting(db: Database, operator: str, tmp_path: Path,
                                                              name: str, overwrite: bool) -> None:
    persons.create_person(db, {"surname": "Иванов", "given_names": "Пётр", "consent_to_share": True},
                          operator=operator)
    pipe = tmp_path / name
    os.mkfifo(pipe)
    with _unblocking_writer(pipe), pytest.raises(OutputRefused, match="not a file"):
        exporting.check_export_path(db, pipe, overwrite=overwrite)
    with _unblocking_writer(pipe), pytest.raises(OutputRefused, match="not a file"):
        export_persons(db, pipe, operator=operator, overwrite=overwrite, today=DAY)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert [p for p in tmp_path.iterdir() if p.name.startswith(("pipe", ".pipe"))] == [pipe]  # no partial left
    with db.reading() as session:
        assert session.scalar(select(AuditEntry.id).where(AuditEntry.entity == "export")) is None
