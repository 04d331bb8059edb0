"""Schema evolution: every event class says its version, and each upcaster loads the old shape.

eventsourcing's mapper writes `class_version` into an event's stored state only when it is
above 1, and on reading pops it (1 when absent) and calls `upcast_vN_vN+1` on the state
until it reaches the class's version. So a class at version 1 stores exactly the bytes it
stored before it said so (the golden log's export test proves the stored log unchanged),
and a class at version 2 reads its version-1 events through `upcast_v1_v2`.

The old shapes here are the golden log's own stored bytes (tests/golden/2026-12, recorded
from f30aa52, before this round's optional fields), written into the store of the backend
under test and read back through the application's mapper.
"""

from __future__ import annotations

import base64
import gzip
import importlib
import inspect
import json
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.domain import DomainEvent
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import construct_topic

from meetings.application import MeetingsApplication
from meetings.domain.meeting import Meeting
from meetings.domain.meeting.record import DecisionRecorded, InterestDeclared, NoteRecorded
from meetings.domain.membership import Membership
from meetings.domain.person import Person

GOLDEN = Path(__file__).parents[1] / "golden" / "2026-12" / "events.jsonl.gz"

MODULES = [
    "meetings.domain.base",
    "meetings.domain.action",
    "meetings.domain.body",
    "meetings.domain.forward_plan",
    "meetings.domain.meeting",
    "meetings.domain.meeting.lifecycle",
    "meetings.domain.meeting.agenda_items",
    "meetings.domain.meeting.presence",
    "meetings.domain.meeting.record",
    "meetings.domain.meeting.minutes",
    "meetings.domain.membership",
    "meetings.domain.organisation",
    "meetings.domain.person",
    "meetings.domain.ratification",
    "meetings.domain.workplan",
    "meetings.idempotency",
]

#: Each event whose shape changed since f30aa52, its version, and the fields its upcaster adds.
UPCAST: dict[type[Any], tuple[int, dict[str, Any]]] = {
    Meeting.Scheduled: (2, {"groups": None, "joint_with": None}),
    InterestDeclared: (2, {"at": None}),
    NoteRecorded: (2, {"at": None}),
    DecisionRecorded: (
        2,
        {"at": None, "votes_by_member": None, "quorum": None, "also_referred_to": None},
    ),
    Membership.Began: (2, {"groups": None}),
    # The contact details under the person's own key (erasure): none in the old shape.
    Person.Registered: (2, {"contact": None}),
}


def _event_classes() -> list[type[Any]]:
    found: list[type[Any]] = []

    def walk(owner: type[Any], module: str) -> None:
        for value in vars(owner).values():
            if inspect.isclass(value) and value.__module__ == module:
                if issubclass(value, DomainEvent):
                    found.append(value)
                walk(value, module)

    for name in MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if inspect.isclass(value) and value.__module__ == name:
                if issubclass(value, DomainEvent):  # a meeting's events, in its parts' modules
                    found.append(value)
                walk(value, name)
    return found


def _golden_rows() -> list[dict[str, Any]]:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _topic(cls: type[Any]) -> str:
    """The topic the class is stored under: its own path, or the path it was first
    stored under (`TOPIC`) if it has moved since."""
    return construct_topic(cls)


def _declared_version(cls: type[Any]) -> int | None:
    """The class_version written in the class as declared (eventsourcing's aggregate
    metaclass redefines a nested event class as a subclass of the declared one)."""
    for k in cls.__mro__:
        if "class_version" in vars(k):
            return int(vars(k)["class_version"]) if k.__qualname__ == cls.__qualname__ else None
    return None


def _stored_kinds(classes: list[type[Any]]) -> list[type[Any]]:
    """The events the application records: not the Event, Created and Snapshot bases that
    eventsourcing derives for each aggregate."""
    return [
        c
        for c in classes
        if c.__name__ not in ("Event", "Created", "Snapshot") or c.__module__.endswith(".base")
    ]


def test_every_event_class_states_its_version() -> None:
    classes = _stored_kinds(_event_classes())
    assert len(classes) > 50
    assert _topic(Meeting.Scheduled) in {_topic(c) for c in classes}
    unstated = sorted({c.__qualname__ for c in classes if _declared_version(c) is None})
    assert unstated == []
    changed = {_topic(c): v for c in classes if (v := _declared_version(c)) != 1}
    assert changed == {_topic(c): version for c, (version, _) in UPCAST.items()}


@pytest.mark.parametrize("cls", list(UPCAST), ids=lambda c: c.__qualname__)
def test_upcaster_loads_the_old_shape_from_the_golden_log(
    app: MeetingsApplication, cls: type[Any]
) -> None:
    version, added = UPCAST[cls]
    row = next(r for r in _golden_rows() if r["topic"] == _topic(cls))
    stored = base64.b64decode(row["stored"])
    old_state = json.loads(stored)
    assert "class_version" not in old_state  # stored at version 1
    assert not set(added) & set(old_state)  # in the old shape

    # Into a store of the backend under test, as it was stored, and back through the mapper.
    originator = uuid4()
    app.recorder.insert_events([StoredEvent(originator, row["version"], row["topic"], stored)])
    (read,) = app.recorder.select_events(originator)
    assert read.state == stored
    event = app.mapper.to_domain_event(read)
    assert type(event) is cls
    assert event.originator_id == originator
    for name, value in added.items():
        assert name in vars(event) and vars(event)[name] == value
    for name in old_state:
        if name not in ("timestamp", "originator_topic"):
            assert name in vars(event)

    # The upcaster itself, on the old state: it adds the defaults, and nothing else.
    state = dict(old_state)
    cls.upcast_v1_v2(state)
    assert state == {**old_state, **added}

    # Written again today, the event says its version.
    again = json.loads(app.mapper.to_stored_event(event).state)
    assert again["class_version"] == version


def test_a_version_1_event_is_stored_byte_for_byte_as_before(app: MeetingsApplication) -> None:
    """class_version = 1 writes nothing new: a golden event decoded and encoded again by
    today's mapper gives its recorded bytes."""
    checked = 0
    for row in _golden_rows():
        if row["topic"] not in (
            # (Person.Registered was one of these until it became version 2: erasure.)
            "meetings.domain.organisation:Organisation.Registered",
            "meetings.domain.meeting:Meeting.AttendanceRecorded",
            "meetings.domain.body:Body.Established",
        ):
            continue
        stored = base64.b64decode(row["stored"])
        event = app.mapper.to_domain_event(
            StoredEvent(UUID(row["aggregate_id"]), row["version"], row["topic"], stored)
        )
        assert _declared_version(type(event)) == 1
        assert app.mapper.to_stored_event(event).state == stored
        checked += 1
    assert checked > 100
