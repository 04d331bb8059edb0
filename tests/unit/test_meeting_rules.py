"""Working days, ratification and quorum: pure rules, checked over many cases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.domain.rules import (
    clear_working_days,
    is_working_day,
    members_present,
    requires_ratification,
)

MEETING = datetime(2026, 3, 20, 10, tzinfo=UTC)


def test_bank_holidays_and_weekends_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day, substitute day
    assert not is_working_day(date(2026, 5, 4))  # Early May bank holiday
    assert not is_working_day(date(2026, 3, 7))  # a Saturday
    assert is_working_day(date(2026, 3, 9))


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=40),
)
def test_clear_working_days_counts_only_working_days_strictly_between(
    start: date, gap: int
) -> None:
    end = start + timedelta(days=gap)
    between = [start + timedelta(days=i) for i in range(1, gap)]
    assert clear_working_days(start, end) == sum(is_working_day(d) for d in between)
    assert clear_working_days(start, end) <= max(gap - 1, 0)


@pytest.mark.parametrize(
    ("method", "delegated", "notice_days", "notified_on", "expected"),
    [
        ("consensus", True, None, None, False),
        ("consensus", False, None, None, True),
        ("noted", False, 10, None, False),
        ("consensus", True, 10, None, True),
        ("consensus", True, 10, date(2026, 3, 10), False),  # exactly 10 days' notice
        ("consensus", True, 10, date(2026, 3, 11), True),  # 9 days
        ("vote", True, 10, date(2026, 2, 1), False),
    ],
)
def test_ratification_rule(
    method: str, delegated: bool, notice_days: int | None, notified_on: date | None, expected: bool
) -> None:
    assert requires_ratification(method, delegated, notice_days, notified_on, MEETING) is expected


arrivals = st.lists(
    st.tuples(
        st.sampled_from(["member", "adviser", "observer", "officer", "guest"]),
        st.integers(0, 120),
        st.one_of(st.none(), st.integers(0, 120)),
        st.sampled_from(["present", "apologies"]),
    ),
    max_size=15,
)


@given(arrivals, st.integers(0, 150))
def test_quorum_counts_members_in_the_room_at_the_moment(
    people: list[tuple[str, int, int | None, str]], minute: int
) -> None:
    start = datetime(2026, 3, 4, 10, tzinfo=UTC)
    entries = [
        {
            "capacity": cap,
            "status": status,
            "at": start + timedelta(minutes=arrive),
            "left_at": None if stay is None else start + timedelta(minutes=arrive + stay),
        }
        for cap, arrive, stay, status in people
    ]
    moment = start + timedelta(minutes=minute)
    expected = sum(
        1
        for cap, arrive, stay, status in people
        if cap == "member"
        and status == "present"
        and arrive <= minute
        and (stay is None or arrive + stay > minute)
    )
    assert members_present(entries, moment) == expected
