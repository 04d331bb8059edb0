"""Recorded ONCE, kept forever: the snapshot a release's application takes of each meeting
of the golden log, at the meeting's latest version, as stored (topic and state bytes).

Run with that release's tree first on the path, never with today's code (this is how
`2026-12.jsonl.gz` was made, from f30aa52, the release that recorded the golden log):

    git archive f30aa52 meetings projections | tar -x -C /tmp/f30
    PYTHONPATH=/tmp/f30 .venv/bin/python tests/keeping/snapshots/make_snapshots.py \\
        tests/golden/2026-12/events.jsonl.gz tests/keeping/snapshots/2026-12.jsonl.gz

(`meetings.settings` is where f30aa52 kept `environment_for`.) `2026-12-02.jsonl.gz` was
made the same way from f4b9e71, the last release whose snapshots held a meeting's entries
as a dict (class_version 2), where `environment_for` is in `meetings.infrastructure.settings`.
"""

from __future__ import annotations

import base64
import gzip
import json
import sys
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from meetings.application import MeetingsApplication

try:
    from meetings.settings import environment_for  # type: ignore[import-not-found]
except ImportError:  # releases since the re-layout of December 2026
    from meetings.infrastructure.settings import environment_for

SCHEDULED = "meetings.domain.meeting:Meeting.Scheduled"


def main(golden: str, out: str) -> None:
    with gzip.open(golden, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    app = MeetingsApplication(environment_for("sqlite:///:memory:"))
    app.recorder.insert_events(
        [
            StoredEvent(
                UUID(r["aggregate_id"]), r["version"], r["topic"], base64.b64decode(r["stored"])
            )
            for r in rows
        ]
    )
    snapshots: list[dict[str, Any]] = []
    for meeting_id in sorted({UUID(r["aggregate_id"]) for r in rows if r["topic"] == SCHEDULED}):
        app.take_snapshot(meeting_id, version=app.repository.get(meeting_id).version)
        assert app.snapshots is not None
        (s,) = app.snapshots.recorder.select_events(meeting_id, desc=True, limit=1)
        snapshots.append(
            {
                "originator_id": str(meeting_id),
                "originator_version": s.originator_version,
                "topic": s.topic,
                "state": base64.b64encode(s.state).decode(),
            }
        )
    with gzip.open(out, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(s, sort_keys=True) + "\n" for s in snapshots)
    print(f"{len(snapshots)} snapshots", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
