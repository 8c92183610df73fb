"""The matching engine: partner answers against the roster, and duplicates within it.

Pure Python over `MatchRecord` values (no database, no Qt); the only layer that imports
rapidfuzz. A Fellegi-Sunter model: `comparisons` puts each candidate pair's fields at a level,
`model` holds m and u per level (u from random roster pairs, m fitted by EM, name term
frequencies), `scoring` turns levels into bits, a match probability and a decision, and
`engine` blocks, ranks and assigns. `Candidate.contributions` lists each field's bits.
"""

from desktop_app.matching.engine import (
    STAR_COPIES,
    Candidate,
    DuplicatePair,
    RosterIndex,
    Thresholds,
    collector_paused,
    collector_pauses_running,
    find_duplicates,
)
from desktop_app.matching.features import Prepared, RosterPreparing, prepare_fields
from desktop_app.matching.records import MatchRecord
from desktop_app.matching.scoring import (
    MATCH_THRESHOLD,
    REVIEW_THRESHOLD,
    Decision,
    decide,
    evidence_term,
    named_alike,
)

__all__ = ["MATCH_THRESHOLD", "REVIEW_THRESHOLD", "STAR_COPIES", "Candidate", "Decision", "DuplicatePair",
           "MatchRecord", "Prepared", "RosterIndex", "RosterPreparing", "Thresholds", "collector_paused",
           "collector_pauses_running", "decide", "evidence_term",
           "find_duplicates", "named_alike", "prepare_fields"]
