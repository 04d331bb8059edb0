"""A membership: its term, its end, its named substitutes — state and events."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from meetings.domain.base import recording_as
from meetings.domain.errors import (
    DuplicateSubstituteError,
    InvalidFieldError,
    MembershipAlreadyEndedError,
    RuleBrokenError,
    SubstituteIsMemberError,
)
from meetings.domain.membership import Membership


def _membership(starts_on: date = date(2026, 1, 1), ends_on: date | None = None) -> Membership:
    with recording_as("clerk Jo"):
        return Membership(
            uuid4(), uuid4(), "Leader of Wycombe DC", "member", None, starts_on, ends_on
        )


def test_membership_began_records_who_and_the_term() -> None:
    m = _membership()
    [began] = m.collect_events()
    assert isinstance(began, Membership.Began)
    assert began.recorded_by == "clerk Jo"
    assert (began.seat, began.capacity, began.starts_on) == (
        "Leader of Wycombe DC",
        "member",
        date(2026, 1, 1),
    )
    assert m.in_force_on(date(2026, 1, 1)) and not m.in_force_on(date(2025, 12, 31))


def test_ending_a_membership_sets_its_last_day() -> None:
    m = _membership()
    m.collect_events()
    m.end(date(2026, 5, 20), "Lost seat at the election")
    [ended] = m.collect_events()
    assert isinstance(ended, Membership.Ended) and ended.ends_on == date(2026, 5, 20)
    assert m.in_force_on(date(2026, 5, 20)) and not m.in_force_on(date(2026, 5, 21))
    assert m.end_reason == "Lost seat at the election"


def test_membership_cannot_end_before_it_starts() -> None:
    m = _membership()
    with pytest.raises(InvalidFieldError) as raised:
        m.end(date(2025, 12, 1), None)
    assert raised.value.field == "ends_on"
    assert len(m.collect_events()) == 1


def test_membership_cannot_end_twice() -> None:
    m = _membership()
    m.end(date(2026, 3, 1), None)
    with pytest.raises(MembershipAlreadyEndedError, match="2026-03-01"):
        m.end(date(2026, 4, 1), None)


def test_a_fixed_term_membership_may_still_end_early() -> None:
    m = _membership(ends_on=date(2027, 1, 1))
    m.end(date(2026, 6, 30), "Resigned")
    assert m.ends_on == date(2026, 6, 30)


def test_named_substitutes_are_kept_and_withdrawn() -> None:
    m = _membership()
    deputy, other = uuid4(), uuid4()
    m.name_substitute(deputy, date(2026, 1, 5))
    m.name_substitute(other, date(2026, 1, 6))
    m.withdraw_substitute(other, date(2026, 2, 1))
    events = m.collect_events()
    assert [type(e).__name__ for e in events] == [
        "Began",
        "SubstituteNamed",
        "SubstituteNamed",
        "SubstituteWithdrawn",
    ]
    assert [s["person_id"] for s in m.current_substitutes()] == [deputy]


def test_substitute_rules() -> None:
    m = _membership()
    deputy = uuid4()
    m.name_substitute(deputy, date(2026, 1, 5))
    with pytest.raises(DuplicateSubstituteError):
        m.name_substitute(deputy, date(2026, 1, 6))
    with pytest.raises(SubstituteIsMemberError):
        m.name_substitute(m.person_id, date(2026, 1, 6))
    with pytest.raises(RuleBrokenError):
        m.withdraw_substitute(uuid4(), date(2026, 1, 6))
