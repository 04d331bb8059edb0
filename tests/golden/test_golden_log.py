"""The golden logs, kept forever: every log recorded by an earlier release still loads with
today's code, rebuilds into the same answers, and proves its hash chain.

Each directory here (named for the release's month) holds a log recorded ONCE by
tests/golden/make_golden.py from that release's code: `events.jsonl.gz` (the stored rows,
exact bytes, with their chain links), `head.json` (the chain's head) and `answers.json`
(what the API answered about it then). This test never re-records them. If it fails, a
change has broken the record already kept: an event class moved without `register_topic`,
a field's meaning changed, a read model reads an old event differently. Fix the change,
never the fixture.

A saved answer must still be given: every field it had, with the same value (a later
release may add fields, never drop or change one). When a release changes an answer on
purpose (a presentation decision, never a change in what the record says), the new answer
goes in `amendments.json` beside the old one, with the commit and the reason: a visible,
reviewed exception, never an edit of `answers.json`.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import psycopg
import pytest
from psycopg import sql

from meetings.application import MeetingsApplication
from meetings.application.access import RECORD_TOOLS
from meetings.domain.values import Role
from meetings.idempotency import Answer, FirstResult, IdempotencyRecord, ReplayedAnswer
from meetings.infrastructure.backup import export_contents, load, rebuild
from meetings.infrastructure.settings import environment_for
from tests.conftest import BACKEND, postgres_url_or_skip
from web.api.common import replayed

HERE = Path(__file__).parent
LOGS = sorted(d for d in HERE.iterdir() if (d / "events.jsonl.gz").is_file())


def lines_of(log: Path) -> list[str]:
    with gzip.open(log / "events.jsonl.gz", "rt", encoding="utf-8") as f:
        return f.readlines()


class Loaded:
    def __init__(self, app: MeetingsApplication, log: Path) -> None:
        self.app = app
        self.log = log
        self.head = json.loads((log / "head.json").read_text())
        saved = json.loads((log / "answers.json").read_text())
        self.paths: dict[str, str] = saved["paths"]
        self.answers: dict[str, Any] = saved["answers"]
        amended = log / "amendments.json"
        self.amendments: dict[str, Any] = (
            json.loads(amended.read_text()) if amended.is_file() else {}
        )
        for name, amendment in self.amendments.items():
            self.answers[name] = amendment["answer"]
        self.lines = lines_of(log)


@pytest.fixture(scope="module", params=LOGS, ids=[d.name for d in LOGS])
def golden(request: pytest.FixtureRequest) -> Iterator[Loaded]:
    """The golden log loaded into an empty store of the backend under test, with every
    read model rebuilt from it by today's code."""
    log: Path = request.param
    with _empty_store() as app:
        lines = lines_of(log)
        assert load(app, export_contents(lambda: lines)) == len(lines)
        rebuild(app)
        yield Loaded(app, log)


@contextmanager
def _empty_store() -> Iterator[MeetingsApplication]:
    if BACKEND != "postgres":
        app = MeetingsApplication(environment_for("sqlite:///:memory:"))
        try:
            yield app
        finally:
            app.close()
        return
    url = postgres_url_or_skip()
    schema = f"t_{uuid4().hex[:12]}"
    app = MeetingsApplication(environment_for(f"{url}{'&' if '?' in url else '?'}schema={schema}"))
    try:
        yield app
    finally:
        app.close()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def test_the_log_holds_every_kind_of_event_its_release_could_record(golden: Loaded) -> None:
    topics = {json.loads(line)["topic"] for line in golden.lines}
    assert topics == set(golden.head["topics"])
    assert len(golden.lines) == golden.head["events"]


def test_every_stored_event_still_decodes_with_todays_classes(golden: Loaded) -> None:
    """A moved or renamed event class without `register_topic` fails here, by name."""
    undecodable = []
    for n in golden.app.list_stored_events():
        try:
            golden.app.mapper.to_domain_event(n)
        except Exception as error:
            undecodable.append(f"{n.id} {n.topic}: {error!r}")
    assert not undecodable, "\n".join(undecodable[:20])


def test_the_chain_verifies_against_the_saved_head(golden: Loaded) -> None:
    anchor = f"{golden.head['position']}:{golden.head['hash']}"
    verdict = golden.app.get_log_verdict(anchor)
    assert verdict.ok, verdict
    assert verdict.anchor_found is True
    assert (verdict.head_position, verdict.head_hash) == (
        golden.head["position"],
        golden.head["hash"],
    )
    assert verdict.checked == golden.head["events"]
    assert golden.app.get_chain_head() == (golden.head["position"], golden.head["hash"])


def test_the_exported_log_is_the_stored_log_byte_for_byte(golden: Loaded) -> None:
    """Loading kept every position, aggregate, version, topic and stored byte."""
    again = [json.loads(line) for line in golden.lines]
    exported = list(golden.app.list_log_export())
    assert len(exported) == len(again)
    for saved, now in zip(again, exported, strict=True):
        for key in ("position", "aggregate_id", "version", "topic", "stored", "hash", "prev_hash"):
            assert now[key] == saved[key], (saved["position"], key)


