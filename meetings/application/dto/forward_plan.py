"""What a body's forward plan reads as: each key decision notified ahead of its meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ForwardPlanRow:
    """One notice of the plan (its subject withheld, where a confidential item takes it
    up, from a reader who may not see the body's confidential content)."""

    id: str
    body_id: str
    subject: str
    notified_on: date
    meeting_id: str | None
