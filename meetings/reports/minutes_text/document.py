"""The minutes of a meeting as one document: its heading, who was in the chair, who was
there, the interests declared, then each agenda item in order, and the amendments made
on approval; as structured data beside its Markdown text."""

from __future__ import annotations

from typing import Any

from meetings.application.disclosure import confidential_items
from meetings.domain.values import MinutesStatus
from meetings.reports.minutes_text.attendance import attendance
from meetings.reports.minutes_text.items import item
from meetings.reports.minutes_text.markdown import markdown
from meetings.reports.minutes_text.names import Names

#: Which text each stage shows: the record alone, or with the amendments made on approval.
STAGES = ("current", MinutesStatus.CIRCULATED, MinutesStatus.APPROVED, MinutesStatus.PUBLISHED)


def compose(
    view: dict[str, Any],
    body: dict[str, Any],
    names: Names,
    minutes: dict[str, Any],
    with_amendments: bool,
    confidential_shown: bool,
) -> dict[str, Any]:
    """The minutes of the meeting `view` shows: heading, who was there, declarations,
    then each agenda item in order, as structured data and as Markdown. Unless
    `confidential_shown`, a confidential item shows only that it is withheld, and why."""
    secret = set() if confidential_shown else set(confidential_items(view["agenda"]))
    amendments = {
        a["item_id"]: a["text"]
        for a in (minutes["amendments"] if with_amendments else [])
        if a["item_id"] not in secret
    }
    present = attendance(view, names)
    items = [
        item(view, agenda_item, names, agenda_item["id"] in secret)
        for agenda_item in view["agenda"]
    ]
    composed = {
        "heading": _heading(view, body),
        "in_the_chair": [
            {"person_id": person_id, "name": names.person(person_id), "from": at}
            for person_id, at in names.in_the_chair
        ],
        **present,
        "declarations": _declarations(view, names),
        "items": items,
        "amendments": _amend(items, amendments),
    }
    composed["markdown"] = markdown(composed, minutes)
    return composed


def _heading(view: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    return {
        "body_id": view["body_id"],
        "body_name": body["name"],
        "body_short_name": body.get("short_name"),
        "starts_at": view["starts_at"],
        "venue": view["venue"],
        "kind": view["kind"],
        "opened_at": view["opened_at"],
        "closed_at": view["closed_at"],
    }


def _declarations(view: dict[str, Any], names: Names) -> list[dict[str, Any]]:
    """Every interest declared at the meeting, with the number of its item."""
    return [
        {
            "person_id": d["person_id"],
            "person_name": names.person(d["person_id"]),
            "item_id": d["item_id"],
            "item_number": _number(view, d["item_id"]),
            "interest": d["interest"],
            "interest_withheld": bool(d.get("interest_withheld")),
            "withdrew": d["withdrew"],
        }
        for d in view["declarations"]
    ]


def _number(view: dict[str, Any], item_id: str) -> int | None:
    return next((i["number"] for i in view["agenda"] if i["id"] == item_id), None)


def _amend(items: list[dict[str, Any]], amendments: dict[str, str]) -> list[dict[str, Any]]:
    """Each item's amendment made on approval (None when it has none), kept beside the
    item's notes as circulated; and the list of the amendments."""
    amended = []
    for entry in items:
        if entry["id"] not in amendments:
            entry["amendment"] = None
            continue
        original = "\n\n".join(entry["notes"])
        entry["amendment"] = {"text": amendments[entry["id"]], "original": original}
        amended.append(
            {
                "item_id": entry["id"],
                "number": entry["number"],
                "title": entry["title"],
                "text": amendments[entry["id"]],
                "original": original,
            }
        )
    return amended
