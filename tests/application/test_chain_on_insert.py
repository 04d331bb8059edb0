"""A command chains its events in the transaction that inserts them (on both backends),
when the chain reaches every event before them; the projector then has nothing to chain,
and on PostgreSQL it moves the tracking position over events no read model handles in one
statement, without a batch of its own. On the backend under test, with no projection
running unless the test runs it."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AppointMember,
    EstablishBody,
    OpenMeeting,
    RecordAttendance,
    RegisterPerson,
    ScheduleMeeting,
)
from meetings.infrastructure import audit
from meetings.infrastructure.settings import environment_for
from meetings.infrastructure.signing import KEY_FILE


def _app(url: str, key: str | None = None) -> MeetingsApplication:
    env = environment_for(url)
    if key:
        env[KEY_FILE] = key
    return MeetingsApplication(env)


@pytest.fixture
def app(database_url: str) -> Iterator[MeetingsApplication]:
    application = _app(database_url)
    yield application
    application.close()


def _links(app: MeetingsApplication) -> list[dict[str, Any]]:
    with app.db.transaction(commit=False) as tx:
        return tx.all("SELECT * FROM audit_chain ORDER BY position")


def _verdict(app: MeetingsApplication) -> audit.Verdict:
    return audit.verify(
        app.list_stored_events(),
        app._chain(),
        through=(app.recorder.max_notification_id() or 0),
        keys=app.keys,
    )


def test_a_command_chains_its_events_as_it_inserts_them(app: MeetingsApplication) -> None:
    for n in range(3):
        app.register_person(RegisterPerson(name=f"Member {n}"))
    end = app.recorder.max_notification_id() or 0
    assert [int(r["position"]) for r in _links(app)] == list(range(1, end + 1))
    verdict = _verdict(app)
    assert verdict.ok and verdict.checked == end


def test_with_a_key_the_links_made_on_insert_carry_the_seals(
    database_url: str, tmp_path: Path
) -> None:
    key = tmp_path / "signing.key"
    key.write_text(base64.b64encode(secrets.token_bytes(48)).decode())
    app = _app(database_url, str(key))
    try:
        app.register_person(RegisterPerson(name="Sealed"))
        links = _links(app)
        with app.db.transaction(commit=False) as tx:
            seals = tx.all("SELECT position, key_id, signature FROM event_seals")
        assert links and seals and len(links) == len(seals)
        by_position = {int(s["position"]): s for s in seals}
        for link in links:
            seal = by_position[int(link["position"])]
            assert link["link_version"] == 2
            assert (link["key_id"], link["signature"]) == (seal["key_id"], seal["signature"])
        assert _verdict(app).ok
    finally:
        app.close()


def test_events_after_an_unchained_one_are_left_to_the_projector(
    app: MeetingsApplication,
) -> None:
    app.register_person(RegisterPerson(name="First"))
    app.register_person(RegisterPerson(name="Second"))
    end = app.recorder.max_notification_id() or 0
    with app.db.transaction() as tx:
        tx.execute("DELETE FROM audit_chain WHERE position = ?", (end,))
    app.register_person(RegisterPerson(name="Third"))
    assert max(int(r["position"]) for r in _links(app)) == end - 1
    app.projector.catch_up()
    assert [int(r["position"]) for r in _links(app)] == list(
        range(1, (app.recorder.max_notification_id() or 0) + 1)
    )
    assert _verdict(app).ok


def _live_meeting(app: MeetingsApplication) -> tuple[UUID, list[UUID]]:
    body = app.establish_body(
        EstablishBody(name="Chain Board", short_name="Chain", kind="board", quorum=1)
    ).id
    people = []
    for n in range(2):
        person = app.register_person(RegisterPerson(name=f"Seat {n}")).id
        app.projector.catch_up()  # as the worker would: appointing reads the read models
        app.appoint_member(
            AppointMember(
                body_id=body,
                person_id=person,
                seat=f"Seat {n}",
                capacity="member",
                starts_on=date(2025, 1, 1),
            )
        )
        people.append(person)
    app.projector.catch_up()
    starts = datetime(2026, 3, 20, 10, tzinfo=UTC)
    meeting = UUID(str(app.schedule_meeting(ScheduleMeeting(body_id=body, starts_at=starts))["id"]))
    app.projector.catch_up()
    app.open_meeting(OpenMeeting(meeting_id=meeting))
    app.projector.catch_up()
    return meeting, people


@pytest.mark.postgres_only  # the worker's statement is PostgreSQL's
def test_the_worker_moves_over_taps_without_a_batch(
    app: MeetingsApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting, people = _live_meeting(app)
    app.projector.catch_up()
    before = app.recorder.max_notification_id() or 0
    app.record_attendance(
        RecordAttendance(meeting_id=meeting, person_id=people[0], status="present")
    )
    taps = app.recorder.select_notifications(start=before + 1, limit=10)
    assert taps and not any(n.topic in app.projector._topics for n in taps)

    def no_batch(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a batch was projected for events no read model handles")

    monkeypatch.setattr(app.projector, "process_batch", no_batch)
    app.projector.catch_up()
    assert app.projector.position() == (app.recorder.max_notification_id() or 0)


@pytest.mark.postgres_only  # the worker's statement is PostgreSQL's
def test_the_worker_chains_taps_the_chain_does_not_reach(app: MeetingsApplication) -> None:
    meeting, people = _live_meeting(app)
    app.projector.catch_up()
    end = app.recorder.max_notification_id() or 0
    with app.db.transaction() as tx:
        tx.execute("DELETE FROM audit_chain WHERE position = ?", (end,))
    app.record_attendance(
        RecordAttendance(meeting_id=meeting, person_id=people[1], status="present")
    )
    app.projector.catch_up()
    last = app.recorder.max_notification_id() or 0
    assert app.projector.position() == last
    # The link removed stays missing (the chain is never rebuilt), but the tap is chained.
    assert max(int(r["position"]) for r in _links(app)) == last
