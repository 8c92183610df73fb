#!/bin/sh
# Checks that Qt can start and, with --for-tests, that the tools the tests drive
# (LibreOffice, Xvfb, pdftotext) are present. Installs what is missing from Debian's packages
# when run as root; otherwise prints the command to run and fails.
set -eu
python="$1"; shift
for_tests=0
[ "${1:-}" = "--for-tests" ] && for_tests=1

missing=""
if ! QT_QPA_PLATFORM=offscreen "$python" -c "from PySide6.QtWidgets import QApplication" 2>/dev/null; then
    missing="$missing libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0"
fi
# The xcb platform (a real X desktop, or Xvfb for screenshots) needs these since Qt 6.5.
qt_dir=$("$python" -c "import PySide6, os; print(os.path.dirname(PySide6.__file__))" 2>/dev/null || true)
if [ -n "$qt_dir" ] && { ! ldconfig -p 2>/dev/null | grep -q libxcb-cursor.so.0 || \
        ldd "$qt_dir"/Qt/plugins/platforms/libqxcb.so "$qt_dir"/Qt/lib/libQt6XcbQpa.so.6 2>/dev/null | grep -q "not found"; }; then
    missing="$missing libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0"
    missing="$missing libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 libxcb-xfixes0"
fi
if [ "$for_tests" = 1 ]; then
    command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc-nogui"
    command -v xvfb-run >/dev/null 2>&1 || missing="$missing xvfb xauth"
    command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
fi
missing=$(echo $missing)
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: $missing"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "Missing system packages. Run:  sudo apt-get install -y $missing" >&2
    exit 1
fi
