"""The console's session cookies are signed by a serializer made once per set of keys, not
on every request (issue 15), and a changed key is still honoured at once: a cookie signed
with a key the app no longer has is not a session, unless that key is a fallback."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

COOKIE = "meetings_session"


def _session_of(app: Flask, cookie: str) -> dict[str, object]:
    with app.test_request_context("/", headers={"Cookie": f"{COOKIE}={cookie}"}) as ctx:
        opened = app.session_interface.open_session(app, ctx.request)
        assert opened is not None
        return dict(opened)


def test_the_signing_serializer_is_made_once_for_the_same_keys(client: FlaskClient) -> None:
    app = client.application
    signing = app.session_interface.get_signing_serializer(app)
    assert signing is not None
    assert app.session_interface.get_signing_serializer(app) is signing
    cookie = signing.dumps({"sid": "abc"})
    assert _session_of(app, cookie) == {"sid": "abc"}
    assert _session_of(app, cookie + "x") == {}  # a forged cookie is no session


def test_a_changed_key_is_used_at_once_and_a_fallback_still_reads(client: FlaskClient) -> None:
    app = client.application
    interface = app.session_interface
    old = interface.get_signing_serializer(app)
    assert old is not None
    cookie = old.dumps({"sid": "abc"})
    old_key = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = "a-new-key-for-the-sessions-of-this-test"
    new = interface.get_signing_serializer(app)
    assert new is not None and new is not old
    assert _session_of(app, cookie) == {}
    assert _session_of(app, new.dumps({"sid": "def"})) == {"sid": "def"}
    app.config["SECRET_KEY_FALLBACKS"] = [old_key]
    assert _session_of(app, cookie) == {"sid": "abc"}
    app.config["SECRET_KEY"] = old_key
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert interface.get_signing_serializer(app) is not new
    assert _session_of(app, cookie) == {"sid": "abc"}
