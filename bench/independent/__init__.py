"""An independent yardstick for matching: a cross-alphabet roster and border list with their truth.

    python -m bench.independent                 # seeds 1 (tuning) and 2-5 (report) through the CLI
    python -m bench.independent --seeds 2 --roster 5000 --answer 1000 --keep out/

Nothing here imports `desktop_app`: the engine is run only as a program (`mission-roster`),
so the generator cannot borrow the engine's idea of a name (a test checks the rule).
`generate` draws the people and the answer, `check` runs the program and scores it,
`rates` holds every probability with the studies it comes from.
"""
