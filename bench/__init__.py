"""Benchmarks: `make bench` (python -m bench). Each prints a table of ratios against the plain library."""
