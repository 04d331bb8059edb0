"""Who was there, as the minutes list them: by the capacity they attended in, the chair
first, then the vice-chair, then everyone by name; apologies and absences apart."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from meetings.reports.minutes_text.names import Names
from meetings.reports.minutes_text.words import CAPACITIES

#: Arriving later than this after the meeting opened is minuted as arriving late.
LATE = timedelta(minutes=10)


def attendance(view: dict[str, Any], names: Names) -> dict[str, Any]:
    """Those present by capacity, and those who sent apologies or were absent."""
    present: dict[str, list[dict[str, Any]]] = {capacity: [] for capacity, _ in CAPACITIES}
    apologies, absent = [], []
    opened = view["opened_at"]
    for entry in sorted(view["attendance"], key=lambda e: _listing_order(e["person_id"], names)):
        person = {
            "person_id": entry["person_id"],
            "name": names.person(entry["person_id"]),
            "organisation_name": (names.people.get(str(entry["person_id"])) or {}).get(
                "organisation_name"
            ),
        }
        if entry["status"] == "apologies":
            apologies.append(person)
        elif entry["status"] == "absent":
            absent.append(person)
        else:
            late = opened is not None and entry["at"] > opened + LATE
            present.setdefault(entry["capacity"], []).append(
                {
                    **person,
                    "role": chair_role(entry["person_id"], names),
                    "substitute_for": entry.get("substitute_for"),
                    "substitute_for_name": names.person(entry.get("substitute_for")) or None,
                    "admitted_by_chair": entry["admitted_by_chair"],
                    "arrived_at": entry["at"] if late else None,
                    "left_at": entry["left_at"],
                }
            )
    return {"present": present, "apologies": apologies, "absent": absent}


def _listing_order(person_id: Any, names: Names) -> tuple[int, str]:
    """The chair first, then the vice-chair, then everyone by name."""
    role = {"Chair": 0, "Vice-chair": 1}.get(chair_role(person_id, names) or "", 2)
    return role, names.person(person_id)


def chair_role(person_id: Any, names: Names) -> str | None:
    """ "Chair" for whoever was in the chair (or, when nobody was recorded in it, the body's
    chair), "Vice-chair" for the vice-chair."""
    if names.in_the_chair:
        if str(person_id) in {p for p, _ in names.in_the_chair}:
            return "Chair"
    elif str(person_id) == names.chair_id:
        return "Chair"
    if str(person_id) == names.vice_chair_id:
        return "Vice-chair"
    return None
