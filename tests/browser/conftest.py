"""Fixtures for the published pages in a real headless Chromium: the app served over
HTTP by waitress in a thread, with a partnership family recorded through the API."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from waitress.server import TcpWSGIServer, create_server

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.web.conftest import _chair_token
from tests.web.support import make_body
from tests.web.test_minutes_api import Recorded, _record_everything, _to_approval, step
from tests.web.test_pages import _agenda_published
from web import create_app

CHROMIUM = Path("/usr/bin/chromium")
#: Quiet, offline, sandbox-free: what a container without a display can run.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_or_skip() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide Chromium at {CHROMIUM}: run scripts/install-browser")
        pytest.skip(f"no Chromium at {CHROMIUM}: run scripts/install-browser")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_or_skip()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    opened = context.new_page()
    yield opened
    context.close()


@dataclass
class Site:
    """The app served at `url`, holding a public body with a meeting whose minutes are
    published (with a confidential item) and another whose agenda is published."""

    url: str
    body: dict[str, Any]
    minuted: Recorded
    coming: dict[str, Any]


@pytest.fixture
def site(app: MeetingsApplication) -> Iterator[Site]:
    flask_app = create_app(app)
    client = flask_app.test_client()
    admin = app.tokens.create(Role.ADMIN, "Ada Admin")[1]
    body = make_body(client, admin, purpose="Joins up health and care across the county.")
    make_body(client, admin, name="Integrated Care Group", short_name="ICG", reports_to=body["id"])
    clerk = app.tokens.create(Role.CLERK, "Colin Clerk", [body["id"]])[1]
    chair = _chair_token(app, client, admin, body["id"], "chair")
    minuted = _record_everything(client, admin, clerk, body)
    _to_approval(client, clerk, chair, minuted)
    step(client, clerk, minuted.meeting["id"], "publish")
    coming = _agenda_published(client, admin, clerk, chair, body["id"], 10)
    server = create_server(flask_app, host="127.0.0.1", port=0, threads=4)
    assert isinstance(server, TcpWSGIServer)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{cast(Any, server).effective_port}", body, minuted, coming)
    finally:
        # The browser keeps connections alive: close them too, or the loop never ends.
        server.close()
        for channel in list(cast(Any, server).active_channels.values()):
            channel.close()
        server.task_dispatcher.shutdown()
        thread.join(timeout=5)
        assert not thread.is_alive(), "the test server did not stop"
