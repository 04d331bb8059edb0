"""What is read of minutes: each meeting whose minutes have been published (for the
public), and the papers waiting for a chair's agreement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class PublishedMinutesRow:
    """A meeting of a body open to the public whose minutes were published, and when."""

    id: str
    body_id: str
    body_name: str
    starts_at: datetime
    venue: str | None
    minutes_published_at: datetime


@dataclass(frozen=True, slots=True)
class PapersForChair:
    """An agenda or draft minutes waiting for a chair's agreement, as that chair may see
    them: the agenda's items, or the minutes' text as they will read."""

    meeting_id: str
    body_name: str
    starts_at: datetime
    #: "agenda" or "minutes".
    papers: str
    version: int
    agenda: tuple[dict[str, Any], ...] = ()
    minutes_markdown: str | None = None
