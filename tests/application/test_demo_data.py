"""The demo loaded from its data files (demo/data/) records what the demo written in Python
recorded before them (issue 11, item 6): the same events in the same order, field for field,
and the same answers from the API. The saved record (demo_as_loaded/) was captured from
commit 83cd0e3's demo with `tests/application/demo_answers.py`, never by this code."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from demo import AS_OF, load_demo
from demo.dates import WRITTEN_AS_OF
from tests.application.demo_answers import read, record_of
from tests.conftest import application_for_tests
from tests.golden.test_golden_log import still_says

SAVED = Path(__file__).parent / "demo_as_loaded"


class Loaded:
    def __init__(self, summary: str, log: list[Any], said: dict[str, Any]) -> None:
        self.summary, self.log, self.said = summary, log, said


@pytest.fixture(scope="module")
def loaded() -> Iterator[Loaded]:
    assert AS_OF == WRITTEN_AS_OF, "the saved record is of the demo as written"
    with application_for_tests() as app:
        loaded_at = datetime.now(UTC)
        summary = str(load_demo(app))
        yield Loaded(summary, *record_of(app, loaded_at))


@pytest.fixture(scope="module")
def saved() -> tuple[list[Any], dict[str, Any]]:
    return read(SAVED)


def test_the_summary_is_the_same(loaded: Loaded, saved: tuple[list[Any], dict[str, Any]]) -> None:
    assert loaded.summary == saved[1]["summary"]


def test_the_same_kinds_of_event_in_the_same_numbers(
    loaded: Loaded, saved: tuple[list[Any], dict[str, Any]]
) -> None:
    def by_topic(log: list[Any]) -> Counter[str]:
        return Counter(event["topic"] for event in log)

    assert by_topic(loaded.log) == by_topic(saved[0])
    assert len(saved[0]) == 1128


def test_every_event_is_the_same_in_the_same_order(
    loaded: Loaded, saved: tuple[list[Any], dict[str, Any]]
) -> None:
    """Topic by topic and field by field (a field added to an event class since is allowed:
    the saved fields must all be there, with their values)."""
    assert [e["topic"] for e in loaded.log] == [e["topic"] for e in saved[0]]
    differences = [
        difference
        for n, (was, now) in enumerate(zip(saved[0], loaded.log, strict=True))
        for difference in still_says(was["fields"], now["fields"], f"event {n} {was['topic']}")
    ]
    assert not differences, "\n".join(differences[:20])


@pytest.mark.parametrize(
    "name",
    [
        "bodies",
        "people",
        "board_members_2025-10-01",
        "board_members_2026-06-30",
        "board_meetings",
        "board_first_minutes",
        "board_forward_plan",
        "group_meetings",
        "tracker",
        "register",
        "workplan",
        "workplan_progress",
    ],
)
def test_the_api_gives_the_same_answer(
    loaded: Loaded, saved: tuple[list[Any], dict[str, Any]], name: str
) -> None:
    """Membership as at a day, the tracker, the register, minutes, the workplan's progress."""
    assert loaded.said[name] == saved[1]["answers"][name]


def test_the_comparison_would_see_a_changed_record(
    loaded: Loaded, saved: tuple[list[Any], dict[str, Any]]
) -> None:
    """The check above can fail: one changed word in one event is found, and only it."""
    changed = json.loads(json.dumps(saved[0]))
    note = next(e for e in changed if e["topic"].endswith("Meeting.NoteRecorded"))
    note["fields"]["text"] += " (changed)"
    found = [
        d
        for was, now in zip(changed, loaded.log, strict=True)
        for d in still_says(was["fields"], now["fields"], "event")
    ]
    assert len(found) == 1 and "(changed)" in found[0]
