"""Recording a meeting through the use cases: the BSP Board's quarterly meeting."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest

from meetings.application import MeetingsApplication
from meetings.application.access import RECORD_TOOLS
from meetings.application.commands import (
    AddAgendaItem,
    AgreeAction,
    AgreeAgenda,
    AppointChair,
    AppointMember,
    CloseMeeting,
    CorrectEntry,
    DeferItem,
    EstablishBody,
    NameSubstitute,
    NotifyForthcomingDecision,
    OpenMeeting,
    PublishAgenda,
    RecordAttendance,
    RecordDecision,
    RecordNote,
    RegisterPerson,
    ScheduleMeeting,
)
from meetings.application.errors import VersionMismatchError
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.action import Action
from meetings.domain.errors import AttendanceRuleError
from meetings.domain.meeting import Meeting
from meetings.idempotency import Idempotency

STARTS = datetime(2026, 3, 20, 10, tzinfo=UTC)


@dataclass
class Board:
    body: UUID
    chair: UUID
    leader: UUID
    deputy: UUID
    members: list[UUID]


def _board(app: MeetingsApplication, members: int = 3) -> Board:
    body = app.establish_body(
        EstablishBody(
            name="BSP Board",
            short_name="BSP Board",
            kind="board",
            quorum=2,
            decision_notice_days=10,
        )
    ).id
    people = [app.register_person(RegisterPerson(name=f"Member {i}")).id for i in range(members)]
    seats = [
        app.appoint_member(
            AppointMember(
                body_id=body,
                person_id=p,
                seat=f"Seat {i}",
                capacity="member",
                starts_on=date(2025, 4, 1),
            )
        ).id
        for i, p in enumerate(people)
    ]
    deputy = app.register_person(RegisterPerson(name="Deputy Leader")).id
    app.name_substitute(
        NameSubstitute(
            body_id=body, membership_id=seats[1], person_id=deputy, named_on=date(2025, 4, 1)
        )
    )
    app.appoint_chair(
        AppointChair(body_id=body, person_id=people[0], role="chair", starts_on=date(2025, 4, 1))
    )
    return Board(body, people[0], people[1], deputy, people)


def _meeting(app: MeetingsApplication, board: Board, starts: datetime = STARTS) -> UUID:
    return UUID(
        str(app.schedule_meeting(ScheduleMeeting(body_id=board.body, starts_at=starts))["id"])
    )


def _item(app: MeetingsApplication, meeting: UUID, title: str = "Budget", **kw: Any) -> str:
    return str(
        app.add_agenda_item(AddAgendaItem(meeting_id=meeting, title=title, kind="decision", **kw))[
            "id"
        ]
    )


def _attend(app: MeetingsApplication, meeting: UUID, person: UUID, **kw: Any) -> dict[str, Any]:
    return app.record_attendance(
        RecordAttendance(meeting_id=meeting, person_id=person, status="present", **kw)
    )


def test_the_board_meets_with_a_substitute_and_decides_with_and_without_notice(
    app: MeetingsApplication,
) -> None:
    board = _board(app)
    meeting = _meeting(app, board)
    notice = app.notify_forthcoming_decision(
        NotifyForthcomingDecision(
            body_id=board.body, subject="Area Based Grant", notified_on=date(2026, 3, 5)
        )
    )
    with_notice = _item(app, meeting, "Area Based Grant", forward_plan_id=notice["id"])
    without_notice = _item(app, meeting, "Urgent: shared services")
    app.agree_agenda(AgreeAgenda(meeting_id=meeting, person_id=board.chair))
    app.publish_agenda(PublishAgenda(meeting_id=meeting))
    app.open_meeting(OpenMeeting(meeting_id=meeting, at=STARTS))
    _attend(app, meeting, board.chair, at=STARTS)
    sub = _attend(app, meeting, board.deputy, substitute_for=board.leader, at=STARTS)
    assert sub["substitute_for"] == board.leader
    assert app.get_quorum(meeting, STARTS).members_present == 2
    first = app.record_decision(
        RecordDecision(
            meeting_id=meeting, item_id=with_notice, text="Allocate the grant", method="consensus"
        )
    )
    second = app.record_decision(
        RecordDecision(
            meeting_id=meeting, item_id=without_notice, text="Share services", method="consensus"
        )
    )
    assert (first["requires_ratification"], second["requires_ratification"]) == (False, True)
    app.close_meeting(CloseMeeting(meeting_id=meeting, at=STARTS + timedelta(hours=2)))
    kinds = [h.type for h in app.get_history(Meeting, "meeting", meeting)]
    assert kinds[-5:] == [
        "Meeting.AttendanceRecorded",
        "Meeting.AttendanceRecorded",
        "Meeting.DecisionRecorded",
        "Meeting.DecisionRecorded",
        "Meeting.Closed",
    ]


def test_an_action_is_saved_with_the_meeting_entry_that_agreed_it(
    app: MeetingsApplication,
) -> None:
    board = _board(app)
    meeting = _meeting(app, board)
    item = _item(app, meeting)
    app.open_meeting(OpenMeeting(meeting_id=meeting))
    version = app.get_meeting(meeting).version
    entry = app.agree_action(
        AgreeAction(
            meeting_id=meeting,
            item_id=item,
            description="Plan",
            owner_id=board.chair,
            due_on=date(2026, 6, 1),
        )
    )
    action = app._get(Action, "action", entry["action_id"])
    assert (action.meeting_id, action.status) == (meeting, "open")
    with pytest.raises(VersionMismatchError):
        app.agree_action(
            AgreeAction(
                meeting_id=meeting,
                item_id=item,
                description="Stale",
                owner_id=board.chair,
                due_on=date(2026, 6, 1),
                expected_version=version,
            )
        )
    assert [
        a.description
        for a in app.list_matters_arising(
            _meeting(app, board, STARTS + timedelta(days=90)), RECORD_TOOLS
        )
    ] == ["Plan"]


def test_retracting_an_action_drops_it_from_matters_arising(app: MeetingsApplication) -> None:
    board = _board(app)
    meeting = _meeting(app, board)
    item = _item(app, meeting)
    app.open_meeting(OpenMeeting(meeting_id=meeting))
    entry = app.agree_action(
        AgreeAction(
            meeting_id=meeting,
            item_id=item,
            description="Plan",
            owner_id=board.chair,
            due_on=date(2026, 6, 1),
        )
    )
    app.correct_entry(
        CorrectEntry(meeting_id=meeting, entry_id=entry["entry_id"], reason="Agreed in error")
    )
    assert app._get(Action, "action", entry["action_id"]).status == "dropped"
    later = _meeting(app, board, STARTS + timedelta(days=90))
    assert app.list_matters_arising(later, RECORD_TOOLS) == []


def test_a_deferred_item_joins_the_later_agenda_in_the_same_save(
    app: MeetingsApplication,
) -> None:
    board = _board(app)
    meeting, later = _meeting(app, board), _meeting(app, board, STARTS + timedelta(days=30))
    item = _item(app, meeting, "Housing strategy")
    app.defer_item(
        DeferItem(meeting_id=meeting, item_id=item, reason="Papers late", to_meeting_id=later)
    )
    [carried] = app.get_meeting(later).agenda
    assert (carried["title"], carried["deferred_from"]) == ("Housing strategy", meeting)
    assert app.get_meeting(meeting).item(item)["status"] == "deferred"


def test_a_correction_shows_the_corrected_state_and_the_history_both(
    app: MeetingsApplication,
) -> None:
    board = _board(app)
    meeting = _meeting(app, board)
    app.open_meeting(OpenMeeting(meeting_id=meeting))
    entry = _attend(app, meeting, board.chair)
    before = app.get_meeting(meeting).version
    app.correct_entry(
        CorrectEntry(
            meeting_id=meeting,
            entry_id=entry["id"],
            reason="Sent apologies",
            replacement={"status": "apologies"},
        )
    )
    view = meeting_view(app.get_meeting(meeting))
    assert view["attendance"][0]["status"] == "apologies"
    assert view["corrections"][0]["previous"]["status"] == "present"
    assert (
        meeting_view(app.get_meeting(meeting, version=before))["attendance"][0]["status"]
        == "present"
    )
    with pytest.raises(AttendanceRuleError):
        app.correct_entry(
            CorrectEntry(
                meeting_id=meeting,
                entry_id=entry["id"],
                reason="x",
                replacement={"capacity": "guest", "status": "present"},
            )
        )


def test_two_clerks_recording_at_once_both_land(app: MeetingsApplication) -> None:
    board = _board(app, members=12)
    meeting = _meeting(app, board)
    app.open_meeting(OpenMeeting(meeting_id=meeting))
    errors: list[BaseException] = []

    def record(person: UUID) -> None:
        try:
            _attend(app, meeting, person)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=record, args=(p,)) for p in board.members]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(app.get_meeting(meeting).attendance()) == 12


def test_a_retried_request_is_answered_once_and_recorded_once(
    app: MeetingsApplication,
) -> None:
    board = _board(app)
    meeting = _meeting(app, board)
    app.open_meeting(OpenMeeting(meeting_id=meeting))
    key = Idempotency("clerk-token", "tap-1", "fingerprint")
    first = app.record_attendance(
        RecordAttendance(
            meeting_id=meeting, person_id=board.chair, status="present", idempotency=key
        )
    )
    events = app.recorder.max_notification_id()
    retry = Idempotency("clerk-token", "tap-1", "fingerprint")
    again = app.record_attendance(
        RecordAttendance(
            meeting_id=meeting, person_id=board.chair, status="present", idempotency=retry
        )
    )
    assert again == first and again["id"] == first["id"]
    assert retry.answered_before and not key.answered_before
    assert app.recorder.max_notification_id() == events


def test_a_long_meeting_loads_from_a_snapshot(app: MeetingsApplication) -> None:
    board = _board(app)
    meeting = _meeting(app, board)
    item = _item(app, meeting)
    app.open_meeting(OpenMeeting(meeting_id=meeting))
    for i in range(120):
        app.record_note(RecordNote(meeting_id=meeting, item_id=item, text=f"Point {i}"))
    assert app.snapshots is not None
    snapshots = list(app.snapshots.get(meeting))
    assert [s.originator_version for s in snapshots] == [50, 100]
    assert len(app.get_meeting(meeting).live_entries("note")) == 120
