"""`meetings backup` and `meetings restore`: a copy taken while four clients write restores
into a fresh store with every acknowledged event, the same read models and the same head;
SQLite to SQLite, PostgreSQL to PostgreSQL, and SQLite to PostgreSQL (the move a county
makes when it outgrows the laptop). Bad backups and non-empty stores change nothing."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import psycopg
import pytest
from psycopg import sql

from meetings import cli
from meetings.application import MeetingsApplication
from meetings.application.commands import RegisterOrganisation, RegisterPerson
from meetings.domain.values import Role
from meetings.infrastructure.backup import (
    BackupError,
    Manifest,
    RestoreFailed,
    backup,
    restore,
    sha256_of,
)
from meetings.infrastructure.settings import environment_for
from tests.conftest import BACKEND, _stop_worker, postgres_url_or_skip

CLIENTS = 4
#: Source and target backends: PostgreSQL runs are also where SQLite moves to PostgreSQL
#: (and a PostgreSQL record is copied to a laptop's SQLite).
PAIRS = (
    [("postgres", "postgres"), ("sqlite", "postgres"), ("postgres", "sqlite")]
    if BACKEND == "postgres"
    else [("sqlite", "sqlite")]
)


class Store:
    def __init__(self, app: MeetingsApplication, url: str) -> None:
        self.app = app
        self.url = url


@contextmanager
def store(kind: str, tmp: Path) -> Iterator[Store]:
    """An empty store: a SQLite file, or a fresh PostgreSQL schema with its worker."""
    if kind == "sqlite":
        url = f"sqlite:///{tmp / f'{uuid4().hex[:8]}.sqlite3'}"
        app = MeetingsApplication(environment_for(url))
        try:
            yield Store(app, url)
        finally:
            app.close()
        return
    base = postgres_url_or_skip()
    schema = f"t_{uuid4().hex[:12]}"
    url = f"{base}{'&' if '?' in base else '?'}schema={schema}"
    app = MeetingsApplication(environment_for(url))
    from projections.worker import run_worker

    stop = threading.Event()
    worker = threading.Thread(target=run_worker, args=(app, stop, 0.2), daemon=True)
    worker.start()
    try:
        yield Store(app, url)
    finally:
        _stop_worker(app, base, stop, worker)
        app.close()
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def positions(app: MeetingsApplication) -> dict[int, tuple[str, int, str, bytes]]:
    return {
        n.id: (str(n.originator_id), n.originator_version, n.topic, n.state)
        for n in app.list_stored_events()
    }


def read_models(app: MeetingsApplication) -> dict[str, Any]:
    people, _ = app.list_people(None, 1, 10_000)
    organisations, _ = app.list_organisations(1, 10_000)
    return {
        "people": sorted((str(p.id), p.name, p.email) for p in people),
        "organisations": sorted((str(o.id), o.name) for o in organisations),
    }


def write(app: MeetingsApplication, client: int, stop: threading.Event, done: list[UUID]) -> None:
    """One client registering organisations and people until told to stop; `done` holds
    what it was told was recorded (acknowledged)."""
    n = 0
    while not stop.is_set() or n < 5:
        org = app.register_organisation(
            RegisterOrganisation(name=f"Partner {client}-{n}", sector="public")
        )
        done.append(UUID(str(org.id)))
        person = app.register_person(
            RegisterPerson(
                name=f"Officer {client}-{n}",
                organisation_id=UUID(str(org.id)),
                email=f"officer{client}.{n}@example.org",
            )
        )
        done.append(UUID(str(person.id)))
        n += 1


@pytest.mark.parametrize(("source_kind", "target_kind"), PAIRS)
def test_a_backup_taken_during_writes_restores_every_acknowledged_event(
    source_kind: str, target_kind: str, tmp_path: Path
) -> None:
    file = tmp_path / "record.backup"
    with store(source_kind, tmp_path) as source:
        source.app.tokens.create(Role.ADMIN, "the clerk's laptop")
        stop = threading.Event()
        acknowledged: list[list[UUID]] = [[] for _ in range(CLIENTS)]
        clients = [
            threading.Thread(target=write, args=(source.app, c, stop, acknowledged[c]))
            for c in range(CLIENTS)
        ]
        for t in clients:
            t.start()
        while sum(len(a) for a in acknowledged) < 40:
            threading.Event().wait(0.01)
        before = {i for a in acknowledged for i in a}  # acknowledged before the copy began
        manifest = backup(source.app, file)
        copied = sum(len(a) for a in acknowledged)
        while sum(len(a) for a in acknowledged) < copied + CLIENTS:
            threading.Event().wait(0.01)  # the clients go on writing after the copy
        stop.set()
        for t in clients:
            t.join(timeout=60)
        assert manifest.events >= len(before)
        source_log = positions(source.app)
        after_backup = len(source_log) - manifest.events

        with store(target_kind, tmp_path) as target:
            _, verdict = restore(target.app, file)
            assert verdict.ok and verdict.anchor_found
            log = positions(target.app)
            # The copy is one moment of the log: exactly its first events, byte for byte.
            assert log == {p: e for p, e in source_log.items() if p <= manifest.last_position}
            assert len(log) == manifest.events
            aggregates = {UUID(e[0]) for e in log.values()}
            assert before <= aggregates, "an event acknowledged before the backup is missing"
            assert target.app.get_chain_head() >= (manifest.head_position, manifest.head_hash)
            assert target.app.tokens.list()[0]["name"] == "the clerk's laptop"
            assert after_backup > 0, "the clients kept writing while the copy was made"
            # The read models rebuilt from the restored log answer as the source's did.
            people = {str(i) for i in aggregates}
            mine = read_models(target.app)
            theirs = read_models(source.app)
            assert mine["people"] == [p for p in theirs["people"] if p[0] in people]
            assert mine["organisations"] == [o for o in theirs["organisations"] if o[0] in people]

        # Quiet now: a second backup holds everything, and restores to the same answers.
        second = backup(source.app, tmp_path / "quiet.backup")
        assert second.events == len(source.app.recorder.select_notifications(1, 10**6))
        with store(target_kind, tmp_path) as target:
            restore(target.app, tmp_path / "quiet.backup")
            assert positions(target.app) == positions(source.app)
            assert read_models(target.app) == read_models(source.app)
            assert target.app.get_chain_head() == source.app.get_chain_head()
            assert target.app.get_log_verdict().ok


@pytest.fixture
def made(tmp_path: Path) -> Iterator[tuple[Path, Store]]:
    """A backup of a small record (on the backend under test) and the record itself."""
    with store(BACKEND, tmp_path) as source:
        org = source.app.register_organisation(
            RegisterOrganisation(name="Buckinghamshire Council", sector="public")
        )
        for n in range(5):
            source.app.register_person(
                RegisterPerson(name=f"Officer {n}", organisation_id=UUID(str(org.id)))
            )
        file = tmp_path / "record.backup"
        backup(source.app, file)
        yield file, source


def run_cli(url: str, monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    monkeypatch.setenv("MEETINGS_DATABASE_URL", url)
    return cli.main(list(argv))


def test_restore_refuses_a_store_that_is_not_empty(
    made: tuple[Path, Store], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file, source = made
    before = positions(source.app)
    assert run_cli(source.url, monkeypatch, "restore", str(file)) == 2
    assert "not empty" in capsys.readouterr().err
    assert positions(source.app) == before


def test_the_command_line_backs_up_and_restores(
    made: tuple[Path, Store],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, source = made
    file = tmp_path / "by-cli.backup"
    assert run_cli(source.url, monkeypatch, "backup", str(file)) == 0
    manifest = json.loads((tmp_path / "by-cli.backup.manifest.json").read_text())
    assert manifest["events"] == 6 and manifest["backend"] == BACKEND
    assert f"position {manifest['head_position']}" in capsys.readouterr().out
    with store(BACKEND, tmp_path) as target:
        assert run_cli(target.url, monkeypatch, "restore", str(file)) == 0
        assert "6 events check out" in capsys.readouterr().out
        assert positions(target.app) == positions(source.app)


def refused(file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Restore `file` with the command line into a fresh store; it must stay empty."""
    with store(BACKEND, tmp_path) as target:
        code = run_cli(target.url, monkeypatch, "restore", str(file))
        assert (target.app.recorder.max_notification_id() or 0) == 0, "the store was changed"
        assert target.app.tokens.list() == []
    return code, ""


