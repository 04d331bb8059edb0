"""Use cases of scrutiny: the questions a scrutiny committee asks a year later."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from meetings.application.disclosure import withheld
from meetings.application.minutes import MinutesUseCases
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.body import Body
from meetings.domain.errors import NotFoundError
from meetings.domain.meeting import Meeting
from meetings.domain.membership import Membership
from meetings.domain.organisation import Organisation
from meetings.domain.person import Person
from meetings.domain.rules import in_term, london_date, london_today
from meetings.infrastructure.sql import Row
from meetings.infrastructure.tokens import Principal
from meetings.reports.scrutiny_attendance import DECIDING, own_entry, period, seat_outcome, summary
from meetings.reports.scrutiny_authority import DecisionAuthority
from meetings.reports.scrutiny_record import chair_changes, membership_changes
from projections import decisions as read_decisions
from projections import meetings as read_meetings
from projections import scrutiny as read
from projections import structure as read_structure


class ScrutinyUseCases(MinutesUseCases):
    """Attendance records, membership changes, decisions' authority, minutes amendments."""

    def person_attendance(
        self, person_id: UUID, start: date | None, end: date | None
    ) -> dict[str, Any]:
        """Every held meeting of every body the person sat on (member or co-opted) that
        day, with how they answered for their seat; and meetings they attended otherwise."""
        person = self._get(Person, "person", person_id)
        start, end = period(start, end, london_today())
        self._projected()
        seats = read.memberships(self.db, person_id=person_id, overlapping=(start, end))
        rows = []
        for meeting in read.held_meetings(self.db, start, end):
            attendance = self._attendance(meeting)
            seat = _seat_on(seats, meeting) or self._joint_seat(seats, meeting)
            if seat is not None and not self._due(meeting, seat):
                seat = None  # a seat whose group the meeting did not summon is not counted
            if seat is not None:
                row = {"seat": seat["seat"], **seat_outcome(attendance, str(person_id))}
                row["capacity"] = row["capacity"] or seat["capacity"]
                rows.append({**_meeting_fields(meeting), "as_member": True, **row})
                continue
            entry = own_entry(attendance, str(person_id))
            if entry is not None:
                rows.append({**_meeting_fields(meeting), "as_member": False, "seat": None, **entry})
        self._name(rows)
        return {
            "person_id": person.id,
            "person_name": person.name,
            "from": start,
            "to": end,
            "meetings": rows,
            "summary": {
                **summary([r["outcome"] for r in rows if r["as_member"]]),
                "other_capacity": sum(1 for r in rows if not r["as_member"]),
            },
        }

    def organisation_attendance(
        self, organisation_id: UUID, start: date | None, end: date | None
    ) -> dict[str, Any]:
        """Every held meeting of a body where the organisation held a seat that day, with
        how each of its seat-holders answered: in person, by substitute, apologies, absent."""
        organisation = self._get(Organisation, "organisation", organisation_id)
        start, end = period(start, end, london_today())
        self._projected()
        seats = read.memberships(self.db, organisation_id=organisation_id, overlapping=(start, end))
        rows = []
        for meeting in read.held_meetings(self.db, start, end, {s["body_id"] for s in seats}):
            day = london_date(meeting["starts_at"])
            bodies = {meeting["body_id"], *self._joint_bodies(meeting)}
            held = [s for s in seats if s["body_id"] in bodies]
            held = [s for s in held if in_term(day, s["starts_on"], s["ends_on"])]
            held = [s for s in held if self._due(meeting, s)]
            if not held:
                continue
            attendance = self._attendance(meeting)
            answered = [
                {**seat_outcome(attendance, s["person_id"]), **_seat_fields(s)} for s in held
            ]
            self._name(answered)
            rows.append({**_meeting_fields(meeting), "seats": answered})
        return {
            "organisation_id": organisation.id,
            "organisation_name": organisation.name,
            "from": start,
            "to": end,
            "meetings": rows,
            "summary": summary([s["outcome"] for r in rows for s in r["seats"]]),
        }

    def membership_changes(
        self, body_id: UUID, start: date | None, end: date | None
    ) -> list[dict[str, Any]]:
        """Memberships begun or ended, substitutes named or withdrawn, and chairs and
        vice-chairs appointed or ended in the period, by date, with who recorded each."""
        self._get(Body, "body", body_id)
        start, end = period(start, end, london_today())
        self._projected()
        changes = []
        for seat in read.memberships(self.db, body_id=body_id):
            history = self.history(Membership, "membership", UUID(seat["id"]))
            changes += membership_changes(seat, history, start, end)
        changes += chair_changes(self.history(Body, "body", body_id), start, end)
        changes.sort(key=lambda c: (c["on"], c["recorded_at"]))
        self._name(changes)
        return changes

    def decision_authority(self, decision_id: str, who: Principal | None) -> dict[str, Any]:
        """On whose authority a decision was taken: see `DecisionAuthority`."""
        self._projected()
        row = read_decisions.decision(self.db, decision_id)
        if row is None:
            raise NotFoundError("decision", decision_id)
        return DecisionAuthority(self, row).report(who)

    def minutes_amendments(
        self, body_id: UUID, start: date | None, end: date | None, who: Principal | None
    ) -> list[dict[str, Any]]:
        """Each amendment made when the body's minutes were approved in the period: the
        text as circulated and as approved, and who recorded the approval, and when."""
        self._get(Body, "body", body_id)
        start, end = period(start, end, london_today())
        confidential = self.may_see_confidential(who, body_id)
        self._projected()
        rows: list[dict[str, Any]] = []
        for listed in read_meetings.meetings_of_body(self.db, body_id):
            meeting = self.get_meeting(UUID(str(listed["id"])))
            approval = meeting.minutes["approved"]
            if not approval or not meeting.minutes["amendments"]:
                continue
            if not start <= london_date(approval["at"]) <= end:
                continue
            rows += self._amendments(meeting, confidential)
        return rows

    # Shared --------------------------------------------------------------------------

    def _amendments(self, meeting: Meeting, confidential: bool) -> list[dict[str, Any]]:
        minutes = self.get_minutes(meeting.id, confidential, stage="approved")
        approval = meeting.minutes["approved"]
        approving = self.get_meeting(approval["meeting_id"])
        recorded = [
            h
            for h in self.history(Meeting, "meeting", meeting.id)
            if h.type == "Meeting.MinutesApproved"
        ][-1]
        common = {
            "meeting_id": meeting.id,
            "meeting_starts_at": meeting.starts_at,
            "approved_at_meeting_id": approving.id,
            "approved_at_meeting_starts_at": approving.starts_at,
            "approved_on": london_date(approval["at"]),
            "recorded_by": recorded.recorded_by,
            "recorded_at": recorded.recorded_at,
        }
        shown = {a["item_id"]: a for a in minutes["amendments"]}
        rows = []
        for number, item in enumerate(meeting.agenda, 1):
            made = [a for a in meeting.minutes["amendments"] if a["item_id"] == item["id"]]
            if not made:
                continue
            amendment = shown.get(item["id"])
            hidden = withheld(item["confidential_reason"])
            rows.append(
                {
                    **common,
                    "item_id": item["id"],
                    "item_number": number,
                    "item_title": amendment["title"] if amendment else "Confidential item",
                    "before": amendment["original"] if amendment else hidden,
                    "after": amendment["text"] if amendment else hidden,
                    "withheld": amendment is None,
                }
            )
        return rows

    def _joint_bodies(self, meeting: Row) -> list[str]:
        """The other bodies of a joint meeting (none for most meetings)."""
        return [str(b) for b in self.get_meeting(UUID(str(meeting["id"]))).joint_with or []]

    def _joint_seat(self, seats: list[Row], meeting: Row) -> Row | None:
        """At a joint meeting, the person's seat on another body in it."""
        for body_id in self._joint_bodies(meeting):
            seat = _seat_on(seats, {**meeting, "body_id": body_id})
            if seat is not None:
                return seat
        return None

    def _due(self, meeting: Row, seat: Row) -> bool:
        """Whether the seat was due at the meeting: it summoned the seat's group (or all)."""
        held = self.get_meeting(UUID(str(meeting["id"])))
        if not held.groups or str(seat["body_id"]) != str(held.body_id):
            return True
        groups = read_structure.membership_groups(self.db, str(seat["id"]))
        return not groups or bool(groups & set(held.groups))

    def _attendance(self, meeting: Row) -> list[dict[str, Any]]:
        """Who attended, with every correction applied and retractions left out."""
        attendance: list[dict[str, Any]] = meeting_view(self.get_meeting(UUID(str(meeting["id"]))))[
            "attendance"
        ]
        return attendance

    def _name(self, rows: list[dict[str, Any]]) -> None:
        """Add the names of the people and organisations the rows mention by id."""
        keys = ("person_id", "substitute_id", "substitute_for")
        people = {str(r[k]) for r in rows for k in keys if r.get(k)}
        organisations = {str(r["organisation_id"]) for r in rows if r.get("organisation_id")}
        names, orgs, _ = read_structure.names(self.db, people, organisations, set())
        for r in rows:
            for key in keys:
                if key in r:
                    name_key = key.removesuffix("_id") + "_name"
                    found = names.get(str(r[key])) if r[key] else None
                    r[name_key] = found["name"] if found else None
            if "organisation_id" in r:
                r["organisation_name"] = orgs.get(str(r["organisation_id"]))


def _seat_on(seats: list[Row], meeting: Row) -> Row | None:
    """The person's decision-taking seat on the meeting's body on the day, if any."""
    day = london_date(meeting["starts_at"])
    for seat in seats:
        if (
            seat["body_id"] == meeting["body_id"]
            and seat["capacity"] in DECIDING
            and in_term(day, seat["starts_on"], seat["ends_on"])
        ):
            return seat
    return None


def _meeting_fields(meeting: Row) -> dict[str, Any]:
    return {
        "meeting_id": meeting["id"],
        "body_id": meeting["body_id"],
        "body_name": meeting["body_name"],
        "starts_at": meeting["starts_at"],
    }


def _seat_fields(seat: Row) -> dict[str, Any]:
    return {
        "membership_id": seat["id"],
        "seat": seat["seat"],
        "capacity": seat["capacity"],
        "person_id": seat["person_id"],
    }
