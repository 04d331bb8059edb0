"""The shapes a meeting keeps in its state (meetings/domain/entries.py) are the shapes it
really records: every kind of entry, an agenda item, the minutes and a postponement have
exactly the keys their TypedDict names (snapshots store these dicts as they are)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4

from meetings.domain.entries import (
    KINDS,
    AgendaItem,
    Correction,
    Minutes,
    Postponement,
    corrected,
    new_entry,
)
from meetings.domain.meeting import Meeting

T0 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)


def _keys(shape: Any) -> set[str]:
    return set(shape.__required_keys__) | set(shape.__optional_keys__)


def _recorded_meeting() -> Meeting:
    m = Meeting(uuid4(), T0, "County Hall", "ordinary")
    m.postpone("Snow", T0 + timedelta(days=7))
    item = m.add_item("i1", "Budget", "decision", None, False, None, [], None)["id"]
    m.take_chair("c1", uuid4(), T0)
    m.open(T0 + timedelta(days=7))
    ann = uuid4()
    member = {"is_member": True, "is_named_substitute": False}
    m.record_attendance("a1", ann, "present", "member", None, False, m.starts_at, **member)
    m.declare_interest("d1", ann, item, "Owns land", True, m.starts_at)
    m.record_note("n1", item, "Discussed.", m.starts_at)
    decision = {
        "text": "Agreed.",
        "method": "consensus",
        "votes": None,
        "within_delegated_authority": True,
        "referred_to": None,
        "requires_ratification": False,
    }
    m.record_decision("e1", item, decision, "consensus")
    action = {
        "description": "Write it up",
        "owner_id": ann,
        "organisation_id": None,
        "due_on": date(2026, 4, 1),
        "theme": None,
    }
    m.agree_action("x1", uuid4(), item, action)
    m.record_departure("l1", ann, m.starts_at + timedelta(hours=1))
    return m


def test_every_entry_a_meeting_records_has_the_keys_of_its_kind() -> None:
    m = _recorded_meeting()
    assert {e["kind"] for e in m.entries.values()} == set(KINDS)
    for entry in m.entries.values():
        assert set(entry) == _keys(KINDS[entry["kind"]]), entry["kind"]


def test_an_agenda_item_the_minutes_and_a_postponement_have_their_keys() -> None:
    m = _recorded_meeting()
    (item,) = m.agenda
    assert set(item) == set(AgendaItem.__required_keys__)
    m.take_up_referral(item["id"], "decision-1")
    assert set(m.agenda[0]) == _keys(AgendaItem)
    assert set(m.minutes) == _keys(Minutes)
    assert set(m.postponements[0]) == _keys(Postponement)


def test_a_correction_keeps_what_the_entry_said_in_a_new_dict() -> None:
    entry = new_entry("n1", "note", item_id="i1", text="Teh budget", at=None)
    fixed = corrected(entry, "typo", {"text": "The budget"})
    assert entry["text"] == "Teh budget" and entry["corrections"] == []
    assert fixed["text"] == "The budget" and not fixed["retracted"]
    (correction,) = fixed["corrections"]
    assert set(correction) == _keys(Correction)
    assert correction == {
        "reason": "typo",
        "previous": {k: v for k, v in entry.items() if k != "corrections"},
        "retracted": False,
    }
    gone = corrected(fixed, "wrong meeting", None)
    assert gone["retracted"] and gone["text"] == "The budget"
    assert [c["retracted"] for c in gone["corrections"]] == [False, True]


def test_a_new_entry_is_in_force_and_uncorrected_with_its_keys_in_order() -> None:
    entry = new_entry("x", "departure", person_id="p", at=T0)
    assert list(entry) == ["id", "kind", "person_id", "at", "retracted", "corrections"]
    assert entry["retracted"] is False and entry["corrections"] == []


def test_a_state_from_before_december_2026_gets_what_a_replay_gives_today() -> None:
    old_note = {"id": "n1", "kind": "note", "item_id": "i1", "text": "Teh", "retracted": False}
    note = {
        **old_note,
        "text": "The",
        "corrections": [{"reason": "typo", "previous": old_note, "retracted": False}],
    }
    old_decision = {**new_entry("d1", "decision", item_id="i1", text="Agreed.", method="noted")}
    old_decision["kept"] = "as stored"
    state: dict[str, Any] = {
        "entries": {"n1": note, "d1": old_decision, "a1": new_entry("a1", "departure", at=T0)},
        "agenda": [{"id": "i1", "referral_of": "r1"}, {"id": "i2"}],
    }
    Meeting.upcast_v1_v2(state)
    assert state["groups"] is None and state["joint_with"] is None
    n1 = state["entries"]["n1"]
    assert list(n1) == ["id", "kind", "item_id", "text", "at", "retracted", "corrections"]
    assert n1["at"] is None and n1["text"] == "The"
    assert list(n1["corrections"][0]["previous"]) == [
        "id", "kind", "item_id", "text", "at", "retracted"
    ]  # fmt: skip
    d1 = state["entries"]["d1"]
    assert list(d1)[:6] == ["id", "kind", "at", "votes_by_member", "quorum", "also_referred_to"]
    assert d1["kept"] == "as stored" and d1["quorum"] is None
    assert state["entries"]["a1"] == new_entry("a1", "departure", at=T0)
    assert state["agenda"] == [
        {"id": "i1", "referral_of": "r1", "referrals_of": ["r1"]},
        {"id": "i2"},
    ]
