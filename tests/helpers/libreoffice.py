"""LibreOffice as partners use it: convert what we write, or produce files as they would.

Each session gets a private LibreOffice profile so parallel runs do not collide. LibreOffice
is installed by `make test` (packaging/system-deps.sh); a missing one fails the tests that
need it instead of skipping them quietly.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

CSV_UTF8_FORMATTED = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"


@pytest.fixture(scope="session")
def soffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """The soffice command line with a private profile."""
    exe = shutil.which("soffice")
    if exe is None:
        pytest.fail("LibreOffice (soffice) is missing: run `make test`, which installs libreoffice-calc-nogui")
    profile = tmp_path_factory.mktemp("lo-profile")
    yield [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless"]


def convert(soffice: list[str], source: Path, target_format: str, outdir: Path) -> Path | None:
    """`soffice --convert-to FORMAT`; the produced file, or None when LibreOffice made none."""
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([*soffice, "--convert-to", target_format, "--outdir", str(outdir), str(source)],
                   capture_output=True, timeout=180, check=False)
    extension = target_format.split(":", 1)[0]
    produced = outdir / f"{source.stem}.{extension}"
    return produced if produced.exists() else None


def libreoffice_csv(soffice: list[str], source: Path, outdir: Path) -> list[list[str]] | None:
    """The first sheet as LibreOffice shows it (UTF-8, formatted), or None if it made no CSV."""
    produced = convert(soffice, source, CSV_UTF8_FORMATTED, outdir)
    if produced is None:
        return None
    with produced.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))
