"""Feeds of published minutes, read without a token: the iCalendar of a body's meetings,
the Atom feed of published minutes, and the minutes as one standalone HTML document."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from flask.testing import FlaskClient
from icalendar import Calendar
from werkzeug.test import TestResponse

from meetings.application import MeetingsApplication
from tests.web.conftest import Json, _chair_token
from tests.web.support import (
    add_item,
    decide,
    in_days,
    make_body,
    meeting_command,
    problem,
    schedule,
)
from tests.web.test_minutes_api import Recorded, _record_everything, _to_approval, step

#: What was recorded under the confidential item: none of it may reach any published output.
CONFIDENTIAL = (
    "Contract with Acme Care Ltd",
    "Acme's price rose by 40%.",
    "Extended the Acme contract.",
    "Negotiate with Acme",
    "Acme",
)
#: How the plan item's minute reads as approved (with characters HTML must escape).
AMENDED = "The board approved the plan <subject to NHS sign-off> & review in March."
#: A decision whose text HTML must escape.
ADOPTED = "Adopted the plan <in full> & at once."
#: The papers of the item in `publish_meeting`: one online, one not.
PAPERS = [
    {"title": "Strategy 2026", "url": "https://example.org/strategy.pdf"},
    {"title": "Budget"},
]
ATOM = "{http://www.w3.org/2005/Atom}"
UNKNOWN = "00000000-0000-4000-8000-000000000000"
MALFORMED_IDS = ("not-an-id", "1234", "00000000-0000-4000-8000-00000000000g", "%27%3B--")


def publish_everything(
    client: FlaskClient, admin: str, clerk: str, body: Json, chair: str
) -> Recorded:
    """The recorded meeting of the board, its plan item amended on approval, published."""
    r = _record_everything(client, admin, clerk, body)
    amendment = {"item_id": r.items["plan"]["id"], "text": AMENDED}
    _to_approval(client, clerk, chair, r, [amendment])
    step(client, clerk, r.meeting["id"], "publish")
    return r


def publish_meeting(
    app: MeetingsApplication,
    client: FlaskClient,
    admin: str,
    body_id: str,
    *decisions: Json,
    publish: bool = True,
) -> Json:
    """A meeting of a body 30 days ago with one item and these decisions, recorded by an
    administrator, approved at a meeting 23 days ago, and (unless told) published."""
    chair = _chair_token(app, client, admin, body_id, "chair")
    meeting = schedule(client, admin, body_id, starts_at=in_days(-30), venue="County Hall")
    item = add_item(client, admin, meeting["id"], title="Community safety plan", papers=PAPERS)
    m = meeting["id"]
    meeting_command(client, admin, m, "open", {"at": in_days(-30)})
    for decision in decisions:
        decide(client, admin, m, item["id"], **decision)
    meeting_command(client, admin, m, "close", {"at": in_days(-30).replace("10:00", "11:30")})
    later = schedule(client, admin, body_id, starts_at=in_days(-23))
    meeting_command(client, admin, later["id"], "open", {"at": in_days(-23)})
    step(client, chair, m, "agree")
    step(client, admin, m, "circulate")
    step(client, admin, m, "approve", {"approved_at": later["id"]})
    if publish:
        step(client, admin, m, "publish")
    return meeting


#: Where the tests say the service lives (MEETINGS_BASE_URL); requests reach it as localhost.
BASE_URL = "http://localhost"
#: A Host header an attacker sends: it must never appear in anything the service writes.
EVIL_HOST = "evil.example"


@pytest.fixture(autouse=True)
def _base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEETINGS_BASE_URL", BASE_URL)


def restarted(client: FlaskClient) -> FlaskClient:
    """The same record served again: the service reads its settings when it starts."""
    from web import create_app

    return create_app(client.application.extensions["meetings"]).test_client()


def assert_nothing_confidential(text: str) -> None:
    for secret in CONFIDENTIAL:
        assert secret not in text, f"{secret!r} leaked"


@pytest.fixture
def published(client: FlaskClient, admin: str, clerk: str, body: Json, body_chair: str) -> Recorded:
    return publish_everything(client, admin, clerk, body, body_chair)


@pytest.fixture
def private_body(client: FlaskClient, admin: str) -> Json:
    return make_body(
        client, admin, name="Children's Safeguarding Partnership", short_name="CSP",
        open_to_public=False,
    )  # fmt: skip


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


# iCalendar ----------------------------------------------------------------------------


def calendar(client: FlaskClient, body_id: str) -> tuple[TestResponse, Calendar]:
    response = client.get(f"/bodies/{body_id}/meetings.ics")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response, Calendar.from_ical(response.get_data())


def events_by_id(cal: Calendar) -> dict[str, Any]:
    return {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}


def test_the_calendar_has_every_meeting_of_the_body_cancellations_included(
    client: FlaskClient, clerk: str, body: Json, published: Recorded
) -> None:
    r = published
    cancelled = schedule(client, clerk, body["id"], starts_at=in_days(40))
    meeting_command(client, clerk, cancelled["id"], "cancel", {"reason": "Not quorate"})
    moved = schedule(client, clerk, body["id"], starts_at=in_days(50), venue="County Hall")
    meeting_command(
        client, clerk, moved["id"], "postpone", {"reason": "Clash", "starts_at": in_days(51)}
    )
    meeting_command(
        client, clerk, moved["id"], "postpone", {"reason": "Room", "starts_at": in_days(52)}
    )

    response, cal = calendar(client, body["id"])
    assert response.mimetype == "text/calendar"
    assert response.mimetype_params["charset"] == "utf-8"
    assert str(cal["version"]) == "2.0" and cal["prodid"]
    events = events_by_id(cal)
    assert set(events) == {r.meeting["id"], r.later["id"], cancelled["id"], moved["id"]}
    assert len(cal.walk("VEVENT")) == 4

    held = events[r.meeting["id"]]
    assert str(held["summary"]) == "Health and Wellbeing Board (ordinary meeting)"
    assert str(held["location"]) == "The Gateway"
    assert str(held["url"]) == f"http://localhost/meetings/{r.meeting['id']}"
    assert str(held["status"]) == "CONFIRMED" and held["sequence"] == 0
    assert held.decoded("dtstart") == moment(r.meeting["starts_at"])
    assert held.decoded("dtend") == moment(in_days(-20).replace("10:00", "12:00"))
    assert held.decoded("dtstamp").tzinfo is not None

    off = events[cancelled["id"]]
    assert str(off["status"]) == "CANCELLED" and off["sequence"] == 1
    assert "Cancelled: Not quorate" in str(off["description"])
    assert off.decoded("dtend") - off.decoded("dtstart") == timedelta(hours=2)

    postponed = events[moved["id"]]
    assert str(postponed["status"]) == "CONFIRMED" and postponed["sequence"] == 2
    assert postponed.decoded("dtstart") == moment(in_days(52))
    assert "Postponed from" in str(postponed["description"])
    assert_nothing_confidential(response.get_data(as_text=True))


def test_the_uid_of_a_meeting_stays_the_same_and_its_sequence_rises_when_it_moves(
    client: FlaskClient, clerk: str, body: Json
) -> None:
    meeting = schedule(client, clerk, body["id"])
    before = events_by_id(calendar(client, body["id"])[1])[meeting["id"]]
    meeting_command(client, clerk, meeting["id"], "postpone", {"reason": "The chair is ill"})
    after = events_by_id(calendar(client, body["id"])[1])[meeting["id"]]
    assert str(before["uid"]) == str(after["uid"])
    assert after["sequence"] == before["sequence"] + 1
    # Postponed with no new date yet: the date shown is only provisional.
    assert str(after["status"]) == "TENTATIVE"


def test_a_body_with_no_meetings_has_an_empty_calendar(client: FlaskClient, body: Json) -> None:
    assert calendar(client, body["id"])[1].walk("VEVENT") == []


def test_no_calendar_for_an_unknown_private_or_malformed_body(
    client: FlaskClient, clerk: str, body: Json, private_body: Json
) -> None:
    meeting = schedule(client, clerk, body["id"])
    for body_id in (UNKNOWN, private_body["id"], meeting["id"]):
        problem(client.get(f"/bodies/{body_id}/meetings.ics"), 404)
    for body_id in MALFORMED_IDS:
        assert client.get(f"/bodies/{body_id}/meetings.ics").status_code == 404


# Atom ---------------------------------------------------------------------------------


def feed(client: FlaskClient, **query: str) -> ET.Element:
    response = client.get("/feeds/minutes.atom", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/atom+xml"
    assert_nothing_confidential(response.get_data(as_text=True))
    return ET.fromstring(response.get_data())


def entries(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{ATOM}entry")


def text_of(element: ET.Element, tag: str) -> str:
    found = element.find(f"{ATOM}{tag}")
    assert found is not None and found.text, f"no {tag}"
    return found.text


def test_the_feed_lists_published_minutes_newest_first(
    app: MeetingsApplication,
    client: FlaskClient,
    admin: str,
    body: Json,
    other_body: Json,
    private_body: Json,
    published: Recorded,
) -> None:
    newer = publish_meeting(app, client, admin, other_body["id"], {"text": ADOPTED})
    publish_meeting(app, client, admin, private_body["id"], {"text": "Agreed the secret plan."})
    root = feed(client)
    assert text_of(root, "id") and text_of(root, "title") == "Published minutes"
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    first, second = entries(root)  # nothing of the private body
    assert text_of(first, "id") == f"urn:uuid:{newer['id']}"
    assert text_of(second, "id") == f"urn:uuid:{published.meeting['id']}"
    assert moment(text_of(first, "updated")) > moment(text_of(second, "updated"))
    assert text_of(root, "updated") == text_of(first, "updated")

    title = text_of(second, "title")
    assert title.startswith("Minutes: Health and Wellbeing Board — ")
    link = second.find(f"{ATOM}link")
    assert link is not None
    assert link.get("href") == f"http://localhost/meetings/{published.meeting['id']}"
    content = second.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html" and content.text
    assert "Item 1, Better Care Fund plan: Approved the Better Care Fund plan. Agreed by " in (
        content.text
    )
    assert "Amended when the minutes were approved: item 1 (Better Care Fund plan)." in (
        content.text
    )
    assert "Confidential items withheld from publication: 1." in content.text
    assert "Adopted the plan &lt;in full&gt; &amp; at once." in text_of(first, "content")


def test_the_feed_narrows_to_one_body(
    app: MeetingsApplication,
    client: FlaskClient,
    admin: str,
    body: Json,
    other_body: Json,
    published: Recorded,
) -> None:
    other = publish_meeting(app, client, admin, other_body["id"], {"text": "Adopted the plan."})
    mine = feed(client, body_id=body["id"])
    assert [text_of(e, "id") for e in entries(mine)] == [f"urn:uuid:{published.meeting['id']}"]
    assert text_of(mine, "title") == "Published minutes: Health and Wellbeing Board"
    assert body["id"] in text_of(mine, "id")
    theirs = feed(client, body_id=other_body["id"])
    assert [text_of(e, "id") for e in entries(theirs)] == [f"urn:uuid:{other['id']}"]


def test_a_feed_with_nothing_published_is_empty_but_valid(client: FlaskClient, body: Json) -> None:
    root = feed(client, body_id=body["id"])
    assert entries(root) == [] and text_of(root, "updated")


def test_no_feed_for_an_unknown_private_or_malformed_body(
    client: FlaskClient, private_body: Json
) -> None:
    for body_id in (UNKNOWN, private_body["id"]):
        problem(client.get("/feeds/minutes.atom", query_string={"body_id": body_id}), 404)
    for body_id in ("not-an-id", "", "1' OR '1'='1", "x" * 5000):
        answer = client.get("/feeds/minutes.atom", query_string={"body_id": body_id})
        assert "body_id" in problem(answer, 422, "body_id")["errors"]


# Standalone HTML ----------------------------------------------------------------------


class _Resources(HTMLParser):
    """Collects every tag, and every address a tag would fetch or link to."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.fetched: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("src", "srcset", "data", "poster") or (tag == "link" and name == "href"):
                self.fetched.append(value or "")
            elif name == "href":
                self.links.append(value or "")


