"""As-at membership from the read model agrees with the rule, whatever the terms."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AppointMember,
    EndMembership,
    EstablishBody,
    RegisterPerson,
)
from meetings.domain.rules import in_term
from meetings.infrastructure.settings import environment_for

START = date(2024, 1, 1)
offsets = st.integers(min_value=0, max_value=60)
terms = st.lists(
    st.tuples(offsets, st.one_of(st.none(), offsets), st.booleans()), min_size=1, max_size=6
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms=terms, probe=offsets)
def test_memberships_in_force_match_the_term_rule(
    terms: list[tuple[int, int | None, bool]], probe: int
) -> None:
    app = MeetingsApplication(environment_for("sqlite:///:memory:"))
    body = app.establish_body(EstablishBody(name="Board", short_name="B", kind="board")).id
    expected = set()
    day = START + timedelta(days=probe)
    for i, (start, length, ended_later) in enumerate(terms):
        person = app.register_person(RegisterPerson(name=f"P{i}")).id
        starts_on = START + timedelta(days=start)
        ends_on = starts_on + timedelta(days=length) if length is not None else None
        membership = app.appoint_member(
            AppointMember(
                body_id=body,
                person_id=person,
                seat=f"Seat {i}",
                capacity="member",
                starts_on=starts_on,
                ends_on=None if ended_later else ends_on,
            )
        ).id
        if ended_later and ends_on is not None:
            app.end_membership(
                EndMembership(body_id=body, membership_id=membership, ends_on=ends_on)
            )
        if in_term(day, starts_on, ends_on):
            expected.add(f"Seat {i}")
    assert {m.seat for m in app.list_body_memberships(body, day)} == expected
    app.close()
