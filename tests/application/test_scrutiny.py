"""Scrutiny reports through the use cases: attendance, membership changes, authority."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import FrozenInstanceError, asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AddAgendaItem,
    AppointChair,
    AppointMember,
    CloseMeeting,
    CorrectEntry,
    EndChairTerm,
    EndMembership,
    EstablishBody,
    NameSubstitute,
    NotifyForthcomingDecision,
    OpenMeeting,
    RecordAttendance,
    RecordDecision,
    RecordDeparture,
    RegisterOrganisation,
    RegisterPerson,
    ScheduleMeeting,
    WithdrawSubstitute,
)
from meetings.application.dto.attendance_reports import AttendanceSummary, PersonAttendanceRow
from meetings.application.dto.scrutiny import exactly
from meetings.domain.errors import InvalidFieldError, NotFoundError
from meetings.domain.values import Role
from meetings.infrastructure.tokens import Principal

LONDON = ZoneInfo("Europe/London")
CLERK = "Colin Clerk (clerk, token 1a2b3c4d)"
ADMIN = "Ada Admin (admin, token 9f8e7d6c)"
JUNE = datetime(2025, 6, 12, 10, tzinfo=LONDON)
SEPTEMBER = datetime(2025, 9, 11, 10, tzinfo=LONDON)
YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
SCRUTINY = Principal("s", "Sam Scrutiny", Role.SCRUTINY)
ADMIN_PRINCIPAL = Principal("a", "Ada Admin", Role.ADMIN)


@dataclass
class Family:
    """A board with a police seat and its named substitute, and two meetings held."""

    app: MeetingsApplication
    body: UUID
    police: UUID
    people: dict[str, UUID] = field(default_factory=dict)
    seats: dict[str, UUID] = field(default_factory=dict)
    meetings: dict[str, UUID] = field(default_factory=dict)
    entries: dict[str, str] = field(default_factory=dict)

    def attend(self, meeting: str, who: str, status: str = "present", **fields: Any) -> str:
        at = fields.pop("at", None) or self.app.get_meeting(self.meetings[meeting]).starts_at
        entry = self.app.record_attendance(
            RecordAttendance(
                meeting_id=self.meetings[meeting],
                person_id=self.people[who],
                status=status,
                at=at,
                recorded_by=CLERK,
                **fields,
            )
        )
        return str(entry["id"])

    def correct(self, meeting: str, entry_id: str, replacement: dict[str, Any] | None) -> None:
        self.app.correct_entry(
            CorrectEntry(
                meeting_id=self.meetings[meeting],
                entry_id=entry_id,
                reason="Recorded against the wrong person.",
                replacement=replacement,
                recorded_by=ADMIN,
            )
        )


def _family(app: MeetingsApplication) -> Family:
    council = app.register_organisation(
        RegisterOrganisation(name="County Council", sector="public")
    )
    police = app.register_organisation(RegisterOrganisation(name="Thames Police", sector="public"))
    body = app.establish_body(
        EstablishBody(
            name="Strategic Board", short_name="SB", kind="board", quorum=3, decision_notice_days=10
        )
    ).id
    f = Family(app, body, police.id)
    for key, name, org in (
        ("leader", "Liz Leader", council.id),
        ("inspector", "Ian Inspector", police.id),
        ("sergeant", "Sue Sergeant", police.id),
        ("absentee", "Abe Absent", council.id),
        ("apologetic", "Ann Apologies", council.id),
        ("adviser", "Ada Adviser", council.id),
        ("guest", "Gita Guest", None),
        ("newcomer", "Nia Newcomer", council.id),
    ):
        f.people[key] = app.register_person(RegisterPerson(name=name, organisation_id=org)).id
    for key, seat, capacity, starts_on in (
        ("leader", "Leader", "member", date(2025, 1, 1)),
        ("inspector", "Police", "member", date(2025, 1, 1)),
        ("absentee", "Health", "member", date(2025, 1, 1)),
        ("apologetic", "Schools", "member", date(2025, 1, 1)),
        ("adviser", "Chief Executive", "adviser", date(2025, 1, 1)),
        ("newcomer", "Housing", "co_opted", date(2025, 7, 1)),
    ):
        f.seats[key] = app.appoint_member(
            AppointMember(
                body_id=body,
                person_id=f.people[key],
                seat=seat,
                capacity=capacity,
                starts_on=starts_on,
                recorded_by=CLERK,
            )
        ).id
    app.name_substitute(
        NameSubstitute(
            body_id=body,
            membership_id=f.seats["inspector"],
            person_id=f.people["sergeant"],
            named_on=date(2025, 3, 1),
            recorded_by=CLERK,
        )
    )
    for key, starts_at in (("june", JUNE), ("september", SEPTEMBER), ("october", None)):
        when = starts_at or datetime(2025, 10, 9, 10, tzinfo=LONDON)
        f.meetings[key] = app.schedule_meeting(ScheduleMeeting(body_id=body, starts_at=when))["id"]
    return f


def _hold_june(f: Family) -> None:
    app, m = f.app, f.meetings["june"]
    app.open_meeting(OpenMeeting(meeting_id=m, at=JUNE))
    f.attend("june", "leader")
    f.attend("june", "inspector", "apologies")
    f.attend("june", "sergeant", substitute_for=f.people["inspector"])
    f.attend("june", "apologetic", "apologies")
    f.entries["wrong"] = f.attend("june", "absentee")
    f.correct("june", f.entries["wrong"], {"status": "absent"})
    f.attend("june", "adviser", capacity="adviser")
    f.attend("june", "guest", capacity="guest", admitted_by_chair=True)
    app.record_departure(
        RecordDeparture(meeting_id=m, person_id=f.people["leader"], at=JUNE + timedelta(hours=1))
    )
    app.close_meeting(CloseMeeting(meeting_id=m, at=JUNE + timedelta(hours=2)))


def _hold_september(f: Family) -> None:
    app, m = f.app, f.meetings["september"]
    app.open_meeting(OpenMeeting(meeting_id=m, at=SEPTEMBER))
    f.attend("september", "inspector")
    f.attend("september", "leader", "apologies")
    # Recorded present by mistake, then struck out: nothing stands for Abe.
    f.correct("september", f.attend("september", "absentee"), None)
    app.close_meeting(CloseMeeting(meeting_id=m, at=SEPTEMBER + timedelta(hours=2)))


@pytest.fixture
def family(app: MeetingsApplication) -> Family:
    f = _family(app)
    _hold_june(f)
    _hold_september(f)
    return f


def _outcomes(report: Sequence[PersonAttendanceRow]) -> list[tuple[str, str, bool]]:
    return [(r.starts_at.date().isoformat(), r.outcome, r.as_member) for r in report]


def test_a_member_who_sent_a_substitute_is_shown_with_who_came(family: Family) -> None:
    report = family.app.get_person_attendance(family.people["inspector"], **YEAR)
    assert _outcomes(report.meetings) == [
        ("2025-06-12", "substitute_sent", True),
        ("2025-09-11", "present", True),
    ]
    june = report.meetings[0]
    assert (june.substitute_id, june.substitute_name) == (
        str(family.people["sergeant"]),
        "Sue Sergeant",
    )
    assert june.seat == "Police"
    assert asdict(report.summary) == {
        "meetings": 2,
        "present": 1,
        "substitute_sent": 1,
        "apologies": 0,
        "absent": 0,
        "not_recorded": 0,
        "other_capacity": 0,
    }


def test_corrections_and_retractions_decide_the_outcome(family: Family) -> None:
    report = family.app.get_person_attendance(family.people["absentee"], **YEAR)
    assert [r.outcome for r in report.meetings] == ["absent", "not_recorded"]


def test_a_member_leaving_early_and_sending_apologies(family: Family) -> None:
    report = family.app.get_person_attendance(family.people["leader"], **YEAR)
    june, september = report.meetings
    assert june.outcome == "present"
    assert june.left_at == JUNE + timedelta(hours=1)
    assert september.outcome == "apologies"


def test_a_substitute_and_a_guest_appear_as_attending_in_another_capacity(
    family: Family,
) -> None:
    sergeant = family.app.get_person_attendance(family.people["sergeant"], **YEAR)
    [row] = sergeant.meetings
    assert (row.as_member, row.outcome, row.capacity) == (False, "present", "member")
    assert row.substitute_for_name == "Ian Inspector"
    assert sergeant.summary.meetings == 0 and sergeant.summary.other_capacity == 1
    adviser = family.app.get_person_attendance(family.people["adviser"], **YEAR)
    assert [(r.capacity, r.outcome) for r in adviser.meetings] == [("adviser", "present")]


def test_only_meetings_held_while_the_seat_was_in_force_count(family: Family) -> None:
    # Co-opted from 1 July: the June meeting was before their time; the October one
    # was never held; in September nothing was recorded for them.
    report = family.app.get_person_attendance(family.people["newcomer"], **YEAR)
    assert _outcomes(report.meetings) == [("2025-09-11", "not_recorded", True)]
    only_june = family.app.get_person_attendance(
        family.people["inspector"], date(2025, 6, 1), date(2025, 6, 30)
    )
    assert len(only_june.meetings) == 1


def test_the_organisation_report_answers_for_each_of_its_seats(family: Family) -> None:
    report = family.app.get_organisation_attendance(family.police, **YEAR)
    assert [m.starts_at.date() for m in report.meetings] == [JUNE.date(), SEPTEMBER.date()]
    [june_seat] = report.meetings[0].seats
    assert june_seat.person_name == "Ian Inspector"
    assert june_seat.outcome == "substitute_sent"
    assert june_seat.substitute_name == "Sue Sergeant"
    assert report.summary.substitute_sent == 1 and report.summary.present == 1


def test_the_period_must_run_forwards_and_defaults_to_the_last_year(family: Family) -> None:
    with pytest.raises(InvalidFieldError) as refused:
        family.app.get_person_attendance(
            family.people["leader"], date(2025, 9, 1), date(2025, 6, 1)
        )
    assert "2025-09-01" in str(refused.value) and refused.value.field == "from"
    report = family.app.get_person_attendance(family.people["leader"], None, date(2025, 12, 31))
    assert report.from_ == date(2024, 12, 31)


def test_unknown_people_and_organisations_are_not_found(family: Family) -> None:
    with pytest.raises(NotFoundError):
        family.app.get_person_attendance(family.police, **YEAR)
    with pytest.raises(NotFoundError):
        family.app.get_organisation_attendance(family.people["leader"], **YEAR)


def test_membership_changes_are_listed_by_date_with_who_recorded_them(family: Family) -> None:
    app, body = family.app, family.body
    app.end_membership(
        EndMembership(
            body_id=body,
            membership_id=family.seats["apologetic"],
            ends_on=date(2025, 10, 31),
            reason="Retired",
            recorded_by=ADMIN,
        )
    )
    app.withdraw_substitute(
        WithdrawSubstitute(
            body_id=body,
            membership_id=family.seats["inspector"],
            person_id=family.people["sergeant"],
            withdrawn_on=date(2025, 11, 3),
            recorded_by=CLERK,
        )
    )
    term = app.appoint_chair(
        AppointChair(
            body_id=body,
            person_id=family.people["leader"],
            role="chair",
            starts_on=date(2025, 8, 1),
        )
    )
    app.end_chair_term(
        EndChairTerm(
            body_id=body, appointment_id=term.id, ends_on=date(2025, 11, 30), reason="Resigned"
        )
    )
    changes = app.list_membership_changes(body, date(2025, 2, 1), date(2025, 12, 31))
    assert [(c.on.isoformat(), c.change, c.person_name) for c in changes] == [
        ("2025-03-01", "substitute_named", "Ian Inspector"),
        ("2025-07-01", "membership_began", "Nia Newcomer"),
        ("2025-08-01", "chair_appointed", "Liz Leader"),
        ("2025-10-31", "membership_ended", "Ann Apologies"),
        ("2025-11-03", "substitute_withdrawn", "Ian Inspector"),
        ("2025-11-30", "chair_term_ended", "Liz Leader"),
    ]
    named, began, _, ended, withdrawn, _ = changes
    assert named.substitute_name == "Sue Sergeant" and named.recorded_by == CLERK
    assert (began.capacity, began.seat) == ("co_opted", "Housing")
    assert (ended.reason, ended.recorded_by) == ("Retired", ADMIN)
    assert withdrawn.organisation_name == "Thames Police"
    assert all(c.recorded_at.tzinfo is not None for c in changes)


def _decide(f: Family, confidential: bool = False) -> tuple[str, str]:
    """A decision at a fresh meeting in session: (meeting id, decision id)."""
    app = f.app
    when = datetime(2025, 11, 20, 10, tzinfo=LONDON)
    meeting = app.schedule_meeting(ScheduleMeeting(body_id=f.body, starts_at=when))["id"]
    plan = app.notify_forthcoming_decision(
        NotifyForthcomingDecision(
            body_id=f.body, subject="Youth strategy", notified_on=date(2025, 11, 13)
        )
    )
    item = app.add_agenda_item(
        AddAgendaItem(
            meeting_id=meeting,
            title="Youth strategy",
            kind="decision",
            forward_plan_id=plan["id"],
            confidential=confidential,
            confidential_reason="Names young people" if confidential else None,
        )
    )
    app.open_meeting(OpenMeeting(meeting_id=meeting, at=when))
    for who in ("leader", "inspector", "absentee"):
        app.record_attendance(
            RecordAttendance(meeting_id=meeting, person_id=f.people[who], status="present", at=when)
        )
    decision = app.record_decision(
        RecordDecision(
            meeting_id=meeting,
            item_id=item["id"],
            text="Adopted the strategy.",
            method="consensus",
            recorded_by=CLERK,
        )
    )
    return str(meeting), str(decision["id"])


def test_a_decisions_authority_shows_quorum_notice_and_its_corrections(family: Family) -> None:
    app = family.app
    app.appoint_chair(
        AppointChair(
            body_id=family.body,
            person_id=family.people["leader"],
            role="chair",
            starts_on=date(2025, 1, 1),
        )
    )
    meeting, decision = _decide(family)
    app.correct_entry(
        CorrectEntry(
            meeting_id=UUID(meeting),
            entry_id=decision,
            reason="Typing error",
            replacement={"text": "Adopted the youth strategy."},
            recorded_by=ADMIN,
        )
    )
    report = app.get_decision_authority(decision, SCRUTINY)
    assert report.decision.text == "Adopted the youth strategy."
    assert report.chair is not None and report.chair.person_name == "Liz Leader"
    assert report.quorum.required == 3
    assert report.quorum.members_present == 3 and report.quorum.quorate
    assert {p.person_name for p in report.members_present} == {
        "Liz Leader",
        "Ian Inspector",
        "Abe Absent",
    }
    ratification = report.ratification
    assert ratification.required is True
    assert ratification.forward_plan is not None
    assert ratification.forward_plan.days_before_meeting == 7
    assert "7 days before the meeting (the body requires 10)" in ratification.reason
    assert report.recorded_by == CLERK
    [correction] = report.corrections
    assert correction.recorded_by == ADMIN and correction.reason == "Typing error"
    assert correction.before == {"text": "Adopted the strategy."}
    assert correction.after == {"text": "Adopted the youth strategy."}


def test_a_confidential_decision_is_withheld_from_scrutiny_but_not_admin(family: Family) -> None:
    _, decision = _decide(family, confidential=True)
    withheld = family.app.get_decision_authority(decision, SCRUTINY)
    assert withheld.decision.text == "Confidential item: Names young people"
    assert withheld.decision.item_title == "Confidential item"
    assert "Youth" not in str(withheld)
    shown = family.app.get_decision_authority(decision, ADMIN_PRINCIPAL)
    assert shown.decision.text == "Adopted the strategy."
    with pytest.raises(NotFoundError):
        family.app.get_decision_authority(family.entries["wrong"], SCRUTINY)


def test_the_scrutiny_reports_are_frozen_rows_of_a_fixed_shape(family: Family) -> None:
    app = family.app
    _, decision = _decide(family)
    person = app.get_person_attendance(family.people["inspector"], **YEAR)
    organisation = app.get_organisation_attendance(family.police, **YEAR)
    [change, *_] = app.list_membership_changes(family.body, **YEAR)
    authority = app.get_decision_authority(decision, SCRUTINY)
    frozen = (
        (person, "person_name"),
        (person.meetings[0], "outcome"),
        (person.summary, "present"),
        (organisation.meetings[0], "seats"),
        (organisation.meetings[0].seats[0], "outcome"),
        (organisation.summary, "absent"),
        (change, "person_name"),
        (authority, "recorded_by"),
        (authority.decision, "text"),
        (authority.quorum, "quorate"),
        (authority.members_present[0], "person_name"),
        (authority.ratification, "reason"),
    )
    for report, name in frozen:
        with pytest.raises(FrozenInstanceError):
            setattr(report, name, None)
    assert isinstance(person.meetings, tuple) and isinstance(organisation.meetings, tuple)
    assert isinstance(organisation.meetings[0].seats, tuple)
    assert isinstance(authority.members_present, tuple)
    assert isinstance(authority.corrections, tuple)
    assert isinstance(authority.ratification.ratifications, tuple)


def test_a_report_row_takes_every_field_and_no_other() -> None:
    summary = dict.fromkeys(("meetings", "present", "substitute_sent", "apologies"), 0)
    with pytest.raises(ValueError, match="absent"):
        exactly(AttendanceSummary, summary)
    whole = {**summary, "absent": 0, "not_recorded": 1}
    assert exactly(AttendanceSummary, whole).not_recorded == 1
    with pytest.raises(ValueError, match="other_capacity"):
        exactly(AttendanceSummary, {**whole, "other_capacity": 0})