def export(client: FlaskClient, meeting_id: str) -> str:
    response = client.get(f"/meetings/{meeting_id}/minutes.html")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_the_html_export_holds_the_whole_published_minutes(
    client: FlaskClient, published: Recorded
) -> None:
    html = export(client, published.meeting["id"])
    assert html.startswith("<!DOCTYPE html>")
    assert "<h1>Health and Wellbeing Board (HWB)</h1>" in html
    assert "The Gateway" in html and "The meeting closed at 12:00." in html
    assert "Approved as a correct record on" in html and "Published on" in html
    for line in (
        "<h3>Members</h3>",
        "<li>Liz Leader",
        "<li>Ian Inspector (Thames Valley Police), substitute for Sid Superintendent",
        "<h3>Advisers</h3>",
        "<li>Ada Adviser (Buckinghamshire Council)",
        "<li>Olu Officer",
        "<li>Gita Guest",
        "<h2>Apologies</h2>",
        "<li>Ann Apologies</li>",
        "<h2>Absent</h2>",
        "<li>Abe Absent</li>",
        "<td>Liz Leader</td><td>1</td><td>Trustee of a care charity</td><td>No</td>",
        "<p>The board discussed the plan.</p>",
        "<strong>Decision:</strong> Approved the Better Care Fund plan.",
        "Agreed by consensus.",
        "<td>Submit the plan to NHS England</td><td>Ada Adviser</td>"
        "<td>Buckinghamshire Council</td><td>Sunday 1 March 2026</td>",
        "Deferred to the meeting on",
        "The strategy paper was not ready.",
        "<h2>2. Confidential item</h2>",
        "Withheld from publication: commercially sensitive.",
    ):
        assert line in html, line
    # The amendment stands beside the text as circulated, escaped.
    assert "<h3>As approved</h3>" in html and "<h3>As circulated</h3>" in html
    assert "The board approved the plan &lt;subject to NHS sign-off&gt; &amp; review" in html
    assert "<subject to" not in html
    assert_nothing_confidential(html)


