"""The bundle's entry script (PyInstaller's `Analysis` starts here): the same `main` as the
`mission-roster` console script, so the bundle and a source install behave alike."""

import sys

from desktop_app.launch import main

if __name__ == "__main__":
    sys.exit(main())
