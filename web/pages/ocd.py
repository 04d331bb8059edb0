"""Published minutes mapped to Open Civic Data: the meeting as an OCD event (its
participants, agenda, documents and sources, and what OCD has no field for in `extras`),
each decision taken by vote or consensus as a vote event. docs/EXPORTS.md writes the
mapping down; links are absolute, under MEETINGS_BASE_URL."""

from __future__ import annotations

from typing import Any

from meetings.application.dto.minutes import PublishedMinutes
from meetings.domain.rules import LONDON
from meetings.reports.minutes_text import long_date, unstopped
from web.api.common import API_PREFIX
from web.pages.feeds import absolute, how_decided

#: How each capacity is noted on an OCD participant.
_PRESENT_AS = {
    "member": "present",
    "adviser": "adviser",
    "observer": "observer",
    "officer": "officer",
    "guest": "guest, admitted by the chair",
}


def ocd_event(minutes: PublishedMinutes) -> dict[str, Any]:
    """The OCD event for published minutes, its links under MEETINGS_BASE_URL."""
    h, meeting_id = minutes.heading, minutes.meeting_id
    page = absolute(f"/meetings/{meeting_id}")
    items = [i for i in minutes.items if not i["withheld"]]
    return {
        "_type": "event",
        "id": f"ocd-event/{meeting_id}",
        "name": f"{h['body_name']} ({h['kind']} meeting)",
        "description": f"Minutes of the meeting held on {long_date(h['starts_at'])}.",
        "classification": "committee-meeting",
        "start_date": h["starts_at"].astimezone(LONDON),
        "end_date": h["closed_at"].astimezone(LONDON) if h["closed_at"] else None,
        "timezone": "Europe/London",
        "all_day": False,
        "status": "passed",  # minutes exist only for a meeting that met and closed
        "location": {"name": h["venue"]},
        "participants": [
            {"name": h["body_name"], "entity_type": "organization", "note": "host"},
            *_participants(minutes),
        ],
        "agenda": [_agenda_item(i) for i in minutes.items],
        "documents": [
            _document("Minutes", absolute(f"/meetings/{meeting_id}/minutes.html"), "text/html")
        ]
        + [
            _document(f"Item {i['number']}: {p['title']}", p["url"], "")
            for i in items
            for p in i["papers"]
            if p.get("url")
        ],
        "media": [],
        "sources": [
            {"url": page, "note": "The meeting's published page"},
            {"url": absolute(f"{API_PREFIX}/meetings/{meeting_id}/minutes"), "note": "Minutes"},
        ],
        "extras": _extras(minutes),
        "vote_events": [
            _vote_event(h, i, d) for i in items for d in i["decisions"] if d["method"] != "noted"
        ],
    }


def _participants(minutes: PublishedMinutes) -> list[dict[str, Any]]:
    people = []
    for capacity, present in minutes.present.items():
        for p in present:
            note = _PRESENT_AS.get(capacity, capacity)
            if p.get("substitute_for_name"):
                note = f"substitute for {p['substitute_for_name']}"
            if p.get("role"):
                note += f", {p['role']}"
            people.append({"name": p["name"], "entity_type": "person", "note": note})
    for status in ("apologies", "absent"):
        people += [
            {"name": p["name"], "entity_type": "person", "note": status}
            for p in getattr(minutes, status)
        ]
    return people


def _agenda_item(item: dict[str, Any]) -> dict[str, Any]:
    entry = {"order": str(item["number"]), "classification": [item["kind"]], "subjects": []}
    if item["withheld"]:
        reason = f"Withheld from publication: {unstopped(item['confidential_reason'])}."
        return {
            **entry,
            "description": "Confidential item",
            "notes": [reason],
            "related_entities": [],
        }
    return {
        **entry,
        "description": item["title"],
        "notes": _item_notes(item),
        "related_entities": _related(item),
    }


