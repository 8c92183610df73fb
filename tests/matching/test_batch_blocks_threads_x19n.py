"""Two reconciles at once through one kept index make the blocks one alone makes (found by breaker X19n).

The reconcile screen is modeless: an officer can start a second reconcile (another answer, or the same
list's) while the first runs, and both go through copies of the kept index (`RosterIndex.fresh`) that share
its `RosterBlocks`. Since the window's warm-up builds that (c3347e0), not every block, it is what every
reconcile after the warm-up makes its blocks from. Its year-and-name-word blocks read a table of the roster's
name groups by word, made on first use (`_dated_groups`); it was published empty and filled in place, so a
reconcile arriving meanwhile read part of it, or filled it twice, and met fewer (or repeated) records in those
blocks: a rival left out lets a 'match' through that the ambiguity rule would have held for review.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import replace

from bench.matching_data import Person, make_answer, make_roster, roster_record
from desktop_app.domain.dates import PartialDate
from desktop_app.matching import RosterPreparing
from desktop_app.matching.batch_blocks import RosterBlocks
from desktop_app.matching.features import Prepared, blocking_keys, prepare

THREADS = 4


def _roster() -> tuple[list[Prepared], list[Person]]:
    """A roster of many distinct names (a long table to fill), some known by a year of birth only; its persons."""
    persons = make_roster(20_000, seed=83)
    records = [roster_record(person) for person in persons]
    records = [replace(r, birth_date=PartialDate(r.birth_date.year)) if k % 4 == 0 and r.birth_date else r
               for k, r in enumerate(records)]
    preparing = RosterPreparing()
    return [preparing.prepared(r.key, r.surname, r.given_names, r.patronymic, r.surname_latin, r.given_names_latin,
                               r.birth_date, r.sex, r.documents, r.uuid, r.case_ref, r.household_key, r.locality,
                               r.address) for r in records], persons


def test_reconciles_at_once_through_one_roster_blocks_make_the_blocks_one_alone_makes() -> None:
    roster, persons = _roster()
    answer = make_answer(persons, 300, seed=84)[0]
    answer = [replace(r, birth_date=PartialDate(r.birth_date.year)) if r.birth_date else r for r in answer]
    queries = [prepare(record) for record in answer]
    wanted = set().union(*(blocking_keys(query, indexing=False) for query in queries))
    alone = RosterBlocks(roster).blocks(queries, wanted)
    assert sum(1 for key in alone if key.startswith(("ty|", "yo|"))) > 50  # the year-and-word blocks are asked

    shared = RosterBlocks(roster)  # one kept index's, as the warm-up leaves it: the word table not made yet
    found: list[dict[str, list[int]]] = []
    start = threading.Barrier(THREADS)

    def reconcile() -> None:
        start.wait()
        found.append(shared.blocks(queries, wanted))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often, as a busy machine's may
    try:
        threads = [threading.Thread(target=reconcile) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert len(found) == THREADS
    for blocks in found:
        differing = sorted(key for key in alone.keys() | blocks.keys() if alone.get(key) != blocks.get(key))
        assert not differing, f"{len(differing)} blocks differ, e.g. {differing[:3]}"
