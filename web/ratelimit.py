"""Failed sign-ins per client address: after too many, bad tokens from it wait a while.

A client that sends N bad, revoked or malformed tokens within the window is answered 429
for any further bad token, until the window has passed. A valid token is never refused,
from any address: it is checked first, and only a token that fails is judged against the
limit (tokens are 256 random bits, so the limit is against noise and load, not a defence
of guessable secrets). Requests without a token (public reads) are never limited. The
address is the connection's (`request.remote_addr`); no forwarding header is trusted.

The failures are kept in the service's own database, so every server process (gunicorn
workers, several hosts) counts the same ones and a restart forgets none. Why not
Flask-Limiter: counts shared like that would need one of its storage services (Redis,
memcached, MongoDB) run beside the database, and its in-memory storage is per process and
lost on a restart; and a limit on failures only (judged after a token failed, never
refusing a valid one) would take its `deduct_when` and `exempt_when` hooks on every route,
where here it is one check in the authentication step (`web/auth.py`).
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable

from flask import Flask, current_app

from meetings.application.errors import TooManyFailedSignInsError
from meetings.application.queries import Database
from meetings.application.queries.records import get_database
from meetings.infrastructure.settings import Settings
from meetings.infrastructure.storage import startup_lock

_EXTENSION = "failed_sign_ins"

TABLE = (
    "CREATE TABLE IF NOT EXISTS failed_sign_ins (address TEXT NOT NULL,"
    " failed_at DOUBLE PRECISION NOT NULL)"
)
INDEX = (
    "CREATE INDEX IF NOT EXISTS failed_sign_ins_by_address ON failed_sign_ins (address, failed_at)"
)


class FailedSignIns:
    """Recent failed sign-ins by address, in the database: every process sees them.
    Moments are wall-clock seconds (shared between processes); failures older than the
    window are forgotten, and an address keeps at most `allowed` of them."""

    def __init__(
        self,
        db: Database,
        allowed: int,
        window: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if allowed < 1 or window <= 0:
            raise ValueError("allow at least one failure, over a window longer than 0 seconds")
        self.store = db
        self.allowed = allowed
        self.window = window
        self._clock = clock
        self._swept = clock()
        self._sweeping = threading.Lock()
        with db.transaction() as tx:
            tx.execute(TABLE)
            tx.execute(INDEX)

    def check(self, address: str) -> None:
        """Refuse the address (429) while it has used up its failures in the window."""
        now = self._clock()
        moments = self._recent(address, now)
        if len(moments) < self.allowed:
            return
        wait = moments[0] + self.window - now
        raise TooManyFailedSignInsError(max(1, math.ceil(wait)))

    def failed(self, address: str) -> None:
        """Count a failed sign-in from the address."""
        now = self._clock()
        self._sweep(now)
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT INTO failed_sign_ins (address, failed_at) VALUES (?, ?)", (address, now)
            )
            # Keep no more than `allowed` moments for the address: the newest.
            tx.execute(
                "DELETE FROM failed_sign_ins WHERE address = ? AND failed_at < COALESCE(("
                "SELECT failed_at FROM failed_sign_ins WHERE address = ?"
                " ORDER BY failed_at DESC LIMIT 1 OFFSET ?), -1)",
                (address, address, self.allowed - 1),
            )

    def tracked(self) -> int:
        """How many addresses are remembered (for tests of bounded storage)."""
        return int(self.store.scalar("SELECT COUNT(DISTINCT address) FROM failed_sign_ins") or 0)

    def kept(self, address: str) -> int:
        """How many failures of the address are kept (for tests of bounded storage)."""
        return int(
            self.store.scalar("SELECT COUNT(*) FROM failed_sign_ins WHERE address = ?", (address,))
            or 0
        )

    def _recent(self, address: str, now: float) -> list[float]:
        """The address's newest `allowed` failures within the window, oldest first."""
        rows = self.store.all(
            "SELECT failed_at FROM failed_sign_ins WHERE address = ? AND failed_at > ?"
            " ORDER BY failed_at DESC LIMIT ?",
            (address, now - self.window, self.allowed),
        )
        return sorted(float(r["failed_at"]) for r in rows)

    def _sweep(self, now: float) -> None:
        """Once a window, forget every failure that has expired, of every address."""
        with self._sweeping:
            if now - self._swept < self.window:
                return
            self._swept = now
        with self.store.transaction() as tx:
            tx.execute("DELETE FROM failed_sign_ins WHERE failed_at <= ?", (now - self.window,))


def register(
    app: Flask, clock: Callable[[], float] = time.time, settings: Settings | None = None
) -> None:
    """Limit failed sign-ins per address: AUTH_FAILURES_ALLOWED within
    AUTH_FAILURE_WINDOW_SECONDS, from the app's config or else from the service's settings
    (MEETINGS_AUTH_FAILURES_ALLOWED, MEETINGS_AUTH_FAILURE_WINDOW_SECONDS; read from the
    environment now when none are given)."""
    settings = settings or Settings.from_environ(os.environ)
    allowed = app.config.setdefault("AUTH_FAILURES_ALLOWED", settings.auth_failures_allowed)
    window = app.config.setdefault(
        "AUTH_FAILURE_WINDOW_SECONDS", settings.auth_failure_window_seconds
    )
    meetings = app.extensions["meetings"]
    # Server processes starting together take turns creating the table (PostgreSQL).
    with startup_lock(dict(meetings.env)):
        limiter = FailedSignIns(get_database(meetings), int(allowed), float(window), clock)
    app.extensions[_EXTENSION] = limiter


def failed_sign_ins() -> FailedSignIns | None:
    """The current app's record of failed sign-ins (None when the limit is not in use)."""
    limiter: FailedSignIns | None = current_app.extensions.get(_EXTENSION)
    return limiter
