"""A meeting in session, recorded as it happened: opened, the roll taken with each arrival's
time, the record entered item by item (notes, decisions, actions, declarations, deferrals),
the departures, the close."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

from demo.family import RECORDED_BY, Family
from demo.meetings import Act, Attend, Decision, Defer, Entry, Interest, Note, Sitting
from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AgreeAction,
    CloseMeeting,
    DeclareInterest,
    DeferItem,
    OpenMeeting,
    RecordAttendance,
    RecordDecision,
    RecordDeparture,
    RecordNote,
)


@dataclass
class Drafted:
    """A scheduled meeting: its id, and its agenda items' ids by key."""

    id: UUID
    body: str
    starts_at: datetime
    items: dict[str, str] = field(default_factory=dict)
    entries: dict[str, str] = field(default_factory=dict)
    groups: tuple[str, ...] = ()
    #: Who was recorded in the chair, when not the body's chair.
    chaired_by: UUID | None = None
    opened_at: datetime | None = None


class Session:
    """Records what happens in the room, as the clerk taking the minutes would."""

    def __init__(self, app: MeetingsApplication, family: Family, drafted: list[Drafted]) -> None:
        self.app = app
        self.family = family
        #: Every meeting scheduled so far (a deferred item goes to the body's next one).
        self.drafted = drafted

    def person(self, key: str | None) -> UUID | None:
        return None if key is None else self.family.people[key]

    def sit(self, plan: Sitting, meeting: Drafted) -> None:
        opened = plan.held_at
        meeting.opened_at = opened
        self.app.open_meeting(
            OpenMeeting(meeting_id=meeting.id, at=opened, recorded_by=RECORDED_BY)
        )
        for row in plan.attendance:
            self.attend(meeting, row, opened)
        for entry in plan.record:
            self.enter(meeting, entry)
        for row in plan.attendance:
            if row.leaves is not None:
                self.leave(meeting, row, opened)
        closed = opened + timedelta(minutes=plan.length)
        self.app.close_meeting(
            CloseMeeting(meeting_id=meeting.id, at=closed, recorded_by=RECORDED_BY)
        )

    def attend(self, meeting: Drafted, row: Attend, opened: datetime) -> None:
        self.app.record_attendance(
            RecordAttendance(
                meeting_id=meeting.id,
                person_id=self.family.people[row.person],
                status=row.status,
                capacity=row.capacity,
                substitute_for=self.person(row.substitute_for),
                admitted_by_chair=row.admitted_by_chair,
                at=opened + timedelta(minutes=row.arrives),
                recorded_by=RECORDED_BY,
            )
        )

    def leave(self, meeting: Drafted, row: Attend, opened: datetime) -> None:
        assert row.leaves is not None
        self.app.record_departure(
            RecordDeparture(
                meeting_id=meeting.id,
                person_id=self.family.people[row.person],
                at=opened + timedelta(minutes=row.leaves),
                recorded_by=RECORDED_BY,
            )
        )

    def enter(self, meeting: Drafted, entry: Entry) -> None:
        match entry:
            case Note():
                self.note(meeting, entry)
            case Decision():
                self.decide(meeting, entry)
            case Act():
                self.act(meeting, entry)
            case Interest():
                self.declare(meeting, entry)
            case Defer():
                self.defer(meeting, entry)

    def note(self, meeting: Drafted, note: Note) -> None:
        answer = self.app.record_note(
            RecordNote(
                meeting_id=meeting.id,
                item_id=meeting.items[note.item],
                text=note.text,
                recorded_by=RECORDED_BY,
            )
        )
        if note.label:
            meeting.entries[note.label] = str(answer["id"])

    def decide(self, meeting: Drafted, decision: Decision) -> None:
        assert meeting.opened_at is not None
        self.app.record_decision(
            RecordDecision(
                meeting_id=meeting.id,
                item_id=meeting.items[decision.item],
                text=decision.text,
                method="vote" if decision.votes else decision.method,
                within_delegated_authority=decision.within_delegated_authority,
                votes_by_member=[
                    {"person_id": self.family.people[person], "vote": vote}
                    for person, vote in decision.votes
                ]
                or None,
                at=meeting.opened_at + timedelta(minutes=decision.minute),
                recorded_by=RECORDED_BY,
            )
        )

    def act(self, meeting: Drafted, act: Act) -> None:
        answer = self.app.agree_action(
            AgreeAction(
                meeting_id=meeting.id,
                item_id=meeting.items[act.item],
                description=act.description,
                owner_id=self.person(act.owner),
                due_on=act.due_on,
                organisation_id=self.family.organisations.get(act.organisation or ""),
                theme=act.theme,
                recorded_by=RECORDED_BY,
            )
        )
        if act.label:
            meeting.entries[act.label] = str(answer["entry_id"])

    def declare(self, meeting: Drafted, interest: Interest) -> None:
        self.app.declare_interest(
            DeclareInterest(
                meeting_id=meeting.id,
                person_id=self.family.people[interest.person],
                item_id=meeting.items[interest.item],
                interest=interest.interest,
                withdrew=interest.withdrew,
                recorded_by=RECORDED_BY,
            )
        )

    def defer(self, meeting: Drafted, defer: Defer) -> None:
        """To the body's next meeting summoning the same groups, where the item joins the
        agenda under the same key."""
        target = min(
            (
                d
                for d in self.drafted
                if d.body == meeting.body
                and d.groups == meeting.groups
                and d.starts_at > meeting.starts_at
            ),
            key=lambda d: d.starts_at,
        )
        self.app.defer_item(
            DeferItem(
                meeting_id=meeting.id,
                item_id=meeting.items[defer.item],
                reason=defer.reason,
                to_meeting_id=target.id,
                recorded_by=RECORDED_BY,
            )
        )
        agenda = self.app.get_meeting(target.id).agenda
        carried = next(i for i in agenda if i["deferred_from"] == meeting.id)
        target.items[defer.item] = str(carried["id"])
