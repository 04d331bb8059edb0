"""A body: rules, terms of reference versions, chairs and their terms."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from meetings.domain.body import Body
from meetings.domain.errors import (
    ChairTermAlreadyEndedError,
    ChairTermOverlapError,
    InvalidFieldError,
    NotFoundError,
)


def _board() -> Body:
    return Body(
        "BSP Board",
        "BSP Board",
        "board",
        None,
        "consensus",
        6,
        5,
        10,
        True,
        [],
        "Partnership of partnerships",
        "quarterly",
    )


def test_terms_of_reference_keep_every_version() -> None:
    body = _board()
    body.adopt_terms_of_reference("First", date(2025, 4, 1))
    body.adopt_terms_of_reference("Second", date(2026, 4, 1))
    assert [t["version"] for t in body.terms_of_reference] == [1, 2]
    assert body.terms_of_reference_on(date(2025, 12, 1))["text"] == "First"  # type: ignore[index]
    assert body.terms_of_reference_on(date(2026, 4, 1))["text"] == "Second"  # type: ignore[index]
    assert body.terms_of_reference_on(date(2025, 1, 1)) is None
    assert [type(e).__name__ for e in body.collect_events()] == [
        "Established",
        "TermsOfReferenceAdopted",
        "TermsOfReferenceAdopted",
    ]


def test_rotating_chairs_follow_each_other() -> None:
    body = _board()
    a, b = uuid4(), uuid4()
    body.appoint_chair(uuid4(), a, "Chief Exec A", "chair", date(2025, 4, 1), date(2025, 6, 30))
    body.appoint_chair(uuid4(), b, "Chief Exec B", "chair", date(2025, 7, 1), date(2025, 9, 30))
    assert body.chair_on("chair", date(2025, 6, 30))["person_id"] == a  # type: ignore[index]
    assert body.chair_on("chair", date(2025, 7, 1))["person_id"] == b  # type: ignore[index]
    assert body.chair_on("chair", date(2025, 10, 1)) is None


def test_two_chairs_at_once_is_refused() -> None:
    body = _board()
    body.appoint_chair(uuid4(), uuid4(), "Cllr Smith", "chair", date(2025, 4, 1), None)
    with pytest.raises(ChairTermOverlapError, match="Cllr Smith"):
        body.appoint_chair(uuid4(), uuid4(), "Cllr Jones", "chair", date(2026, 1, 1), None)
    body.appoint_chair(uuid4(), uuid4(), "Cllr Jones", "vice_chair", date(2026, 1, 1), None)


def test_ending_a_chair_term_makes_room_for_the_next() -> None:
    body = _board()
    term = uuid4()
    body.appoint_chair(term, uuid4(), "Cllr Smith", "chair", date(2025, 4, 1), None)
    body.end_chair_term(term, date(2025, 12, 31), "Stood down")
    body.appoint_chair(uuid4(), uuid4(), "Cllr Jones", "chair", date(2026, 1, 1), None)
    with pytest.raises(ChairTermAlreadyEndedError):
        body.end_chair_term(term, date(2026, 1, 1), None)
    with pytest.raises(NotFoundError):
        body.end_chair_term(uuid4(), date(2026, 1, 1), None)


def test_revising_rules_changes_only_revisable_rules() -> None:
    body = _board()
    body.revise_rules({"quorum": 8, "decision_method": "vote"})
    assert (body.quorum, body.decision_method) == (8, "vote")
    with pytest.raises(InvalidFieldError):
        body.revise_rules({"replaces": []})
    with pytest.raises(InvalidFieldError):
        body.revise_rules({"reports_to": body.id})
