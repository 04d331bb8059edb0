"""Commands of the minutes' lifecycle: agreed, circulated, approved, published."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from meetings.application.commands.meeting_record import ChairCommand, MeetingCommand


@dataclass(frozen=True, kw_only=True)
class AgreeMinutes(ChairCommand):
    #: Only for importing past records (the demo); over HTTP it is always now.
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class CirculateMinutes(MeetingCommand):
    #: Only for importing past records (the demo); over HTTP it is always now.
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class ApproveMinutes(MeetingCommand):
    #: The later meeting of the same body at which they were approved.
    approved_at: UUID
    amendments: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class PublishMinutes(MeetingCommand):
    #: Only for importing past records (the demo); over HTTP it is always now.
    at: datetime | None = None
