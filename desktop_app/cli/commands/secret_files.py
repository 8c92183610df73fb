"""Reading a passphrase or password from a file, the same way for every command.

    text = read_secret_file("pw.txt", "passphrase file")  # whole text, BOM and encoding handled
    password = read_password_file("pw.txt")                # its first line, for a workbook password

Files written by Notepad or PowerShell start with a byte-order mark or are UTF-16: UTF-8 (with
or without BOM) and UTF-16 with its BOM are read. A NUL character, undecodable bytes, an
unreadable or missing file give one clear line (a RosterError naming the file), never a
traceback. The secret itself never appears in a message.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from desktop_app.domain.errors import RosterError

__all__ = ["read_password_file", "read_secret_file"]

MAX_SECRET_FILE = 64 * 1024  # a passphrase file, not a document: refuse to slurp something else


def read_secret_file(path: str, what: str) -> str:
    """The decoded text of the file at `path` (`what` names it in messages, e.g. "passphrase file")."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_SECRET_FILE + 1)
    except FileNotFoundError:
        raise RosterError(f"{path}: no such {what}") from None
    except OSError as exc:
        raise RosterError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    if len(data) > MAX_SECRET_FILE:
        raise RosterError(f"{path}: too large for a {what} (is it the right file?)")
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError(f"{path}: the {what} is not UTF-8 or UTF-16 text; save it as UTF-8") from None
    if "\x00" in text:
        raise RosterError(f"{path}: the {what} holds a NUL character (is it UTF-16 without a byte-order mark?); "
                          "save it as UTF-8 text")
    return text.removeprefix("\ufeff")


def read_password_file(path: str) -> str:
    """A workbook password: the first line of the file at `path`, without its line ending."""
    password = read_secret_file(path, "password file").split("\n", 1)[0].removesuffix("\r")
    if not password:
        raise RosterError(f"{path}: the first line of the password file is empty")
    return password
