"""Snapshots, kept forever: a meeting's snapshot taken by the release that recorded the
golden log (f30aa52: before groups, joint meetings, versioned events and the meeting's
pure checks) still loads into today's `Meeting`, with the state a full replay of the
golden events gives, and today's rules answer the same on it as on the replay.

`snapshots/2026-12.jsonl.gz` holds, for each of the golden log's 26 meetings, the stored
snapshot (topic and exact state bytes) that f30aa52's application took at the meeting's
latest version (`snapshots/make_snapshots.py`, run once on that release's tree);
`snapshots/2026-12-02.jsonl.gz` the same from f4b9e71, the last release whose snapshots
held the entries as a dict (class_version 2: each test runs on both). Nothing
here re-records it: if a test fails, a change to `Meeting`'s state has broken snapshots
already stored; give the aggregate a `class_version` and an upcaster for its state."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.application import Repository
from eventsourcing.domain import Snapshot
from eventsourcing.persistence import StoredEvent

from meetings.application import MeetingsApplication
from meetings.domain.entry_book import BY_PERSON, EntryBook
from meetings.domain.errors import CorrectionRuleError
from meetings.domain.meeting import Meeting

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots" / "2026-12.jsonl.gz"
#: Each release's snapshots of the golden meetings, and the state version they hold.
RELEASES = {
    "f30aa52": (SNAPSHOTS, 1),
    "f4b9e71": (HERE / "snapshots" / "2026-12-02.jsonl.gz", 2),
}
GOLDEN = HERE.parent / "golden" / "2026-12" / "events.jsonl.gz"
LATER = datetime(2027, 1, 5, 10, 0, tzinfo=UTC)


def _rows(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(params=sorted(RELEASES))
def release(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def golden(app: MeetingsApplication, release: str) -> MeetingsApplication:
    """The golden events and a release's snapshots, as stored, in a store of the backend
    under test."""
    snapshots, _ = RELEASES[release]
    app.recorder.insert_events(
        [
            StoredEvent(
                UUID(r["aggregate_id"]), r["version"], r["topic"], base64.b64decode(r["stored"])
            )
            for r in _rows(GOLDEN)
        ]
    )
    assert app.snapshots is not None
    app.snapshots.recorder.insert_events(
        [
            StoredEvent(
                UUID(s["originator_id"]),
                s["originator_version"],
                s["topic"],
                base64.b64decode(s["state"]),
            )
            for s in _rows(snapshots)
        ]
    )
    return app


def _loaded_both_ways(app: MeetingsApplication, meeting_id: UUID) -> tuple[Meeting, Meeting]:
    """The meeting from its old snapshot (the latest, at its last version, so nothing is
    replayed after it), and from a full replay of its events."""
    assert app.snapshots is not None
    (stored,) = app.snapshots.recorder.select_events(meeting_id, desc=True, limit=1)
    from_snapshot = app.mapper.to_domain_event(stored).mutate(None)
    replayed = Repository(app.repository.event_store).get(meeting_id)
    assert from_snapshot.version == replayed.version == stored.originator_version
    return from_snapshot, replayed


def _state(meeting: Meeting, names: set[str]) -> dict[str, Any]:
    return {name: getattr(meeting, name) for name in names}


def test_every_old_snapshot_loads_with_the_state_of_a_replay(
    golden: MeetingsApplication, release: str
) -> None:
    path, version = RELEASES[release]
    snapshots = _rows(path)
    assert len(snapshots) == 26
    old_shape = json.loads(base64.b64decode(snapshots[0]["state"]))["state"]
    assert old_shape.get("class_version", 1) == version
    if version == 1:
        assert "groups" not in old_shape and "joint_with" not in old_shape  # from before them
    else:
        assert isinstance(old_shape["entries"], dict) and "_type_" not in old_shape["entries"]
    for s in snapshots:
        meeting_id = UUID(s["originator_id"])
        from_snapshot, replayed = _loaded_both_ways(golden, meeting_id)
        assert isinstance(from_snapshot.entries, EntryBook)  # upcast, not left a dict
        names = (set(vars(from_snapshot)) | set(vars(replayed))) - {"_pending_events"}
        assert _state(from_snapshot, names) == _state(replayed, names), meeting_id
        # In the same order too (a new snapshot and an answer list the keys in it).
        for entry_id, entry in replayed.entries.items():
            assert list(from_snapshot.entries[entry_id]) == list(entry)
        assert [list(i) for i in from_snapshot.agenda] == [list(i) for i in replayed.agenda]
        # And the application's own load takes the snapshot to the same state.
        loaded = golden.repository.get(meeting_id)
        assert _state(loaded, names) == _state(replayed, names)


def _meeting_where(app: MeetingsApplication, status: str, minutes: str) -> UUID:
    for s in _rows(SNAPSHOTS):
        m = app.repository.get(UUID(s["originator_id"]))
        if m.status == status and m.minutes["status"] == minutes and m.entries:
            return m.id
    raise AssertionError(f"no {status} meeting with {minutes} minutes in the golden log")


def _events_of(meeting: Meeting, command: Any) -> list[tuple[str, dict[str, Any]]]:
    command(meeting)
    return [
        (type(e).__name__, {k: v for k, v in vars(e).items() if k != "timestamp"})
        for e in meeting.collect_events()
    ]


def test_todays_rules_answer_the_same_on_an_old_snapshot(golden: MeetingsApplication) -> None:
    circulated = _meeting_where(golden, "closed", "circulated")
    entry_id = next(iter(_loaded_both_ways(golden, circulated)[1].entries))
    person = uuid4()

    def correct_then_agree(m: Meeting) -> None:
        m.correct(entry_id, "Wrong person named", None)
        assert m.minutes["status"] == "draft"  # reopened: the chair agrees it again
        m.agree_minutes(person, LATER)

    answers = [_events_of(m, correct_then_agree) for m in _loaded_both_ways(golden, circulated)]
    assert answers[0] == answers[1]
    assert [name for name, _ in answers[0]] == ["EntryCorrected", "MinutesAgreed"]
    for m in _loaded_both_ways(golden, circulated):
        assert m.attendance() == _loaded_both_ways(golden, circulated)[1].attendance()

    published = _meeting_where(golden, "closed", "published")
    for m in _loaded_both_ways(golden, published):
        with pytest.raises(CorrectionRuleError, match="approved as a correct record"):
            m.correct(next(iter(m.entries)), "Too late", None)


def test_a_snapshot_taken_today_says_its_version_and_loads_as_it_was(
    golden: MeetingsApplication,
) -> None:
    meeting_id = UUID(_rows(SNAPSHOTS)[0]["originator_id"])
    meeting = Repository(golden.repository.event_store).get(meeting_id)
    stored = golden.mapper.to_stored_event(Snapshot.take(meeting))
    state = json.loads(stored.state)["state"]
    assert state["class_version"] == Meeting.class_version == 3
    # The entries packed: each person's attendance and departures apart, the rest in one.
    assert state["entries"]["_type_"] == "entry_book"
    packed = state["entries"]["_data_"]
    assert packed["count"] == len(meeting.entries) > 0
    people = {e["person_id"] for e in meeting.entries.values() if e["kind"] in BY_PERSON}
    assert set(packed["people"]) == {p.hex for p in people}
    again = golden.mapper.to_domain_event(stored).mutate(None)
    names = set(vars(meeting)) - {"_pending_events"}
    assert _state(again, names) == _state(meeting, names)
    for entry_id, entry in meeting.entries.items():
        assert list(again.entries[entry_id]) == list(entry)


def test_a_meeting_from_todays_snapshot_is_the_meeting_replayed(
    golden: MeetingsApplication,
) -> None:
    """Every golden meeting, snapshotted today and loaded: the same entries in the same
    order, each person's the same, and the same answers to the rules that read them."""
    for s in _rows(SNAPSHOTS):
        replayed = Repository(golden.repository.event_store).get(UUID(s["originator_id"]))
        stored = golden.mapper.to_stored_event(Snapshot.take(replayed))
        for loaded in (golden.mapper.to_domain_event(stored).mutate(None), replayed):
            for person in {e.get("person_id") for e in replayed.entries.values()} - {None}:
                theirs = {
                    i: e
                    for i, e in replayed.entries.items()
                    if e["kind"] in BY_PERSON and e["person_id"] == person
                }
                assert loaded.entries.of_person(person) == theirs
                assert list(loaded.entries.of_person(person)) == list(theirs)
            # Then every entry, in the order recorded.
            assert list(loaded.entries) == list(replayed.entries)
            assert loaded.attendance() == replayed.attendance()
            assert loaded.in_the_chair() == replayed.in_the_chair()
