"""The projection worker for PostgreSQL deployments: `meetings project`."""

from __future__ import annotations

import logging
import threading

import psycopg
from psycopg import sql

from meetings.core import CoreApplication

log = logging.getLogger(__name__)


def run_worker(app: CoreApplication, stop: threading.Event, poll_seconds: float = 1.0) -> None:
    """Project new events as they are recorded, until `stop` is set.

    Woken by the NOTIFY that every insert into the log sends; polls every
    `poll_seconds` too, so a missed notification only delays, never loses.
    """
    env = app.env
    channel = app.recorder.channel_name  # type: ignore[attr-defined]
    with psycopg.connect(
        dbname=env.get("POSTGRES_DBNAME"),
        host=env.get("POSTGRES_HOST"),
        port=env.get("POSTGRES_PORT"),
        user=env.get("POSTGRES_USER"),
        password=env.get("POSTGRES_PASSWORD"),
        autocommit=True,
    ) as conn:
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        while not stop.is_set():
            try:
                projected = app.projector.catch_up()
            except Exception:
                # A read model that cannot take an event must not stop the others for good:
                # log it and try again (the batch rolled back, so nothing half-applied).
                log.exception("projection failed; retrying")
                stop.wait(poll_seconds)
                continue
            if projected:
                log.info("projected %d events (position %d)", projected, app.projector.position())
            for _ in conn.notifies(timeout=poll_seconds, stop_after=1):
                pass
