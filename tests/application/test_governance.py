"""Issue 13 through the use cases: governance as the partnerships run it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import pytest

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AddAgendaItem,
    AddStandingItems,
    AgreeAction,
    AppointChair,
    AppointMember,
    EndBody,
    EstablishBody,
    OpenMeeting,
    RecordAttendance,
    RecordDecision,
    RecordNote,
    RegisterOrganisation,
    RegisterPerson,
    ReviseBodyRules,
    ScheduleMeeting,
)
from meetings.application.errors import NotAllowedError
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.errors import (
    AttendanceRuleError,
    DecisionRuleError,
    InvalidFieldError,
    RuleBrokenError,
    SeatAlreadyHeldError,
)
from meetings.domain.values import Role
from meetings.infrastructure.tokens import Principal

STARTS = datetime(2026, 3, 20, 10, tzinfo=UTC)


def _chair_principal(person_id: UUID) -> Principal:
    return Principal(id="t" * 16, name="Chair", role=Role.CHAIR, person_id=person_id)


def _body(app: MeetingsApplication, name: str = "CADEX") -> UUID:
    return app.establish_body(
        EstablishBody(name=name, short_name=name, kind="officers", open_to_public=True)
    ).id


def _person(app: MeetingsApplication, name: str) -> UUID:
    return app.register_person(RegisterPerson(name=name)).id


def _meeting(app: MeetingsApplication, body: UUID, starts_at: datetime = STARTS) -> UUID:
    meeting = app.schedule_meeting(ScheduleMeeting(body_id=body, starts_at=starts_at))["id"]
    app.add_agenda_item(AddAgendaItem(meeting_id=meeting, title="Budget", kind="decision"))
    return UUID(str(meeting))


def test_the_chair_in_office_on_the_meetings_day_agrees_its_papers(
    app: MeetingsApplication,
) -> None:
    """Seed 000 (CADEX): "each Chief Executive chairing and hosting three consecutive
    meetings"; "The Chairman shall be responsible for agreeing meeting agendas and draft
    minutes for circulation." The clock is today, long after March 2026."""
    body = _body(app)
    spring, summer = _person(app, "Spring Chair"), _person(app, "Summer Chair")
    for person, starts, ends in (
        (spring, date(2026, 1, 1), date(2026, 3, 31)),
        (summer, date(2026, 4, 1), None),
    ):
        app.appoint_chair(
            AppointChair(
                body_id=body, person_id=person, role="chair", starts_on=starts, ends_on=ends
            )
        )
    meeting = _meeting(app, body)
    policy = app.access_policy
    assert policy.check_chair(_chair_principal(spring), meeting) == spring
    assert policy.check_chair(_chair_principal(spring), meeting, "agree the minutes") == spring
    with pytest.raises(NotAllowedError, match="in office on the day of the meeting"):
        policy.check_chair(_chair_principal(summer), meeting)
    with pytest.raises(NotAllowedError, match="in the chair at the meeting"):
        policy.check_chair(_chair_principal(summer), meeting, "agree the minutes")
    # The same rule answered yes or no (the console's home asks it for each meeting).
    assert policy.may_chair(_chair_principal(spring), meeting, of_minutes=False)
    assert policy.may_chair(_chair_principal(spring), meeting, of_minutes=True)
    assert not policy.may_chair(_chair_principal(summer), meeting, of_minutes=False)
    assert not policy.may_chair(_chair_principal(summer), meeting, of_minutes=True)


# Through the use cases, the rest of issue 13 -------------------------------------------


def _seat(
    app: MeetingsApplication, body: UUID, name: str, groups: list[str] | None = None, **fields: Any
) -> UUID:
    person = app.register_person(RegisterPerson(name=name, **fields)).id
    app.appoint_member(
        AppointMember(
            body_id=body,
            person_id=person,
            seat=name,
            capacity="member",
            starts_on=date(2025, 1, 1),
            groups=groups,
        )
    )
    return person


def _in_session(app: MeetingsApplication, body: UUID, **fields: Any) -> tuple[UUID, str]:
    meeting = UUID(
        str(app.schedule_meeting(ScheduleMeeting(body_id=body, starts_at=STARTS, **fields))["id"])
    )
    item = str(
        app.add_agenda_item(AddAgendaItem(meeting_id=meeting, title="Plan", kind="decision"))["id"]
    )
    app.open_meeting(OpenMeeting(meeting_id=meeting, at=STARTS))
    return meeting, item


def _attend(app: MeetingsApplication, meeting: UUID, person: UUID, **fields: Any) -> None:
    app.record_attendance(
        RecordAttendance(meeting_id=meeting, person_id=person, status="present", **fields)
    )


def test_a_new_body_is_private_and_a_seat_is_held_once(app: MeetingsApplication) -> None:
    body = _body(app, "Private")
    assert (
        app.establish_body(EstablishBody(name="P", short_name="P", kind="board")).open_to_public
        is False
    )
    person = _seat(app, body, "Sam Seat")
    with pytest.raises(SeatAlreadyHeldError):
        app.appoint_member(
            AppointMember(
                body_id=body,
                person_id=person,
                seat="Sam Seat",
                capacity="member",
                starts_on=date(2026, 1, 1),
            )
        )


