"""A command's first try decides on the meeting as this process last saw it, without
asking the log for newer events: when another process has moved the meeting on since,
the save is refused and the command decided again on the meeting as it stands, and a
refusal decided on the older copy is never the answer. Two applications on one store
(two servers), on the backend under test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from uuid import UUID

import pytest

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AddAgendaItem,
    CloseMeeting,
    EstablishBody,
    OpenMeeting,
    RecordNote,
    ScheduleMeeting,
)
from meetings.domain.errors import MeetingsError
from meetings.domain.meeting import Meeting
from meetings.infrastructure.settings import environment_for


@pytest.fixture
def two(database_url: str) -> Iterator[list[MeetingsApplication]]:
    first = MeetingsApplication(environment_for(database_url))
    second = MeetingsApplication(environment_for(database_url))
    yield [first, second]
    first.close()
    second.close()


def _open_meeting(app: MeetingsApplication) -> tuple[UUID, str]:
    body = app.establish_body(EstablishBody(name="Kept Board", short_name="Kept", kind="board"))
    starts = datetime(2026, 3, 20, 10, tzinfo=UTC)
    meeting = UUID(
        str(app.schedule_meeting(ScheduleMeeting(body_id=body.id, starts_at=starts))["id"])
    )
    item = app.add_agenda_item(AddAgendaItem(meeting_id=meeting, title="Budget", kind="decision"))
    app.open_meeting(OpenMeeting(meeting_id=meeting))
    return meeting, str(item["id"])


def _note(app: MeetingsApplication, meeting: UUID, item: str, text: str) -> None:
    app.record_note(RecordNote(meeting_id=meeting, item_id=item, text=text))


def test_a_write_by_another_process_is_kept_and_the_command_applied_after_it(
    two: list[MeetingsApplication],
) -> None:
    first, second = two
    meeting, item = _open_meeting(first)
    _note(second, meeting, item, "Written by the other server")
    _note(first, meeting, item, "Written here, on a copy one event behind")
    for app in (first, second):
        notes = [e["text"] for e in app._get(Meeting, "meeting", meeting).live_entries("note")]
        assert notes == ["Written by the other server", "Written here, on a copy one event behind"]


def test_a_refusal_is_never_decided_on_a_copy_behind_the_log(
    two: list[MeetingsApplication],
) -> None:
    first, second = two
    meeting, _ = _open_meeting(first)
    # The other server adds an item this one's kept copy does not have: a note on it is
    # refused on that copy, and accepted on the meeting as it stands.
    added = second.add_agenda_item(
        AddAgendaItem(meeting_id=meeting, title="AOB", kind="information")
    )
    _note(first, meeting, str(added["id"]), "On the new item")
    notes = first._get(Meeting, "meeting", meeting).live_entries("note")
    assert [n["text"] for n in notes] == ["On the new item"]


def test_a_command_the_log_has_overtaken_is_refused_on_the_meeting_as_it_stands(
    two: list[MeetingsApplication],
) -> None:
    first, second = two
    meeting, item = _open_meeting(first)
    second.close_meeting(CloseMeeting(meeting_id=meeting))
    events = first.recorder.max_notification_id()
    with pytest.raises(MeetingsError):
        _note(first, meeting, item, "After the close")
    assert first.recorder.max_notification_id() == events
