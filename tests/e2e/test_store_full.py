"""SQLite's disk fills up: a write answers 507 problem+json saying the store is full and
records nothing; reads go on; nothing acknowledged is lost; once space is freed, writes
work again (a retry with the same Idempotency-Key is recorded once). A full disk is made
with SQLite's own limit on the database's size (PRAGMA max_page_count), which fails a
write with the same error as a full disk: SQLITE_FULL."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from meetings.infrastructure.settings import environment_for
from web import create_app

ROOMY = 1_000_000_000


def _limit_size(app: MeetingsApplication, pages: list[int]) -> None:
    """Every connection the store hands out is held to `pages[0]` pages from then on."""
    pool = app.factory.datastore.pool  # type: ignore[attr-defined]
    hand_out = pool.get_connection

    def limited(*args: Any, **kwargs: Any) -> Any:
        conn = hand_out(*args, **kwargs)
        conn._sqlite_conn.execute(f"PRAGMA max_page_count = {pages[0]}")
        return conn

    pool.get_connection = limited


def test_a_full_store_refuses_writes_with_507_and_keeps_reading(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = MeetingsApplication(environment_for(f"sqlite:///{tmp_path / 'meetings.sqlite3'}"))
    try:
        _, secret = app.tokens.create(Role.ADMIN)
        client = create_app(app).test_client()
        auth = {"Authorization": f"Bearer {secret}"}
        made: list[str] = []

        def register(n: int, key: str | None = None) -> Any:
            headers = {**auth, **({"Idempotency-Key": key} if key else {})}
            return client.post(
                "/api/v1/people", json={"name": f"Person {n} " + "x" * 150}, headers=headers
            )

        assert client.get("/api/v1/people", headers=auth).status_code == 200
        for n in range(40):  # not read since, so not projected yet (SQLite projects on read)
            made.append(register(n).get_json()["id"])
        pages = [app.db.scalar("PRAGMA page_count")]
        _limit_size(app, pages)
        n, answer = 40, register(40)
        while answer.status_code == 201 and n < 500:  # the last free room in the pages
            made.append(answer.get_json()["id"])
            n += 1
            answer = register(n)
        assert answer.status_code == 507, answer.get_data(as_text=True)
        assert answer.mimetype == "application/problem+json"
        assert "full" in answer.get_json()["detail"]
        assert register(n, key="while-full").status_code == 507

        # Reads go on: the lists from the read models as they are (projecting the newest
        # events needs room), every record itself from the log.
        with caplog.at_level(logging.WARNING, logger="meetings.application.machinery"):
            listed = client.get("/api/v1/people?page_size=100", headers=auth)
            assert listed.status_code == 200, listed.get_data(as_text=True)
            assert client.get("/").status_code == 200
        assert "reading without projecting" in caplog.text
        assert {p["id"] for p in listed.get_json()} <= set(made)
        for person in made:
            assert client.get(f"/api/v1/people/{person}", headers=auth).status_code == 200

        pages[0] = ROOMY  # space is freed
        again = register(n, key="while-full")
        assert again.status_code == 201, again.get_data(as_text=True)
        assert register(n, key="while-full").get_json()["id"] == again.get_json()["id"]
        listed = client.get("/api/v1/people?page_size=100", headers=auth)
        assert json.loads(listed.headers["X-Pagination"])["total"] == len(made) + 1
        assert app.get_log_verdict().ok
    finally:
        app.close()