def test_untimed_entries_of_a_meeting_held_on_an_earlier_day_take_its_start(
    app: MeetingsApplication,
) -> None:
    body = _body(app)
    person = _seat(app, body, "Ann Member")
    meeting, item = _in_session(app, body)
    _attend(app, meeting, person)
    note = app.record_note(RecordNote(meeting_id=meeting, item_id=item, text="Typed up."))
    assert meeting_view(app.get_meeting(meeting))["attendance"][0]["at"] == STARTS
    assert note["at"] == STARTS


def test_recorded_votes_and_the_quorum_at_the_moment(app: MeetingsApplication) -> None:
    body = app.establish_body(
        EstablishBody(name="ABG", short_name="ABG", kind="board", decision_method="vote", quorum=3)
    ).id
    ayes = [_seat(app, body, f"Aye {n}") for n in range(2)]
    meeting, item = _in_session(app, body)
    for person in ayes:
        _attend(app, meeting, person)
    decision = app.record_decision(
        RecordDecision(
            meeting_id=meeting,
            item_id=item,
            text="Signed off.",
            method="vote",
            votes_by_member=[{"person_id": p, "vote": "for"} for p in ayes],
        )
    )
    assert decision["votes"] == {"for": 2, "against": 0, "abstain": 0}
    assert decision["quorum"] == {"required": 3, "members_present": 2, "quorate": False}
    stranger = app.register_person(RegisterPerson(name="Not here")).id
    with pytest.raises(DecisionRuleError, match="not recorded as present"):
        app.record_decision(
            RecordDecision(
                meeting_id=meeting,
                item_id=item,
                text="x",
                method="vote",
                votes_by_member=[{"person_id": stranger, "vote": "for"}],
            )
        )


def test_groups_joint_meetings_and_substitutes_of_the_members_organisation(
    app: MeetingsApplication,
) -> None:
    council = app.register_organisation(RegisterOrganisation(name="Council", sector="public")).id
    cadex = _body(app)
    app.revise_body_rules(
        ReviseBodyRules(
            body_id=cadex,
            changes={"groups": ["LA", "Partners"], "substitutes": "member_organisation"},
        )
    )
    chief = _seat(app, cadex, "Chief", organisation_id=council, groups=["LA", "Partners"])
    police = _seat(app, cadex, "Police", groups=["Partners"])
    other = _body(app, "Other")
    outsider = _seat(app, other, "Outsider")
    meeting, _ = _in_session(app, cadex, groups=["LA"], joint_with=[other])
    with pytest.raises(AttendanceRuleError):
        _attend(app, meeting, police)  # not summoned
    _attend(app, meeting, outsider)  # a member of the joint body attends as a member
    director = app.register_person(RegisterPerson(name="Director", organisation_id=council)).id
    _attend(app, meeting, director, substitute_for=chief)  # of the chief's organisation
    quorum = app.get_quorum(meeting, STARTS)
    assert quorum.members_present == 2
    assert {q.body_id: q.members_present for q in quorum.bodies} == {cadex: 1, other: 1}
    assert meeting in {UUID(r.id) for r in app.list_meetings(other)}
    with pytest.raises(InvalidFieldError):
        app.schedule_meeting(ScheduleMeeting(body_id=cadex, starts_at=STARTS, groups=["Nobody"]))


def test_a_body_wound_up_meets_no_more(app: MeetingsApplication) -> None:
    body = _body(app)
    app.end_body(EndBody(body_id=body, ends_on=date(2026, 3, 1), reason="Replaced"))
    with pytest.raises(RuleBrokenError, match="wound up"):
        app.schedule_meeting(ScheduleMeeting(body_id=body, starts_at=STARTS))
    successor = app.establish_body(
        EstablishBody(name="New", short_name="New", kind="board", replaces=[body])
    ).id
    assert app.get_body(body).replaced_by == [successor]


def test_standing_items_and_an_organisations_action(app: MeetingsApplication) -> None:
    police = app.register_organisation(RegisterOrganisation(name="Police", sector="public")).id
    body = _body(app)
    app.revise_body_rules(
        ReviseBodyRules(body_id=body, changes={"standing_items": ["Apologies", "Minutes"]})
    )
    meeting, item = _in_session(app, body)
    agenda = app.add_standing_items(AddStandingItems(meeting_id=meeting))["agenda"]
    assert [i["title"] for i in agenda] == ["Apologies", "Minutes", "Plan"]
    action = app.agree_action(
        AgreeAction(
            meeting_id=meeting,
            item_id=item,
            description="Lead it",
            due_on=date(2026, 9, 1),
            organisation_id=police,
        )
    )
    assert action["owner_id"] is None and action["id"] == action["action_id"]
    assert app.list_reminders(date(2026, 9, 2), date(2026, 9, 30)) == {}
