r"""What a given reader may see of the record: the one place that decides it.

Confidential content of a body (a confidential agenda item, and everything recorded under
it: notes, decisions, actions, the interest of a declaration, the subject of the forward
plan entry it takes up, the events of the log about it) is for the body's people only:
administrators, the clerks granted the body, and the people who sit on it today (with a
member's or chair's token speaking for them). `access.confidential_reach` says whose grant
or seat reaches a body; the rule here says it is those who may see.

Everyone else is shown the withheld form of each thing, defined below: the item by its
reason only, a declaration without its interest, an action or decision by the item's
reason, a history line or log event replaced by the reason, a scrutiny report with the
decision's words withheld. The log (`/events`) shows confidential content to
administrators only.

The functions take the reader (a `Principal`, or None for the public) and the thing, and
are pure: where a rule needs to know which bodies a person sits on today, the caller passes
a function that answers it (read from the read side only when the rule needs it).

Where confidentiality is decided. This grep finds every test of a confidential flag or a
role that decides what a reader sees:

    grep -rnE 'if (not )?[a-z_.]+\[.confidential.\]|[a-z_.]+\[.confidential.\] (and|or|else)|\
    \.confidential and' meetings web projections --include=*.py | grep -v application/

Outside this module it finds only `meetings/reports/minutes_text/item_markdown.py`'s
heading "(confidential: reason)" for a reader who may see the item (shaping, not a
decision). The application's queries, which take the reader, ask:
`sees_confidential` / `confidential_bodies` (through `queries/readers.py`, which passes the
seats a person holds today), then `shown_meeting`, `shown_action`, `shown_decision`,
`shown_rows`, `shown_authority`, `withheld_history`, `withheld_subject`, or compose minutes
with `confidential_shown`. No view, page, feed or export asks: each passes the reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from meetings.application import access
from meetings.application.dto import HistoryEntry
from meetings.infrastructure.tokens import Principal

#: How a withheld item is titled wherever it appears.
CONFIDENTIAL_TITLE = "Confidential item"

#: The bodies a person sits on today (asked only when the rule needs it).
Seats = Callable[[UUID], set[UUID]]

_ITEM_ENTRIES = ("declarations", "notes", "decisions", "actions")


# Who may see a body's confidential content --------------------------------------------


def confidential_bodies(who: Principal | None, seats: Seats) -> set[UUID] | None:
    """The bodies whose confidential content this reader may see (None: every body)."""
    every, granted, seated = access.confidential_reach(who)
    if every:
        return None
    bodies = set(granted)
    if seated and who is not None and who.person_id is not None:
        bodies |= seats(who.person_id)
    return bodies


def sees_confidential(who: Principal | None, body_id: UUID, seats: Seats) -> bool:
    """May this reader see the body's confidential content?"""
    every, granted, seated = access.confidential_reach(who)
    if every or body_id in granted:
        return True
    if not seated or who is None or who.person_id is None:
        return False
    return body_id in seats(who.person_id)


def sees_in(body_id: UUID | str, bodies: set[UUID] | None) -> bool:
    """Is this body among those a reader's `confidential_bodies` reach?"""
    return bodies is None or UUID(str(body_id)) in bodies


def sees_log_confidential(who: Principal | None) -> bool:
    """The whole log (`/events`) shows confidential content to administrators only."""
    return access.is_admin(who)


# What replaces what may not be seen ---------------------------------------------------


def withheld(reason: str | None) -> str:
    """The words that stand for a confidential item's content: its title and reason."""
    return f"{CONFIDENTIAL_TITLE}: {reason or 'withheld'}"


def plan_entries_withheld(agenda: list[dict[str, Any]]) -> dict[str, str | None]:
    """The forward plan entries a meeting's confidential items take up, by id, with the
    reason each item is withheld (their subjects are withheld like the items)."""
    return {
        str(i["forward_plan_id"]): i.get("confidential_reason")
        for i in agenda
        if i["confidential"] and i.get("forward_plan_id") is not None
    }


def withheld_subject(row: dict[str, Any], reason: str | None) -> dict[str, Any]:
    """A forward plan entry a confidential item takes up: its subject withheld."""
    return {**row, "subject": withheld(reason)}


def shown_decision(row: dict[str, Any], bodies: set[UUID] | None) -> dict[str, Any]:
    """A decision (register row) as this reader sees it."""
    if not row["confidential"] or sees_in(row["body_id"], bodies):
        return row
    reason = row.get("confidential_reason")
    return {**row, "text": withheld(reason), "item_title": CONFIDENTIAL_TITLE}


def shown_action(row: dict[str, Any], bodies: set[UUID] | None) -> dict[str, Any]:
    """An action (tracker row) as this reader sees it."""
    if not row["confidential"] or sees_in(row["body_id"], bodies):
        return row
    return withheld_action(row)


def withheld_reason(item: dict[str, Any]) -> str | None:
    """Why what was recorded under this agenda item is withheld, or None if it is not."""
    return str(item["confidential_reason"] or "withheld") if item["confidential"] else None


def shown_rows(
    rows: list[dict[str, Any]], sees: bool, withheld_form: Callable[[Any], dict[str, Any]]
) -> list[dict[str, Any]]:
    """Rows of one body as a reader sees them: those under a confidential item in their
    withheld form unless the reader `sees_confidential`."""
    if sees:
        return rows
    return [withheld_form(row) if row["confidential"] else row for row in rows]


