"""Signing in to the console in tests: through the Flask test client, or in a real
browser with Playwright. Both go through the one-time sign-in link, as a person would."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from meetings.application import MeetingsApplication

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def csrf_of(page: TestResponse | str) -> str:
    """The CSRF token a console page carries (in a form, or its meta tag)."""
    html = page if isinstance(page, str) else page.get_data(as_text=True)
    found = _CSRF.search(html) or _META.search(html)
    assert found, "the page carries no CSRF token"
    return found.group(1)


def link_for(app: MeetingsApplication, token: str, days: float = 7) -> str:
    """A one-time sign-in link path (`/sign-in/<secret>`) for the holder of a token."""
    from meetings.infrastructure.tokens import SignIns

    who = app.tokens.authenticate(token)
    assert who is not None, "no such token"
    return "/sign-in/" + SignIns(app.tokens).create_link(who.id, timedelta(days=days))


def sign_in(client: FlaskClient, secret: str) -> str:
    """Sign the test client in, by a link path or secret (`/sign-in/msl_...` or
    `msl_...`) or by pasting a bearer token (`mtg_...`). Answers the session's CSRF token,
    for the forms the test posts next."""
    if secret.startswith("mtg_"):
        form = client.get("/sign-in")
        answer = client.post("/sign-in", data={"token": secret, "csrf_token": csrf_of(form)})
    else:
        path = secret if secret.startswith("/sign-in/") else f"/sign-in/{secret}"
        form = client.get(path)
        assert form.status_code == 200, form.get_data(as_text=True)
        answer = client.post(path, data={"csrf_token": csrf_of(form)})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    assert answer.headers["Location"].endswith("/console")
    return csrf_of(client.get("/console"))


def sign_in_page(page: Page, base_url: str, secret: str) -> None:
    """Sign a Playwright page in by its one-time link (a path or secret, or a bearer
    token to paste), landing on the console's home."""
    if secret.startswith("mtg_"):
        page.goto(f"{base_url}/sign-in")
        page.get_by_label("Your token").fill(secret)
    else:
        path = secret if secret.startswith("/sign-in/") else f"/sign-in/{secret}"
        page.goto(base_url + path)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/console")


@contextmanager
def served(flask_app: Flask) -> Iterator[str]:
    """The app served over HTTP by waitress in a thread, for a real browser: its base URL."""
    from waitress.server import TcpWSGIServer, create_server

    server = create_server(flask_app, host="127.0.0.1", port=0, threads=4)
    assert isinstance(server, TcpWSGIServer)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{cast(Any, server).effective_port}"
    finally:
        # The browser keeps connections alive: close them too, or the loop never ends.
        server.close()
        for channel in list(cast(Any, server).active_channels.values()):
            channel.close()
        server.task_dispatcher.shutdown()
        thread.join(timeout=5)
        assert not thread.is_alive(), "the test server did not stop"
