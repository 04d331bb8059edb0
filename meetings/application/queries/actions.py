"""What the action tracker's reads take from the read models: the tracker and the
actions due for a reminder."""

from __future__ import annotations

from datetime import date
from typing import Any

from meetings.application.facts import ReadModels
from meetings.infrastructure.sql import Row
from projections import actions as read_actions


def list_tracked_actions(
    rm: ReadModels, filters: dict[str, Any], as_of: date, page: int, page_size: int
) -> tuple[list[Row], int]:
    """One page of the tracker (see `projections.actions.find_actions`), and the total."""
    rm._projected()
    return read_actions.find_actions(rm.db, filters, as_of, page, page_size)


def list_due_for_reminders(rm: ReadModels, as_of: date, until: date) -> list[Row]:
    """Open actions overdue as of `as_of` or due by `until`, with their owners' emails."""
    rm._projected()
    return read_actions.due_for_reminders(rm.db, as_of, until)
