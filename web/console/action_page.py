"""An action's page: where its owner records progress and completion, and the body's clerk
gives a new due date (with the reason) or a new owner; its updates in words, as it stands
or as it stood.

Reading is the API's `GET /actions/{id}`: anyone signed in, an action agreed under a
confidential item withheld. Changing is the access policy's `check_action_updater`, as for
the API: admin, the body's clerks, and (progress and completion) the action's owner."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import render_template, request
from werkzeug.wrappers import Response

from meetings.application import access
from meetings.application.commands import (
    CompleteAction,
    NoteProgress,
    ReassignAction,
    ReviseDueDate,
)
from meetings.application.dto.actions import ActionView
from meetings.infrastructure.tokens import Principal
from web.api.schemas.actions import (
    CompleteIn,
    DueDateIn,
    ProgressIn,
    ReassignIn,
)
from web.console.common import FormErrors, bp, see_other, signed_in, submit
from web.console.forms import people_choices, person_named, validated
from web.console.scrutiny import banner_words, moment_value, names
from web.console.scrutiny_common import as_at_asked, read_as_at, when
from web.context import meetings_app


@bp.get("/console/actions/<uuid:action_id>")
def action_page(action_id: UUID) -> tuple[str, int]:
    signed_in()
    return _action_page(action_id, FormErrors(), {})


def _action_page(
    action_id: UUID, errors: FormErrors, values: Any, status: int | None = None
) -> tuple[str, int]:
    who = signed_in()
    app = meetings_app()
    action: ActionView
    action, asked = read_as_at(as_at_asked(), lambda **kw: app.get_action(action_id, who, **kw))
    people = names()
    withheld = action.confidential_reason is not None
    updates = [_update_words(u, people) for u in action.updates]
    body_id = action.body_id
    return render_template(
        "console/action_page.html",
        a=action,
        owner=people.get(str(action.owner_id), "no one named")
        if action.owner_id
        else "no one named",
        body=app.get_body(body_id),
        updates=updates,
        asked=asked,
        banner_text=banner_words(asked) if asked.past and not asked.error else None,
        moment_value=moment_value(asked.moment),
        owner_may=not withheld and not asked.past and _may(who, action, True),
        clerk_may=not withheld and not asked.past and _may(who, action, False),
        history=access.may_read_history(who, body_id),
        open=action.status == "open",
        errors=errors,
        values=values,
        people=people_choices(),
    ), status or (422 if asked.error else 200)


def _update_words(update: dict[str, Any], people: dict[str, str]) -> dict[str, Any]:
    kind = update.get("kind")
    if kind == "progress":
        what = "Progress"
        said = update.get("note") or ""
        if update.get("percent_complete") is not None:
            said += f" ({update['percent_complete']}% complete)"
    elif kind == "due_date":
        what = "New due date"
        said = (
            f"{when(update.get('previous_due_on'))} → {when(update.get('due_on'))}. "
            f"Reason: {update.get('reason')}"
        )
    elif kind == "reassigned":
        what = "Reassigned"
        before = people.get(str(update.get("previous_owner_id")), "no one named")
        said = f"{before} → {people.get(str(update.get('owner_id')), 'no one named')}"
    elif kind == "completed":
        what = "Completed"
        said = update.get("note") or ""
    else:
        what = "Dropped"
        said = f"Reason: {update.get('reason')}"
    return {"what": what, "at": update.get("at"), "said": said}


def _command(
    action_id: UUID, owner_may: bool, schema: Any, data: dict[str, Any], cmd: type, run: str
) -> Response | tuple[str, int]:
    who = signed_in()
    app = meetings_app()
    app.access_policy.check_action_updater(who, action_id, owner_may)
    errors = FormErrors()
    loaded = validated(schema, data, errors)
    return submit(
        lambda: getattr(app, run)(cmd(action_id=action_id, recorded_by=who.label, **loaded)),
        errors,
        lambda errors: _action_page(action_id, errors, request.form)[0],
        lambda _: see_other("console.action_page", action_id=action_id),
    )


def _percent(raw: str) -> Any:
    raw = raw.strip()
    if not raw:
        return None
    return int(raw) if raw.isdigit() else raw


@bp.post("/console/actions/<uuid:action_id>/progress")
def action_progress(action_id: UUID) -> Response | tuple[str, int]:
    form = request.form
    data = {"note": form.get("note", ""), "percent_complete": _percent(form.get("percent", ""))}
    return _command(action_id, True, ProgressIn(), data, NoteProgress, "note_progress")


@bp.post("/console/actions/<uuid:action_id>/complete")
def action_complete(action_id: UUID) -> Response | tuple[str, int]:
    note = request.form.get("completion_note", "").strip()
    data = {"note": note or None}
    return _command(action_id, True, CompleteIn(), data, CompleteAction, "complete_action")


@bp.post("/console/actions/<uuid:action_id>/due-date")
def action_due_date(action_id: UUID) -> Response | tuple[str, int]:
    form = request.form
    data = {"due_on": form.get("due_on", "").strip(), "reason": form.get("reason", "")}
    return _command(action_id, False, DueDateIn(), data, ReviseDueDate, "revise_due_date")


@bp.post("/console/actions/<uuid:action_id>/reassign")
def action_reassign(action_id: UUID) -> Response | tuple[str, int]:
    who = signed_in()
    meetings_app().access_policy.check_action_updater(who, action_id, False)
    errors = FormErrors()
    typed = request.form.get("owner", "")
    owner_id = person_named(typed, "owner", errors)
    if owner_id is None and not errors:
        errors.add("owner", "Type the name of the new owner.")
    if errors:
        return _action_page(action_id, errors, request.form, 422)
    return _command(
        action_id, False, ReassignIn(), {"owner_id": owner_id}, ReassignAction, "reassign_action"
    )


def _may(who: Principal, action: ActionView, owner_may: bool) -> bool:
    """Whether this reader may change the action (the owner: progress and completion)."""
    return access.may_update_action(who, action.body_id, action.owner_id, owner_may)