def shown_authority(report: dict[str, Any], item: dict[str, Any], sees: bool) -> dict[str, Any]:
    """A decision's authority report as a reader sees it."""
    if item["confidential"] and not sees:
        return withhold_authority(report, item["confidential_reason"])
    return report


def withhold_authority(report: dict[str, Any], reason: str | None) -> dict[str, Any]:
    """A decision's authority report as someone who may not see the body's confidential
    content reads it: the decision's words, its item's title and the forward plan's
    subject withheld."""
    hidden = withheld(reason)
    decision = {**report["decision"], "text": hidden, "item_title": CONFIDENTIAL_TITLE}
    plan = report["ratification"]["forward_plan"]
    if plan is not None:
        plan = {**plan, "subject": hidden}
    corrections = [
        {
            **c,
            "before": {k: hidden if k == "text" else v for k, v in c["before"].items()},
            "after": {k: hidden if k == "text" else v for k, v in c["after"].items()},
        }
        for c in report["corrections"]
    ]
    return {
        **report,
        "decision": decision,
        "ratification": {**report["ratification"], "forward_plan": plan},
        "corrections": corrections,
    }


def shown_meeting(view: dict[str, Any], sees: bool) -> dict[str, Any]:
    """A meeting's view as a reader sees it: all of it when they `sees_confidential`,
    otherwise `redact`ed."""
    return view if sees else redact(view)


def redact(view: dict[str, Any]) -> dict[str, Any]:
    """What someone who may not see confidential content sees: each confidential item by
    its reason only, and nothing recorded under it."""
    secret = {item["id"] for item in view["agenda"] if item["confidential"]}
    if not secret:
        return view
    redacted = dict(view)
    redacted["agenda"] = [
        {
            **item,
            "title": CONFIDENTIAL_TITLE,
            "presenter_id": None,
            "papers": [],
            "forward_plan_id": None,
            "deferral_reason": None,
        }
        if item["id"] in secret
        else item
        for item in view["agenda"]
    ]
    for key in _ITEM_ENTRIES:
        redacted[key] = [e for e in view[key] if e.get("item_id") not in secret]
    # That a declaration was made is public (who, on which item, whether they withdrew):
    # only the interest is withheld, like the item.
    reasons = {item["id"]: item["confidential_reason"] for item in view["agenda"]}
    redacted["declarations"] = [
        withheld_declaration(d, reasons[d["item_id"]]) if d["item_id"] in secret else d
        for d in view["declarations"]
    ]
    redacted["corrections"] = [
        c for c in view["corrections"] if c["previous"].get("item_id") not in secret
    ]
    return redacted


def withheld_declaration(declaration: dict[str, Any], reason: str | None) -> dict[str, Any]:
    """A declaration on a confidential item as others see it: who, on which item, and
    whether they withdrew; the interest itself withheld like the item."""
    return {
        **declaration,
        "interest": f"Withheld (confidential item: {reason or 'withheld'})",
        "interest_withheld": True,
    }


def withheld_action(row: dict[str, Any]) -> dict[str, Any]:
    """An open action agreed under a confidential item, as others see it in lists."""
    reason = row.get("confidential_reason") or "withheld"
    return {
        **row,
        "description": f"{CONFIDENTIAL_TITLE}: {reason}",
        "theme": None,
        "owner_id": None,
        "owner_name": None,
        "organisation_id": None,
        "organisation_name": None,
    }


def withheld_history(entry: HistoryEntry, secret: dict[str, str], hidden: set[str]) -> HistoryEntry:
    """An event of a meeting as others see it: what concerns a confidential item (or an
    entry recorded under one) is replaced by the item's reason."""
    item_id = entry.data.get("item_id")
    if item_id in secret or entry.data.get("entry_id") in hidden:
        reason = secret.get(item_id or "", "")
        data: dict[str, Any] = {"withheld": f"{CONFIDENTIAL_TITLE}: {reason}".rstrip(": ")}
        return HistoryEntry(entry.version, entry.type, entry.recorded_at, entry.recorded_by, data)
    amendments = entry.data.get("amendments")
    if isinstance(amendments, list) and any(a.get("item_id") in secret for a in amendments):
        shown = [
            {"item_id": a["item_id"], "withheld": f"{CONFIDENTIAL_TITLE}: {secret[a['item_id']]}"}
            if a.get("item_id") in secret
            else a
            for a in amendments
        ]
        data = {**entry.data, "amendments": shown}
        return HistoryEntry(entry.version, entry.type, entry.recorded_at, entry.recorded_by, data)
    return entry


def confidential_items(agenda: list[dict[str, Any]]) -> dict[str, str]:
    """A meeting's confidential items, by id, with the reason each is withheld."""
    return {i["id"]: i["confidential_reason"] for i in agenda if i["confidential"]}


def withheld_line(entry: HistoryEntry, words: str) -> HistoryEntry:
    """A history line (or log event) whose content is replaced by `words`."""
    return HistoryEntry(
        entry.version, entry.type, entry.recorded_at, entry.recorded_by, {"withheld": words}
    )


#: The log's withheld forms of what is not about a meeting's items.
UNREADABLE_EVENT = "The stored record cannot be read: run an audit check."
STORED_ANSWER = "the stored answer to a request that may be retried"