def _item_notes(item: dict[str, Any]) -> list[str]:
    """The item's minute as a list of sentences, in the order the minutes give them."""
    presenter = item["presenter_name"]
    notes = [f"Presented by {unstopped(presenter)}."] if presenter else []
    notes += [f"Paper: {p['title']}." for p in item["papers"]]
    notes += [
        f"{d['person_name']} declared an interest ({unstopped(d['interest'])})"
        + (" and withdrew for this item." if d["withdrew"] else ".")
        for d in item["declarations"]
    ]
    # An amendment made on approval replaces the item's narrative (the original is in extras).
    notes += [item["amendment"]["text"]] if item["amendment"] else item["notes"]
    for d in item["decisions"]:
        notes.append(f"Decision: {d['text']} {how_decided(d)}")
        if d["requires_ratification"]:
            notes.append("It needs ratification by the partner organisations.")
        if d["referred_to_name"]:
            notes.append(f"Referred to {unstopped(d['referred_to_name'])}.")
    notes += [
        f"Action: {unstopped(a['description'])}. Owner: {a['owner_name']}"
        + (f" ({a['organisation_name']})" if a["organisation_name"] else "")
        + f". Due {a['due_on'].isoformat()}."
        for a in item["actions"]
    ]
    if item["deferral"]:
        notes.append(f"Deferred: {item['deferral']['reason']}")
    return notes


def _related(item: dict[str, Any]) -> list[dict[str, Any]]:
    def person(name: str, note: str) -> dict[str, Any]:
        return {"name": name, "entity_type": "person", "note": note}

    def organisation(name: str, note: str) -> dict[str, Any]:
        return {"name": name, "entity_type": "organization", "note": note}

    related = [person(item["presenter_name"], "presenter")] if item["presenter_name"] else []
    related += [person(d["person_name"], "declared an interest") for d in item["declarations"]]
    related += [person(a["owner_name"], "owns an action") for a in item["actions"]]
    related += [
        organisation(a["organisation_name"], "responsible for an action")
        for a in item["actions"]
        if a["organisation_name"]
    ]
    related += [
        organisation(d["referred_to_name"], "a decision was referred to it")
        for d in item["decisions"]
        if d["referred_to_name"]
    ]
    return related


def _document(note: str, url: str, media_type: str) -> dict[str, Any]:
    """A document, with its address as its one link (media type unknown for papers)."""
    return {
        "note": note,
        "url": url,
        "media_type": media_type,
        "links": [{"url": url, "media_type": media_type}],
    }


def _extras(minutes: PublishedMinutes) -> dict[str, Any]:
    h, approved = minutes.heading, minutes.approved
    numbers = {i["id"]: str(i["number"]) for i in minutes.items}
    return {
        "body_id": h["body_id"],
        "body_short_name": h["body_short_name"],
        "meeting_kind": h["kind"],
        "opened_at": h["opened_at"],
        "closed_at": h["closed_at"],
        "minutes_status": minutes.status,
        "approved_at": approved["at"] if approved else None,
        "approved_by": f"ocd-event/{approved['meeting_id']}" if approved else None,
        "published_at": minutes.published_at,
        "declarations": [
            {**d, "order": str(d["item_number"]) if d["item_number"] else None}
            for d in minutes.declarations
        ],
        "actions": [{**a, "order": numbers[i["id"]]} for i in minutes.items for a in i["actions"]],
        "amendments": [{**a, "order": str(a["number"])} for a in minutes.amendments],
        "withheld_items": [str(i["number"]) for i in minutes.items if i["withheld"]],
    }


def _vote_event(h: dict[str, Any], item: dict[str, Any], d: dict[str, Any]) -> dict[str, Any]:
    votes = d["votes"] if d["method"] == "vote" and d["votes"] else None
    counts = []
    result = "pass"  # a decision by consensus is what the body agreed
    if votes is not None:
        yes, no = votes.get("for", 0), votes.get("against", 0)
        counts = [
            {"option": "yes", "value": yes},
            {"option": "no", "value": no},
            {"option": "abstain", "value": votes.get("abstain", 0)},
        ]
        result = "pass" if yes > no else "fail"
    return {
        "_type": "vote_event",
        "id": f"ocd-vote/{d['id']}",
        "identifier": d["id"],
        "motion_text": d["text"],
        "start_date": h["starts_at"].astimezone(LONDON),
        "result": result,
        "organization": h["body_name"],
        "agenda_item": {"order": str(item["number"]), "description": item["title"]},
        "counts": counts,
        "extras": {
            "method": d["method"],
            "requires_ratification": d["requires_ratification"],
            "within_delegated_authority": d["within_delegated_authority"],
            "referred_to": d["referred_to_name"],
            "referred_to_id": d["referred_to"],
        },
    }
