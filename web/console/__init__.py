"""The console: screens for people (clerks, chairs) on the same use cases as the API.

`register(app)` wires sessions, CSRF protection and every screen. A screen module in this
package adds its routes to `web.console.common.bp` when imported; every module here is
imported (in name order), so a new screen needs no change to this file. Each app gets a
copy of that blueprint, and the shared one is never registered itself, so a module first
imported after an app was built still adds its routes (to the apps built after it).

Sessions are Flask's signed cookies. The signing key is `MEETINGS_SECRET_KEY` when set;
otherwise a random key made once and kept in the database (table `service_secrets`), so
several server processes of one deployment agree on it.
"""

from __future__ import annotations

import copy
import importlib
import pkgutil
from datetime import timedelta
from typing import Any

from flask import Flask, Request, current_app, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect
from itsdangerous import URLSafeTimedSerializer

from meetings.infrastructure.tokens import SignIns

csrf = CSRFProtect()


class _SessionInterface(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over https (or the service
    is configured to be reached over https). The signing serializer is made once per set
    of keys, not on every request (making one runs its serializer to see what it writes)."""

    def __init__(self) -> None:
        self._signing: tuple[tuple[Any, ...], URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        signing = self._signing
        if signing is None or signing[0] != keys:
            signing = self._signing = (keys, super().get_signing_serializer(app))
        return signing[1]

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(
            app.config["SESSION_COOKIE_SECURE"]
            or request.is_secure
            or app.extensions["settings"].base_url.startswith("https://")
        )


def register(app: Flask) -> None:
    """Sessions, CSRF protection and the console's screens (after web.auth.register)."""
    sign_ins = SignIns(app.extensions["meetings"].tokens)
    app.extensions["sign_ins"] = sign_ins
    settings = app.extensions["settings"]
    idle = app.config.setdefault("SESSION_IDLE_MINUTES", settings.session_idle_minutes)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.secret_key or sign_ins.secret_key()
    app.config.update(
        SESSION_COOKIE_NAME="meetings_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=float(idle)),
        # Sent again when the session notes its use (web.auth.SEEN_EVERY), not every time.
        SESSION_REFRESH_EACH_REQUEST=False,
        WTF_CSRF_CHECK_DEFAULT=False,  # checked below: not for bearer-token API requests
        WTF_CSRF_TIME_LIMIT=None,  # a form open through a long meeting stays good
    )
    app.session_interface = _SessionInterface()
    csrf.init_app(app)
    app.before_request(_protect)
    for name in sorted(module.name for module in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{name}")
    from web.console.common import bp

    # Registering marks a blueprint as set up, after which Flask refuses new routes on it:
    # register a copy (the routes as they are now), never the blueprint screens add to.
    app.register_blueprint(copy.copy(bp))


def _protect() -> None:
    """Every form and every script request made with a session needs the CSRF token;
    programs sending a bearer token do not (a cookie is never their credential), and an
    API request with neither is refused as unauthenticated by the API itself."""
    if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
        return
    if _bearer(request):
        return
    if request.path.startswith("/api/") and not _has_session(request):
        return
    csrf.protect()


def _bearer(req: Request) -> bool:
    return bool(req.headers.get("Authorization"))


def _has_session(req: Request) -> bool:
    return current_app.config["SESSION_COOKIE_NAME"] in req.cookies
