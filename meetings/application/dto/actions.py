"""What an action reads as: its owner, due date, status and updates, or, agreed under a
confidential item the reader may not see, only what may be shown of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID


@dataclass(frozen=True, slots=True)
class ActionView:
    """One action with its updates, now or as it stood."""

    id: UUID
    body_id: UUID
    meeting_id: UUID
    item_id: str
    description: str
    owner_id: UUID | None
    organisation_id: UUID | None
    due_on: date
    theme: str | None
    status: str
    overdue: bool
    percent_complete: int | None
    completed_at: datetime | None
    drop_reason: str | None
    workplan_id: UUID | None
    workplan_item_id: str | None
    updates: tuple[dict[str, Any], ...]
    version: int
    #: Why it is withheld from this reader (None: shown in full).
    confidential_reason: str | None = None


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action as the tracker lists it (withheld, agreed under a confidential item the
    reader may not see, as the disclosure policy withholds it)."""

    id: str
    body_id: str
    body_name: str
    meeting_id: str
    item_id: str
    description: str
    owner_id: str | None
    owner_name: str | None
    organisation_id: str | None
    organisation_name: str | None
    due_on: date
    theme: str | None
    status: str
    percent_complete: int | None
    completed_at: datetime | None
    confidential: bool
    confidential_reason: str | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class ReminderRow(ActionRow):
    """An open action overdue or due soon, with its owner's email address to remind."""

    owner_email: str | None
