"""The package works installed non-editable: migrations and resources travel inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_migrations_and_resources(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("mission_roster-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    versions = {p.name for p in (ROOT / "desktop_app/storage/migrations/versions").glob("*.py")}
    assert {f"desktop_app/storage/migrations/versions/{name}" for name in versions} <= names
    assert "desktop_app/storage/migrations/env.py" in names
    resources = {str(p.relative_to(ROOT)) for p in (ROOT / "desktop_app/resources").rglob("*")
                 if p.is_file() and p.suffix != ".qm"}
    assert resources and resources <= names
    packages = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "desktop_app").rglob("*.py")}
    assert all(f"{package}/__init__.py" in names for package in packages), "every package needs an __init__.py"
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "mission-roster = desktop_app.launch:main" in entry_points
