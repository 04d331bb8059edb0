"""`Meeting`'s events moved out of its module into its parts' modules (December 2026),
each keeping, in `TOPIC`, the topic the record has stored it under from the start. These
tests hold them to it: every topic a meeting's event has in the golden log is the topic
its class is written under today, and it resolves to that class even in a fresh process
that has recorded nothing yet (so a rebuild or a log export finds it)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from eventsourcing.utils import get_topic, resolve_topic

from meetings.domain.meeting import Meeting, agenda_items, lifecycle, minutes, presence, record

GOLDEN = Path(__file__).parents[1] / "golden" / "2026-12" / "events.jsonl.gz"
PARTS = (lifecycle, agenda_items, presence, record, minutes)


def _meeting_events() -> dict[str, type]:
    return {
        name: value
        for part in PARTS
        for name, value in vars(part).items()
        if isinstance(value, type) and value.__module__ == part.__name__ and hasattr(value, "TOPIC")
    }


def test_each_meeting_event_is_written_under_the_topic_it_was_first_stored_under() -> None:
    events = _meeting_events()
    assert len(events) == 22
    for name, cls in events.items():
        topic = f"meetings.domain.meeting:Meeting.{name}"
        assert get_topic(cls) == topic
        assert resolve_topic(topic) is cls
        assert getattr(Meeting, name) is cls


def test_every_meeting_topic_in_the_golden_log_is_one_of_todays_classes() -> None:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as f:
        stored = {json.loads(line)["topic"] for line in f}
    of_meetings = {t for t in stored if t.startswith("meetings.domain.meeting:Meeting.")}
    written = {get_topic(cls) for cls in _meeting_events().values()} | {
        get_topic(Meeting.Scheduled)
    }
    assert len(of_meetings) > 15
    assert of_meetings <= written


def test_a_fresh_process_resolves_every_meeting_topic_before_recording_anything() -> None:
    topics = sorted(f"meetings.domain.meeting:Meeting.{name}" for name in _meeting_events())
    script = (
        "import sys\n"
        "from eventsourcing.utils import resolve_topic, get_topic\n"
        "for topic in sys.argv[1:]:\n"
        "    cls = resolve_topic(topic)\n"
        "    assert get_topic(cls) == topic, (topic, cls)\n"
        "    assert cls.__module__.startswith('meetings.domain.meeting.'), cls\n"
        "print(len(sys.argv) - 1)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *topics], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "22"
