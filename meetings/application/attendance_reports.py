"""Scrutiny's attendance records: how a person, or an organisation's seat-holders,
answered for their seats at every meeting held in a period."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from meetings.application.dto.attendance_reports import (
    AttendanceSummary,
    OrganisationAttendance,
    OrganisationMeetingAttendance,
    PersonAttendance,
    PersonAttendanceRow,
    PersonAttendanceSummary,
    SeatAttendance,
)
from meetings.application.dto.scrutiny import exactly
from meetings.application.minutes import MinutesUseCases
from meetings.application.queries import Row
from meetings.application.queries import scrutiny as queries
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.organisation import Organisation
from meetings.domain.person import Person
from meetings.domain.rules import in_term, london_date, london_today
from meetings.reports.scrutiny_attendance import DECIDING, own_entry, period, seat_outcome, summary


class AttendanceReports(MinutesUseCases):
    """Who answered for their seat, in person or by substitute, and who sent apologies."""

    def get_person_attendance(
        self, person_id: UUID, start: date | None, end: date | None
    ) -> PersonAttendance:
        """Every held meeting of every body the person sat on (member or co-opted) that
        day, with how they answered for their seat; and meetings they attended otherwise."""
        person = self._get(Person, "person", person_id)
        start, end = period(start, end, london_today())
        seats = queries.list_seats(self, person_id=person_id, overlapping=(start, end))
        rows = []
        for meeting in queries.list_held_meetings(self, start, end):
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
        return PersonAttendance(
            person_id=person.id,
            person_name=person.name,
            from_=start,
            to=end,
            meetings=tuple(exactly(PersonAttendanceRow, r) for r in rows),
            summary=PersonAttendanceSummary(
                **summary([r["outcome"] for r in rows if r["as_member"]]),
                other_capacity=sum(1 for r in rows if not r["as_member"]),
            ),
        )

    def get_organisation_attendance(
        self, organisation_id: UUID, start: date | None, end: date | None
    ) -> OrganisationAttendance:
        """Every held meeting of a body where the organisation held a seat that day, with
        how each of its seat-holders answered: in person, by substitute, apologies, absent."""
        organisation = self._get(Organisation, "organisation", organisation_id)
        start, end = period(start, end, london_today())
        seats = queries.list_seats(self, organisation_id=organisation_id, overlapping=(start, end))
        rows: list[OrganisationMeetingAttendance] = []
        bodies_held = {s["body_id"] for s in seats}
        for meeting in queries.list_held_meetings(self, start, end, bodies_held):
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
            seats_answered = tuple(exactly(SeatAttendance, s) for s in answered)
            rows.append(
                OrganisationMeetingAttendance(**_meeting_fields(meeting), seats=seats_answered)
            )
        return OrganisationAttendance(
            organisation_id=organisation.id,
            organisation_name=organisation.name,
            from_=start,
            to=end,
            meetings=tuple(rows),
            summary=AttendanceSummary(**summary([s.outcome for r in rows for s in r.seats])),
        )

    # Shared --------------------------------------------------------------------------

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
        groups = queries.get_seat_groups(self, str(seat["id"]))
        return not groups or bool(groups & set(held.groups))

    def _attendance(self, meeting: Row) -> list[dict[str, Any]]:
        """Who attended, with every correction applied and retractions left out."""
        view = meeting_view(self.get_meeting(UUID(str(meeting["id"]))))
        attendance: list[dict[str, Any]] = view["attendance"]
        return attendance

    def _name(self, rows: list[dict[str, Any]]) -> None:
        """Add the names of the people and organisations the rows mention by id."""
        keys = ("person_id", "substitute_id", "substitute_for")
        people = {str(r[k]) for r in rows for k in keys if r.get(k)}
        organisations = {str(r["organisation_id"]) for r in rows if r.get("organisation_id")}
        names, orgs = queries.get_names(self, people, organisations)
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
