"""What the log reads as: each stored event in log order, with its link of the hash chain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    """One event at its place in the log, as history shows it (confidential content
    withheld from a reader who may not see it; the hash stays the stored record's)."""

    position: int
    aggregate_id: UUID | str
    version: int
    type: str
    recorded_at: datetime
    recorded_by: str
    data: dict[str, Any]
    #: None until the event is chained.
    hash: str | None
    prev_hash: str | None
