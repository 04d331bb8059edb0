"""The minutes' Markdown: the heading and the minutes' status, who was in the chair and
who was there, the interests declared, each item's section (item_markdown.py), and when
the meeting closed."""

from __future__ import annotations

from typing import Any

from meetings.domain.values import MinutesStatus
from meetings.reports.minutes_text.item_markdown import item_section
from meetings.reports.minutes_text.words import CAPACITIES, clock, long_date, sentence, unstopped

_STATUS_LINES = {
    "draft": "Draft: not yet agreed by the chair.",
    "agreed": "Agreed by the chair; not yet circulated.",
    "circulated": "Circulated; to be approved as a correct record at the next meeting.",
    "approved": "Approved as a correct record.",
    "published": "Approved as a correct record, and published.",
}


def markdown(composed: dict[str, Any], minutes: dict[str, Any]) -> str:
    """The composed minutes as one Markdown document."""
    lines = _heading(composed["heading"], minutes)
    if composed["in_the_chair"]:
        lines += [_chair_line(composed["in_the_chair"]), ""]
    lines += _present(composed)
    lines += ["", "## Declarations of interest", ""]
    lines += _declarations(composed["declarations"])
    for entry in composed["items"]:
        lines += ["", *item_section(entry)]
    if composed["heading"]["closed_at"]:
        lines += ["", f"The meeting closed at {clock(composed['heading']['closed_at'])}."]
    return "\n".join(lines).rstrip() + "\n"


def _heading(h: dict[str, Any], minutes: dict[str, Any]) -> list[str]:
    short = f" ({h['body_short_name']})" if h.get("body_short_name") else ""
    where = f", {unstopped(h['venue'])}" if h.get("venue") else ""
    kind = "" if h["kind"] == "ordinary" else f"{h['kind']} "
    return [
        f"# {h['body_name']}{short}",
        "",
        f"Minutes of the {kind}meeting held on {long_date(h['starts_at'])} at "
        f"{clock(h['starts_at'])}{where}.",
        "",
        f"*{_status_line(minutes)}*",
        "",
    ]


def _present(composed: dict[str, Any]) -> list[str]:
    """Those present, by capacity; then apologies and absences."""
    lines = ["## Present"]
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
    return lines


def _declarations(declarations: list[dict[str, Any]]) -> list[str]:
    if not declarations:
        return ["None were declared."]
    lines = []
    for d in declarations:
        withdrew = " They withdrew for the item." if d["withdrew"] else ""
        said = sentence(d["interest"])
        lines.append(f"- {d['person_name']}, item {d['item_number']}: {said}{withdrew}")
    return lines


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
