"""Who and what a meeting's record mentions: the names the minutes print for its ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Names:
    """Who and what a meeting's record mentions, by id (as strings)."""

    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)
    meetings: dict[str, datetime] = field(default_factory=dict)
    chair_id: str | None = None
    vice_chair_id: str | None = None
    #: Who was recorded in the chair (person id as a string, from when), in order.
    in_the_chair: list[tuple[str, datetime]] = field(default_factory=list)

    def person(self, person_id: Any) -> str:
        if person_id is None:
            return ""
        row = self.people.get(str(person_id))
        return str(row["name"]) if row else "(unknown person)"

    def person_with_organisation(self, person_id: Any) -> str:
        row = self.people.get(str(person_id))
        name = self.person(person_id)
        if row and row.get("organisation_name"):
            return f"{name} ({row['organisation_name']})"
        return name

    def organisation(self, organisation_id: Any) -> str | None:
        return self.organisations.get(str(organisation_id)) if organisation_id else None

    def body(self, body_id: Any) -> str | None:
        return self.bodies.get(str(body_id)) if body_id else None


def people_mentioned(view: dict[str, Any]) -> set[str]:
    """The ids of everyone a meeting's view names: attendance, declarations, the chair,
    substitutes, owners of actions, named votes and presenters."""
    ids = {
        str(e["person_id"])
        for e in view["attendance"] + view["declarations"] + view.get("in_the_chair", [])
    }
    ids |= {str(e["substitute_for"]) for e in view["attendance"] if e.get("substitute_for")}
    ids |= {str(e["owner_id"]) for e in view["actions"] if e.get("owner_id")}
    ids |= {str(v["person_id"]) for d in view["decisions"] for v in d.get("votes_by_member") or []}
    ids |= {str(i["presenter_id"]) for i in view["agenda"] if i.get("presenter_id")}
    return ids
