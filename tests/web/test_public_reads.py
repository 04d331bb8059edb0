"""The public reads come from read models: the meeting page loads at most two records, the
Atom feed and a body's iCalendar none; what they show is what the records say."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from flask.testing import FlaskClient
from icalendar import Calendar

from meetings.application import MeetingsApplication
from projections import public as read_public
from tests.web.conftest import Json
from tests.web.support import in_days, meeting_command, ok, post, schedule
from tests.web.test_feeds import publish_meeting
from web.pages.page_data import published_minutes


class Loads:
    """Counts the records an application loads: every `_get` (the live-record cache's forks
    included) and every load through eventsourcing's repository."""

    def __init__(self, app: MeetingsApplication, monkeypatch: pytest.MonkeyPatch) -> None:
        self.gets = 0
        self.repository_gets = 0
        get, repository_get = app._get, app.repository.get

        def counted_get(*args: Any, **kwargs: Any) -> Any:
            self.gets += 1
            return get(*args, **kwargs)

        def counted_repository_get(*args: Any, **kwargs: Any) -> Any:
            self.repository_gets += 1
            return repository_get(*args, **kwargs)

        monkeypatch.setattr(app, "_get", counted_get)
        monkeypatch.setattr(app.repository, "get", counted_repository_get)

    def reset(self, client: FlaskClient) -> None:
        """Count from zero, and make the server render its next answers anew (it keeps
        what it rendered for an unchanged record: web/pages/public.py)."""
        self.gets = self.repository_gets = 0
        client.application.extensions.pop("meetings_public_reads", None)


@pytest.fixture
def loads(app: MeetingsApplication, monkeypatch: pytest.MonkeyPatch) -> Loads:
    return Loads(app, monkeypatch)


DECISION = {"text": "Adopted the plan.", "method": "consensus"}


@pytest.fixture
def published(app: MeetingsApplication, client: FlaskClient, admin: str, body: Json) -> Json:
    return publish_meeting(app, client, admin, body["id"], DECISION)


def test_the_meeting_page_loads_at_most_two_records(
    client: FlaskClient, published: Json, loads: Loads
) -> None:
    first = client.get(f"/meetings/{published['id']}")
    assert first.status_code == 200
    loads.reset(client)
    again = client.get(f"/meetings/{published['id']}")
    assert again.status_code == 200
    assert again.get_data() == first.get_data()
    assert loads.gets <= 2, loads.gets
    assert loads.repository_gets <= 2, loads.repository_gets


def test_the_atom_feed_and_the_calendar_load_no_record(
    client: FlaskClient, body: Json, published: Json, loads: Loads
) -> None:
    assert client.get("/feeds/minutes.atom").status_code == 200  # the minutes are kept
    loads.reset(client)
    for address in (
        "/feeds/minutes.atom",
        f"/feeds/minutes.atom?body_id={body['id']}",
        f"/bodies/{body['id']}/meetings.ics",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        assert "Adopted the plan." in response.get_data(as_text=True) or address.endswith(".ics")
        assert (loads.gets, loads.repository_gets) == (0, 0), address


def test_the_calendar_loads_no_record_even_before_anything_was_kept(
    client: FlaskClient, clerk: str, body: Json, loads: Loads
) -> None:
    for days in (5, 12, 19):
        schedule(client, clerk, body["id"], starts_at=in_days(days))
    loads.reset(client)
    response = client.get(f"/bodies/{body['id']}/meetings.ics")
    assert len(Calendar.from_ical(response.get_data()).walk("VEVENT")) == 3
    assert (loads.gets, loads.repository_gets) == (0, 0)


def test_kept_minutes_are_exactly_what_the_records_compose(
    app: MeetingsApplication, client: FlaskClient, published: Json
) -> None:
    meeting_id = published["id"]
    with client.application.test_request_context():
        composed = published_minutes(app, [meeting_id])[meeting_id]  # composed, then kept
        kept = published_minutes(app, [meeting_id])[meeting_id]  # read back
    assert read_public.kept_minutes(app.db, [meeting_id])
    assert kept == composed == app.get_published_minutes(UUID(meeting_id))


def test_a_kept_copy_gives_way_when_a_name_it_shows_changes(
    app: MeetingsApplication, client: FlaskClient, admin: str, body: Json, published: Json
) -> None:
    page = f"/meetings/{published['id']}"
    assert body["name"] in client.get(page).get_data(as_text=True)
    assert read_public.kept_minutes(app.db, [published["id"]])
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"name": "Renamed Wellbeing Board"}))
    app._projected()  # as every read does first
    assert not read_public.kept_minutes(app.db, [published["id"]])
    feed = client.get("/feeds/minutes.atom").get_data(as_text=True)
    assert "Renamed Wellbeing Board" in feed
    assert "Renamed Wellbeing Board" in client.get(page).get_data(as_text=True)


def test_a_kept_copy_is_not_used_once_its_meeting_has_moved_on(
    app: MeetingsApplication, client: FlaskClient, published: Json
) -> None:
    meeting_id = published["id"]
    with client.application.test_request_context():
        published_minutes(app, [meeting_id])
    # A copy kept at an older version of the meeting (as if composed before its last event)
    # is composed again rather than shown.
    with app.db.transaction() as tx:
        tx.execute(
            "UPDATE rm_public_minutes SET meeting_version = meeting_version - 1,"
            " document = ? WHERE meeting_id = ?",
            (app.mapper.transcoder.encode({"stale": True}).decode(), meeting_id),
        )
    with client.application.test_request_context():
        shown = published_minutes(app, [meeting_id])[meeting_id]
    assert "stale" not in shown.as_data() and shown == app.get_published_minutes(UUID(meeting_id))


def test_calendar_fields_follow_what_the_meeting_records(
    app: MeetingsApplication, client: FlaskClient, clerk: str, body: Json
) -> None:
    moved = schedule(client, clerk, body["id"], starts_at=in_days(30))
    later = {"reason": "Room", "starts_at": in_days(31)}
    meeting_command(client, clerk, moved["id"], "postpone", later)
    meeting_command(client, clerk, moved["id"], "postpone", {"reason": "Chair ill"})
    off = schedule(client, clerk, body["id"], starts_at=in_days(40))
    meeting_command(client, clerk, off["id"], "cancel", {"reason": "Not quorate"})
    app._projected()
    rows = {str(r["id"]): r for r in read_public.calendar_of_body(app.db, UUID(body["id"]))}
    for meeting_id in (moved["id"], off["id"]):
        meeting = app.get_meeting(UUID(meeting_id))
        row = rows[meeting_id]
        assert row["starts_at"] == meeting.starts_at
        assert row["created_on"] == meeting.created_on
        assert row["modified_on"] == meeting.modified_on
        assert row["postponements"] == meeting.postponements
        assert row["status"] == meeting.status
        assert row["cancellation_reason"] == meeting.cancellation_reason
