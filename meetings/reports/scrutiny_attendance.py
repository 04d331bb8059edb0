"""How a seat was filled at a meeting, read from the corrected attendance; the period asked."""

from __future__ import annotations

from datetime import date
from typing import Any

from meetings.domain.errors import InvalidFieldError

#: Seats that take decisions: only their holders can send a substitute.
DECIDING = ("member", "co_opted")
OUTCOMES = ("present", "substitute_sent", "apologies", "absent", "not_recorded")


def period(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The period asked for: `to` defaults to today, `from` to the same date a year before."""
    end = end or today
    if start is None:
        start = _year_before(end)
    if start > end:
        raise InvalidFieldError(
            "from",
            f"The period starts ({start.isoformat()}) after it ends ({end.isoformat()}): "
            "give a 'from' date on or before the 'to' date.",
        )
    return start, end


def _year_before(day: date) -> date:
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def _blank() -> dict[str, Any]:
    return {
        "outcome": "not_recorded",
        "capacity": None,
        "substitute_id": None,
        "substitute_for": None,
        "arrived_at": None,
        "left_at": None,
    }


def _presence(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """When someone recorded present arrived and, if they left before the end, when."""
    left = [e["left_at"] for e in entries]
    return {
        "arrived_at": min(e["at"] for e in entries),
        "left_at": None if any(at is None for at in left) else max(left),
    }


def seat_outcome(attendance: list[dict[str, Any]], person_id: str) -> dict[str, Any]:
    """How the holder of a seat answered for it: here in person, a substitute sent in
    their place, apologies, absent, or nothing recorded at all."""
    mine = [e for e in attendance if str(e["person_id"]) == person_id]
    here = [e for e in mine if e["status"] == "present"]
    if here:
        return {
            **_blank(),
            "outcome": "present",
            "capacity": here[0]["capacity"],
            **_presence(here),
        }
    standing_in = [
        e
        for e in attendance
        if e["status"] == "present" and str(e.get("substitute_for") or "") == person_id
    ]
    if standing_in:
        first = standing_in[0]
        return {
            **_blank(),
            "outcome": "substitute_sent",
            "substitute_id": str(first["person_id"]),
            **_presence([e for e in standing_in if e["person_id"] == first["person_id"]]),
        }
    for status in ("apologies", "absent"):
        if any(e["status"] == status for e in mine):
            return {**_blank(), "outcome": status, "capacity": mine[0]["capacity"]}
    return _blank()


def own_entry(attendance: list[dict[str, Any]], person_id: str) -> dict[str, Any] | None:
    """Someone without a seat at the meeting: how they were recorded, if at all (present
    as adviser, observer, officer, guest or as a substitute, or their apologies)."""
    mine = [e for e in attendance if str(e["person_id"]) == person_id]
    if not mine:
        return None
    here = [e for e in mine if e["status"] == "present"]
    if not here:
        return {**_blank(), "outcome": mine[0]["status"], "capacity": mine[0]["capacity"]}
    substitute_for = here[0].get("substitute_for")
    return {
        **_blank(),
        "outcome": "present",
        "capacity": here[0]["capacity"],
        "substitute_for": str(substitute_for) if substitute_for else None,
        **_presence(here),
    }


def summary(outcomes: list[str]) -> dict[str, int]:
    """How many meetings (or seats) ended in each outcome."""
    return {"meetings": len(outcomes), **{name: outcomes.count(name) for name in OUTCOMES}}
