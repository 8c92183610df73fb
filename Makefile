# Mission Roster: `make run` opens the app, `make test` runs the whole suite.
# Both create .venv and install what they need on a fresh machine with Python 3.11+.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test bench bundle lint sysdeps clean screenshots translations translations-update manual manual-screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# Qt needs a few system libraries that a minimal Debian lacks; the script installs them
# with apt-get when run as root and otherwise prints the one command to run.
sysdeps: $(STAMP)
	@sh packaging/system-deps.sh $(BIN)/python $(SYSDEPS_EXTRA)

run: sysdeps translations
	$(BIN)/mission-roster

test: SYSDEPS_EXTRA = --for-tests
test: lint sysdeps translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: sysdeps
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

# The one-folder bundle, built by PyInstaller for the system it runs on: dist/mission-roster/ (the
# executable dist/mission-roster/mission-roster) and an archive beside it; prints the size and what
# takes the room. packaging/windows/mission-roster.iss makes the Windows installer from the folder.
bundle: sysdeps translations
	$(BIN)/python -m pip install -q -e '.[bundle]'
	$(BIN)/python packaging/build_bundle.py

# ruff; the layering as import contracts ([tool.importlinter]); mypy strict on [tool.mypy]'s files.
lint: $(STAMP)
	$(BIN)/ruff check desktop_app tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

# Interface translations: Qt Linguist sources (.ts, checked in) compiled to .qm (build output).
# The window also compiles a missing or stale .qm on first use (see desktop_app/ui/i18n.py).
TS := $(wildcard desktop_app/resources/translations/*.ts)
QM := $(TS:.ts=.qm)
translations: $(QM)
%.qm: %.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# After changing interface strings: refresh the .ts sources from the code (then translate the new ones).
UI_SOURCES = $(shell find desktop_app/ui desktop_app/rendering -name '*.py' -not -path '*/__pycache__/*' | sort)
# Below the ui, templates are marked with domain/messages.py's QT_TRANSLATE_NOOP (Qt-free).
# Every package below the ui, sub-packages too (services/crossing/, the cli/ package): a file left out here
# would have its entries dropped from the .ts by -no-obsolete.
MESSAGE_SOURCES = $(shell grep -rl --include='*.py' --exclude-dir=ui --exclude-dir=rendering \
	--exclude-dir=__pycache__ QT_TRANSLATE_NOOP desktop_app | sort)
translations-update: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $(UI_SOURCES) $(MESSAGE_SOURCES) -ts desktop_app/resources/translations/mission_roster_ru.ts
	$(BIN)/pyside6-lupdate -pluralonly $(UI_SOURCES) -ts desktop_app/resources/translations/mission_roster_en.ts

clean:
	rm -rf $(VENV) build dist *.egg-info

# Screenshots of the real window (under Xvfb) for the README.
screenshots: sysdeps translations
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python packaging/take_screenshots.py

# The officer's manual (desktop_app/resources/manual/<language>/): its screenshots of the real window,
# and the PDF to print laid out by Qt from the HTML. Both are checked in and ship in the package.
manual-screenshots: sysdeps translations
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python packaging/take_screenshots.py --manual
manual: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_manual.py
