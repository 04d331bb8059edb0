"""Seals: with a signing key, every event the service writes is sealed when it is written,
and the chain goes on in links of version 2 (appended after the links of version 1, which
stay as they were). A row inserted straight into the events table is chained without a
seal, and `meetings verify` and /audit/verify name it; the head is signed; rotating the
key keeps the old seals checkable. On the backend under test."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from meetings.application import MeetingsApplication
from meetings.application.commands import RegisterPerson
from meetings.domain.values import Role
from meetings.infrastructure.settings import environment_for
from meetings.infrastructure.signing import KEY_FILE, OLD_KEY_FILES, SigningKeyError
from web import create_app


def _key(path: Path) -> str:
    path.write_text(base64.b64encode(secrets.token_bytes(48)).decode())
    return str(path)


def _app(url: str, key: str | None = None, old: str | None = None) -> MeetingsApplication:
    env = environment_for(url)
    if key:
        env[KEY_FILE] = key
    if old:
        env[OLD_KEY_FILES] = old
    return MeetingsApplication(env)


def _record(app: MeetingsApplication, n: int, prefix: str) -> None:
    for i in range(n):
        app.register_person(RegisterPerson(name=f"{prefix} {i}"))
    app.projector.catch_up()  # as the worker does on PostgreSQL


def _cli(url: str, *args: str, key: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEETINGS_SIGNING")}
    env["MEETINGS_DATABASE_URL"] = url
    if key:
        env[KEY_FILE] = key
    return subprocess.run(
        [sys.executable, "-m", "meetings.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _links(app: MeetingsApplication) -> list[dict[str, Any]]:
    return app.db.all("SELECT position, link_version FROM audit_chain ORDER BY position")


def _insert_behind_the_back(app: MeetingsApplication) -> int:
    """A genuine-looking event inserted with SQL: a copy of a real registration."""
    (model,) = app.recorder.select_notifications(start=1, limit=1)
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    ident: Any = uuid4() if app.postgres else uuid4().hex
    with app.db.transaction() as tx:
        tx.execute(
            f"INSERT INTO {table} (originator_id, originator_version, topic, state)"
            " VALUES (?, ?, ?, ?)",
            (str(ident) if app.postgres else ident, 1, model.topic, model.state),
        )
    position = app.recorder.max_notification_id()
    app.projector.catch_up()
    return int(position)


def test_the_chain_moves_to_sealed_links_by_appending_and_verifies(
    database_url: str, tmp_path: Path
) -> None:
    before = _app(database_url)
    _record(before, 4, "Before")
    v1 = _links(before)
    before.close()
    key = _key(tmp_path / "signing.key")
    app = _app(database_url, key)
    try:
        _record(app, 4, "After")
        links = _links(app)
        assert links[: len(v1)] == v1  # the links of version 1 are left as they were
        assert {link["link_version"] for link in links[: len(v1)]} == {None}
        assert {link["link_version"] for link in links[len(v1) :]} == {2}
        verdict = app.get_log_verdict()
        assert verdict.ok and verdict.checked == len(links), verdict
        ok = _cli(database_url, "verify", key=key)
        assert ok.returncode == 0 and ok.stdout.startswith("OK: "), ok.stdout + ok.stderr
        # Without the key, the seals cannot be checked: verify says so, by position.
        keyless = _cli(database_url, "verify")
        assert keyless.returncode == 1 and "key this service does not hold" in keyless.stdout

        client = create_app(app).test_client()
        head = client.get("/api/v1/audit/head").get_json()
        secret = Path(key).read_bytes().strip()
        message = f"meetings-head-v2\n{head['position']}\n{head['hash']}".encode()
        assert head["key_id"] == hashlib.sha256(secret).hexdigest()[:16]
        assert hmac.compare_digest(
            head["signature"], hmac.new(secret, message, hashlib.sha256).hexdigest()
        )
    finally:
        app.close()


def test_a_row_inserted_into_the_log_is_named_as_not_written_by_the_service(
    database_url: str, tmp_path: Path
) -> None:
    key = _key(tmp_path / "signing.key")
    app = _app(database_url, key)
    try:
        _record(app, 3, "Genuine")
        inserted = _insert_behind_the_back(app)
        _record(app, 2, "Later")
        verdict = app.get_log_verdict()
        assert not verdict.ok
        assert verdict.first_bad_position == inserted
        assert "did not write this event" in (verdict.problem or "")
        _, scrutiny = app.tokens.create(Role.SCRUTINY)
        api = (
            create_app(app)
            .test_client()
            .get("/api/v1/audit/verify", headers={"Authorization": f"Bearer {scrutiny}"})
        )
        assert api.get_json()["first_bad_position"] == inserted
        cli = _cli(database_url, "verify", key=key)
        assert cli.returncode == 1 and f"at position {inserted}:" in cli.stdout
        # Offline too, from an export, with or without the key.
        export = _cli(database_url, "export", key=key)
        path = tmp_path / "log.jsonl"
        path.write_text(export.stdout)
        for offline_key in (key, None):
            checked = _cli("sqlite:////nonexistent/x.db", "verify", "--export", str(path),
                           key=offline_key)  # fmt: skip
            assert checked.returncode == 1, checked.stdout + checked.stderr
            assert f"at position {inserted}:" in checked.stdout
    finally:
        app.close()


def test_a_forged_seal_is_refused(database_url: str, tmp_path: Path) -> None:
    key = _key(tmp_path / "signing.key")
    app = _app(database_url, key)
    try:
        _record(app, 3, "Genuine")
        position = app.recorder.max_notification_id()
        with app.db.transaction() as tx:
            tx.execute(
                "UPDATE audit_chain SET signature = ? WHERE position = ?", ("f" * 64, position)
            )
        verdict = app.get_log_verdict()
        assert not verdict.ok and verdict.first_bad_position == position
    finally:
        app.close()


def test_after_a_key_rotation_old_seals_still_check_with_the_old_key_kept(
    database_url: str, tmp_path: Path
) -> None:
    first = _key(tmp_path / "first.key")
    second = _key(tmp_path / "second.key")
    app = _app(database_url, first)
    _record(app, 3, "First key")
    sealed_first = app.recorder.max_notification_id()
    app.close()
    rotated = _app(database_url, second, old=first)
    try:
        _record(rotated, 3, "Second key")
        keys = {r["key_id"] for r in rotated.db.all("SELECT key_id FROM audit_chain")}
        assert len(keys - {None}) == 2
        assert rotated.get_log_verdict().ok
    finally:
        rotated.close()
    forgotten = _app(database_url, second)
    try:
        verdict = forgotten.get_log_verdict()
        assert not verdict.ok and verdict.first_bad_position == 1 <= sealed_first
        assert "key this service does not hold" in (verdict.problem or "")
    finally:
        forgotten.close()


def test_a_short_or_missing_key_stops_the_service_starting(tmp_path: Path) -> None:
    short = tmp_path / "short.key"
    short.write_text("too short")
    url = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    for path in (str(short), str(tmp_path / "missing.key")):
        with pytest.raises(SigningKeyError):
            _app(url, path)
        refused = _cli(url, "verify", key=path)
        assert refused.returncode == 2 and "signing key" in refused.stderr


def test_a_sealed_chain_backs_up_and_restores_and_still_verifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from meetings import cli
    from tests.conftest import BACKEND
    from tests.keeping.test_backup_restore import store

    key = _key(tmp_path / "signing.key")
    monkeypatch.setenv(KEY_FILE, key)
    with store(BACKEND, tmp_path) as source:
        sealed = _app(source.url, key)
        try:
            _record(sealed, 4, "Sealed")
            if sealed.postgres:
                sealed.projector.wait_for(sealed.recorder.max_notification_id(), 10)
            assert {r["link_version"] for r in _links(sealed)} == {2}
        finally:
            sealed.close()
        backup = tmp_path / "sealed.backup"
        monkeypatch.setenv("MEETINGS_DATABASE_URL", source.url)
        assert cli.main(["backup", str(backup)]) == 0
        with store(BACKEND, tmp_path) as target:
            monkeypatch.setenv("MEETINGS_DATABASE_URL", target.url)
            assert cli.main(["restore", str(backup)]) == 0
            restored = _app(target.url, key)
            try:
                assert {r["link_version"] for r in _links(restored)} == {2}
                assert restored.get_log_verdict().ok
            finally:
                restored.close()
