"""A meeting's record stays whole when writers collide, and after odd corrections."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AddAgendaItem,
    AppointMember,
    CorrectEntry,
    DeferItem,
    EstablishBody,
    OpenMeeting,
    RecordAttendance,
    RecordNote,
    RegisterPerson,
    ScheduleMeeting,
)
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.person import Person
from projections.base import ReadModel
from projections.projector import READ_MODELS, Projector

STARTS = datetime(2026, 3, 20, 10, tzinfo=UTC)


def _setup(app: MeetingsApplication) -> tuple[UUID, UUID, UUID]:
    body = app.establish_body(EstablishBody(name="Board", short_name="B", kind="board")).id
    person = app.register_person(RegisterPerson(name="Member")).id
    app.appoint_member(
        AppointMember(
            body_id=body, person_id=person, seat="S", capacity="member", starts_on=date(2025, 1, 1)
        )
    )
    meeting = app.schedule_meeting(ScheduleMeeting(body_id=body, starts_at=STARTS))["id"]
    return body, person, meeting


def _once_before_saving(app: MeetingsApplication, interloper: Callable[[], Any]) -> None:
    """Let another writer land between this command's load and its save, once."""
    save = app.save
    fired: list[bool] = []

    def save_after_interloper(*args: Any, **kwargs: Any) -> Any:
        if not fired:
            fired.append(True)
            app.save = save  # type: ignore[method-assign]
            interloper()
            app.save = save_after_interloper  # type: ignore[method-assign]
        return save(*args, **kwargs)

    app.save = save_after_interloper  # type: ignore[method-assign]


def test_deferring_to_a_meeting_another_clerk_is_changing_leaves_both_whole(
    app: MeetingsApplication,
) -> None:
    body, _, meeting = _setup(app)
    later = app.schedule_meeting(
        ScheduleMeeting(body_id=body, starts_at=STARTS + timedelta(days=30))
    )["id"]
    item = app.add_agenda_item(AddAgendaItem(meeting_id=meeting, title="Housing", kind="decision"))[
        "id"
    ]
    _once_before_saving(
        app,
        lambda: app.add_agenda_item(
            AddAgendaItem(meeting_id=later, title="Budget", kind="decision")
        ),
    )
    app.defer_item(
        DeferItem(meeting_id=meeting, item_id=item, reason="Papers late", to_meeting_id=later)
    )
    app._live.clear()
    titles = [i["title"] for i in app.get_meeting(later).agenda]
    assert sorted(titles) == ["Budget", "Housing"]


def test_a_correction_retried_after_another_keeps_what_the_other_changed(
    app: MeetingsApplication,
) -> None:
    _, _, meeting = _setup(app)
    first = app.add_agenda_item(AddAgendaItem(meeting_id=meeting, title="A", kind="decision"))
    second = app.add_agenda_item(AddAgendaItem(meeting_id=meeting, title="B", kind="decision"))
    app.open_meeting(OpenMeeting(meeting_id=meeting))
    note = app.record_note(RecordNote(meeting_id=meeting, item_id=first["id"], text="Teh"))
    _once_before_saving(
        app,
        lambda: app.correct_entry(
            CorrectEntry(
                meeting_id=meeting,
                entry_id=note["id"],
                reason="Wrong item",
                replacement={"item_id": second["id"]},
            )
        ),
    )
    app.correct_entry(
        CorrectEntry(
            meeting_id=meeting, entry_id=note["id"], reason="Typo", replacement={"text": "The"}
        )
    )
    [corrected] = meeting_view(app.get_meeting(meeting))["notes"]
    assert (corrected["item_id"], corrected["text"]) == (second["id"], "The")


def test_a_null_in_a_correction_leaves_a_required_field_as_it_was(
    app: MeetingsApplication,
) -> None:
    _, person, meeting = _setup(app)
    app.open_meeting(OpenMeeting(meeting_id=meeting, at=STARTS))
    entry = app.record_attendance(
        RecordAttendance(meeting_id=meeting, person_id=person, status="present", at=STARTS)
    )
    app.correct_entry(
        CorrectEntry(
            meeting_id=meeting,
            entry_id=entry["id"],
            reason="x",
            replacement={"at": None, "substitute_for": None},
        )
    )
    assert app.get_quorum(meeting, STARTS + timedelta(minutes=5)).members_present == 1
    assert meeting_view(app.get_meeting(meeting))["attendance"][0]["at"] == STARTS


def test_changed_read_model_definitions_are_rebuilt_from_the_whole_log(
    app: MeetingsApplication,
) -> None:
    _setup(app)
    app.projector.catch_up()
    extra = ReadModel("people_count", ["CREATE TABLE IF NOT EXISTS rm_people_seen (id TEXT)"])

    @extra.handles(Person.Registered)
    def _seen(tx: Any, e: Any) -> None:
        tx.execute("INSERT INTO rm_people_seen (id) VALUES (?)", (str(e.originator_id),))

    upgraded = Projector(
        app.factory.tracking_recorder(),
        app.db,
        app.name,
        app.recorder,
        app.mapper,
        [*READ_MODELS, extra],
    )
    upgraded.catch_up()
    assert app.db.scalar("SELECT COUNT(*) AS n FROM rm_people_seen") == 1
    assert (
        len(app.list_body_memberships(UUID(app.list_bodies(1, 10)[0][0].id), date(2026, 1, 1))) == 1
    )
