"""Referrals (Gloucestershire): the GSP deliberates, the Accountable Bodies Group signs
off at a special meeting, the Community Strategy Executive Board implements and monitors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest

from meetings.application import MeetingsApplication
from meetings.application.access import RECORD_TOOLS
from meetings.application.commands import (
    AddAgendaItem,
    CorrectEntry,
    DeferItem,
    EstablishBody,
    OpenMeeting,
    RecordDecision,
    ScheduleMeeting,
)
from meetings.application.dto.decisions import DecisionRow
from meetings.domain.errors import InvalidFieldError, UnknownReferenceError

GSP_MEETS = datetime(2026, 2, 10, 10, tzinfo=UTC)


@dataclass
class Gloucestershire:
    gsp: UUID
    abg: UUID
    cseb: UUID


@pytest.fixture
def glos(app: MeetingsApplication) -> Gloucestershire:
    def body(name: str, short_name: str, kind: str) -> UUID:
        return app.establish_body(EstablishBody(name=name, short_name=short_name, kind=kind)).id

    return Gloucestershire(
        body("Gloucestershire Strategic Partnership", "GSP", "board"),
        body("Accountable Bodies Group", "ABG", "executive"),
        body("Community Strategy Executive Board", "CSEB", "executive"),
    )


def _session(
    app: MeetingsApplication, body: UUID, starts: datetime, title: str, **item: Any
) -> tuple[UUID, str]:
    """A meeting of the body with one item, in session: (meeting, item)."""
    kind = item.pop("meeting_kind", "ordinary")
    scheduled = app.schedule_meeting(ScheduleMeeting(body_id=body, starts_at=starts, kind=kind))
    meeting = UUID(str(scheduled["id"]))
    added = app.add_agenda_item(
        AddAgendaItem(meeting_id=meeting, title=title, kind="decision", **item)
    )
    app.open_meeting(OpenMeeting(meeting_id=meeting, at=starts))
    return meeting, str(added["id"])


def _decide(app: MeetingsApplication, meeting: UUID, item: str, text: str, **kw: Any) -> str:
    decision = app.record_decision(
        RecordDecision(meeting_id=meeting, item_id=item, text=text, method="consensus", **kw)
    )
    return str(decision["id"])


def _gsp_refers(app: MeetingsApplication, glos: Gloucestershire) -> str:
    """The GSP agrees an action plan for a major employer's closure, referred to the ABG."""
    meeting, item = _session(app, glos.gsp, GSP_MEETS, "Closure of a major employer")
    return _decide(app, meeting, item, "Agree the joint action plan", referred_to=glos.abg)


def _ids(rows: list[DecisionRow]) -> list[str]:
    return [str(r.id) for r in rows]


def test_a_referred_decision_awaits_the_body_it_was_referred_to(
    app: MeetingsApplication, glos: Gloucestershire
) -> None:
    decision = _gsp_refers(app, glos)
    [matter] = app.list_referred_matters(glos.abg, RECORD_TOOLS)
    assert (matter.id, matter.body_id, matter.taken_up) == (decision, str(glos.gsp), [])
    assert app.list_referred_matters(glos.cseb, RECORD_TOOLS) == []


def test_the_matter_goes_from_gsp_through_abg_to_cseb(
    app: MeetingsApplication, glos: Gloucestershire
) -> None:
    gsp = _gsp_refers(app, glos)
    special, sign_off = _session(
        app,
        glos.abg,
        GSP_MEETS + timedelta(days=7),
        "Sign off the action plan",
        referral_of=UUID(gsp),
        meeting_kind="special",
    )
    assert app.get_meeting(special).kind == "special"
    abg = _decide(app, special, sign_off, "Signed off", referred_to=glos.cseb)
    cseb_meeting, take_up = _session(
        app, glos.cseb, GSP_MEETS + timedelta(days=21), "Action plan", referral_of=UUID(abg)
    )
    cseb = _decide(app, cseb_meeting, take_up, "Implement the plan and monitor it monthly")

    chain = app.get_decision_chain(UUID(gsp), RECORD_TOOLS)
    assert (_ids(chain.upstream), _ids(chain.decision)) == ([], [gsp])
    assert _ids(chain.downstream) == [abg, cseb]
    upstream = app.get_decision_chain(UUID(cseb), RECORD_TOOLS)
    assert (_ids(upstream.upstream), _ids(upstream.downstream)) == ([gsp, abg], [])
    [matter] = app.list_referred_matters(glos.abg, RECORD_TOOLS)
    [taken] = matter.taken_up
    assert (taken.meeting_id, taken.item_id) == (str(special), sign_off)
    assert app.list_referred_matters(glos.cseb, RECORD_TOOLS)[0].taken_up[0].meeting_id == str(
        cseb_meeting
    )


