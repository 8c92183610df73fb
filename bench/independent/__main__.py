"""`python -m bench.independent [--seeds ...] [--roster N] [--answer N] [--keep DIR]`: see `check`."""

from __future__ import annotations

import sys

from bench.independent.check import main

sys.exit(main())
