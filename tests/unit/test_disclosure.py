"""The disclosure policy as one table: which readers see a body's confidential content,
and, for each thing the record shows, what a reader who may not see it is shown instead.

The HTTP tables (tests/web/test_meeting_withholding.py and the others) show the same rules
at the edge; a change of rule changes one row here."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest

from meetings.application import disclosure
from meetings.application.dto import HistoryEntry
from meetings.domain.values import Role
from meetings.infrastructure.tokens import Principal

BODY, OTHER = uuid4(), uuid4()
SEATED, UNSEATED = uuid4(), uuid4()  # a person who sits on BODY today, and one who does not


def _seats(person_id: UUID) -> set[UUID]:
    return {BODY} if person_id == SEATED else {OTHER}


def _who(
    role: Role, bodies: frozenset[UUID] = frozenset(), person: UUID | None = None
) -> Principal:
    return Principal("t" * 12, role.value, role, bodies, person)


#: reader -> (sees BODY's confidential content, the bodies it reaches: None is every body)
READERS: dict[str, tuple[Principal | None, bool, set[UUID] | None]] = {
    "public": (None, False, set()),
    "admin": (_who(Role.ADMIN), True, None),
    "clerk of the body": (_who(Role.CLERK, frozenset({BODY})), True, {BODY}),
    "clerk of another body": (_who(Role.CLERK, frozenset({OTHER})), False, {OTHER}),
    "scrutiny": (_who(Role.SCRUTINY), False, set()),
    "member who sits on it": (_who(Role.MEMBER, person=SEATED), True, {BODY}),
    "member who does not": (_who(Role.MEMBER, person=UNSEATED), False, {OTHER}),
    "chair who sits on it": (_who(Role.CHAIR, person=SEATED), True, {BODY}),
    "chair who does not": (_who(Role.CHAIR, person=UNSEATED), False, {OTHER}),
    "scrutiny naming a person": (_who(Role.SCRUTINY, person=SEATED), False, set()),
}


@pytest.mark.parametrize("reader", READERS)
def test_who_sees_a_bodys_confidential_content(reader: str) -> None:
    who, sees, reach = READERS[reader]
    assert disclosure.sees_confidential(who, BODY, _seats) is sees
    assert disclosure.confidential_bodies(who, _seats) == reach
    assert disclosure.sees_in(BODY, reach) is sees


@pytest.mark.parametrize("reader", READERS)
def test_only_an_administrator_reads_the_log_unwithheld(reader: str) -> None:
    who, _, _ = READERS[reader]
    assert disclosure.sees_log_confidential(who) is (reader == "admin")


# The things, as the body's people see them --------------------------------------------

SECRET = {
    "id": "i-2",
    "number": 2,
    "title": "Acquisition of the Mill Lane site",
    "presenter_id": str(uuid4()),
    "papers": ["valuation.pdf"],
    "forward_plan_id": str(uuid4()),
    "deferral_reason": None,
    "confidential": True,
    "confidential_reason": "commercial terms",
}
OPEN = {**SECRET, "id": "i-1", "number": 1, "title": "Minutes", "confidential": False}

MEETING: dict[str, Any] = {
    "agenda": [OPEN, SECRET],
    "declarations": [
        {
            "id": "d-1",
            "item_id": "i-2",
            "person_id": "p",
            "interest": "Owns land",
            "withdrew": True,
        },
        {"id": "d-2", "item_id": "i-1", "person_id": "q", "interest": "Trustee", "withdrew": False},
    ],
    "notes": [
        {"id": "n-1", "item_id": "i-2", "text": "Price agreed"},
        {"id": "n-2", "item_id": "i-1"},
    ],
    "decisions": [{"id": "x-1", "item_id": "i-2", "text": "Buy the site"}],
    "actions": [{"id": "a-1", "item_id": "i-2", "description": "Instruct solicitors"}],
    "corrections": [{"previous": {"item_id": "i-2"}}, {"previous": {"item_id": "i-1"}}],
}

ROW = {"body_id": str(BODY), "confidential": True, "confidential_reason": "commercial terms"}
ACTION = {
    **ROW,
    "description": "Instruct solicitors",
    "theme": "Estates",
    "owner_id": "p",
    "owner_name": "Pat",
    "organisation_id": "o",
    "organisation_name": "Council",
}
DECISION = {**ROW, "text": "Buy the site", "item_title": "Acquisition of the Mill Lane site"}
AT = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


def _line(data: dict[str, Any]) -> HistoryEntry:
    return HistoryEntry(3, "NoteRecorded", AT, "Clerk (clerk, token 12345678)", data)


WITHHELD = "Confidential item: commercial terms"


def test_a_meeting_withheld_shows_the_item_by_its_reason_and_nothing_under_it() -> None:
    seen = disclosure.shown_meeting(MEETING, True)
    assert seen is MEETING
    shown = disclosure.shown_meeting(MEETING, False)
    assert shown["agenda"][0] == OPEN
    assert shown["agenda"][1] == {
        **SECRET,
        "title": "Confidential item",
        "presenter_id": None,
        "papers": [],
        "forward_plan_id": None,
        "deferral_reason": None,
    }
    assert [n["id"] for n in shown["notes"]] == ["n-2"]
    assert shown["decisions"] == [] and shown["actions"] == []
    assert shown["corrections"] == [{"previous": {"item_id": "i-1"}}]
    # That a declaration was made is public; only its interest is withheld.
    assert shown["declarations"] == [
        {
            **MEETING["declarations"][0],
            "interest": "Withheld (confidential item: commercial terms)",
            "interest_withheld": True,
        },
        MEETING["declarations"][1],
    ]


def test_a_meeting_with_nothing_confidential_is_shown_whole() -> None:
    plain = {**MEETING, "agenda": [OPEN]}
    assert disclosure.redact(plain) is plain


@pytest.mark.parametrize("reader", READERS)
def test_an_action_and_a_decision_row(reader: str) -> None:
    who, sees, _ = READERS[reader]
    reach = disclosure.confidential_bodies(who, _seats)
    action, decision = (
        disclosure.shown_action(ACTION, reach),
        disclosure.shown_decision(DECISION, reach),
    )
    if sees:
        assert action is ACTION and decision is DECISION
        return
    assert action == {
        **ACTION,
        "description": WITHHELD,
        "theme": None,
        "owner_id": None,
        "owner_name": None,
        "organisation_id": None,
        "organisation_name": None,
    }
    assert decision == {**DECISION, "text": WITHHELD, "item_title": "Confidential item"}


def test_rows_not_under_a_confidential_item_are_shown_to_everyone() -> None:
    plain = {**ACTION, "confidential": False}
    assert disclosure.shown_action(plain, set()) is plain
    plain_decision = {**DECISION, "confidential": False}
    assert disclosure.shown_decision(plain_decision, set()) is plain_decision


def test_history_lines() -> None:
    secret = disclosure.confidential_items(MEETING["agenda"])
    assert secret == {"i-2": "commercial terms"}
    about_item = _line({"item_id": "i-2", "text": "Price agreed"})
    under_item = _line({"entry_id": "x-1", "text": "Buy the site"})
    elsewhere = _line({"item_id": "i-1", "text": "Approved"})
    amended = _line(
        {"amendments": [{"item_id": "i-2", "text": "Buy"}, {"item_id": "i-1", "text": "Ok"}]}
    )
    assert disclosure.withheld_history(about_item, secret, set()).data == {"withheld": WITHHELD}
    assert disclosure.withheld_history(under_item, secret, {"x-1"}).data == {
        "withheld": "Confidential item"
    }
    assert disclosure.withheld_history(elsewhere, secret, set()) is elsewhere
    assert disclosure.withheld_history(amended, secret, set()).data == {
        "amendments": [{"item_id": "i-2", "withheld": WITHHELD}, {"item_id": "i-1", "text": "Ok"}]
    }
    replaced = disclosure.withheld_line(about_item, disclosure.STORED_ANSWER)
    assert replaced.data == {"withheld": "the stored answer to a request that may be retried"}
    assert (replaced.version, replaced.type, replaced.recorded_by) == (
        3,
        "NoteRecorded",
        "Clerk (clerk, token 12345678)",
    )


def test_a_forward_plan_subject_and_the_words_for_a_withheld_item() -> None:
    assert disclosure.withheld(None) == "Confidential item: withheld"
    assert disclosure.withheld("commercial terms") == WITHHELD
    assert disclosure.withheld_subject({"id": "f", "subject": "Mill Lane"}, None) == {
        "id": "f",
        "subject": "Confidential item: withheld",
    }


def test_a_decisions_authority_report_withheld() -> None:
    report = {
        "decision": {"text": "Buy the site", "item_title": "Acquisition", "method": "vote"},
        "ratification": {"needed": True, "forward_plan": {"subject": "Mill Lane"}},
        "corrections": [{"before": {"text": "Buy", "at": 1}, "after": {"text": "Buy it"}}],
        "quorum": {"met": True},
    }
    shown = disclosure.withhold_authority(report, "commercial terms")
    assert shown == {
        "decision": {"text": WITHHELD, "item_title": "Confidential item", "method": "vote"},
        "ratification": {"needed": True, "forward_plan": {"subject": WITHHELD}},
        "corrections": [{"before": {"text": WITHHELD, "at": 1}, "after": {"text": WITHHELD}}],
        "quorum": {"met": True},
    }


def test_what_is_under_an_item_and_rows_of_one_body() -> None:
    assert disclosure.withheld_reason(SECRET) == "commercial terms"
    assert disclosure.withheld_reason({**SECRET, "confidential_reason": None}) == "withheld"
    assert disclosure.withheld_reason(OPEN) is None
    rows = [ACTION, {**ACTION, "confidential": False}]
    assert disclosure.shown_rows(rows, True, disclosure.withheld_action) is rows
    shown = disclosure.shown_rows(rows, False, disclosure.withheld_action)
    assert shown[0]["description"] == WITHHELD and shown[1] == rows[1]


def test_an_authority_report_is_withheld_only_for_a_confidential_item_and_a_reader_apart() -> None:
    report = {
        "decision": {"text": "Buy"},
        "ratification": {"forward_plan": None},
        "corrections": [],
    }
    assert disclosure.shown_authority(report, SECRET, True) is report
    assert disclosure.shown_authority(report, OPEN, False) is report
    assert disclosure.shown_authority(report, SECRET, False)["decision"]["text"] == WITHHELD


def test_the_forward_plan_entries_confidential_items_take_up() -> None:
    plan = SECRET["forward_plan_id"]
    assert disclosure.plan_entries_withheld([OPEN, SECRET]) == {plan: "commercial terms"}
    assert disclosure.plan_entries_withheld([{**SECRET, "forward_plan_id": None}]) == {}
