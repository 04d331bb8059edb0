"""Conditional GET on the public meeting page, the Atom feed and a body's iCalendar: an
ETag and Last-Modified from the log's position, and 304 while they still hold."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from tests.web.conftest import Json
from tests.web.support import schedule
from tests.web.test_feeds import publish_meeting


@pytest.fixture
def addresses(app: MeetingsApplication, client: FlaskClient, admin: str, body: Json) -> list[str]:
    decision = {"text": "Agreed.", "method": "consensus"}
    meeting = publish_meeting(app, client, admin, body["id"], decision)
    return [
        f"/meetings/{meeting['id']}",
        "/feeds/minutes.atom",
        f"/feeds/minutes.atom?body_id={body['id']}",
        f"/bodies/{body['id']}/meetings.ics",
    ]


def test_each_public_read_names_its_version(client: FlaskClient, addresses: list[str]) -> None:
    tags = set()
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200
        assert response.headers["ETag"].startswith('"') and response.last_modified is not None
        assert response.headers["Cache-Control"] == "no-cache"
        tags.add(response.headers["ETag"])
    assert len(tags) == len(addresses)  # each address has its own


def test_an_unchanged_read_is_answered_304(client: FlaskClient, addresses: list[str]) -> None:
    for address in addresses:
        first = client.get(address)
        by_tag = client.get(address, headers={"If-None-Match": first.headers["ETag"]})
        assert by_tag.status_code == 304, address
        assert by_tag.get_data() == b""
        assert by_tag.headers["ETag"] == first.headers["ETag"]
        by_date = client.get(address, headers={"If-Modified-Since": first.headers["Last-Modified"]})
        assert by_date.status_code == 304, address
        # If-None-Match decides when both are sent (RFC 9110): a tag that no longer holds
        # gets the whole answer, whatever the date says.
        both = client.get(
            address,
            headers={
                "If-None-Match": '"other"',
                "If-Modified-Since": first.headers["Last-Modified"],
            },
        )
        assert both.status_code == 200 and both.get_data() == first.get_data()


def test_anything_recorded_makes_every_read_new_again(
    client: FlaskClient, clerk: str, body: Json, addresses: list[str]
) -> None:
    before = {a: client.get(a).headers["ETag"] for a in addresses}
    added = schedule(client, clerk, body["id"])
    for address in addresses:
        response = client.get(address, headers={"If-None-Match": before[address]})
        assert response.status_code == 200, address
        assert response.headers["ETag"] != before[address]
    # Rendered anew, not the answer kept for the old position: the calendar has the meeting.
    calendar = client.get(f"/bodies/{body['id']}/meetings.ics").get_data(as_text=True)
    assert added["id"] in calendar


def test_a_kept_answer_is_the_same_bytes_and_headers(
    client: FlaskClient, addresses: list[str]
) -> None:
    for address in addresses:
        first, again = client.get(address), client.get(address)
        assert again.get_data() == first.get_data()
        for header in ("Content-Type", "Content-Security-Policy", "ETag", "Last-Modified"):
            assert again.headers.get(header) == first.headers.get(header), (address, header)


def test_a_page_that_is_not_there_has_no_version(client: FlaskClient) -> None:
    response = client.get("/meetings/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert "ETag" not in response.headers


def test_what_is_not_there_is_never_unchanged(client: FlaskClient, addresses: list[str]) -> None:
    """A date in the request does not turn a 404 into a 304."""
    later = {"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}
    for address in (
        "/meetings/00000000-0000-4000-8000-000000000000",
        "/bodies/00000000-0000-4000-8000-000000000000/meetings.ics",
        "/feeds/minutes.atom?body_id=00000000-0000-4000-8000-000000000000",
    ):
        assert client.get(address, headers=later).status_code == 404, address
    assert client.get(addresses[0], headers=later).status_code == 304
