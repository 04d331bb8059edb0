"""Terms and dates: property-based checks of the interval rules."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from meetings.domain.rules import end_of_london_day, in_term, london_date, terms_overlap

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
maybe_days = st.one_of(st.none(), days)


@given(days, days, maybe_days)
def test_in_term_means_on_or_after_start_and_on_or_before_end(
    day: date, start: date, end: date | None
) -> None:
    expected = start <= day and (end is None or day <= end)
    assert in_term(day, start, end) is expected


@given(days, maybe_days, days, maybe_days)
def test_terms_overlap_exactly_when_some_day_is_in_both(
    a_start: date, a_end: date | None, b_start: date, b_end: date | None
) -> None:
    if (a_end is not None and a_end < a_start) or (b_end is not None and b_end < b_start):
        return
    first_common = max(a_start, b_start)
    common = in_term(first_common, a_start, a_end) and in_term(first_common, b_start, b_end)
    assert terms_overlap(a_start, a_end, b_start, b_end) is common


@given(days)
def test_end_of_london_day_is_still_that_day_in_london(day: date) -> None:
    end = end_of_london_day(day)
    assert london_date(end) == day
    assert london_date(end + timedelta(microseconds=1)) == day + timedelta(days=1)
