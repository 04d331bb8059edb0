"""The chain's tail: every stored event must have its link, so removing links from the
end of the chain (and then changing what they covered) is found by `meetings verify` and
by /audit/verify, on the backend under test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from meetings.application import MeetingsApplication
from meetings.application.commands import RegisterPerson
from meetings.domain.values import Role
from meetings.infrastructure.settings import environment_for
from web import create_app

EVENTS = 12


@pytest.fixture
def app(database_url: str) -> Iterator[MeetingsApplication]:
    application = MeetingsApplication(environment_for(database_url))
    for n in range(EVENTS):
        application.register_person(RegisterPerson(name=f"Member {n}"))
    application.projector.catch_up()  # as the worker does on PostgreSQL
    yield application
    application.close()


def _sql(app: MeetingsApplication, statement: str, params: tuple[Any, ...] = ()) -> None:
    """Change the database behind the service's back, as someone with access could."""
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    pos = "notification_id" if app.postgres else "rowid"
    with app.db.transaction() as tx:
        tx.execute(statement.format(table=table, pos=pos), params)


def _edit_event(app: MeetingsApplication, position: int) -> None:
    (stored,) = app.recorder.select_notifications(start=position, limit=1)
    _sql(app, "UPDATE {table} SET state = ? WHERE {pos} = ?", (stored.state + b" ", position))


def _verify_cli(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "meetings.cli", "verify"],
        env={**os.environ, "MEETINGS_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _verify_api(app: MeetingsApplication) -> dict[str, Any]:
    _, secret = app.tokens.create(Role.SCRUTINY)
    answer = (
        create_app(app)
        .test_client()
        .get("/api/v1/audit/verify", headers={"Authorization": f"Bearer {secret}"})
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)
    verdict: dict[str, Any] = answer.get_json()
    return verdict


def test_removing_the_last_links_and_changing_an_event_they_covered_is_found(
    app: MeetingsApplication, database_url: str
) -> None:
    end = app.recorder.max_notification_id()
    assert end >= EVENTS
    ok = _verify_cli(database_url)
    assert ok.returncode == 0 and ok.stdout.startswith(f"OK: {end} events"), ok.stdout + ok.stderr
    _sql(app, "DELETE FROM audit_chain WHERE position > ?", (end - 5,))
    _edit_event(app, end - 2)
    bad = _verify_cli(database_url)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert f"TAMPERED: the log fails the hash chain at position {end - 4}:" in bad.stdout
    assert "has no link" in bad.stdout
    verdict = _verify_api(app)
    assert verdict["ok"] is False
    assert verdict["first_bad_position"] == end - 4
    assert "has no link" in verdict["problem"]


def test_removing_every_link_is_not_an_empty_log(
    app: MeetingsApplication, database_url: str
) -> None:
    _sql(app, "DELETE FROM audit_chain")
    bad = _verify_cli(database_url)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "OK: 0 events" not in bad.stdout
    assert "at position 1:" in bad.stdout and "has no link" in bad.stdout
    verdict = _verify_api(app)
    assert (verdict["ok"], verdict["first_bad_position"], verdict["checked"]) == (False, 1, 0)


def test_an_event_recorded_after_the_tail_was_removed_does_not_hide_it(
    app: MeetingsApplication, database_url: str
) -> None:
    end = app.recorder.max_notification_id()
    _sql(app, "DELETE FROM audit_chain WHERE position > ?", (end - 3,))
    app.register_person(RegisterPerson(name="Later"))
    app.projector.catch_up()
    bad = _verify_cli(database_url)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert f"at position {end - 2}:" in bad.stdout