def test_the_html_export_stands_alone(client: FlaskClient, published: Recorded) -> None:
    html = export(client, published.meeting["id"])
    parser = _Resources()
    parser.feed(html)
    assert {"html", "head", "style", "body", "h1"} <= parser.tags
    assert not parser.tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert parser.fetched == []
    assert "@import" not in html and "url(" not in html
    assert parser.links == [f"http://localhost/meetings/{published.meeting['id']}"]


def test_no_html_export_unless_published_and_public(
    app: MeetingsApplication,
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    body_chair: str,
    private_body: Json,
) -> None:
    r = _record_everything(client, admin, clerk, body)
    problem(client.get(f"/meetings/{r.meeting['id']}/minutes.html"), 404)
    _to_approval(client, clerk, body_chair, r)
    problem(client.get(f"/meetings/{r.meeting['id']}/minutes.html"), 404)
    hidden = publish_meeting(app, client, admin, private_body["id"], {"text": "Agreed."})
    problem(client.get(f"/meetings/{hidden['id']}/minutes.html"), 404)
    problem(client.get(f"/meetings/{UNKNOWN}/minutes.html"), 404)
    problem(client.get(f"/meetings/{body['id']}/minutes.html"), 404)
    for meeting_id in MALFORMED_IDS:
        assert client.get(f"/meetings/{meeting_id}/minutes.html").status_code == 404


