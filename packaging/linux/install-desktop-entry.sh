#!/bin/sh
# Put Mission Roster in this user's application menu (no root needed): the menu entry points at the
# executable beside this script, the icon goes to the user's icon theme. Run it again after moving
# the folder; `--remove` takes both away. The program and its folder stay where they are.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
entry="$data/applications/mission-roster.desktop"
icon="$data/icons/hicolor/scalable/apps/mission-roster.svg"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$entry" "$icon"
    exit 0
fi
mkdir -p "$data/applications" "$data/icons/hicolor/scalable/apps"
cp "$here/share/mission-roster.svg" "$icon"
sed "s|^Exec=mission-roster|Exec=\"$here/mission-roster\"|" "$here/share/applications/mission-roster.desktop" > "$entry"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
echo "Mission Roster added to the applications menu ($entry)"
