"""`meetings token create --link`, `meetings token link` and `meetings demo` print
sign-in links under MEETINGS_BASE_URL that sign a person in to the console."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from meetings.application import MeetingsApplication
from meetings.infrastructure.settings import environment_for
from tests.console_support import sign_in
from web import create_app

BASE = "https://meetings.example.gov.uk"
LINK = re.compile(re.escape(BASE) + r"(/sign-in/msl_[A-Za-z0-9_-]+)")


def meetings(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MEETINGS_DATABASE_URL": url, "MEETINGS_BASE_URL": BASE}
    return subprocess.run(
        [sys.executable, "-m", "meetings.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _signed_in_name(url: str, path: str) -> str:
    app = MeetingsApplication(environment_for(url))
    try:
        client = create_app(app).test_client()
        sign_in(client, path)
        page = client.get("/console").get_data(as_text=True)
        return page.split("Signed in as <strong>")[1].split("</strong>")[0]
    finally:
        app.close()


def test_token_create_with_link_prints_a_link_that_signs_in(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    made = meetings(url, "token", "create", "--role", "scrutiny", "--name", "Sam", "--link")
    assert made.returncode == 0, made.stderr
    found = LINK.fullmatch(made.stdout.strip())
    assert found, made.stdout
    assert _signed_in_name(url, found.group(1)) == "Sam"


def test_token_link_prints_a_new_link_for_an_existing_token(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    assert meetings(url, "token", "create", "--role", "scrutiny", "--name", "Sam").returncode == 0
    token_id = meetings(url, "token", "list").stdout.split()[0]
    made = meetings(url, "token", "link", token_id)
    assert made.returncode == 0, made.stderr
    assert LINK.fullmatch(made.stdout.strip())
    refused = meetings(url, "token", "link", "no-such-token")
    assert refused.returncode == 1
    assert "no active token" in refused.stderr


def test_the_demo_prints_links_for_its_clerk_and_the_boards_chair(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    loaded = meetings(url, "demo")
    assert loaded.returncode == 0, loaded.stderr
    assert "chair of the BSP Board" in loaded.stdout
    links = LINK.findall(loaded.stdout)
    assert len(links) == 2, loaded.stdout
    assert _signed_in_name(url, links[0]).startswith("Demo clerk")
    again = meetings(url, "demo")
    fresh = LINK.findall(again.stdout)
    assert len(fresh) == 2 and set(fresh).isdisjoint(links), "each run prints fresh links"
    assert len(meetings(url, "token", "list").stdout.splitlines()) == 2, "tokens are reused"
    chair = _signed_in_name(url, fresh[1])
    assert chair in again.stdout.split("chair of the BSP Board")[0]
