"""What every command carries: who asks, which version they saw, and their retry key."""

from __future__ import annotations

from dataclasses import dataclass

from meetings.domain.base import SYSTEM
from meetings.idempotency import Idempotency


@dataclass(frozen=True, kw_only=True)
class Command:
    """Who asks, which version they saw (If-Match), and their retry key, if any."""

    recorded_by: str = SYSTEM
    expected_version: int | None = None
    idempotency: Idempotency | None = None
