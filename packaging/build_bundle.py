"""Build the one-folder bundle with PyInstaller, then an archive beside it, and say what takes the room.

    python packaging/build_bundle.py            # `make bundle`: dist/mission-roster/ and its archive
    python packaging/build_bundle.py --reuse    # keep dist/mission-roster/ if built from the same inputs

The inputs are hashed (the package's files, the spec, pyproject.toml, and the name and version of
every installed distribution, PyInstaller's too); the hash is written into the bundle as
`bundle-inputs.txt`, so that `--reuse` (the slow test) rebuilds only when something changed.
On Linux, the `.desktop` entry, the icon and an install script go into the folder and the archive;
on Windows the archive is a .zip (the installer is made from the folder by Inno Setup, see
packaging/windows/mission-roster.iss).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "mission-roster.spec"
DIST = ROOT / "dist"
BUNDLE = DIST / "mission-roster"
STAMP_NAME = "bundle-inputs.txt"
TOP = 15


def executable(bundle: Path = BUNDLE) -> Path:
    """The bundle's main executable (the console one on Windows, where the windowed one has no output)."""
    return bundle / ("mission-roster-cli.exe" if sys.platform == "win32" else "mission-roster")


def inputs_hash() -> str:
    """What the bundle is built from, as one hash."""
    digest = hashlib.sha256()
    sources = [SPEC, ROOT / "packaging" / "bundle_main.py", ROOT / "pyproject.toml", Path(__file__)]
    sources += sorted(p for p in (ROOT / "desktop_app").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(installed).encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def up_to_date(wanted: str, bundle: Path = BUNDLE) -> bool:
    stamp = bundle / STAMP_NAME
    return executable(bundle).is_file() and stamp.is_file() and stamp.read_text().strip() == wanted


def build(wanted: str) -> None:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"), str(SPEC)],
                   check=True, cwd=ROOT)
    if sys.platform.startswith("linux"):
        strip_debug_information(BUNDLE)
        _add_linux_desktop_files(BUNDLE)
    (BUNDLE / STAMP_NAME).write_text(wanted + "\n")


def strip_debug_information(bundle: Path) -> list[Path]:
    """`strip --strip-debug` on the shared libraries that carry debug information (libpython, sqlcipher3:
    half their size), except those auditwheel vendored into `<package>.libs` folders, which strip breaks."""
    stripped = []
    tool = shutil.which("strip")
    for path in sorted(bundle.rglob("*")):
        if tool is None or path.is_symlink() or not path.is_file() or any(p.endswith(".libs") for p in path.parts):
            continue
        with open(path, "rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        if b".debug_info" in path.read_bytes():
            subprocess.run([tool, "--strip-debug", str(path)], check=True)
            stripped.append(path)
    return stripped


def _add_linux_desktop_files(bundle: Path) -> None:
    """The menu entry, the icons and a script that installs both for the user (no root needed)."""
    share = bundle / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "packaging" / "linux" / "mission-roster.desktop", share / "applications")
    for name in ("mission-roster.svg", "mission-roster.png"):
        shutil.copy2(ROOT / "packaging" / "icons" / name, share)
    install = bundle / "install-desktop-entry.sh"
    shutil.copy2(ROOT / "packaging" / "linux" / "install-desktop-entry.sh", install)
    install.chmod(0o755)


def archive(bundle: Path = BUNDLE) -> Path:
    """dist/mission-roster-<version>-<system>.tar.gz (.zip on Windows) holding the folder."""
    sys.path.insert(0, str(ROOT))
    from desktop_app import __version__

    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    stem = DIST / f"mission-roster-{__version__}-{system}-{os.uname().machine if hasattr(os, 'uname') else 'x64'}"
    if sys.platform == "win32":
        target = stem.with_suffix(".zip")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as packed:
            for path in sorted(bundle.rglob("*")):
                packed.write(path, path.relative_to(bundle.parent))
        return target
    target = stem.with_name(stem.name + ".tar.gz")
    with tarfile.open(target, "w:gz", compresslevel=6) as packed:
        packed.add(bundle, arcname=bundle.name)
    return target


def size(path: Path) -> int:
    if path.is_file() or path.is_symlink():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def report(bundle: Path = BUNDLE, packed: Path | None = None) -> str:
    """The size of the folder (and the archive) and the TOP entries that take the most room."""
    inner = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    entries = sorted(((size(p), p) for p in inner.iterdir()), reverse=True)[:TOP]
    lines = [f"{bundle}: {size(bundle) / 1e6:.1f} MB" + (f"; {packed.name}: {size(packed) / 1e6:.1f} MB" if packed
                                                         else "")]
    lines += [f"  {bytes_ / 1e6:7.1f} MB  {path.relative_to(bundle)}" for bytes_, path in entries]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep an existing bundle built from the same inputs")
    args = parser.parse_args(argv)
    wanted = inputs_hash()
    if args.reuse and up_to_date(wanted):
        print(f"{BUNDLE}: up to date (inputs {wanted[:12]})")
        return 0
    build(wanted)
    print(report(BUNDLE, archive(BUNDLE)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
