"""Minutes, never typed twice: derived from what the clerk recorded, item by item.

`compose` takes a meeting's view (already redacted for whoever reads it, so nothing of a
confidential item can reach a reader who may not see it) and the names it mentions, and
gives the minutes as structured items beside their Markdown text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from meetings.application.disclosure import CONFIDENTIAL_TITLE, confidential_items
from meetings.domain.rules import LONDON
from meetings.domain.values import MinutesStatus

#: The order people are listed in, by the capacity they attended in.
CAPACITIES = (
    ("member", "Members"),
    ("adviser", "Advisers"),
    ("observer", "Observers"),
    ("officer", "Officers"),
    ("guest", "Guests, admitted by the chair"),
)
METHODS = {"consensus": "agreed by consensus", "vote": "decided by vote", "noted": "noted"}
#: Arriving later than this after the meeting opened is minuted as arriving late.
LATE = timedelta(minutes=10)
#: Which text each stage shows: the record alone, or with the amendments made on approval.
STAGES = ("current", MinutesStatus.CIRCULATED, MinutesStatus.APPROVED, MinutesStatus.PUBLISHED)


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
    ids = {
        str(e["person_id"])
        for e in view["attendance"] + view["declarations"] + view.get("in_the_chair", [])
    }
    ids |= {str(e["substitute_for"]) for e in view["attendance"] if e.get("substitute_for")}
    ids |= {str(e["owner_id"]) for e in view["actions"] if e.get("owner_id")}
    ids |= {str(v["person_id"]) for d in view["decisions"] for v in d.get("votes_by_member") or []}
    ids |= {str(i["presenter_id"]) for i in view["agenda"] if i.get("presenter_id")}
    return ids


def long_date(moment: datetime | date) -> str:
    day = moment.astimezone(LONDON) if isinstance(moment, datetime) else moment
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock(moment: datetime) -> str:
    return f"{moment.astimezone(LONDON):%H:%M}"


def unstopped(text: str | None) -> str:
    """Text someone typed, without the full stop it may end with, for a sentence of ours
    to close: no "County Hall.." and no "(commercially sensitive.)"."""
    return (text or "").rstrip().rstrip(".").rstrip()


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
    attendance = _attendance(view, names)
    declarations = [
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
    items = [_item(view, item, names, item["id"] in secret) for item in view["agenda"]]
    amended = []
    for item in items:
        if item["id"] in amendments:
            original = "\n\n".join(item["notes"])
            item["amendment"] = {"text": amendments[item["id"]], "original": original}
            amended.append(
                {
                    "item_id": item["id"],
                    "number": item["number"],
                    "title": item["title"],
                    "text": amendments[item["id"]],
                    "original": original,
                }
            )
        else:
            item["amendment"] = None
    heading = {
        "body_id": view["body_id"],
        "body_name": body["name"],
        "body_short_name": body.get("short_name"),
        "starts_at": view["starts_at"],
        "venue": view["venue"],
        "kind": view["kind"],
        "opened_at": view["opened_at"],
        "closed_at": view["closed_at"],
    }
    composed = {
        "heading": heading,
        "in_the_chair": [
            {"person_id": person_id, "name": names.person(person_id), "from": at}
            for person_id, at in names.in_the_chair
        ],
        **attendance,
        "declarations": declarations,
        "items": items,
        "amendments": amended,
    }
    composed["markdown"] = _markdown(composed, minutes, names)
    return composed


def _number(view: dict[str, Any], item_id: str) -> int | None:
    return next((i["number"] for i in view["agenda"] if i["id"] == item_id), None)


def _attendance(view: dict[str, Any], names: Names) -> dict[str, Any]:
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
                    "role": _chair_role(entry["person_id"], names),
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
    role = {"Chair": 0, "Vice-chair": 1}.get(_chair_role(person_id, names) or "", 2)
    return role, names.person(person_id)


def _chair_role(person_id: Any, names: Names) -> str | None:
    if names.in_the_chair:
        if str(person_id) in {p for p, _ in names.in_the_chair}:
            return "Chair"
    elif str(person_id) == names.chair_id:
        return "Chair"
    if str(person_id) == names.vice_chair_id:
        return "Vice-chair"
    return None


def _item(
    view: dict[str, Any], item: dict[str, Any], names: Names, withheld: bool
) -> dict[str, Any]:
    base = {
        "id": item["id"],
        "number": item["number"],
        "title": item["title"],
        "kind": item["kind"],
        "confidential": item["confidential"],
        "confidential_reason": item["confidential_reason"],
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
    mine = [e for e in view["declarations"] if e["item_id"] == item["id"]]
    deferral = None
    if item["status"] == "deferred":
        target = item.get("deferred_to")
        deferral = {
            "reason": item["deferral_reason"],
            "to_meeting_id": target,
            "to_meeting_starts_at": names.meetings.get(str(target)) if target else None,
        }
    return {
        **base,
        "withheld": False,
        "presenter_name": names.person(item.get("presenter_id")) or None,
        "papers": [dict(p) for p in item.get("papers") or []],
        "declarations": [
            {
                "person_id": d["person_id"],
                "person_name": names.person(d["person_id"]),
                "interest": d["interest"],
                "withdrew": d["withdrew"],
            }
            for d in mine
        ],
        "notes": [n["text"] for n in view["notes"] if n["item_id"] == item["id"]],
        "decisions": [
            {
                "id": d["id"],
                "text": d["text"],
                "method": d["method"],
                "votes": d["votes"],
                "requires_ratification": d["requires_ratification"],
                "within_delegated_authority": d["within_delegated_authority"],
                "referred_to": d["referred_to"],
                "referred_to_name": names.body(d["referred_to"]),
                "also_referred_to_names": [
                    names.body(b) or "" for b in d.get("also_referred_to") or []
                ],
                "votes_by_member": [
                    {**v, "person_name": names.person(v["person_id"])}
                    for v in d.get("votes_by_member") or []
                ],
                "quorum": d.get("quorum"),
            }
            for d in view["decisions"]
            if d["item_id"] == item["id"]
        ],
        "actions": [
            {
                "id": a["id"],
                "action_id": a["action_id"],
                "description": a["description"],
                "owner_id": a["owner_id"],
                "owner_name": names.person(a["owner_id"]) or "(to be named)",
                "organisation_id": a["organisation_id"],
                "organisation_name": names.organisation(a["organisation_id"]),
                "due_on": a["due_on"],
            }
            for a in view["actions"]
            if a["item_id"] == item["id"]
        ],
        "deferral": deferral,
    }


# Markdown ------------------------------------------------------------------------------

_STATUS_LINES = {
    "draft": "Draft: not yet agreed by the chair.",
    "agreed": "Agreed by the chair; not yet circulated.",
    "circulated": "Circulated; to be approved as a correct record at the next meeting.",
    "approved": "Approved as a correct record.",
    "published": "Approved as a correct record, and published.",
}


def _markdown(composed: dict[str, Any], minutes: dict[str, Any], names: Names) -> str:
    h = composed["heading"]
    short = f" ({h['body_short_name']})" if h.get("body_short_name") else ""
    where = f", {unstopped(h['venue'])}" if h.get("venue") else ""
    kind = "" if h["kind"] == "ordinary" else f"{h['kind']} "
    lines = [
        f"# {h['body_name']}{short}",
        "",
        f"Minutes of the {kind}meeting held on {long_date(h['starts_at'])} at "
        f"{clock(h['starts_at'])}{where}.",
        "",
        f"*{_status_line(minutes)}*",
        "",
    ]
    if composed["in_the_chair"]:
        lines += [_chair_line(composed["in_the_chair"]), ""]
    lines += ["## Present"]
    for capacity, heading in CAPACITIES:
        people = composed["present"].get(capacity) or []
        if people:
            lines += ["", f"### {heading}", ""]
            lines += [f"- {_present_line(p)}" for p in people]
    if not any(composed["present"].values()):
        lines += ["", "Nobody is recorded as present."]
    for title, key in (("Apologies", "apologies"), ("Absent", "absent")):
        if composed[key]:
            lines += ["", f"## {title}", ""]
            lines += [f"- {_with_organisation(p)}" for p in composed[key]]
    lines += ["", "## Declarations of interest", ""]
    if composed["declarations"]:
        for d in composed["declarations"]:
            withdrew = " They withdrew for the item." if d["withdrew"] else ""
            said = _sentence(d["interest"])
            lines.append(f"- {d['person_name']}, item {d['item_number']}: {said}{withdrew}")
    else:
        lines.append("None were declared.")
    for item in composed["items"]:
        lines += ["", *_item_section(item)]
    if composed["heading"]["closed_at"]:
        lines += ["", f"The meeting closed at {clock(composed['heading']['closed_at'])}."]
    return "\n".join(lines).rstrip() + "\n"


def _chair_line(chairs: list[dict[str, Any]]) -> str:
    """ "A in the Chair." and, for whoever took over later, "B in the Chair from 10:40." """
    first, *later = chairs
    parts = [f"{first['name']} in the Chair."]
    parts += [f"{c['name']} in the Chair from {clock(c['from'])}." for c in later]
    return " ".join(parts)


def _status_line(minutes: dict[str, Any]) -> str:
    line = _STATUS_LINES[minutes["status"]]
    approved = minutes.get("approved")
    if minutes["status"] in (MinutesStatus.APPROVED, MinutesStatus.PUBLISHED) and approved:
        line = f"Approved as a correct record on {long_date(approved['at'])}."
        if minutes["status"] == MinutesStatus.PUBLISHED and minutes.get("published_at"):
            line += f" Published on {long_date(minutes['published_at'])}."
    return line


def _present_line(p: dict[str, Any]) -> str:
    text = _with_organisation(p)
    if p.get("role"):
        text += f", {p['role']}"
    if p.get("substitute_for_name"):
        text += f", substitute for {p['substitute_for_name']}"
    if p.get("admitted_by_chair") and p.get("substitute_for_name"):
        text += ", admitted by the chair"
    if p.get("arrived_at"):
        text += f"; arrived {clock(p['arrived_at'])}"
    if p.get("left_at"):
        text += f"; left {clock(p['left_at'])}"
    return text


def _with_organisation(p: dict[str, Any]) -> str:
    return f"{p['name']} ({p['organisation_name']})" if p.get("organisation_name") else p["name"]


def _item_section(item: dict[str, Any]) -> list[str]:
    if item["withheld"]:
        return [
            f"## {item['number']}. {CONFIDENTIAL_TITLE}",
            "",
            f"Withheld from publication: {unstopped(item['confidential_reason'])}.",
        ]
    heading = f"## {item['number']}. {item['title']}"
    if item["confidential"]:
        heading += f" (confidential: {unstopped(item['confidential_reason'])})"
    lines = [heading, ""]
    body = _item_markdown(item)
    return lines + ([body] if body else ["Nothing was recorded under this item."])


def _item_markdown(item: dict[str, Any]) -> str:
    """The record of one item, without its heading. An amendment made on approval
    replaces the item's narrative (its notes), kept beside it as circulated; decisions and
    actions stand as recorded (they change only by correction before approval)."""
    lines: list[str] = []
    if item.get("presenter_name"):
        lines += [f"Presented by {unstopped(item['presenter_name'])}.", ""]
    if item["papers"]:
        lines += ["Papers:", ""]
        lines += [
            f"- [{p['title']}]({p['url']})" if p.get("url") else f"- {p['title']}"
            for p in item["papers"]
        ]
        lines.append("")
    for d in item["declarations"]:
        withdrew = " and withdrew for this item" if d["withdrew"] else ""
        interest = d["interest"].rstrip(". ")
        lines += [f"{d['person_name']} declared an interest ({interest}){withdrew}.", ""]
    lines += _narrative(item)
    for d in item["decisions"]:
        lines += [f"**Decision:** {d['text']}", ""]
        detail = METHODS.get(d["method"], d["method"]).capitalize()
        if d["method"] == "vote" and d["votes"]:
            v = d["votes"]
            detail += (
                f": {v.get('for', 0)} for, {v.get('against', 0)} against, "
                f"{v.get('abstain', 0)} abstaining"
            )
        detail += "."
        if d["requires_ratification"]:
            detail += " It needs ratification by the partner organisations."
        if d["referred_to_name"]:
            bodies = [d["referred_to_name"], *d.get("also_referred_to_names", [])]
            listed = bodies[0] if len(bodies) == 1 else f"{', '.join(bodies[:-1])} and {bodies[-1]}"
            detail += f" Referred to {listed}."
        lines += [detail, ""]
        if d.get("votes_by_member"):
            lines += [_named_votes(d["votes_by_member"]), ""]
        quorum = d.get("quorum")
        if quorum and quorum.get("quorate") is False:
            lines += [
                f"*Taken without a quorum: {quorum['members_present']} member(s) present, "
                f"{quorum['required']} needed.*",
                "",
            ]
    if item["actions"]:
        lines += ["| Action | Owner | Organisation | Due |", "|---|---|---|---|"]
        for a in item["actions"]:
            due = a["due_on"].isoformat() if hasattr(a["due_on"], "isoformat") else a["due_on"]
            lines.append(
                f"| {_cell(a['description'])} | {_cell(a['owner_name'])} "
                f"| {_cell(a['organisation_name'] or '')} | {due} |"
            )
        lines.append("")
    if item["deferral"]:
        d = item["deferral"]
        to = ""
        if d["to_meeting_starts_at"] is not None:
            to = f" to the meeting on {long_date(d['to_meeting_starts_at'])}"
        lines += [f"Deferred{to}: {d['reason']}", ""]
    return "\n".join(lines).strip()


def _named_votes(votes: list[dict[str, Any]]) -> str:
    """ "For: A, B. Against: C. Abstaining: D." (who voted how, in a recorded vote)."""
    parts = []
    for vote, label in (("for", "For"), ("against", "Against"), ("abstain", "Abstaining")):
        who = sorted(v["person_name"] for v in votes if v["vote"] == vote)
        if who:
            parts.append(f"{label}: {', '.join(who)}.")
    return " ".join(parts)


def _narrative(item: dict[str, Any]) -> list[str]:
    amendment = item.get("amendment")
    if amendment is None:
        return [line for note in item["notes"] for line in (note, "")]
    original = amendment["original"] or "(nothing was recorded)"
    return [
        amendment["text"],
        "",
        "*Amended when the minutes were approved. As circulated, this minute read:*",
        "",
        *[f"> {line}" if line else ">" for line in original.splitlines()],
        "",
    ]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
