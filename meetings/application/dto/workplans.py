"""What a workplan reads as: its themes and items, and its progress by theme with its
actions at the end of a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID


@dataclass(frozen=True, slots=True)
class WorkplanView:
    """A workplan with its themes and items (each as the plan records it)."""

    id: UUID
    body_id: UUID
    title: str
    themes: tuple[str, ...]
    items: tuple[dict[str, Any], ...]
    version: int


@dataclass(frozen=True, slots=True)
class ThemeProgress:
    """One theme of a workplan: its items, how many are done, and how many in each state."""

    theme: str
    items: int
    done: int
    percent_done: int
    not_started: int
    on_track: int
    at_risk: int
    off_track: int


@dataclass(frozen=True, slots=True)
class WorkplanProgress:
    """A workplan's progress by theme, and its actions, as they stood at the end of a day."""

    workplan_id: UUID
    as_at: date
    themes: tuple[ThemeProgress, ...]
    #: How many of its actions were open, overdue and done.
    actions: dict[str, int]
    version: int
