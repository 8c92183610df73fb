"""The matching engine: partner answers against the roster, and duplicates within it.

Pure Python over `MatchRecord` values (no database, no Qt); the only layer that imports
rapidfuzz. See `engine` for the index and `scoring` for the weights and rules.
"""

from desktop_app.matching.engine import Candidate, DuplicatePair, RosterIndex, Thresholds, find_duplicates
from desktop_app.matching.records import MatchRecord
from desktop_app.matching.scoring import MATCH_THRESHOLD, REVIEW_THRESHOLD, Decision, decide

__all__ = ["MATCH_THRESHOLD", "REVIEW_THRESHOLD", "Candidate", "Decision", "DuplicatePair", "MatchRecord",
           "RosterIndex", "Thresholds", "decide", "find_duplicates"]
