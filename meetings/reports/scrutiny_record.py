"""What the log says about who changed a body's membership, and who recorded a decision."""

from __future__ import annotations

from datetime import date
from typing import Any

from meetings.application.decisions import DECIDED
from meetings.application.dto import HistoryEntry

#: The fields of a decision as recorded, which a correction may change.
DECISION_FIELDS = ("item_id", *DECIDED)


def _change(on: date, kind: str, entry: HistoryEntry, **fields: Any) -> dict[str, Any]:
    blank = dict.fromkeys(
        (
            "membership_id",
            "person_id",
            "seat",
            "capacity",
            "organisation_id",
            "starts_on",
            "ends_on",
            "substitute_id",
            "role",
            "reason",
        )
    )
    return {
        **blank,
        "on": on,
        "change": kind,
        **fields,
        "recorded_by": entry.recorded_by,
        "recorded_at": entry.recorded_at,
    }


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _within(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def membership_changes(
    seat: dict[str, Any], history: list[HistoryEntry], start: date, end: date
) -> list[dict[str, Any]]:
    """A membership's beginning, end and substitutes named or withdrawn within the period,
    each with who recorded it and when. `seat` is the membership as it now stands."""
    fields = {
        "membership_id": seat["id"],
        "person_id": seat["person_id"],
        "seat": seat["seat"],
        "capacity": seat["capacity"],
        "organisation_id": seat["organisation_id"],
        "starts_on": seat["starts_on"],
        "ends_on": seat["ends_on"],
    }
    changes = []
    if _within(seat["starts_on"], start, end):
        changes.append(_change(seat["starts_on"], "membership_began", history[0], **fields))
    if _within(seat["ends_on"], start, end):
        ended = [h for h in history if h.type == "Membership.Ended"]
        entry = ended[-1] if ended else history[0]
        reason = entry.data.get("reason") if ended else None
        changes.append(_change(seat["ends_on"], "membership_ended", entry, **fields, reason=reason))
    for h in history:
        kind, key = {
            "Membership.SubstituteNamed": ("substitute_named", "named_on"),
            "Membership.SubstituteWithdrawn": ("substitute_withdrawn", "withdrawn_on"),
        }.get(h.type, (None, None))
        on = _day(h.data.get(key)) if key else None
        if kind and on is not None and _within(on, start, end):
            changes.append(_change(on, kind, h, **fields, substitute_id=h.data["person_id"]))
    return changes


def chair_changes(history: list[HistoryEntry], start: date, end: date) -> list[dict[str, Any]]:
    """Chairs and vice-chairs appointed, and terms ended, within the period."""
    changes = []
    ended = {h.data["appointment_id"]: h for h in history if h.type == "Body.ChairTermEnded"}
    for h in history:
        if h.type != "Body.ChairAppointed":
            continue
        term_end = ended.get(h.data["appointment_id"])
        fields = {
            "person_id": h.data["person_id"],
            "role": h.data["role"],
            "starts_on": _day(h.data["starts_on"]),
            "ends_on": _day(term_end.data["ends_on"] if term_end else h.data["ends_on"]),
        }
        if _within(fields["starts_on"], start, end):
            changes.append(_change(fields["starts_on"], "chair_appointed", h, **fields))
        if _within(fields["ends_on"], start, end):
            reason = term_end.data.get("reason") if term_end else None
            changes.append(
                _change(
                    fields["ends_on"], "chair_term_ended", term_end or h, **fields, reason=reason
                )
            )
    return changes


def decision_record(history: list[HistoryEntry], decision_id: str) -> dict[str, Any]:
    """Who recorded a decision and when, and every correction of it: who, when, why, and
    the fields before and after."""
    recorded = next(
        h
        for h in history
        if h.type == "Meeting.DecisionRecorded" and h.data.get("entry_id") == decision_id
    )
    # `at`: when it was taken, recorded since December 2026 (a correction restates it).
    state = {k: recorded.data.get(k) for k in (*DECISION_FIELDS, "at")}
    corrections = []
    for h in history:
        if h.type != "Meeting.EntryCorrected" or h.data.get("entry_id") != decision_id:
            continue
        # The replacement restates the entry: show only the fields it changed.
        replacement = {
            k: v for k, v in (h.data.get("replacement") or {}).items() if state.get(k) != v
        }
        corrections.append(
            {
                "recorded_by": h.recorded_by,
                "recorded_at": h.recorded_at,
                "reason": h.data["reason"],
                "before": {k: state.get(k) for k in replacement},
                "after": replacement,
            }
        )
        state.update(replacement)
    return {
        "recorded_by": recorded.recorded_by,
        "recorded_at": recorded.recorded_at,
        "corrections": corrections,
    }
