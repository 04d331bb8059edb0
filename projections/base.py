"""A read model: some tables and the handlers that fold events into them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from meetings.infrastructure.sql import Tx

Handler = Callable[[Tx, Any], None]


class ReadModel:
    """Tables plus handlers keyed by event class; the projector runs them in log order."""

    def __init__(self, name: str, tables: list[str], indexes: list[str] | None = None) -> None:
        self.name = name
        self.tables = tables
        self.indexes = indexes or []
        self.handlers: dict[type, list[Handler]] = {}

    def handles(self, *event_classes: type) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            for cls in event_classes:
                self.handlers.setdefault(cls, []).append(handler)
            return handler

        return register

    def table_names(self) -> list[str]:
        return [ddl.split("EXISTS", 1)[1].split("(", 1)[0].strip() for ddl in self.tables]


def text(value: Any) -> str | None:
    """How ids and dates are stored: ISO text, comparable the same way on both databases."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
