"""What the command line prints for a person to read, in the operator's language (Tools > Settings,
else LC_ALL/LC_MESSAGES/LANG), through the same catalogue as the window's messages:

    from desktop_app.cli.commands.speech import QT_TRANSLATE_NOOP, say, word

    say(QT_TRANSLATE_NOOP("cli", "{name}: sent ({n} persons)"), name="Rafah 14", n=12)
    say(QT_TRANSLATE_NOOP("cli", "{ref}: {state}"), ref="MR-000001", state=word("verified"), file=sys.stderr)

Templates are marked with `QT_TRANSLATE_NOOP` so that `make translations-update` collects them;
values (names, case references, file paths, numbers) are never translated, stored words (a status,
an answer) through `word`. Tab-separated tables and `--json` stay as they are: scripts read them.
The catalogue is read only when something is said, with QtCore alone (no widgets); cli/program.py
tells where it is (`set_catalogue`).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TextIO

from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Joined, Message, Template, Translate, english, label

__all__ = ["QT_TRANSLATE_NOOP", "Joined", "Message", "say", "spoken", "translate", "word"]


def _english_only() -> Translate | None:
    return None


_loader: Callable[[], Translate | None] = _english_only


def set_catalogue(loader: Callable[[], Translate | None]) -> None:
    """Where the operator's catalogue comes from: `loader` is called once, when something is first
    said (cli/program.py hands the one that reads Settings and LANG; commands never import the window)."""
    global _loader
    _loader = loader
    translate.cache_clear()


@functools.cache
def translate() -> Translate:
    """The command line's translate function (English when no catalogue applies)."""
    return _loader() or english


def spoken(text: str | Message | Joined | Template, /, **values: Any) -> str:
    """`text` (a template with `values`, a message, or plain text) in the command line's language."""
    if isinstance(text, Template):
        text = Message(text, **values)
    if isinstance(text, Message | Joined):
        return text.render(translate())
    return text


def say(text: str | Message | Joined | Template, /, *, file: TextIO | None = None, **values: Any) -> None:
    """Print `text` (see `spoken`) on stdout, or on `file`."""
    print(spoken(text, **values), file=file if file is not None else sys.stdout)


def word(value: str) -> str | Template:
    """A stored word (status, answer, list state) to be shown translated."""
    return label(value)
