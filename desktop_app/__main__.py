"""`python -m desktop_app` runs the command line (no command opens the window)."""

from desktop_app.launch import main

raise SystemExit(main())
