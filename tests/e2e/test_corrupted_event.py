"""A stored event changed behind the service's back so that it no longer decodes: a read
that needs it answers 503 problem+json naming its position (and logs it), never a bare
500; /audit/verify reports the same position."""

from __future__ import annotations

import logging

import pytest

from meetings.application import MeetingsApplication
from meetings.application.commands import EstablishBody, RegisterPerson
from meetings.domain.values import Role
from meetings.infrastructure.settings import environment_for
from web import create_app


def test_an_undecodable_event_is_named_by_its_position(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    recording = MeetingsApplication(environment_for(database_url))
    person = recording.register_person(RegisterPerson(name="Alice Ahmed")).id
    body = recording.establish_body(EstablishBody(name="Board", short_name="B", kind="board")).id
    recording.projector.catch_up()  # projected before the change, as the worker would
    table = recording.recorder.events_table_name  # type: ignore[attr-defined]
    pos = "notification_id" if recording.postgres else "rowid"
    (first,) = recording.recorder.select_events(person, limit=1)
    position = recording.get_position_of(person, first.originator_version)
    assert position is not None
    with recording.db.transaction() as tx:
        tx.execute(f"UPDATE {table} SET state = ? WHERE {pos} = ?", (b"{not json", position))
    recording.close()

    # A fresh process: nothing of the person is remembered in memory.
    app = MeetingsApplication(environment_for(database_url))
    try:
        _, secret = app.tokens.create(Role.ADMIN)
        client = create_app(app).test_client()
        auth = {"Authorization": f"Bearer {secret}"}
        with caplog.at_level(logging.ERROR, logger="web.errors"):
            broken = client.get(f"/api/v1/people/{person}", headers=auth)
        assert broken.status_code == 503, broken.get_data(as_text=True)
        assert broken.mimetype == "application/problem+json"
        assert f"position {position}" in broken.get_json()["detail"]
        assert f"at position {position}" in caplog.text
        # Other records still read.
        assert client.get(f"/api/v1/bodies/{body}", headers=auth).status_code == 200
        verdict = client.get("/api/v1/audit/verify", headers=auth).get_json()
        assert verdict["ok"] is False and verdict["first_bad_position"] == position
        listed = client.get("/api/v1/events?after=0&limit=10", headers=auth)
        assert listed.status_code == 200
        shown = {e["position"]: e["data"] for e in listed.get_json()}
        assert "unreadable" in shown[position]
    finally:
        app.close()
