"""Which column of a partner's answer is the decision, and which header is no person field."""

from __future__ import annotations

from desktop_app.exchange.headers import match_header
from desktop_app.services.reconciling.answer import DECISION, VALID_UNTIL, answer_mapping


def test_a_plain_decision_column_wins_over_a_generic_status_column() -> None:
    # Our own full-roster export returned with a Decision column added: Status is our workflow state.
    mapping = answer_mapping(["Case ref.", "Status", "Decision", "Approval valid until"], {0: "case_ref"})
    assert mapping[2] == DECISION and mapping.get(1) != DECISION
    assert mapping[3] == VALID_UNTIL


def test_a_generic_status_column_is_the_decision_when_nothing_else_is() -> None:
    assert answer_mapping(["Name", "Статус"], {})[1] == DECISION


def test_approval_validity_is_not_a_document_expiry() -> None:
    for header in ("Approval valid until", "Разрешение действует до", "Autorisation valable jusqu'au"):
        assert match_header(header) is None, header
    assert match_header("Valid until")[0] == "document_expiry_date"  # type: ignore[index]
    assert match_header("Document expiry")[0] == "document_expiry_date"  # type: ignore[index]
