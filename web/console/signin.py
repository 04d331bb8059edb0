"""Signing people in: a one-time link (GET shows a button, POST uses it, so a link
preview never burns it), or a token pasted once; signing out."""

from __future__ import annotations

import time

from flask import redirect, render_template, request, session
from werkzeug.wrappers import Response

from meetings.infrastructure.tokens import LinkState, Principal
from web.auth import SESSION_ID, SESSION_SEEN, maybe_principal, sign_ins
from web.console.common import FormErrors, bp, see_other
from web.ratelimit import failed_sign_ins

#: What a link that cannot be used says, and the status it answers with.
LINK_REFUSALS: dict[LinkState, tuple[int, str, str]] = {
    LinkState.USED: (
        410,
        "This sign-in link has already been used",
        "Each sign-in link works once. If it was you who used it, you are signed in on "
        "that browser. Otherwise ask your administrator for a new link.",
    ),
    LinkState.EXPIRED: (
        410,
        "This sign-in link has expired",
        "Sign-in links work for a limited time. Ask your administrator for a new link.",
    ),
    LinkState.REVOKED: (
        403,
        "This sign-in link has been withdrawn",
        "The access this link gave has been revoked, so it can no longer sign anyone in. "
        "Ask your administrator if you still need access.",
    ),
    LinkState.UNKNOWN: (
        404,
        "This sign-in link is not recognised",
        "Check that the whole link was copied, or ask your administrator for a new one.",
    ),
}

ENDED = {
    "idle": "You were signed out because the console was not used for a while. "
    "Sign in again to carry on.",
    "ended": "Your session has ended (you signed out, or your access was revoked).",
}


def _address() -> str:
    return request.remote_addr or "unknown"


def _check_limit() -> None:
    limiter = failed_sign_ins()
    if limiter is not None:
        limiter.check(_address())


def _count_failure() -> None:
    limiter = failed_sign_ins()
    if limiter is not None:
        limiter.failed(_address())


def _start(session_id: str, who: Principal) -> Response:
    session.clear()
    session.permanent = True
    session[SESSION_ID] = session_id
    session[SESSION_SEEN] = int(time.time())
    target = request.form.get("next", "")
    if not (target.startswith("/console") and "//" not in target and "\\" not in target):
        target = "/console"
    return redirect(target, code=303)


@bp.get("/sign-in")
def sign_in() -> str:
    """Sign in by pasting a token (or follow the link you were sent)."""
    notice = ENDED.get(request.args.get("ended", ""))
    if request.args.get("signed_out"):
        notice = "You have signed out."
    return render_template(
        "console/sign_in.html",
        errors=FormErrors(),
        notice=notice,
        next=request.args.get("next", ""),
        already=maybe_principal(),
    )


@bp.post("/sign-in")
def sign_in_with_token() -> str | Response | tuple[str, int]:
    secret = request.form.get("token", "").strip()
    who = sign_ins().tokens.authenticate(secret) if secret else None
    if who is None:
        _check_limit()  # a valid token is never refused; a bad one waits its turn (429)
        _count_failure()
        errors = FormErrors()
        errors.add(
            "token",
            "That token is not recognised, or it has been revoked. Paste the whole token, "
            "starting mtg_.",
        )
        page = render_template(
            "console/sign_in.html",
            errors=errors,
            notice=None,
            next=request.form.get("next", ""),
            already=None,
        )
        return page, 401
    return _start(sign_ins().start_session(who.id), who)


@bp.get("/sign-in/<secret>")
def sign_in_link(secret: str) -> str | tuple[str, int]:
    """Show who the link signs in, with a button: opening a link records nothing."""
    state, who = sign_ins().link_state(secret)
    if state is not LinkState.VALID or who is None:
        return _link_refused(state)
    return render_template("console/sign_in_link.html", holder=who)


@bp.post("/sign-in/<secret>")
def use_sign_in_link(secret: str) -> Response | tuple[str, int]:
    state, session_id = sign_ins().use_link(secret)
    if state is not LinkState.VALID or session_id is None:
        return _link_refused(state)
    who = sign_ins().session_principal(session_id)
    assert who is not None
    return _start(session_id, who)


def _link_refused(state: LinkState) -> tuple[str, int]:
    if state is LinkState.UNKNOWN:
        _check_limit()  # a valid link is never refused; unknown ones wait their turn (429)
        _count_failure()
    status, title, detail = LINK_REFUSALS[state]
    return render_template("console/refused.html", title=title, detail=detail), status


@bp.post("/sign-out")
def sign_out() -> Response:
    session_id = session.get(SESSION_ID)
    if isinstance(session_id, str):
        sign_ins().end_session(session_id)
    session.clear()
    return see_other("console.sign_in", signed_out=1)
