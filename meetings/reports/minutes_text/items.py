"""One agenda item as the minutes record it: who presented it, its papers, the interests
declared on it, the notes, decisions and actions recorded against it, and its deferral;
or, for a reader who may not see a confidential item, only that it is withheld."""

from __future__ import annotations

from typing import Any

from meetings.reports.minutes_text.names import Names


def item(
    view: dict[str, Any], agenda_item: dict[str, Any], names: Names, withheld: bool
) -> dict[str, Any]:
    """The record of `agenda_item` of the meeting `view` shows."""
    item_id = agenda_item["id"]
    base = {
        "id": item_id,
        "number": agenda_item["number"],
        "title": agenda_item["title"],
        "kind": agenda_item["kind"],
        "confidential": agenda_item["confidential"],
        "confidential_reason": agenda_item["confidential_reason"],
    }
    if withheld:
        return {
            **base,
            "withheld": True,
            "presenter_name": None,
            "papers": [],
            "declarations": [],
            "notes": [],
            "decisions": [],
            "actions": [],
            "deferral": None,
        }
    return {
        **base,
        "withheld": False,
        "presenter_name": names.person(agenda_item.get("presenter_id")) or None,
        "papers": [dict(p) for p in agenda_item.get("papers") or []],
        "declarations": [
            {
                "person_id": d["person_id"],
                "person_name": names.person(d["person_id"]),
                "interest": d["interest"],
                "withdrew": d["withdrew"],
            }
            for d in view["declarations"]
            if d["item_id"] == item_id
        ],
        "notes": [n["text"] for n in view["notes"] if n["item_id"] == item_id],
        "decisions": [_decision(d, names) for d in view["decisions"] if d["item_id"] == item_id],
        "actions": [_action(a, names) for a in view["actions"] if a["item_id"] == item_id],
        "deferral": _deferral(agenda_item, names),
    }


def _decision(d: dict[str, Any], names: Names) -> dict[str, Any]:
    return {
        "id": d["id"],
        "text": d["text"],
        "method": d["method"],
        "votes": d["votes"],
        "requires_ratification": d["requires_ratification"],
        "within_delegated_authority": d["within_delegated_authority"],
        "referred_to": d["referred_to"],
        "referred_to_name": names.body(d["referred_to"]),
        "also_referred_to_names": [names.body(b) or "" for b in d.get("also_referred_to") or []],
        "votes_by_member": [
            {**v, "person_name": names.person(v["person_id"])}
            for v in d.get("votes_by_member") or []
        ],
        "quorum": d.get("quorum"),
    }


def _action(a: dict[str, Any], names: Names) -> dict[str, Any]:
    return {
        "id": a["id"],
        "action_id": a["action_id"],
        "description": a["description"],
        "owner_id": a["owner_id"],
        "owner_name": names.person(a["owner_id"]) or "(to be named)",
        "organisation_id": a["organisation_id"],
        "organisation_name": names.organisation(a["organisation_id"]),
        "due_on": a["due_on"],
    }


def _deferral(agenda_item: dict[str, Any], names: Names) -> dict[str, Any] | None:
    if agenda_item["status"] != "deferred":
        return None
    target = agenda_item.get("deferred_to")
    return {
        "reason": agenda_item["deferral_reason"],
        "to_meeting_id": target,
        "to_meeting_starts_at": names.meetings.get(str(target)) if target else None,
    }
