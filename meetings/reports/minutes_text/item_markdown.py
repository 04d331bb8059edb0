"""One item's section of the minutes' Markdown: its heading (or, withheld, only that it
is withheld and why), then who presented it, its papers, interests declared, its notes
(or the amendment made on approval, with the minute as circulated), decisions, actions
and its deferral."""

from __future__ import annotations

from typing import Any

from meetings.application.disclosure import CONFIDENTIAL_TITLE
from meetings.reports.minutes_text.words import METHODS, cell, long_date, unstopped


def item_section(item: dict[str, Any]) -> list[str]:
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
        lines += _decision(d)
    if item["actions"]:
        lines += _actions(item["actions"])
    if item["deferral"]:
        d = item["deferral"]
        to = ""
        if d["to_meeting_starts_at"] is not None:
            to = f" to the meeting on {long_date(d['to_meeting_starts_at'])}"
        lines += [f"Deferred{to}: {d['reason']}", ""]
    return "\n".join(lines).strip()


def _decision(d: dict[str, Any]) -> list[str]:
    """A decision: its text, how it was reached, ratification, referral, named votes, and
    a quorum it was taken without."""
    lines = [f"**Decision:** {d['text']}", ""]
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
    return lines


def _actions(actions: list[dict[str, Any]]) -> list[str]:
    """The actions agreed, as a table."""
    lines = ["| Action | Owner | Organisation | Due |", "|---|---|---|---|"]
    for a in actions:
        due = a["due_on"].isoformat() if hasattr(a["due_on"], "isoformat") else a["due_on"]
        lines.append(
            f"| {cell(a['description'])} | {cell(a['owner_name'])} "
            f"| {cell(a['organisation_name'] or '')} | {due} |"
        )
    lines.append("")
    return lines


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
