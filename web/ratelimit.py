"""Failed sign-ins per client address: after too many, tokens from it wait a while.

A client that sends N bad, revoked or malformed tokens within the window is answered 429
for any further request carrying a token, without the token being checked, until the
window has passed. Requests without a token (public reads) are never limited. The address
is the connection's (`request.remote_addr`); no forwarding header is trusted.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable

from flask import Flask, current_app

from meetings.domain.errors import TooManyFailedSignInsError

#: Failures allowed from one address within the window, and the window in seconds.
DEFAULT_ALLOWED = 10
DEFAULT_WINDOW_SECONDS = 60.0
_EXTENSION = "failed_sign_ins"


class FailedSignIns:
    """Recent failed sign-ins by address: thread-safe, forgetting addresses whose window
    has passed, and keeping at most `allowed` moments for each."""

    def __init__(
        self, allowed: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if allowed < 1 or window <= 0:
            raise ValueError("allow at least one failure, over a window longer than 0 seconds")
        self.allowed = allowed
        self.window = window
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, deque[float]] = {}
        self._swept = clock()

    def check(self, address: str) -> None:
        """Refuse the address (429) while it has used up its failures in the window."""
        with self._lock:
            now = self._clock()
            moments = self._recent(address, now)
            if moments is None or len(moments) < self.allowed:
                return
            wait = moments[0] + self.window - now
        raise TooManyFailedSignInsError(max(1, math.ceil(wait)))

    def failed(self, address: str) -> None:
        """Count a failed sign-in from the address."""
        with self._lock:
            now = self._clock()
            self._sweep(now)
            moments = self._recent(address, now)
            if moments is None:
                moments = self._failures[address] = deque(maxlen=self.allowed)
            moments.append(now)

    def tracked(self) -> int:
        """How many addresses are remembered (for tests of bounded memory)."""
        with self._lock:
            return len(self._failures)

    def _recent(self, address: str, now: float) -> deque[float] | None:
        """The address's failures still within the window; None (and forgotten) if none."""
        moments = self._failures.get(address)
        if moments is None:
            return None
        while moments and moments[0] <= now - self.window:
            moments.popleft()
        if not moments:
            del self._failures[address]
            return None
        return moments

    def _sweep(self, now: float) -> None:
        """Once a window, forget every address whose failures have all expired."""
        if now - self._swept < self.window:
            return
        self._swept = now
        for address in list(self._failures):
            self._recent(address, now)


def register(app: Flask, clock: Callable[[], float] = time.monotonic) -> None:
    """Limit failed sign-ins per address: AUTH_FAILURES_ALLOWED within
    AUTH_FAILURE_WINDOW_SECONDS, from the app's config or else from the environment
    (MEETINGS_AUTH_FAILURES_ALLOWED, MEETINGS_AUTH_FAILURE_WINDOW_SECONDS)."""
    allowed = app.config.setdefault(
        "AUTH_FAILURES_ALLOWED", _setting("MEETINGS_AUTH_FAILURES_ALLOWED", DEFAULT_ALLOWED, int)
    )
    window = app.config.setdefault(
        "AUTH_FAILURE_WINDOW_SECONDS",
        _setting("MEETINGS_AUTH_FAILURE_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS, float),
    )
    app.extensions[_EXTENSION] = FailedSignIns(int(allowed), float(window), clock)


def failed_sign_ins() -> FailedSignIns | None:
    """The current app's record of failed sign-ins (None when the limit is not in use)."""
    limiter: FailedSignIns | None = current_app.extensions.get(_EXTENSION)
    return limiter


def _setting(name: str, default: float, kind: Callable[[str], float]) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be more than 0, not {raw!r}")
    return value
