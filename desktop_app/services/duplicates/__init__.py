"""Duplicates: the same person registered twice, found with the matching engine and merged by hand.

    from desktop_app.services import duplicates

    pairs = duplicates.find_duplicates(db)                            # every pair at 'review' or above
    rows = duplicates.merge_comparison(db, keep_id, other_id)         # the two records field by field
    survivor = duplicates.merge_persons(db, keep_id, other_id, picks={"email": "other"}, operator="A. Petrova")
    survivor = duplicates.merge_many(db, keep_id, [copy_2, copy_3], operator="A. Petrova")  # one act, one undo
    duplicates.undo_merge(db, operation_id, operator="A. Petrova")
    duplicates.dismiss_pair(db, a_id, b_id, operator="A. Petrova")    # 'not a duplicate': never proposed again
    duplicates.merged_history(db, survivor_id)                        # status history across merged records
    duplicates.through_a_third({(1, 2), (2, 3)})                      # {(1, 3): 2}: two matching one same third

This package's public face is `__all__` below; code outside it imports only from here (an import
contract in pyproject.toml keeps it so; tests may reach the modules behind it): `merging` (finding
pairs and dismissing them, comparing, merging, undoing, the merged history).
"""

from __future__ import annotations

from desktop_app.services.duplicates.merging import (
    PICKABLE,
    SEARCH_STAGES,
    DuplicateCandidate,
    FieldChoice,
    HistoryEntry,
    PersonBrief,
    dismiss_pair,
    find_duplicates,
    merge_comparison,
    merge_many,
    merge_operations,
    merge_persons,
    merged_history,
    merged_refs,
    through_a_third,
    undismiss_pair,
    undo_merge,
)

__all__ = [
    "PICKABLE",
    "SEARCH_STAGES",
    "DuplicateCandidate",
    "FieldChoice",
    "HistoryEntry",
    "PersonBrief",
    "dismiss_pair",
    "find_duplicates",
    "merge_comparison",
    "merge_many",
    "merge_operations",
    "merge_persons",
    "merged_history",
    "merged_refs",
    "through_a_third",
    "undismiss_pair",
    "undo_merge",
]
