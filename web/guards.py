"""Who may call a view, checked before its arguments are read.

flask-smorest reads and validates a request's body and query before the view runs, so a
check inside the view would tell a caller who may not use it which fields its body lacks
(422) instead of that they may not (401/403). A view marked `@guarded(check)` has
`check(**path arguments)` run first, by the hook `register` installs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from flask import Flask, current_app, request

from meetings.application import access
from web.auth import principal, require_admin, require_clerk, require_reader, require_recorder
from web.context import meetings_app

F = TypeVar("F", bound=Callable[..., Any])
Check = Callable[..., object]


def guarded(check: Check) -> Callable[[F], F]:
    def mark(view: F) -> F:
        view.__dict__["guard"] = check  # kept by functools.wraps on every decorator above
        return view

    return mark


def _run_guard() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    method = getattr(getattr(view, "view_class", None), request.method.lower(), None)
    check = getattr(method, "guard", None)
    if check is not None:
        check(**(request.view_args or {}))


def register(app: Flask) -> None:
    app.before_request(_run_guard)  # after the token is identified (web/auth.py)


# The checks ------------------------------------------------------------------------------


def reader(**_: Any) -> None:
    require_reader()


def admin(doing: str) -> Check:
    return lambda **_: require_admin(doing)


def clerk(doing: str) -> Check:
    return lambda **_: require_clerk(doing)


def body_recorder(body_id: UUID, **_: Any) -> None:
    """Admin or a clerk of the body in the path."""
    require_recorder(body_id)


def meeting_recorder(meeting_id: UUID, **_: Any) -> None:
    """Admin or a clerk of the meeting's body (who asks comes first: no token is 401,
    not a 404 for a probe)."""
    principal()
    require_recorder(meetings_app().get_body_of_meeting(meeting_id))


def substitute_recorder(body_id: UUID, **_: Any) -> None:
    """Named substitutes reach the secretariat: admin and the body's clerks record them."""
    access.check_substitute_recorder(principal(), body_id)


def workplan_recorder(workplan_id: UUID, **_: Any) -> None:
    principal()
    require_recorder(meetings_app().get_body_of_workplan(workplan_id))


def decision_recorder(decision_id: UUID, **_: Any) -> None:
    principal()
    require_recorder(meetings_app().get_body_of_decision(decision_id))


def action_updater(owner_may: bool) -> Check:
    """Admin, the body's clerks, and (when `owner_may`) the action's owner."""

    def check(action_id: UUID, **_: Any) -> None:
        meetings_app().access_policy.check_action_updater(principal(), action_id, owner_may)

    return check
