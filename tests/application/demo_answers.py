"""What the loaded demo says, in a form two loads can be compared by: every stored event in
order (topic and fields) and a set of the API's answers about it (the bodies, the Board's
members on two days, its meetings and first minutes, the tracker, the register, the
workplan's progress, the forward plan).

Ids are random and the recording time is the clock's, so both are written in a form that
does not depend on them: each id as `#n`, numbered in the order the log first names it; a
time within a day of the load as `<now>`; a sealed contact as `<sealed>` (sealed with a fresh
nonce each time). `python -m tests.application.demo_answers DIR` writes the answers of the
demo as loaded by the code on the path to DIR (how the saved answers were captured).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any
from uuid import UUID

from meetings.application import MeetingsApplication
from meetings.domain.values import Role

UUID_IN_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
LOOKS_LIKE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
LOOKS_LIKE_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Event fields whose value is sealed afresh on every load.
SEALED = {"contact"}
#: The days the saved answers ask about (the demo as written: MEETINGS_DEMO_AS_OF=2026-04-01).
AS_AT = ("2025-10-01", "2026-06-30")


class Plain:
    """Turns events and answers into JSON with ids numbered and the load's times marked."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.refs: dict[str, str] = {}

    def ref(self, match: re.Match[str]) -> str:
        return self.refs.setdefault(match.group(), f"#{len(self.refs) + 1}")

    def __call__(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): self(v) for k, v in value.items()}
        if isinstance(value, list | tuple | set | frozenset):
            return [self(v) for v in value]
        if isinstance(value, Enum):
            return self(value.value)
        if isinstance(value, UUID):
            return self(str(value))
        if isinstance(value, datetime):
            return self.moment(value)
        if isinstance(value, date):
            return self.day(value)
        if isinstance(value, str):
            if LOOKS_LIKE_TIME.match(value):
                return self.moment(datetime.fromisoformat(value.replace("Z", "+00:00")))
            if LOOKS_LIKE_DAY.match(value):
                return self.day(date.fromisoformat(value))
            return UUID_IN_TEXT.sub(self.ref, value)
        return value

    def moment(self, value: datetime) -> str:
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        if abs(aware - self.now) < timedelta(days=1):
            return "<now>"
        return value.isoformat()

    def day(self, value: date) -> str:
        """Today (an answer's default `as_at`) as `<today>`; the demo's days as they are."""
        return "<today>" if abs(value - self.now.date()) <= timedelta(days=1) else value.isoformat()


def events(app: MeetingsApplication, plain: Plain) -> Iterator[dict[str, Any]]:
    """Every stored event, oldest first: its topic and fields (not the time it was stored)."""
    for stored in app.list_stored_events():
        fields = dict(app.mapper.to_domain_event(stored).__dict__)
        fields.pop("timestamp", None)
        for name in SEALED & fields.keys():
            fields[name] = "<sealed>"
        yield {"topic": stored.topic, "fields": plain(fields)}


def answers(get: Callable[[str], Any], plain: Plain) -> dict[str, Any]:
    """The API's answers about the demo, by name (`get` answers a path under /api/v1)."""
    bodies = get("/bodies?page_size=1000")
    by_name = {row["short_name"]: row["id"] for row in bodies}
    board, group = by_name["BSP Board"], by_name["BSP IG"]
    meetings = get(f"/bodies/{board}/meetings")
    workplan = get(f"/bodies/{group}/workplans")[0]["id"]
    paths = {
        "bodies": "/bodies?page_size=1000",
        "people": "/people?page_size=1000",
        **{f"board_members_{day}": f"/bodies/{board}/memberships?as_at={day}" for day in AS_AT},
        "board_meetings": f"/bodies/{board}/meetings",
        "board_first_minutes": f"/meetings/{meetings[0]['id']}/minutes",
        "board_forward_plan": f"/bodies/{board}/forward-plan",
        "group_meetings": f"/bodies/{group}/meetings",
        "tracker": f"/actions?as_of={AS_AT[1]}&page_size=1000",
        "register": "/decisions?page_size=1000",
        "workplan": f"/workplans/{workplan}",
        "workplan_progress": f"/workplans/{workplan}/progress",
    }
    return {name: unordered(plain(get(path))) for name, path in paths.items()}


def unordered(answer: Any) -> Any:
    """A list answer as a sorted list: rows tied on their sort key (two decisions taken at
    the same minute) come in the order of their random ids. The log keeps the order."""
    if isinstance(answer, list):
        return sorted(answer, key=lambda row: json.dumps(row, sort_keys=True))
    return answer


def client_get(app: MeetingsApplication) -> Callable[[str], Any]:
    """GET as an admin through the served API (the token is made after the events are read)."""
    from web import create_app

    _, secret = app.tokens.create(Role.ADMIN, "demo answers")
    client = create_app(app).test_client()

    def get(path: str) -> Any:
        response = client.get("/api/v1" + path, headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == 200, (path, response.get_data(as_text=True))
        return response.get_json()

    return get


def record_of(app: MeetingsApplication, loaded_at: datetime) -> tuple[list[Any], dict[str, Any]]:
    """The demo as loaded into `app` at `loaded_at`: its events, then the API's answers."""
    plain = Plain(loaded_at)
    log = list(events(app, plain))
    return log, answers(client_get(app), plain)


def write(directory: Path, log: list[Any], said: dict[str, Any], summary: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    with gzip.open(directory / "events.jsonl.gz", "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(event, sort_keys=True) + "\n" for event in log)
    text = json.dumps({"summary": summary, "answers": said}, indent=1, sort_keys=True)
    (directory / "answers.json").write_text(text + "\n")


def read(directory: Path) -> tuple[list[Any], dict[str, Any]]:
    with gzip.open(directory / "events.jsonl.gz", "rt", encoding="utf-8") as f:
        log = [json.loads(line) for line in f]
    return log, json.loads((directory / "answers.json").read_text())


def main(directory: str) -> None:
    import os

    os.environ.setdefault("MEETINGS_DEMO_AS_OF", "2026-04-01")
    from demo import load_demo
    from meetings.infrastructure.settings import environment_for

    app = MeetingsApplication(environment_for("sqlite:///:memory:"))
    loaded_at = datetime.now(UTC)
    summary = str(load_demo(app))
    write(Path(directory), *record_of(app, loaded_at), summary)


if __name__ == "__main__":
    main(sys.argv[1])
