"""Protection in the window: passphrase at open, encryption, backups and restore, the audit check,
the idle lock and closing the crisis (retention).

    from desktop_app.ui.protection import Protection, open_roster
    database = open_roster(window, "roster.db", "A. Officer")   # asks an encrypted roster's passphrase
    host.feature(Protection).back_up_now()

`install(host)` adds the Tools menu's protection actions and starts automatic backups and the idle
lock (`feature.py`); the dialogs are `backup_dialog.py`, `passphrase_dialog.py`, `dialogs.py`
(plain copies, retention) and `lock.py` (the lock screen).
"""

from desktop_app.ui.protection.dialogs import PlainCopiesDialog, RetentionDialog
from desktop_app.ui.protection.feature import (
    Protection,
    WrongPassphrase,
    ask_passphrase,
    backup_folder,
    install,
    needs_passphrase,
    open_roster,
)

__all__ = ["PlainCopiesDialog", "Protection", "RetentionDialog", "WrongPassphrase", "ask_passphrase", "backup_folder",
           "install", "needs_passphrase", "open_roster"]
