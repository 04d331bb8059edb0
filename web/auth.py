"""Who is asking, and what they may do: bearer tokens (programs) or a signed-in session
(people in a browser, naming a token's principal), roles, grants per body."""

from __future__ import annotations

import time
from typing import NoReturn
from uuid import UUID

from flask import Flask, current_app, g, request, session

from meetings.application import access
from meetings.application.errors import NotAuthenticatedError
from meetings.infrastructure.tokens import Principal, SignIns
from web.context import meetings_app
from web.ratelimit import FailedSignIns, failed_sign_ins


def register(app: Flask) -> None:
    app.before_request(_identify)


def _identify() -> None:
    """Resolve the bearer token, if any; a token that is sent must be valid."""
    g.principal = None
    header = request.headers.get("Authorization", "")
    if not header:
        g.principal = _session_principal()
        return
    limiter = failed_sign_ins()
    address = request.remote_addr or "unknown"
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        _failed(limiter, address, "Send your token as 'Authorization: Bearer <token>'.")
    principal = meetings_app().tokens.authenticate(secret.strip())
    if principal is None:
        _failed(limiter, address, "That token is not recognised, or it has been revoked.")
    g.principal = principal


#: The session's keys: its id (the database holds only its hash) and when it was last used.
SESSION_ID = "sid"
SESSION_SEEN = "seen"
#: Seconds between updates of when a session was last used (its idle time is that coarse).
SEEN_EVERY = 30


def sign_ins() -> SignIns:
    found: SignIns = current_app.extensions["sign_ins"]
    return found


def _session_principal() -> Principal | None:
    """The principal of the browser's session, if it is signed in, has not been idle too
    long, has not been signed out, and its token has not been revoked (checked each time)."""
    if current_app.config.get("SESSION_COOKIE_NAME", "session") not in request.cookies:
        return None  # no session cookie: leave the session untouched (no Vary: Cookie)
    session_id = session.get(SESSION_ID)
    if not isinstance(session_id, str) or "sign_ins" not in current_app.extensions:
        return None
    idle = float(current_app.config["SESSION_IDLE_MINUTES"]) * 60
    if time.time() - float(session.get(SESSION_SEEN, 0)) > idle:
        session.clear()
        g.session_ended = "idle"
        return None
    who = sign_ins().session_principal(session_id)
    if who is None:
        session.clear()
        g.session_ended = "ended"
        return None
    if time.time() - float(session.get(SESSION_SEEN, 0)) > SEEN_EVERY:
        session[SESSION_SEEN] = int(time.time())  # not on every request: fewer cookies
    g.signed_in_by_session = True
    return who


def _failed(limiter: FailedSignIns | None, address: str, detail: str) -> NoReturn:
    """Count a failed sign-in against the address, and answer 401; 429 (not counted)
    while the address waits. A valid token is never judged against the limit."""
    if limiter is not None:
        limiter.check(address)
        limiter.failed(address)
    raise NotAuthenticatedError(detail)


def maybe_principal() -> Principal | None:
    """The signed-in principal, or None for the public."""
    who: Principal | None = g.get("principal")
    return who


def principal() -> Principal:
    """The signed-in principal; 401 when the request carries no token."""
    who: Principal | None = g.get("principal")
    if who is None:
        raise NotAuthenticatedError("Sign in: send 'Authorization: Bearer <token>'.")
    return who


def recorded_by() -> str:
    return principal().label


def require_reader() -> Principal:
    return principal()


def require_admin(action: str) -> Principal:
    return access.check_admin(principal(), action)


def require_clerk(action: str) -> Principal:
    """Admin or a clerk of any body (e.g. to register a person who will attend)."""
    return access.check_clerk(principal(), action)


def require_recorder(body_id: UUID) -> Principal:
    """Admin, or a clerk granted this body."""
    return access.check_recorder(principal(), body_id)


def require_history_reader(body_id: UUID | None = None) -> Principal:
    """History is for admin, scrutiny, and clerks (of the body, when there is one)."""
    return access.check_history_reader(principal(), body_id)


def require_scrutineer(body_id: UUID | None = None) -> Principal:
    """Admin and scrutiny read every report; a body's clerks read the reports on it."""
    return access.check_scrutineer(principal(), body_id)


def require_auditor() -> Principal:
    """The whole log: admin and scrutiny."""
    return access.check_auditor(principal())
