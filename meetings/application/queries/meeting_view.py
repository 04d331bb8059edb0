"""How a meeting reads: its state as data (`meeting_state`, what `get_meeting` answers), and
the corrected state with entries by kind (`meeting_view`). What a reader who may not
see confidential items sees of it (`redact`) is decided in meetings/application/disclosure.py."""

from __future__ import annotations

from typing import Any

from meetings.application.disclosure import (  # what a reader may see: decided there
    CONFIDENTIAL_TITLE as CONFIDENTIAL_TITLE,
)
from meetings.application.disclosure import redact as redact
from meetings.application.dto import MeetingState, jsonable
from meetings.domain.forward_plan import ForwardPlanEntry
from meetings.domain.meeting import Meeting

_KINDS = {
    "declaration": "declarations",
    "note": "notes",
    "decision": "decisions",
    "action": "actions",
}


def entry_view(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in ("retracted", "corrections")}


def meeting_state(m: Meeting) -> MeetingState:
    """The meeting's state as a frozen record of plain data, apart from the aggregate (its
    lists and dicts copied, so nothing a reader does reaches the record kept in memory)."""
    return MeetingState(
        id=m.id,
        version=m.version,
        created_on=m.created_on,
        modified_on=m.modified_on,
        body_id=m.body_id,
        starts_at=m.starts_at,
        venue=m.venue,
        kind=m.kind,
        groups=list(m.groups) if m.groups is not None else None,
        joint_with=list(m.joint_with) if m.joint_with is not None else None,
        status=m.status,
        agenda=[dict(item) for item in m.agenda],
        agenda_agreed=dict(m.agenda_agreed) if m.agenda_agreed is not None else None,
        agenda_published_at=m.agenda_published_at,
        late_notice=m.late_notice,
        opened_at=m.opened_at,
        closed_at=m.closed_at,
        postponements=[dict(p) for p in m.postponements],
        cancellation_reason=m.cancellation_reason,
        entries=dict(m.entries),
        minutes=dict(m.minutes),
    )


def meeting_view(m: Meeting | MeetingState) -> dict[str, Any]:
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


def forward_plan_view(entry: ForwardPlanEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "body_id": entry.body_id,
        "subject": entry.subject,
        "notified_on": entry.notified_on,
        "meeting_id": entry.meeting_id,
        "version": entry.version,
    }
