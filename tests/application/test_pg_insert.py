"""PostgreSQL inserts a command's events in two round trips (meetings/infrastructure/
pg_insert.py), in one transaction as before: all of them or none, the chain's links with
them, and a refused insert leaves the connection it used fit for the next."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent

from meetings.application import MeetingsApplication
from meetings.infrastructure import audit
from meetings.infrastructure.settings import environment_for

pytestmark = pytest.mark.postgres_only  # PostgreSQL's insert


@pytest.fixture
def app(pg_schema_url: str) -> Iterator[MeetingsApplication]:
    # One pooled connection, so the insert after a refused one reuses its connection.
    application = MeetingsApplication(
        {**environment_for(pg_schema_url), "POSTGRES_POOL_SIZE": "1", "POSTGRES_MAX_OVERFLOW": "0"}
    )
    yield application
    application.close()


def _event(originator: UUID, version: int) -> StoredEvent:
    return StoredEvent(
        originator_id=originator, originator_version=version, topic="t:T", state=b"{}"
    )


def _positions(app: MeetingsApplication) -> list[int]:
    return [n.id for n in app.recorder.select_notifications(start=1, limit=100)]


def test_events_are_inserted_together_and_chained(app: MeetingsApplication) -> None:
    first, second = uuid4(), uuid4()
    positions = app.recorder.insert_events([_event(first, 1), _event(second, 1)])
    assert positions is not None and len(positions) == 2
    assert _positions(app) == list(positions)
    assert audit.chain_head(app.db)[0] == positions[-1]


def test_a_refused_insert_records_nothing_and_the_next_one_goes_through(
    app: MeetingsApplication,
) -> None:
    taken = uuid4()
    (kept,) = app.recorder.insert_events([_event(taken, 1)]) or []
    with pytest.raises(IntegrityError):
        app.recorder.insert_events([_event(uuid4(), 1), _event(taken, 1)])
    assert _positions(app) == [kept]
    assert audit.chain_head(app.db)[0] == kept
    later = app.recorder.insert_events([_event(uuid4(), 1)])
    assert later is not None and _positions(app) == [kept, *later]
    assert audit.chain_head(app.db)[0] == later[-1]
    verdict = audit.verify(app.list_stored_events(), app._chain(), through=later[-1])
    assert verdict.ok, verdict.problem
