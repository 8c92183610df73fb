"""`make bench`: every benchmark in turn, each printing its own table of ratios."""

from __future__ import annotations

import importlib
import sys
import time

BENCHMARKS = [
    "bench.roster_bench",
    "bench.million_bench",
    "bench.million_scale",
    "bench.import_bench",
    "bench.export_bench",
    "bench.matching_bench",
    "bench.independent.check",
    "bench.splink_reference",
    "bench.ui_bench",
    "bench.bundle_bench",
    "bench.protection_bench",
    "bench.officers_bench",
    "bench.changes_bench",
    "bench.checkin_bench",
    "bench.package_bench",
]


def main() -> int:
    failures = 0
    for name in BENCHMARKS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            print(f"\n== {name}: not present")
            continue
        print(f"\n== {name}", flush=True)
        started = time.perf_counter()
        code = module.main([])
        failures += bool(code)
        print(f"({name} took {time.perf_counter() - started:.0f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
