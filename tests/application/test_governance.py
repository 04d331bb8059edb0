"""Issue 13 through the use cases: governance as the partnerships run it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

import pytest

from meetings.application import MeetingsApplication
from meetings.commands import (
    AddAgendaItem,
    AppointChair,
    EstablishBody,
    RegisterPerson,
    ScheduleMeeting,
)
from meetings.domain.errors import NotAllowedError
from meetings.domain.values import Role
from meetings.tokens import Principal

STARTS = datetime(2026, 3, 20, 10, tzinfo=UTC)


def _chair_principal(person_id: UUID) -> Principal:
    return Principal(id="t" * 16, name="Chair", role=Role.CHAIR, person_id=person_id)


def _body(app: MeetingsApplication, name: str = "CADEX") -> UUID:
    return app.establish_body(
        EstablishBody(name=name, short_name=name, kind="officers", open_to_public=True)
    ).id


def _person(app: MeetingsApplication, name: str) -> UUID:
    return app.register_person(RegisterPerson(name=name)).id


def _meeting(app: MeetingsApplication, body: UUID, starts_at: datetime = STARTS) -> UUID:
    meeting = app.schedule_meeting(ScheduleMeeting(body_id=body, starts_at=starts_at))["id"]
    app.add_agenda_item(AddAgendaItem(meeting_id=meeting, title="Budget", kind="decision"))
    return UUID(str(meeting))


def test_the_chair_in_office_on_the_meetings_day_agrees_its_papers(
    app: MeetingsApplication,
) -> None:
    """Seed 000 (CADEX): "each Chief Executive chairing and hosting three consecutive
    meetings"; "The Chairman shall be responsible for agreeing meeting agendas and draft
    minutes for circulation." The clock is today, long after March 2026."""
    body = _body(app)
    spring, summer = _person(app, "Spring Chair"), _person(app, "Summer Chair")
    for person, starts, ends in (
        (spring, date(2026, 1, 1), date(2026, 3, 31)),
        (summer, date(2026, 4, 1), None),
    ):
        app.appoint_chair(
            AppointChair(
                body_id=body, person_id=person, role="chair", starts_on=starts, ends_on=ends
            )
        )
    meeting = _meeting(app, body)
    assert app.check_chair(_chair_principal(spring), meeting) == spring
    assert app.check_chair(_chair_principal(spring), meeting, "agree the minutes") == spring
    with pytest.raises(NotAllowedError, match="in office on the day of the meeting"):
        app.check_chair(_chair_principal(summer), meeting)
    with pytest.raises(NotAllowedError, match="in the chair at the meeting"):
        app.check_chair(_chair_principal(summer), meeting, "agree the minutes")
