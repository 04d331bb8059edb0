"""Use cases for a meeting in session: opened and closed, who attends (members of the body
due at it, and the substitutes its rules allow), who leaves, who is in the chair, and
whether it is quorate."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from meetings.application.commands import (
    CloseMeeting,
    OpenMeeting,
    RecordAttendance,
    RecordDeparture,
    TakeChair,
)
from meetings.application.dto import BodyQuorumView, QuorumView
from meetings.application.facts import record as facts
from meetings.application.queries import record as read
from meetings.application.record_base import MeetingRecordBase, default_moment, now
from meetings.domain.body import Body
from meetings.domain.errors import InvalidFieldError
from meetings.domain.meeting import Meeting
from meetings.domain.person import Person
from meetings.domain.rules import london_date, members_in_the_room, members_present


class SessionUseCases(MeetingRecordBase):
    """Who is in the room, from the meeting's opening to its close."""

    def open_meeting(self, cmd: OpenMeeting) -> dict[str, Any]:
        return self._change(cmd, lambda m: m.open(cmd.at or now()))

    def close_meeting(self, cmd: CloseMeeting) -> dict[str, Any]:
        return self._change(cmd, lambda m: m.close(cmd.at or now()))

    def record_attendance(self, cmd: RecordAttendance) -> dict[str, Any]:
        self._check_reference(Person, "person", "person_id", cmd.person_id)
        self._check_reference(Person, "person", "substitute_for", cmd.substitute_for)
        entry_id = str(uuid4())

        def record(m: Meeting) -> dict[str, Any]:
            known = self._attendance_facts(m, cmd.person_id, cmd.substitute_for)
            return m.record_attendance(
                entry_id,
                cmd.person_id,
                cmd.status,
                cmd.capacity,
                cmd.substitute_for,
                cmd.admitted_by_chair,
                cmd.at or default_moment(m),
                **known,
            )

        return self._new_entry(cmd, record)

    def record_departure(self, cmd: RecordDeparture) -> dict[str, Any]:
        self._check_reference(Person, "person", "person_id", cmd.person_id)
        entry_id = str(uuid4())
        return self._new_entry(cmd, lambda m: m.record_departure(entry_id, cmd.person_id, cmd.at))

    def take_chair(self, cmd: TakeChair) -> dict[str, Any]:
        """Record who is in the chair from `at` (default: now while in session, else the
        meeting's start)."""
        self._check_reference(Person, "person", "person_id", cmd.person_id)
        entry_id = str(uuid4())

        def take(m: Meeting) -> dict[str, Any]:
            return m.take_chair(entry_id, cmd.person_id, cmd.at or default_moment(m))

        return self._new_entry(cmd, take)

    # Who is due, and who may substitute ----------------------------------------------

    def _attendance_facts(
        self, meeting: Meeting, person_id: UUID, substitute_for: UUID | None
    ) -> dict[str, bool]:
        """Whether the person is a member due at the meeting (of a group it summons, or of
        any body of a joint meeting), and a substitute the rules allow for whom they replace
        (named, or under `member_organisation` of the member's organisation), on the day of
        the meeting (from the membership read model)."""
        people = [person_id] + ([substitute_for] if substitute_for else [])
        seated = self._seated_due(meeting, people)
        if substitute_for is not None and str(substitute_for) not in seated:
            raise InvalidFieldError(
                "substitute_for",
                "That person is not a member due at this meeting (a member of this body on "
                "its day, of a group it summons), so nobody can substitute for them.",
            )
        named = substitute_for is not None and self._may_substitute(
            seated[str(substitute_for)], person_id, substitute_for
        )
        return {"is_member": str(person_id) in seated, "is_named_substitute": named}

    def _seated_due(self, meeting: Meeting, people: list[UUID]) -> dict[str, Any]:
        """Of these people, those with a seat due at the meeting (on its body, of a group it
        summons, or on any body of a joint meeting), each with its named substitutes."""
        bodies = [meeting.body_id, *(meeting.joint_with or [])]
        seated: dict[str, Any] = {}
        for body_id, found in facts.seats_on(self, bodies, london_date(meeting.starts_at), people):
            for person, seat in found.items():
                if self._seat_due(meeting, body_id, seat):
                    seated.setdefault(person, {**seat, "body_id": body_id})
        return seated

    def _seat_due(self, meeting: Meeting, body_id: UUID, seat: dict[str, Any]) -> bool:
        """A seat of the meeting's own body is due when the meeting summons everyone, the
        seat belongs to no group, or to a group summoned; every seat of a joint body is."""
        if body_id != meeting.body_id or not meeting.groups or not seat.get("grouped"):
            return True
        return bool(facts.groups_of_seat(self, seat["id"]) & set(meeting.groups))

    def _may_substitute(self, seat: dict[str, Any], person_id: UUID, member_id: UUID) -> bool:
        """A named substitute of the seat, or one the body's rule allows."""
        return str(person_id) in seat["substitutes"] or self._substitute_by_rule(
            seat, person_id, member_id
        )

    def _substitute_by_rule(self, seat: dict[str, Any], person_id: UUID, member_id: UUID) -> bool:
        """Under `member_organisation`, anyone of the member's own organisation substitutes."""
        body = self._get(Body, "body", UUID(str(seat["body_id"])))
        if body.rules_of_governance()["substitutes"] != "member_organisation":
            return False
        organisation = (
            seat.get("organisation_id") or self._get(Person, "person", member_id).organisation_id
        )
        person = self._get(Person, "person", person_id)
        return organisation is not None and str(person.organisation_id) == str(organisation)

    # The quorum ----------------------------------------------------------------------

    def get_quorum(self, meeting_id: UUID, at: datetime | None = None) -> QuorumView:
        """Members and their substitutes in the room at a moment, against the quorum."""
        meeting = self._get(Meeting, "meeting", meeting_id)
        body = self._get(Body, "body", meeting.body_id)
        moment = at or now()
        bodies = [meeting.body_id, *meeting.joint_with] if meeting.joint_with else []
        return QuorumView(
            **quorum_at(meeting, body, moment),
            at=moment,
            bodies=tuple(self._body_quorum(meeting, body_id, moment) for body_id in bodies),
        )

    def _body_quorum(self, meeting: Meeting, body_id: UUID, at: datetime) -> BodyQuorumView:
        """At a joint meeting, one body's members in the room against its own quorum."""
        here = members_in_the_room(meeting.attendance(), at)
        substitutes = {
            e["person_id"]: e["substitute_for"]
            for e in meeting.attendance()
            if e["substitute_for"] is not None
        }
        seated = read.list_members_seated(
            self, body_id, london_date(meeting.starts_at), [substitutes.get(p, p) for p in here]
        )
        required = self._get(Body, "body", body_id).quorum
        count = sum(1 for p in here if str(substitutes.get(p, p)) in seated)
        return BodyQuorumView(
            body_id=body_id,
            required=required,
            members_present=count,
            quorate=required is None or count >= required,
        )


def quorum_at(meeting: Meeting, body: Body, at: datetime) -> dict[str, Any]:
    """Members in the room at a moment, against the body's quorum."""
    present = members_present(meeting.attendance(), at)
    required = body.quorum
    return {
        "required": required,
        "members_present": present,
        "quorate": required is None or present >= required,
    }