def edit_manifest(file: Path, **changes: Any) -> None:
    path = file.with_name(file.name + ".manifest.json")
    raw = json.loads(path.read_text())
    raw.update(changes)
    path.write_text(json.dumps(raw))


def test_a_backup_from_a_newer_release_is_refused(
    made: tuple[Path, Store],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file, _ = made
    edit_manifest(file, release="99.0.0")
    assert refused(file, tmp_path, monkeypatch)[0] == 2
    assert "newer than this one" in capsys.readouterr().err
    edit_manifest(file, release="0.0.1", format=2)
    assert refused(file, tmp_path, monkeypatch)[0] == 2
    assert "format 2" in capsys.readouterr().err


def test_a_tampered_backup_file_is_refused(
    made: tuple[Path, Store],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file, _ = made
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0x01
    file.write_bytes(bytes(data))
    assert refused(file, tmp_path, monkeypatch)[0] == 2
    assert "was changed since it was made" in capsys.readouterr().err


def test_an_event_changed_in_the_backup_names_its_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone edits an event inside a SQLite backup and rewrites the manifest's digest to
    match: the chain still catches it, at that event's position, before anything is
    written (on PostgreSQL too: this is the path of a move)."""
    with store("sqlite", tmp_path) as source:
        for n in range(4):
            source.app.register_organisation(
                RegisterOrganisation(name=f"Partner {n}", sector="public")
            )
        file = tmp_path / "record.backup"
        backup(source.app, file)
    with sqlite3.connect(file) as conn:
        conn.execute(
            "UPDATE stored_events SET state ="
            " CAST(replace(state, 'Partner 2', 'Partner X') AS BLOB) WHERE rowid = 3"
        )
    conn.close()
    edit_manifest(file, sha256=sha256_of(file))
    assert refused(file, tmp_path, monkeypatch)[0] == 1
    err = capsys.readouterr().err
    assert "first bad position: 3" in err and "changed since it was chained" in err


def test_a_manifest_whose_head_is_not_on_the_chain_is_refused(
    made: tuple[Path, Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file, _ = made
    edit_manifest(file, head_hash="f" * 64)
    code, _ = refused(file, tmp_path, monkeypatch)
    assert code == 1


def test_a_manifest_that_miscounts_the_events_is_refused(
    made: tuple[Path, Store],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file, _ = made
    edit_manifest(file, events=999)
    assert refused(file, tmp_path, monkeypatch)[0] == 1
    assert "its manifest says 999" in capsys.readouterr().err


def test_a_missing_manifest_or_a_file_that_is_no_backup_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("minutes of the last meeting\n")
    assert refused(file, tmp_path, monkeypatch)[0] == 2
    assert "no manifest" in capsys.readouterr().err
    Manifest(
        format=1,
        release="0.1.0",
        backend=BACKEND,
        file=file.name,
        sha256=sha256_of(file),
        events=0,
        last_position=0,
        head_position=0,
        head_hash="0" * 64,
    ).write(file)
    assert refused(file, tmp_path, monkeypatch)[0] == 2
    assert "not a" in capsys.readouterr().err
    assert refused(tmp_path / "absent.backup", tmp_path, monkeypatch)[0] == 2


def test_backup_refuses_a_directory_or_a_missing_one(
    made: tuple[Path, Store], tmp_path: Path
) -> None:
    _, source = made
    with pytest.raises(BackupError, match="is a directory"):
        backup(source.app, tmp_path)
    with pytest.raises(BackupError, match="no directory"):
        backup(source.app, tmp_path / "absent" / "x.backup")


def test_restore_failed_carries_the_position() -> None:
    assert RestoreFailed("x", 7).position == 7


# PostgreSQL only (a dump): collected when the suite runs on PostgreSQL.
if BACKEND == "postgres":

    def test_a_dump_whose_rows_are_not_in_log_order_restores_in_log_order(tmp_path: Path) -> None:
        """An append-only table is dumped in log order; after a CLUSTER on its key it is not,
        and the restore sorts the rows (PostgreSQL only)."""
        with store("postgres", tmp_path) as source:
            for n in range(30):
                source.app.register_organisation(
                    RegisterOrganisation(name=f"Partner {n}", sector="public")
                )
            source.app.projector.catch_up()
            schema = source.url.rsplit("schema=", 1)[1]
            table = source.app.recorder.events_table_name  # type: ignore[attr-defined]
            with psycopg.connect(postgres_url_or_skip(), autocommit=True) as conn:
                conn.execute(
                    sql.SQL("CLUSTER {}.{} USING {}").format(
                        sql.Identifier(schema),
                        sql.Identifier(table),
                        sql.Identifier(f"{table}_pkey"),
                    )
                )
                first = conn.execute(
                    sql.SQL("SELECT notification_id FROM {}.{} LIMIT 3").format(
                        sql.Identifier(schema), sql.Identifier(table)
                    )
                ).fetchall()
            assert [r[0] for r in first] != [1, 2, 3], "the rows should be out of log order"
            file = tmp_path / "clustered.backup"
            backup(source.app, file)
            with store("postgres", tmp_path) as target:
                restore(target.app, file)
                assert positions(target.app) == positions(source.app)
                assert target.app.get_chain_head() == source.app.get_chain_head()
