"""Use cases of scrutiny: the questions a scrutiny committee asks a year later."""

from __future__ import annotations

from meetings.core import CoreApplication


class ScrutinyUseCases(CoreApplication):
    """Attendance records, membership changes, decisions' authority, minutes amendments."""
