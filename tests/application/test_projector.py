"""The projector: exactly once, in order, across processes sharing one SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AppointMember,
    EstablishBody,
    OpenMeeting,
    RecordAttendance,
    RegisterPerson,
    ScheduleMeeting,
)
from meetings.infrastructure.settings import environment_for


def test_two_processes_on_one_file_each_read_the_others_writes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    first, second = (MeetingsApplication(environment_for(url)) for _ in range(2))
    body = first.establish_body(EstablishBody(name="Board", short_name="B", kind="board")).id
    people = [first.register_person(RegisterPerson(name=f"P{i}")).id for i in range(3)]
    first.appoint_member(
        AppointMember(
            body_id=body,
            person_id=people[0],
            seat="S0",
            capacity="member",
            starts_on=date(2025, 1, 1),
        )
    )
    starts = datetime(2026, 3, 4, 10, tzinfo=UTC)
    meeting = first.schedule_meeting(ScheduleMeeting(body_id=body, starts_at=starts))["id"]
    first.open_meeting(OpenMeeting(meeting_id=meeting))
    # Events no read model handles (attendance), then one that matters (a membership).
    first.record_attendance(
        RecordAttendance(meeting_id=meeting, person_id=people[0], status="present")
    )
    assert len(second.list_body_memberships(body, date(2026, 3, 4))) == 1
    second.appoint_member(
        AppointMember(
            body_id=body,
            person_id=people[1],
            seat="S1",
            capacity="member",
            starts_on=date(2025, 1, 1),
        )
    )
    assert len(first.list_body_memberships(body, date(2026, 3, 4))) == 2
    second.projector.reset()
    first.record_attendance(
        RecordAttendance(meeting_id=meeting, person_id=people[1], status="present")
    )
    first.appoint_member(
        AppointMember(
            body_id=body,
            person_id=people[2],
            seat="S2",
            capacity="member",
            starts_on=date(2025, 1, 1),
        )
    )
    for app in (first, second):
        assert len(app.list_body_memberships(body, date(2026, 3, 4))) == 3
    first.close()
    second.close()
