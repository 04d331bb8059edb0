"""What is read of minutes: the minutes as a reader may see them, published minutes as the
public reads them, each meeting whose minutes have been published, and the papers waiting
for a chair's agreement."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Self
from uuid import UUID


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
    agenda: tuple[Mapping[str, Any], ...] = ()
    minutes_markdown: str | None = None


@dataclass(frozen=True, slots=True)
class Minutes:
    """Minutes as a reader may see them (confidential items withheld unless they may see
    them), now, as they stood, or at a stage: where they stand, the heading, who was
    there, the declarations, each item, the amendments made on approval, and the whole as
    Markdown."""

    meeting_id: UUID
    body_id: UUID
    status: str
    #: "current", or the stage asked for: "circulated", "approved" or "published".
    stage: str
    agreed: dict[str, Any] | None
    circulated_at: datetime | None
    approved: dict[str, Any] | None
    published_at: datetime | None
    heading: dict[str, Any]
    in_the_chair: list[dict[str, Any]]
    present: dict[str, Any]
    apologies: list[dict[str, Any]]
    absent: list[dict[str, Any]]
    declarations: list[dict[str, Any]]
    items: list[dict[str, Any]]
    amendments: list[dict[str, Any]]
    markdown: str
    etag_version: int
    version: int

    @classmethod
    def of(cls, composed: dict[str, Any]) -> Self:
        """The minutes as composed (or as a kept copy holds them): every field, no other."""
        names = {f.name for f in fields(cls)}
        if set(composed) != names:
            raise ValueError(f"minutes with fields {sorted(set(composed) ^ names)} differ")
        return cls(**composed)

    def as_data(self) -> dict[str, Any]:
        """The minutes as plain data, as a kept copy stores them."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class PublishedMinutes(Minutes):
    """Published minutes as the public reads them (confidential items withheld): the
    published text of a body open to the public."""
