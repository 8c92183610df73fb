"""The manual shipped in the package: every screenshot it names exists, and every menu path it names
(`<span class="menu">File &gt; Open roster…</span>`) is in the window's menus, in each language."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desktop_app.services import demo
from desktop_app.storage.db import open_database
from desktop_app.ui.help import MANUAL_LANGUAGES, manual_page
from desktop_app.ui.i18n import install_language
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences


class _Manual(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.menus: list[str] = []
        self.anchors: set[str] = set()
        self.links: list[str] = []
        self._menu: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "img":
            self.images.append(values["src"] or "")
        if tag == "span" and values.get("class") == "menu":
            self._menu = []
        if values.get("id"):
            self.anchors.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")

    def handle_data(self, data: str) -> None:
        if self._menu is not None:
            self._menu.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._menu is not None:
            self.menus.append(re.sub(r"\s+", " ", "".join(self._menu)).strip())
            self._menu = None


def read_manual(language: str) -> _Manual:
    parser = _Manual()
    parser.feed(manual_page(language).read_text(encoding="utf-8"))
    return parser


def window_menu_paths(window: MainWindow) -> set[str]:
    paths: set[str] = set()

    def walk(menu: QMenu, path: list[str]) -> None:
        menu.aboutToShow.emit()  # menus filled when shown (View, Open recent)
        for action in menu.actions():
            if action.isSeparator():
                continue
            text = action.text().replace("&", "")
            if action.menu() is not None:
                walk(action.menu(), [*path, text])
            else:
                paths.add(" > ".join([*path, text]))

    for name, menu in window.actions.menus.items():
        walk(menu, [menu.title().replace("&", "")])
        assert name
    return paths


@pytest.fixture(params=MANUAL_LANGUAGES)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    install_language(request.param)
    try:
        yield request.param
    finally:
        install_language("en")


def test_every_screenshot_the_manual_names_exists(language: str) -> None:
    manual = read_manual(language)
    assert len(manual.images) >= 8
    folder = manual_page(language).parent
    missing = [src for src in manual.images if not (folder / src).is_file()]
    assert not missing, f"{language}: {missing}"


def test_every_link_inside_the_manual_has_its_target(language: str) -> None:
    manual = read_manual(language)
    assert all(link.removeprefix("#") in manual.anchors for link in manual.links if link.startswith("#"))


def test_every_menu_item_the_manual_names_is_in_the_window(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    db = open_database(tmp_path / "roster.db")
    demo.fill_demo(db, households=2, operator="demo")
    preferences = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    preferences.language = language
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    try:
        paths = window_menu_paths(window)
        named = read_manual(language).menus
        assert len(named) >= 25
        missing = sorted({path for path in named if path not in paths})
        assert not missing, f"{language}: not in the window's menus: {missing}"
    finally:
        window.close()
        db.close()


def test_both_languages_cover_the_same_ground() -> None:
    english, russian = read_manual("en"), read_manual("ru")
    assert english.images == russian.images
    assert english.anchors == russian.anchors
    assert len(english.menus) == len(russian.menus)


def test_the_pdf_to_print_is_shipped_beside_each_manual(language: str) -> None:
    pdf = manual_page(language).with_name("manual.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heading = {"en": "Reconciling the answer", "ru": "Сверка ответа"}[language]
    assert heading in text and "recover --recover-with KEY.txt" in text
    pages = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(pages.splitlines()) - 2 >= len(read_manual(language).images)  # the screenshots are in it
