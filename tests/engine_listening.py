"""Engine listeners for tests that watch statements while workers run.

SQLAlchemy iterates an engine's listener list on every statement and commit; removing a listener from the GUI
thread while a worker's statement iterates that list mutates it under the iteration ("deque mutated during
iteration", CI's run of session 13). So a test's listener is never removed: `listen_until_stopped` wraps it so
that after `stop()` it does nothing. The product itself adds no listener after an engine is made.

Usage::

    watch = listen_until_stopped(db.engine, "before_cursor_execute", record)
    try:
        ...
    finally:
        watch.stop()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event


class Listening:
    """A listener left on its target that goes inert once stopped."""

    def __init__(self, target: Any, identifier: str, listener: Callable[..., Any]) -> None:
        self.listener = listener
        self.stopped = False
        event.listen(target, identifier, self._call)

    def _call(self, *arguments: Any, **keywords: Any) -> Any:
        if self.stopped:
            return None
        return self.listener(*arguments, **keywords)

    def stop(self) -> None:
        self.stopped = True


def listen_until_stopped(target: Any, identifier: str, listener: Callable[..., Any]) -> Listening:
    return Listening(target, identifier, listener)
