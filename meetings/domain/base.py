"""What every aggregate of the record shares: each event says who recorded it."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eventsourcing.domain import Aggregate

SYSTEM = "system"

_recorded_by: contextvars.ContextVar[str] = contextvars.ContextVar("recorded_by", default=SYSTEM)


@contextmanager
def recording_as(principal: str) -> Iterator[None]:
    """Attribute every event triggered inside the block to `principal`."""
    token = _recorded_by.set(principal)
    try:
        yield
    finally:
        _recorded_by.reset(token)


class RecordedAggregate(Aggregate):
    """An aggregate whose events carry the principal who recorded them.

    The principal comes from `recording_as()`, so command methods need not pass it
    through every signature; `recorded_at` is the event's own timestamp.
    """

    class Event(Aggregate.Event):
        class_version = 1
        recorded_by: str

    class Created(Event, Aggregate.Created):
        class_version = 1

    def trigger_event(self, event_class: type[Any], **kwargs: Any) -> None:
        kwargs.setdefault("recorded_by", _recorded_by.get())
        super().trigger_event(event_class, **kwargs)

    @classmethod
    def _create(cls, event_class: type[Any], **kwargs: Any) -> Any:
        kwargs.setdefault("recorded_by", _recorded_by.get())
        return super()._create(event_class, **kwargs)