def test_the_html_export_links_the_papers(
    app: MeetingsApplication, client: FlaskClient, admin: str, other_body: Json
) -> None:
    meeting = publish_meeting(app, client, admin, other_body["id"], {"text": "Adopted it."})
    html = export(client, meeting["id"])
    parser = _Resources()
    parser.feed(html)
    assert '<a href="https://example.org/strategy.pdf">Strategy 2026</a>' in html
    assert "<li>Budget</li>" in html
    assert parser.fetched == []


# Absolute links -----------------------------------------------------------------------


def test_no_host_header_reaches_a_feed_a_calendar_or_an_export(
    client: FlaskClient, body: Json, published: Recorded, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEETINGS_BASE_URL", "https://meetings.example.gov.uk/partnership/")
    client = restarted(client)
    m = published.meeting["id"]
    headers = {"Host": EVIL_HOST, "X-Forwarded-Host": EVIL_HOST, "X-Forwarded-Proto": "ftp"}
    for path in (
        "/feeds/minutes.atom",
        f"/feeds/minutes.atom?body_id={body['id']}",
        f"/bodies/{body['id']}/meetings.ics",
        f"/meetings/{m}/minutes.html",
        f"/api/v1/meetings/{m}/minutes/ocd",
    ):
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, path
        text = answer.get_data(as_text=True).replace("\r\n ", "")  # iCalendar folds lines
        assert EVIL_HOST not in text and "localhost" not in text, path
        assert f"https://meetings.example.gov.uk/partnership/meetings/{m}" in text, path


def test_the_feed_ids_never_change_with_the_host_or_the_base_url(
    client: FlaskClient, body: Json, published: Recorded, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ids() -> list[str]:
        found = []
        for query in ({}, {"body_id": body["id"]}):
            root = feed(client, **query)
            found += [text_of(root, "id"), *(text_of(e, "id") for e in entries(root))]
        return found

    first = ids()
    assert first[0] == "tag:partnership-meetings,2026-12-01:feeds/minutes"
    assert first[2] == f"tag:partnership-meetings,2026-12-01:feeds/minutes/bodies/{body['id']}"
    monkeypatch.setenv("MEETINGS_BASE_URL", "https://moved.example.org")
    client = restarted(client)
    assert ids() == first


def test_forwarded_headers_are_believed_only_behind_a_configured_proxy(
    app: MeetingsApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flask import request

    from web import create_app

    def seen(hops: str) -> str:
        monkeypatch.setenv("MEETINGS_PROXY_HOPS", hops)
        flask_app = create_app(app)
        flask_app.add_url_rule("/seen", "seen", lambda: f"{request.remote_addr} {request.scheme}")
        answer = flask_app.test_client().get(
            "/seen",
            environ_base={"REMOTE_ADDR": "10.0.0.1"},
            headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"},
        )
        return answer.get_data(as_text=True)

    assert seen("0") == "10.0.0.1 http"
    assert seen("1") == "203.0.113.9 https"


def test_an_empty_calendar_still_has_a_component_the_london_time_zone(
    client: FlaskClient, body: Json
) -> None:
    response, cal = calendar(client, body["id"])
    assert cal.walk("VEVENT") == []
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert cal.subcomponents, "RFC 5545: a calendar holds at least one component"
    # It reads back the same, and the zone it describes is London's.
    again = Calendar.from_ical(response.get_data())
    assert again.to_ical() == cal.to_ical()
    london = zone.to_tz()
    this_year = datetime.now().year
    assert datetime(this_year, 7, 1, 12, tzinfo=london).utcoffset() == timedelta(hours=1)
    assert datetime(this_year, 1, 1, 12, tzinfo=london).utcoffset() == timedelta(0)
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/London"
