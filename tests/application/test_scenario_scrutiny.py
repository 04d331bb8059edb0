"""Scenario 5: a scrutiny committee questions the BSP Board's record a year later."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from demo import RECORDED_BY, load_demo
from demo.minutes import AMENDMENT
from meetings.application import MeetingsApplication
from meetings.application.access import RECORD_TOOLS
from meetings.domain.values import Role
from meetings.infrastructure.settings import environment_for
from meetings.infrastructure.tokens import Principal
from tests.application.test_demo import body_id, meetings_of

SCRUTINY = Principal("s", "Sam Scrutiny", Role.SCRUTINY)


@pytest.fixture(scope="module")
def app() -> Iterator[MeetingsApplication]:
    application = MeetingsApplication(environment_for("sqlite:///:memory:"))
    load_demo(application)
    yield application
    application.close()


@pytest.fixture
def june(app: MeetingsApplication) -> dict[str, Any]:
    return next(
        m for m in meetings_of(app, "BSP Board") if m["starts_at"].date() == date(2025, 6, 12)
    )


def _person(app: MeetingsApplication, name: str) -> UUID:
    [row], _ = app.list_people(name, 1, 10)
    return UUID(str(row.id))


def test_who_sat_on_the_board_on_1_march_2026(app: MeetingsApplication) -> None:
    rows = app.list_body_memberships(body_id(app, "BSP Board"), date(2026, 3, 1))
    members = {r.seat: r.person_name for r in rows if r.capacity == "member"}
    assert len(members) == 19
    assert members["Thames Valley Police Authority representative"] == "Geoffrey Lindqvist"
    # The Wycombe seat changed hands in May 2025, and the change is on the record.
    assert members["Leader of Wycombe District Council"] == "Cllr Katherine Blyth"
    changes = app.list_membership_changes(
        body_id(app, "BSP Board"), date(2025, 5, 1), date(2026, 3, 1)
    )
    assert [(c.change, c.person_name, c.on) for c in changes] == [
        ("membership_ended", "Cllr David Farrant", date(2025, 5, 20)),
        ("membership_began", "Cllr Katherine Blyth", date(2025, 5, 21)),
        ("substitute_named", "Cllr Katherine Blyth", date(2025, 5, 21)),
    ]
    assert changes[0].reason == "Stood down as Leader of Wycombe District Council"
    assert changes[2].substitute_name == "Cllr Imran Sadiq"
    assert all(c.recorded_by == RECORDED_BY for c in changes)


def test_the_police_authoritys_member_attended_june_in_person_and_left_early(
    app: MeetingsApplication, june: dict[str, Any]
) -> None:
    organisations, _ = app.list_organisations(1, 100)
    tvpa = next(o for o in organisations if o.name == "Thames Valley Police Authority")
    report = app.get_organisation_attendance(UUID(tvpa.id), date(2025, 6, 1), date(2025, 6, 30))
    [meeting] = report.meetings
    assert meeting.meeting_id == str(june["id"])
    [seat] = meeting.seats
    assert seat.person_name == "Geoffrey Lindqvist"
    assert seat.outcome == "present" and seat.substitute_id is None
    assert seat.left_at is not None
    assert seat.left_at.isoformat() == "2025-06-12T11:35:00+01:00"
    # Over the year he missed the Safer Bucks meeting in July and the Board in March.
    year = app.get_person_attendance(_person(app, "Lindqvist"), date(2025, 4, 1), date(2026, 3, 31))
    assert [(r.starts_at.date().isoformat(), r.outcome) for r in year.meetings] == [
        ("2025-06-12", "present"),
        ("2025-07-03", "apologies"),
        ("2025-09-11", "present"),
        ("2025-12-11", "present"),
        ("2026-03-12", "apologies"),
    ]


def test_the_wycombe_leader_sent_her_named_substitute_in_june(
    app: MeetingsApplication, june: dict[str, Any]
) -> None:
    report = app.get_person_attendance(
        _person(app, "Katherine Blyth"), date(2025, 6, 1), date(2025, 6, 30)
    )
    [row] = report.meetings
    assert (row.outcome, row.substitute_name) == ("substitute_sent", "Cllr Imran Sadiq")


def test_what_the_june_minutes_said_before_septembers_amendment(
    app: MeetingsApplication, june: dict[str, Any]
) -> None:
    [amendment] = app.list_minutes_amendments(
        body_id(app, "BSP Board"), date(2025, 9, 1), date(2025, 9, 30), SCRUTINY
    )
    before = (
        "Dr Crayford reported that the Implementation Group had agreed its workplan by theme"
        " and would report to the Board on an exceptions basis each quarter."
    )
    assert amendment.meeting_id == june["id"]
    assert (amendment.item_number, amendment.item_title) == (
        3,
        "Report from the Implementation Group",
    )
    assert amendment.before == before
    assert amendment.after == f"{before}\n\n{AMENDMENT}"
    assert amendment.approved_on == date(2025, 9, 11)
    assert amendment.recorded_by == RECORDED_BY
    september = next(
        m for m in meetings_of(app, "BSP Board") if m["starts_at"].date() == date(2025, 9, 11)
    )
    assert amendment.approved_at_meeting_id == september["id"]


def test_who_recorded_the_reward_grant_decision_and_on_whose_authority(
    app: MeetingsApplication, june: dict[str, Any]
) -> None:
    [decision] = [d for d in june["decisions"] if "Reward Grant" in d["text"]]
    report = app.get_decision_authority(decision["id"], SCRUTINY)
    assert report.meeting.id == june["id"]
    assert report.chair is not None
    assert report.chair.person_name == "Cllr Margaret Ashdown"
    assert report.recorded_by == RECORDED_BY
    # Recorded after the meeting: the Police Authority's member had left by then.
    assert report.quorum.recorded_after_close is True
    assert report.quorum == replace(report.quorum, required=6, members_present=16)
    present = {p.person_name: p.substitute_for_name for p in report.members_present}
    assert present["Cllr Imran Sadiq"] == "Cllr Katherine Blyth"
    assert "Geoffrey Lindqvist" not in present
    assert report.ratification.required is True
    assert "was not on it" in report.ratification.reason
    assert report.terms_of_reference is not None
    assert report.terms_of_reference.version == 1
    assert report.corrections == ()


def test_which_june_actions_are_still_open_and_who_owns_them(
    app: MeetingsApplication, june: dict[str, Any]
) -> None:
    rows, total = app.list_actions(
        {"meeting_id": june["id"], "status": "open"}, None, 1, 100, RECORD_TOOLS
    )
    assert total == 5
    assert [(r.owner_name, r.due_on.isoformat()) for r in rows] == [
        ("Anil Rajput", "2025-07-11"),
        ("Dr Helen Crayford", "2025-08-29"),
        ("Sarah Penhaligon", "2025-09-01"),
        ("Rachel Goodhew", "2025-09-15"),
        ("Dr Mark Hatherley", "2025-11-28"),
    ]
    # The duplicate recorded in error was struck out and does not count as open.
    dropped, _ = app.list_actions(
        {"meeting_id": june["id"], "status": "dropped"}, None, 1, 100, RECORD_TOOLS
    )
    assert len(dropped) == 1
