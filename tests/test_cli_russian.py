"""Issue 13 item 9, the command line's own output: with LANG=ru_RU.UTF-8, or with Russian chosen in
Tools > Settings, what `import`, `reconcile --apply`, `list send/answer/show`, `status`, `stats`,
`duplicates`, `backup`, `verify` print for a person is Russian (names, case references and file
paths as written); `--json` keeps its machine keys; English where the operator chose English.

Each command runs as the real program in a child process, on a real roster file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.storage.db import Database
from tests.services.import_support import write_xlsx
from tests.services.test_reconcile_roster import Roster, build_roster, write_answer

RUSSIAN = {"LANG": "ru_RU.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def _cli(db: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db), "--operator", "А. Петрова", *args],
                          capture_output=True, text=True, timeout=120, env={**os.environ, **env})


def _no_english_words(text: str) -> None:
    """The operator reads no English sentence: no common English word of our summaries is left."""
    for word in (" persons", " rows", " rejected", " approved,", " sent ", " warning", " found", " backup",
                 " applied", " possible duplicates", " not changed", " recorded"):
        assert word not in text, (word, text)


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db)


def test_the_daily_loop_on_the_command_line_is_russian(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = db.target.path
    assert path is not None
    sheet = write_xlsx(tmp_path / "volunteer.xlsx", [
        ["Фамилия", "Имя", "Дата рождения", "Паспорт"],
        ["Орлова", "Вера", "12.04.1979", "75 2223334"],
        ["Орлов", "Глеб", "31.02.1990", "75 2223335"]])
    imported = _cli(path, "import", str(sheet), env=RUSSIAN)
    assert imported.returncode == 0, imported.stderr
    assert "загрузка №1: строк: 2; новых: 1" in imported.stdout
    assert "отклонено: 1" in imported.stdout
    assert "строка 3: Отклонено" in imported.stderr  # the rejected row, its place and why, in Russian
    _no_english_words(imported.stdout + imported.stderr)

    assert _cli(path, "list", "create", "Rafah 15 Nov", env=RUSSIAN).stdout == "Rafah 15 Nov: создан\n"
    added = _cli(path, "list", "add", "Rafah 15 Nov", "MR-000012", env=RUSSIAN)  # Орлова, just imported
    assert added.stdout == "Rafah 15 Nov: добавлено: 1\n", added.stderr
    sent = _cli(path, "list", "send", "Rafah 15 Nov", env=RUSSIAN)
    assert sent.returncode == 0, sent.stderr
    assert "Rafah 15 Nov: отправлен (человек: 1)" in sent.stdout
    assert "ещё не проверены" in sent.stderr and "--verify-first" in sent.stderr
    _no_english_words(sent.stdout + sent.stderr)

    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"], [
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"],
        ["IVANOVA ANNA", "", "", "approved"]])
    applied = _cli(path, "reconcile", str(answer), "--list", "Rafah 14 Nov", "--apply", env=RUSSIAN)
    assert applied.returncode == 0, applied.stderr
    assert "применено как операция" in applied.stdout and "одобрено: 1" in applied.stdout
    assert "требуют проверки и не применены (1)" in applied.stdout
    assert "SHCHERBAKOV IVAN" in applied.stdout  # the partner's spelling, as written

    refused = _cli(path, "status", "MR-000001", "MR-000012", "registered", env=RUSSIAN)
    assert "не изменён(а): Статус нельзя сменить с «одобрен» на «зарегистрирован»" in refused.stderr
    _no_english_words(refused.stdout + refused.stderr)

    shown = _cli(path, "list", "show", env=RUSSIAN)
    assert "Rafah 14 Nov\t" in shown.stdout and "ждут ответа:" in shown.stdout and "одобрено: 1" in shown.stdout

    stats = _cli(path, "stats", env=RUSSIAN)
    assert stats.stdout.startswith("человек в базе: ") and "по статусам:" in stats.stdout
    assert "одобрен " in stats.stdout  # the status names translated as the window shows them
    _no_english_words(stats.stdout)

    checked = _cli(path, "verify", env=RUSSIAN)
    assert checked.stdout.startswith("журнал изменений цел: записей: ")
    doubles = _cli(path, "duplicates", env=RUSSIAN)
    assert "возможных дубликатов: " in doubles.stdout
    (tmp_path / "stick").mkdir()
    backed = _cli(path, "backup", str(tmp_path / "stick"), env=RUSSIAN)
    assert backed.returncode == 0, backed.stderr
    assert backed.stdout.startswith("резервная копия записана и проверена: ")


def test_json_keeps_its_keys_and_refusals_are_russian(db: Database, roster: Roster) -> None:
    path = db.target.path
    assert path is not None
    russian = json.loads(_cli(path, "stats", "--json", env=RUSSIAN).stdout)
    english = json.loads(_cli(path, "stats", "--json", env=ENGLISH).stdout)
    assert russian == english
    bad = _cli(path, "person", "edit", "MR-000001", "colour=blue", env=RUSSIAN)
    assert bad.returncode == 1
    assert "такого поля нет (поля: " in bad.stderr and "surname" in bad.stderr
    undo = _cli(path, "status", "--undo", "5", "MR-000001", env=RUSSIAN)
    assert "не принимает номеров дел и статуса" in undo.stderr


def test_the_settings_language_comes_before_lang(db: Database, roster: Roster) -> None:
    path = db.target.path
    assert path is not None
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "MissionRoster" / "MissionRoster.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[General]\nlanguage=ru\n", encoding="utf-8")
    said = _cli(path, "list", "create", "Rafah 15 Nov", env=ENGLISH)
    assert said.stdout == "Rafah 15 Nov: создан\n"
    settings.write_text("[General]\nlanguage=en\n", encoding="utf-8")
    said = _cli(path, "list", "create", "Rafah 16 Nov", env=RUSSIAN)
    assert said.stdout == "Rafah 16 Nov: created\n"


def test_person_show_and_export_are_russian_and_english_stays(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = db.target.path
    assert path is not None
    shown = _cli(path, "person", "show", "MR-000001", env=RUSSIAN)
    assert "фамилия: Щербаков" in shown.stdout and "Surname" not in shown.stdout
    assert "Surname: Щербаков" in _cli(path, "person", "show", "MR-000001", env=ENGLISH).stdout
    exported = _cli(path, "export", str(tmp_path / "out.xlsx"), "--include-without-consent", env=RUSSIAN)
    assert exported.returncode == 0, exported.stderr
    assert f"{tmp_path / 'out.xlsx'}: строк: " in exported.stdout and "профиль 'Full roster'" in exported.stdout
