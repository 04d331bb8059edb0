"""What a command may ask of the read side: one narrow port.

A command decides from the records it loads. A few things it must know are kept only in
the read models (who holds a seat on a body on a day, which workplan an item belongs to,
which bodies a decision was referred to): on the write side those questions are asked
here and nowhere else, each answer from the read models brought up to date with every
command answered so far. `record.py` answers the meeting record's commands (attendance,
referrals, actions, ratification); `structure.py` the structure's.
"""

from __future__ import annotations

from typing import Protocol

from meetings.infrastructure.sql import Database, Row
from projections.base import ReadModel

__all__ = ["ReadModels", "Row"]


class ReadModels(Protocol):
    """What a fact needs of the application: the read models' database, and a way to
    bring them up to date (all of them, or `only` some) before it is read."""

    db: Database

    def _projected(self, *only: ReadModel) -> None: ...
