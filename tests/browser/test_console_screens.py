"""Every console screen in a real Chromium, at a phone's width (390 px) and a laptop's
(1280 px): no WCAG 2.2 A/AA violation axe-core can find, nothing wider than the screen,
and a screenshot of each for a person to look at (CONSOLE_SCREENSHOTS=dir keeps them)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.console_support import link_for, served, sign_in_page
from tests.web.conftest import _chair_token
from tests.web.support import add_item, in_days, make_body, meeting_command, ok, post, schedule
from tests.web.test_minutes_api import _record_everything, step
from web import create_app

#: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
WIDTHS = (390, 1280)
Json = dict[str, Any]


@dataclass
class World:
    """A served app with a body, its clerk and chair, and meetings at every stage."""

    url: str
    app: MeetingsApplication
    body: Json
    clerk: str
    chair: str
    scrutiny: str
    coming: Json  # items, waiting for the chair
    agreed: Json  # agreed, to publish at late notice
    draft: Json  # closed, draft minutes
    circulated: Json  # minutes circulated, a later meeting to approve them


@pytest.fixture
def world(app: MeetingsApplication) -> Iterator[World]:
    flask_app = create_app(app)
    client = flask_app.test_client()
    admin = app.tokens.create(Role.ADMIN, "Ada Admin")[1]
    body = make_body(client, admin)
    clerk = app.tokens.create(Role.CLERK, "Colin Clerk", [body["id"]])[1]
    chair = _chair_token(app, client, admin, body["id"], "chair")
    scrutiny = app.tokens.create(Role.SCRUTINY, "Sam Scrutiny")[1]
    coming = schedule(client, clerk, body["id"], venue="Council Chamber")
    add_item(client, clerk, coming["id"], title="Better Care Fund plan")
    add_item(
        client,
        clerk,
        coming["id"],
        title="Contract renewal",
        confidential=True,
        confidential_reason="Commercially sensitive",
        papers=[{"title": "Options paper", "url": "https://example.org/options.pdf"}],
    )
    agreed = schedule(client, clerk, body["id"], starts_at=in_days(2))
    add_item(client, clerk, agreed["id"], title="Winter pressures")
    ok(post(client, f"/meetings/{agreed['id']}/agenda/agree", chair))
    circulated = _record_everything(client, admin, clerk, body)
    step(client, chair, circulated.meeting["id"], "agree")
    step(client, clerk, circulated.meeting["id"], "circulate")
    meeting_command(client, clerk, circulated.later["id"], "open", {"at": in_days(-5)})
    meeting_command(client, clerk, circulated.later["id"], "close", {"at": in_days(-5)})
    draft = circulated.later
    with served(flask_app) as url:
        yield World(
            url, app, body, clerk, chair, scrutiny, coming, agreed, draft, circulated.meeting
        )


#: Each screen: who looks at it (None: nobody signed in) and its path.
SCREENS: dict[str, tuple[str | None, Callable[[World], str]]] = {
    "sign-in": (None, lambda w: "/sign-in"),
    "sign-in link": (None, lambda w: link_for(w.app, w.clerk)),
    "link used": ("clerk", lambda w: "@used"),
    "clerk home": ("clerk", lambda w: "/console"),
    "schedule": ("clerk", lambda w: f"/console/bodies/{w.body['id']}/meetings/new"),
    "meeting": ("clerk", lambda w: f"/console/meetings/{w.coming['id']}"),
    "agenda": ("clerk", lambda w: f"/console/meetings/{w.coming['id']}/agenda"),
    "agenda refused": ("clerk", lambda w: f"/console/meetings/{w.coming['id']}/agenda@bad"),
    "publish late": ("clerk", lambda w: f"/console/meetings/{w.agreed['id']}/agenda/publish"),
    "minutes to approve": ("clerk", lambda w: f"/console/meetings/{w.circulated['id']}/minutes"),
    "minutes draft": ("clerk", lambda w: f"/console/meetings/{w.draft['id']}/minutes"),
    "not allowed": ("chair", lambda w: f"/console/meetings/{w.coming['id']}"),
    "chair home": ("chair", lambda w: "/console"),
    "chair agenda": ("chair", lambda w: f"/console/meetings/{w.coming['id']}/agenda/agree"),
    "chair minutes": ("chair", lambda w: f"/console/meetings/{w.draft['id']}/minutes"),
    "other home": ("scrutiny", lambda w: "/console"),
}


def _context(browser: Browser, w: World, who: str | None, width: int) -> BrowserContext:
    context = browser.new_context(
        locale="en-GB", timezone_id="Europe/London", viewport={"width": width, "height": 900}
    )
    if who is not None:
        token = {"clerk": w.clerk, "chair": w.chair, "scrutiny": w.scrutiny}[who]
        sign_in_page(context.new_page(), w.url, link_for(w.app, token))
    return context


def _show(page: Page, w: World, path: str) -> None:
    if path == "@used":
        path = link_for(w.app, w.scrutiny)
        page.goto(w.url + path)
        page.get_by_role("button", name="Sign in").click()
        page.goto(w.url + path)
        return
    if path.endswith("@bad"):
        page.goto(w.url + path.removesuffix("@bad"))
        page.get_by_label("Title", exact=True).fill("A confidential item with no reason")
        page.get_by_label("Presenter").fill("Nobody Known")
        page.get_by_label("Confidential: withheld from the public").check()
        page.get_by_role("button", name="Add the item").click()
        page.wait_for_selector(".error-summary")
        return
    page.goto(w.url + path)


def test_every_console_screen_passes_axe_and_fits_the_screen(
    browser: Browser, world: World
) -> None:
    shots = Path(os.environ.get("CONSOLE_SCREENSHOTS", "") or "/tmp/console-screens")
    shots.mkdir(parents=True, exist_ok=True)
    failures = []
    for name, (who, where) in SCREENS.items():
        for width in WIDTHS:
            context = _context(browser, world, who, width)
            page = context.new_page()
            try:
                _show(page, world, where(world))
                assert page.evaluate("document.styleSheets.length") == 1, name
                assert page.locator("h1").count() == 1, name
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > width:
                    failures.append(f"{name} at {width}px is {wide}px wide")
                page.screenshot(
                    path=str(shots / f"{name.replace(' ', '-')}-{width}.png"), full_page=True
                )
                results = Axe().run(page, options=AXE_OPTIONS)
                if results.violations_count:
                    failures.append(f"{name} at {width}px:\n{results.generate_report()}")
            finally:
                context.close()
    assert not failures, "\n".join(failures)