def test_an_answer_kept_under_an_idempotency_key_replays_byte_for_byte(golden: Loaded) -> None:
    """A key's first answer as its release kept it (the 2026-12 log: the HTTP answer, not
    the command's result as data) is sent again as it was: status, body, ETag."""
    record_id = IdempotencyRecord.create_id("golden-log", "golden-progress-1")
    kept = [json.loads(line) for line in golden.lines if str(record_id) in line]
    stored = kept[-1]["data"]
    record: Any = golden.app.repository.get(record_id)
    answer = record.replay("golden-progress-1", record.modified_on)
    if stored.get("is_result"):  # a later release's log: the result as data
        assert isinstance(answer, FirstResult) and answer.data == record.answer["body"]
        return
    assert answer == Answer(stored["status"], stored["body"], stored["etag"])
    sent = replayed(ReplayedAnswer(answer))
    assert sent.status_code == stored["status"]
    assert sent.get_data() == json.dumps(stored["body"]).encode()
    assert sent.headers.get("ETag") is None and sent.headers["Idempotent-Replayed"] == "true"


def test_a_rebuild_gives_the_saved_answers(golden: Loaded) -> None:
    _, secret = golden.app.tokens.create(Role.ADMIN, "golden-log test")
    from web import create_app

    client = create_app(golden.app).test_client()
    differences = []
    for name, path in sorted(golden.paths.items()):
        headers = {} if name.endswith("_public") else {"Authorization": f"Bearer {secret}"}
        response = client.get("/api/v1" + path, headers=headers)
        if response.status_code != 200:
            differences.append(f"{name} {path}: {response.status_code} {response.get_data()!r}")
            continue
        found = still_says(golden.answers[name], response.get_json(), name)
        differences.extend(f"{path}: {d}" for d in found[:5])
    assert not differences, "\n".join(differences)


def test_every_amendment_names_a_saved_answer_its_commit_and_reason(golden: Loaded) -> None:
    for name, amendment in golden.amendments.items():
        assert name in golden.paths, name
        assert amendment["commit"] and amendment["reason"], name


def test_the_saved_minutes_read_word_for_word(golden: Loaded) -> None:
    """The minutes with a confidential item, as the clerk reads them: the same text,
    asked of the use case itself (the API's answer is compared above)."""
    path = golden.paths["confidential_minutes"]
    meeting_id = UUID(path.split("/")[2])
    minutes = golden.app.get_minutes(meeting_id, RECORD_TOOLS)
    # An amendment of the saved answer (commit and reason beside it) carries the new text;
    # minutes.md itself stays as the release wrote it.
    amended = golden.amendments.get("confidential_minutes")
    expected = amended["answer"]["markdown"] if amended else (golden.log / "minutes.md").read_text()
    assert minutes.markdown == expected
    assert golden.app.projector.position() == golden.head["position"]


def still_says(saved: Any, now: Any, where: str) -> list[str]:
    """Where `now` no longer says what `saved` said: every saved field, with its value
    (fields added since are allowed; lists keep their length and order)."""
    if isinstance(saved, dict):
        if not isinstance(now, dict):
            return [f"{where}: was an object, now {now!r:.80}"]
        out = []
        for key, value in saved.items():
            if key not in now:
                out.append(f"{where}.{key}: missing (was {value!r:.80})")
            else:
                out.extend(still_says(value, now[key], f"{where}.{key}"))
        return out
    if isinstance(saved, list):
        if not isinstance(now, list) or len(now) != len(saved):
            got = len(now) if isinstance(now, list) else now
            return [f"{where}: was a list of {len(saved)}, now {got!r:.80}"]
        out = []
        for n, (a, b) in enumerate(zip(saved, now, strict=True)):
            out.extend(still_says(a, b, f"{where}[{n}]"))
        return out
    if saved != now:
        return [f"{where}: was {saved!r:.120}, now {now!r:.120}"]
    return []


def test_the_comparison_catches_a_changed_answer() -> None:
    """The comparison can fail: a dropped field, a changed value, a shorter list."""
    saved = {"a": 1, "b": [{"c": "x"}, {"c": "y"}]}
    assert still_says(saved, {"a": 1, "b": [{"c": "x", "new": 1}, {"c": "y"}], "d": 2}, "r") == []
    assert still_says(saved, {"b": [{"c": "x"}, {"c": "y"}]}, "r") == ["r.a: missing (was 1)"]
    assert still_says(saved, {"a": 2, "b": [{"c": "x"}, {"c": "y"}]}, "r") == ["r.a: was 1, now 2"]
    assert still_says(saved, {"a": 1, "b": [{"c": "x"}]}, "r") == ["r.b: was a list of 2, now 1"]
