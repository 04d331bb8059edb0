"""The server takes a meeting's snapshots after the command that was due one has answered
(`snapshot_later`, which create_app turns on): the command does not wait for them, and
they are all taken, of the state saved, by the time the application closes. On the
backend under test."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.application import Repository

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AddAgendaItem,
    EstablishBody,
    OpenMeeting,
    RecordNote,
    ScheduleMeeting,
)
from meetings.domain.meeting import Meeting
from meetings.infrastructure.settings import environment_for
from web import create_app


def _open_meeting(app: MeetingsApplication) -> tuple[UUID, str]:
    body = app.establish_body(EstablishBody(name="Snap Board", short_name="Snap", kind="board"))
    starts = datetime(2026, 3, 20, 10, tzinfo=UTC)
    view = app.schedule_meeting(ScheduleMeeting(body_id=body.id, starts_at=starts))
    meeting = UUID(str(view["id"]))
    item = app.add_agenda_item(AddAgendaItem(meeting_id=meeting, title="Budget", kind="decision"))
    app.open_meeting(OpenMeeting(meeting_id=meeting))
    return meeting, str(item["id"])


def test_a_command_answers_before_its_snapshot_is_taken(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = MeetingsApplication(environment_for(database_url))
    create_app(app)  # as the server runs it
    assert app.snapshots is not None
    meeting, item = _open_meeting(app)
    release = threading.Event()
    put = app.snapshots.put

    def held_put(*args: Any, **kwargs: Any) -> Any:
        assert release.wait(10), "the command waited for its snapshot"
        return put(*args, **kwargs)

    monkeypatch.setattr(app.snapshots, "put", held_put)
    notes = 0
    while app._get(Meeting, "meeting", meeting).version < 100:
        app.record_note(RecordNote(meeting_id=meeting, item_id=item, text=f"Point {notes}"))
        notes += 1
    # Every command answered while the snapshots were held back: none is stored yet.
    assert list(app.snapshots.get(meeting)) == []
    release.set()
    app.close()  # takes the snapshots still to take

    again = MeetingsApplication(environment_for(database_url))
    try:
        assert again.snapshots is not None
        snapshots = list(again.snapshots.get(meeting))
        assert [s.originator_version for s in snapshots] == [50, 100]
        from_snapshot: Any = again.repository.get(meeting)
        replayed: Any = Repository(event_store=again.events).get(meeting)
        assert from_snapshot.version == replayed.version == 100
        assert from_snapshot.__dict__ == replayed.__dict__
        assert len(from_snapshot.live_entries("note")) == notes
    finally:
        again.close()
