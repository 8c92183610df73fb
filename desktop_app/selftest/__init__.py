"""`mission-roster --self-test`: prove, on the machine it runs on, that the program (a bundle
above all) carries what it needs and does the officer's daily work.

    mission-roster --self-test          # one line per step, "ok" or "FAILED: reason"; exit 0 if all passed
    python -m desktop_app --self-test   # the same from a source checkout

The steps (`runner.SelfTest`): the files read from disk (migrations, translations, font, iuliia's
schemas, the command modules imported by name); an old roster (schema 0006, shipped) opened and
migrated; the roster encrypted with SQLCipher; a small .xlsx, .xls, .ods and .csv imported;
an answer reconciled and applied; an encrypted workbook and a PDF manifest exported and read
back (Cyrillic and Arabic); the passphrase changed; backups taken while one is held open,
rotated, verified and restored; `--json` redirected to a file as UTF-8; the Russian catalogue's
plural forms. All in a temporary folder named with spaces and Cyrillic, removed at the end.
"""

from desktop_app.selftest.runner import run_self_test

__all__ = ["run_self_test"]
