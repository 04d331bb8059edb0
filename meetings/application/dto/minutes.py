"""What the public reads of minutes: each meeting whose minutes have been published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class PublishedMinutesRow:
    """A meeting of a body open to the public whose minutes were published, and when."""

    id: str
    body_id: str
    body_name: str
    starts_at: datetime
    venue: str | None
    minutes_published_at: datetime
