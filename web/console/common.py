"""What every console screen shares: the blueprint, who is signed in, pages for refusals,
and running a use case from a form so that a refusal is shown beside the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.wrappers import Response

from meetings.application import errors as refusals
from meetings.domain import errors as domain
from meetings.domain.values import Role
from meetings.idempotency import ReplayedAnswer
from meetings.infrastructure.tokens import Principal
from meetings.reports.minutes_text import clock, long_date
from web.auth import maybe_principal

bp = Blueprint("console", __name__, template_folder="../templates")
T = TypeVar("T")

ROLE_NAMES = {
    Role.ADMIN: "administrator",
    Role.CLERK: "clerk",
    Role.CHAIR: "chair",
    Role.SCRUTINY: "scrutiny",
    Role.MEMBER: "member",
}

#: A Content-Security-Policy for every console screen: nothing inline, nothing from
#: another host.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def signed_in() -> Principal:
    """The signed-in person's principal; anyone else is sent to sign in (see below)."""
    who = maybe_principal()
    if who is None:
        raise refusals.NotAuthenticatedError("Sign in to use the console.")
    return who


def recorded_by() -> str:
    return signed_in().label


class FormErrors(dict[str, list[str]]):
    """Messages by field name; `_form` holds those about the form as a whole."""

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)


def attempt(run: Callable[[], T], errors: FormErrors, field: str = "_form") -> T | None:
    """Run a use case; a refusal the clerk can put right is kept in `errors` (by the
    field it names, otherwise under `field`) and None is answered: nothing was recorded."""
    try:
        return run()
    except domain.InvalidFieldError as error:
        errors.add(error.field, error.message)
    except domain.InvalidFieldsError as error:
        for name, messages in error.errors.items():
            for message in messages:
                errors.add(name, message)
    except refusals.VersionMismatchError:
        errors.add(
            "_form",
            "Someone else changed this meeting while you had the page open, so nothing was "
            "recorded. The page now shows the meeting as it is; what you typed is kept.",
        )
    except domain.RuleBrokenError as error:
        errors.add(field, str(error))
    return None


def see_other(endpoint: str, **values: Any) -> Response:
    """Post, redirect, get."""
    return redirect(url_for(endpoint, **values), code=303)


def step(
    run: Callable[[], object],
    refused: Callable[[FormErrors], str],
    endpoint: str,
    **values: Any,
) -> Response | tuple[str, int]:
    """One step a form asks of the record: done, on to `endpoint`; refused, nothing was
    recorded and the form's page is shown again with why (409)."""
    errors = FormErrors()
    if attempt(run, errors) is None:
        return refused(errors), 409
    return see_other(endpoint, **values)


def submit(
    run: Callable[[], T],
    errors: FormErrors,
    refused: Callable[[FormErrors], str],
    done: Callable[[Any], Response],
    field: str = "_form",
) -> Response | tuple[str, int]:
    """A form that makes something, once its fields are read into `errors`: a field
    refused, the form's page again with why (422); the record refused, the page again
    (409); done, on to `done(answer)`. The same form sent twice (its one-time key seen
    before) records nothing more and goes on to `done` with the first answer: the
    command's first result (a key answered before results were kept: its `{"id"}`)."""
    if errors:
        return refused(errors), 422
    try:
        made = attempt(run, errors, field)
    except ReplayedAnswer as replay:
        return done(replay.answer.body)
    if made is None:
        return refused(errors), 409
    return done(made)


@bp.context_processor
def _who() -> dict[str, Any]:
    who = maybe_principal()
    return {
        "who": who,
        "role_name": ROLE_NAMES.get(who.role, who.role.value) if who else None,
    }


@bp.after_request
def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.errorhandler(refusals.NotAuthenticatedError)
def _sign_in_first(error: Exception) -> Response:
    query = {"next": request.path} if request.method == "GET" else {}
    if g.get("session_ended"):
        query["ended"] = g.session_ended
    return redirect(url_for("console.sign_in") + ("?" + urlencode(query) if query else ""))


@bp.errorhandler(refusals.NotAllowedError)
def _not_allowed(error: Exception) -> tuple[str, int]:
    return render_template("console/refused.html", title="Not allowed", detail=str(error)), 403


@bp.errorhandler(domain.NotFoundError)
def _not_found(error: Exception) -> tuple[str, int]:
    detail = "There is nothing here: the address may be mistyped, or the record is not yours."
    return render_template("console/refused.html", title="Not found", detail=detail), 404


@bp.errorhandler(CSRFError)
def _csrf(error: CSRFError) -> tuple[str, int] | Response:
    if g.get("session_ended"):
        return _sign_in_first(error)
    detail = (
        "This form was refused because it did not carry this session's security code "
        "(it may have been opened before you last signed in). Nothing was recorded. "
        "Go back, reload the page and try again."
    )
    return render_template("console/refused.html", title="Form refused", detail=detail), 400


@bp.errorhandler(refusals.TooManyFailedSignInsError)
def _too_many(error: refusals.TooManyFailedSignInsError) -> tuple[str, int, dict[str, str]]:
    detail = (
        "Too many sign-ins from this address failed. Wait "
        f"{error.retry_after} seconds, then try again with a link or token you were given."
    )
    page = render_template("console/refused.html", title="Too many failed sign-ins", detail=detail)
    return page, 429, {"Retry-After": str(error.retry_after)}


@bp.app_template_filter("console_when")
def _when(moment: datetime | None) -> str:
    """A meeting's time as people say it: Thursday 4 March 2027, 10:00 (London)."""
    if moment is None:
        return ""
    return f"{long_date(moment)}, {clock(moment)}"


@bp.app_template_filter("console_day")
def _day(moment: datetime | None) -> str:
    return long_date(moment) if moment is not None else ""
