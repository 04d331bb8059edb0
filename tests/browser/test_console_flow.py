"""The console in real Chromium, as people use it: a clerk signs in from a link,
schedules a meeting, builds its agenda by keyboard alone and publishes it; the chair, on
a phone (390 px) in a browser of their own, agrees the agenda and then the minutes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.console_support import link_for, served, sign_in_page
from tests.web.conftest import _chair_token
from tests.web.support import make_body, make_person
from tests.web.test_minutes_api import Recorded, _record_everything
from web import create_app

PHONE = {"width": 390, "height": 844}


@dataclass
class Family:
    url: str
    app: MeetingsApplication
    body: dict[str, Any]
    clerk: str
    chair: str
    recorded: Recorded


@pytest.fixture
def family(app: MeetingsApplication) -> Iterator[Family]:
    flask_app = create_app(app)
    client = flask_app.test_client()
    admin = app.tokens.create(Role.ADMIN, "Ada Admin")[1]
    body = make_body(client, admin)
    clerk = app.tokens.create(Role.CLERK, "Colin Clerk", [body["id"]])[1]
    chair = _chair_token(app, client, admin, body["id"], "chair")
    make_person(client, admin, name="Priya Presenter")
    recorded = _record_everything(client, admin, clerk, body)
    with served(flask_app) as url:
        yield Family(url, app, body, clerk, chair, recorded)


def _context(browser: Browser, **options: Any) -> BrowserContext:
    return browser.new_context(locale="en-GB", timezone_id="Europe/London", **options)


def _agenda_titles(app: MeetingsApplication, meeting_id: str) -> list[str]:
    return [i["title"] for i in app.get_meeting(UUID(meeting_id)).agenda]


def _build_agenda_by_keyboard(page: Page) -> None:
    """Two items typed with the keyboard alone, the second moved above the first."""
    page.get_by_label("Title", exact=True).focus()
    page.keyboard.type("Better Care Fund plan")
    page.keyboard.press("Tab")  # the kind: For decision
    page.keyboard.press("Tab")
    page.keyboard.type("Priya Presenter")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_label("Title", exact=True).focus()
    page.keyboard.type("Pooled budget contract")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # For information
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the presenter, to "Confidential"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Commercially sensitive")
    page.keyboard.press("Tab")
    page.keyboard.type("Options paper")
    page.keyboard.press("Tab")
    page.keyboard.type("https://example.org/options.pdf")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("button", name=re.compile(r"^Move up\W+Pooled budget contract$")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_clerk_schedules_builds_the_agenda_by_keyboard_and_publishes_after_the_chair_agrees(
    browser: Browser, family: Family
) -> None:
    f = family
    clerk = _context(browser).new_page()
    sign_in_page(clerk, f.url, link_for(f.app, f.clerk))
    clerk.get_by_role("link", name="Schedule a meeting of HWB").click()
    day = date.today() + timedelta(days=28)
    clerk.get_by_label("Date").fill(day.isoformat())
    clerk.get_by_label("Venue").fill("Council Chamber")
    clerk.get_by_role("button", name="Schedule the meeting").click()
    expect(clerk.get_by_text("Build the agenda.")).to_be_visible()
    meeting_id = clerk.url.rsplit("/", 1)[1]
    clerk.get_by_role("link", name="Build the agenda").click()
    _build_agenda_by_keyboard(clerk)
    assert _agenda_titles(f.app, meeting_id) == ["Pooled budget contract", "Better Care Fund plan"]
    item = f.app.get_meeting(UUID(meeting_id)).agenda[0]
    assert item["kind"] == "information" and item["confidential"]
    assert item["papers"] == [{"title": "Options paper", "url": "https://example.org/options.pdf"}]

    chair = _context(browser, viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in_page(chair, f.url, link_for(f.app, f.chair))
    mine = chair.locator("section", has_text=f"{day:%A} {day.day} {day:%B %Y}")
    expect(mine.get_by_text("2. Better Care Fund plan")).to_be_visible()
    mine.get_by_role("button", name="Agree this agenda").click()
    expect(chair.get_by_text("you agreed the agenda")).to_be_visible()

    clerk.goto(f"{f.url}/console/meetings/{meeting_id}")
    expect(clerk.get_by_text("Publish the agreed agenda.")).to_be_visible()
    clerk.get_by_role("link", name="Publish the agenda").click()
    clerk.get_by_role("button", name="Publish the agenda").click()
    expect(clerk.get_by_text("Open the meeting when it starts")).to_be_visible()
    meeting = f.app.get_meeting(UUID(meeting_id))
    assert meeting.agenda_published_at is not None and meeting.late_notice is False


def test_the_chair_agrees_the_minutes_on_a_phone(browser: Browser, family: Family) -> None:
    f = family
    context = _context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    chair = context.new_page()
    sign_in_page(chair, f.url, link_for(f.app, f.chair))
    expect(chair.get_by_text("The board discussed the plan.")).to_be_visible()
    button = chair.get_by_role("button", name="Agree these minutes")
    box = button.bounding_box()
    assert box is not None and box["width"] >= 300 and box["height"] >= 44, box
    assert chair.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    button.tap()
    expect(chair.get_by_text("you agreed the minutes")).to_be_visible()
    expect(chair.get_by_role("button", name="Agree these minutes")).to_have_count(0)
    meeting = f.app.get_meeting(UUID(f.recorded.meeting["id"]))
    assert meeting.minutes["status"] == "agreed"
    assert meeting.minutes["agreed"]["person_id"] is not None
