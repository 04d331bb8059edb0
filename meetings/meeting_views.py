"""How a meeting reads: the corrected state, entries by kind, confidential items withheld."""

from __future__ import annotations

from typing import Any

from meetings.domain.forward_plan import ForwardPlanEntry
from meetings.domain.meeting import Meeting
from meetings.views import HistoryEntry, jsonable

CONFIDENTIAL_TITLE = "Confidential item"
_ITEM_ENTRIES = ("declarations", "notes", "decisions", "actions")
_KINDS = {
    "declaration": "declarations",
    "note": "notes",
    "decision": "decisions",
    "action": "actions",
}


def entry_view(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in ("retracted", "corrections")}


def meeting_view(m: Meeting) -> dict[str, Any]:
    """The meeting as recorded, with every correction applied and retractions left out."""
    view: dict[str, Any] = {
        "id": m.id,
        "body_id": m.body_id,
        "starts_at": m.starts_at,
        "venue": m.venue,
        "kind": m.kind,
        "groups": list(m.groups or []),
        "joint_with": list(m.joint_with or []),
        "status": m.status,
        "late_notice": m.late_notice,
        "agenda_agreed": m.agenda_agreed,
        "agenda_published_at": m.agenda_published_at,
        "opened_at": m.opened_at,
        "closed_at": m.closed_at,
        "postponements": m.postponements,
        "cancellation_reason": m.cancellation_reason,
        "agenda": [
            {
                "referral_of": None,
                **item,
                "referrals_of": item.get("referrals_of")
                or ([item["referral_of"]] if item.get("referral_of") else []),
                "number": n,
            }
            for n, item in enumerate(m.agenda, 1)
        ],
        "attendance": m.attendance(),
        "in_the_chair": [entry_view(e) for e in m.in_the_chair()],
        "departures": [entry_view(e) for e in m.live_entries("departure")],
        "corrections": [
            {"entry_id": e["id"], "kind": e["kind"], **c, "previous": jsonable(c["previous"])}
            for e in m.entries.values()
            for c in e["corrections"]
        ],
        "version": m.version,
    }
    for kind, key in _KINDS.items():
        view[key] = [entry_view(e) for e in m.live_entries(kind)]
    return view


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


def forward_plan_view(entry: ForwardPlanEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "body_id": entry.body_id,
        "subject": entry.subject,
        "notified_on": entry.notified_on,
        "meeting_id": entry.meeting_id,
        "version": entry.version,
    }
