"""The shapes a meeting keeps in its state: agenda items, the entries of its record (one
kind per thing the clerk records), their corrections, and its minutes. Snapshots store
these dicts as they are and are decoded back into them, so a key here is never renamed
or dropped; `tests/unit/test_entries.py` holds every entry a meeting records to them.

The two builders below run when a meeting is loaded, for every event it replays: they
only shape what the event says, and must give the same dict for the same event forever."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypedDict
from uuid import UUID


class Correction(TypedDict):
    """One correction of an entry: why, what it said before, whether it was retracted."""

    reason: str
    previous: dict[str, Any]
    retracted: bool


class Entry(TypedDict):
    """What every entry of the record has."""

    id: str
    kind: str
    retracted: bool
    corrections: list[Correction]


class AttendanceEntry(Entry):
    person_id: UUID
    status: str
    capacity: str
    substitute_for: UUID | None
    admitted_by_chair: bool
    at: datetime


class DepartureEntry(Entry):
    person_id: UUID
    at: datetime


class ChairEntry(Entry):
    """Who took the chair, from when."""

    person_id: UUID
    at: datetime


class DeclarationEntry(Entry):
    person_id: UUID
    item_id: str
    interest: str
    withdrew: bool
    at: datetime | None


class NoteEntry(Entry):
    item_id: str
    text: str
    at: datetime | None


class DecisionEntry(Entry):
    at: datetime | None
    votes_by_member: list[dict[str, Any]] | None
    quorum: dict[str, Any] | None
    also_referred_to: list[UUID] | None
    item_id: str
    text: str
    method: str
    votes: dict[str, int] | None
    within_delegated_authority: bool
    referred_to: UUID | None
    requires_ratification: bool


class ActionEntry(Entry):
    action_id: UUID
    item_id: str
    description: str
    owner_id: UUID | None
    organisation_id: UUID | None
    due_on: date
    theme: str | None


#: Each kind of entry and its shape.
KINDS: dict[str, type[Entry]] = {
    "attendance": AttendanceEntry,
    "departure": DepartureEntry,
    "chair": ChairEntry,
    "declaration": DeclarationEntry,
    "note": NoteEntry,
    "decision": DecisionEntry,
    "action": ActionEntry,
}


class _AgendaItem(TypedDict):
    id: str
    title: str
    kind: str
    presenter_id: UUID | None
    confidential: bool
    confidential_reason: str | None
    papers: list[dict[str, Any]]
    forward_plan_id: UUID | None
    status: str
    deferred_from: UUID | None
    deferred_to: UUID | None
    deferral_reason: str | None
    added_after_publication: bool


class AgendaItem(_AgendaItem, total=False):
    """An item of the agenda; `referral_of` and `referrals_of` once it takes up a
    decision another body referred to this one (the first, and all of them)."""

    referral_of: str
    referrals_of: list[str]


class Minutes(TypedDict):
    """Where the minutes are in their life (`minutes_stage`), and each step's facts."""

    status: str
    agreed: dict[str, Any] | None
    circulated_at: datetime | None
    approved: dict[str, Any] | None
    amendments: list[dict[str, Any]]
    published_at: datetime | None
    reopened: list[dict[str, Any]]


#: A postponement of the meeting: from when, to when (None: a date to be fixed), why.
Postponement = TypedDict("Postponement", {"from": datetime, "to": datetime | None, "reason": str})


#: What each kind of entry gained in December 2026 (f30aa52's snapshots lack it): each
#: event's own upcaster gives it as None, so replaying the events gives None too.
SINCE_DECEMBER_2026 = {
    "declaration": ("at",),
    "note": ("at",),
    "decision": ("at", "votes_by_member", "quorum", "also_referred_to"),
}


def upcast_state_v1_v2(state: dict[str, Any]) -> None:
    """A meeting's state as a snapshot from before December 2026 holds it, given what
    replaying its events gives today: no groups summoned nor joint bodies; None for each
    entry's (and each correction's previous) fields added since, in the order a replay
    puts them; and an item's one referral listed as its referrals."""
    state.setdefault("groups", None)
    state.setdefault("joint_with", None)
    for entry_id, entry in state["entries"].items():
        if entry["kind"] in SINCE_DECEMBER_2026:
            state["entries"][entry_id] = _in_todays_shape(entry)
    for item in state["agenda"]:
        if item.get("referral_of") and "referrals_of" not in item:
            item["referrals_of"] = [item["referral_of"]]


def _in_todays_shape(entry: dict[str, Any]) -> dict[str, Any]:
    shaped = _with_fields_since(entry)
    shaped["corrections"] = [
        {**c, "previous": _with_fields_since(c["previous"])} for c in entry["corrections"]
    ]
    return shaped


def _with_fields_since(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry with None for each field it lacks, in the order today's builder uses."""
    added = SINCE_DECEMBER_2026[entry["kind"]]
    own = [k for k in KINDS[entry["kind"]].__annotations__ if k not in Entry.__annotations__]
    order = ["id", "kind", *own, "retracted", "corrections"]
    shaped = {k: entry.get(k) for k in order if k in entry or k in added}
    shaped.update(entry)  # anything else it holds, kept as stored
    return shaped


def new_entry(entry_id: str, kind: str, **fields: Any) -> dict[str, Any]:
    """A new entry of the record, in force and not yet corrected."""
    return {"id": entry_id, "kind": kind, **fields, "retracted": False, "corrections": []}


def corrected(
    entry: dict[str, Any], reason: str, replacement: dict[str, Any] | None
) -> dict[str, Any]:
    """The entry after a correction (the fields as they should have been) or a retraction
    (None): a new dict, never a change in place, keeping what it said before."""
    previous = {k: v for k, v in entry.items() if k != "corrections"}
    correction = {"reason": reason, "previous": previous, "retracted": replacement is None}
    return {
        **entry,
        **(replacement or {"retracted": True}),
        "corrections": [*entry["corrections"], correction],
    }