def test_the_taking_up_item_names_the_referral(
    app: MeetingsApplication, glos: Gloucestershire
) -> None:
    gsp = _gsp_refers(app, glos)
    meeting, item = _session(app, glos.abg, GSP_MEETS, "Sign off", referral_of=UUID(gsp))
    assert app.get_meeting(meeting).item(item)["referral_of"] == gsp
    assert app.get_decision_chain(UUID(gsp), RECORD_TOOLS).downstream == []  # not decided yet


def test_an_item_may_not_take_up_a_decision_referred_elsewhere(
    app: MeetingsApplication, glos: Gloucestershire
) -> None:
    gsp = _gsp_refers(app, glos)
    scheduled = app.schedule_meeting(ScheduleMeeting(body_id=glos.cseb, starts_at=GSP_MEETS))
    before = app.recorder.max_notification_id()
    with pytest.raises(InvalidFieldError) as refused:
        app.add_agenda_item(
            AddAgendaItem(
                meeting_id=UUID(str(scheduled["id"])),
                title="Action plan",
                kind="decision",
                referral_of=UUID(gsp),
            )
        )
    assert refused.value.field == "referral_of"
    assert app.recorder.max_notification_id() == before


def test_an_item_may_not_take_up_an_unknown_decision(
    app: MeetingsApplication, glos: Gloucestershire
) -> None:
    scheduled = app.schedule_meeting(ScheduleMeeting(body_id=glos.abg, starts_at=GSP_MEETS))
    with pytest.raises(UnknownReferenceError):
        app.add_agenda_item(
            AddAgendaItem(
                meeting_id=UUID(str(scheduled["id"])),
                title="Action plan",
                kind="decision",
                referral_of=UUID(int=1),
            )
        )


def test_a_retracted_referral_leaves_the_referred_matters(
    app: MeetingsApplication, glos: Gloucestershire
) -> None:
    meeting, item = _session(app, glos.gsp, GSP_MEETS, "Closure of a major employer")
    decision = _decide(app, meeting, item, "Refer the plan", referred_to=glos.abg)
    app.correct_entry(CorrectEntry(meeting_id=meeting, entry_id=decision, reason="In error"))
    assert app.list_referred_matters(glos.abg, RECORD_TOOLS) == []


def test_a_deferred_referral_is_taken_up_at_the_later_meeting(
    app: MeetingsApplication, glos: Gloucestershire
) -> None:
    gsp = _gsp_refers(app, glos)
    first, item = _session(app, glos.abg, GSP_MEETS, "Sign off", referral_of=UUID(gsp))
    scheduled = app.schedule_meeting(
        ScheduleMeeting(body_id=glos.abg, starts_at=GSP_MEETS + timedelta(days=30))
    )
    later = UUID(str(scheduled["id"]))
    app.defer_item(
        DeferItem(meeting_id=first, item_id=item, reason="Papers late", to_meeting_id=later)
    )
    [carried] = app.get_meeting(later).agenda
    assert carried.get("referral_of") == gsp
    app.open_meeting(OpenMeeting(meeting_id=later, at=GSP_MEETS + timedelta(days=30)))
    abg = _decide(app, later, carried["id"], "Signed off at the next meeting")
    assert _ids(app.get_decision_chain(UUID(gsp), RECORD_TOOLS).downstream) == [abg]
