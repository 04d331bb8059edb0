"""The action tracker for implementation groups: actions across bodies by filter, soonest
due first, overdue said in words; a CSV of exactly what is shown; "My actions"; and an
action's page, where its owner records progress and completion and the body's clerk gives
a new due date (with the reason) or a new owner.

Reading is the API's `GET /actions` and `GET /actions/{id}`: anyone signed in, with actions
agreed under a confidential item withheld by the same application reads. Changing is the
API's `check_action_updater`: admin, the body's clerks, and (progress and completion) the
action's owner."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import render_template, request
from werkzeug.wrappers import Response

from meetings.application.commands import (
    CompleteAction,
    NoteProgress,
    ReassignAction,
    ReviseDueDate,
)
from meetings.domain.errors import NotAllowedError
from meetings.domain.rules import london_today
from meetings.infrastructure.tokens import Principal
from web.api.schemas.actions import (
    STATUSES,
    ActionQuery,
    CompleteIn,
    DueDateIn,
    ProgressIn,
    ReassignIn,
)
from web.auth import require_history_reader
from web.console.common import FormErrors, attempt, bp, see_other, signed_in
from web.console.forms import people_choices, person_named, validated
from web.console.scrutiny import banner_words, moment_value, names
from web.console.scrutiny_common import Table, as_at_asked, csv_download, read_as_at, when
from web.context import meetings_app

#: At most this many actions on one page (and in its CSV); narrower filters show the rest.
SHOWN = 1000
_FILTERS = ("body_id", "status", "organisation_id", "theme", "as_of")


# The tracker -----------------------------------------------------------------------------


def _filters(errors: FormErrors) -> dict[str, Any]:
    """The filters asked for, checked by the API's own schema; the owner typed by name."""
    data = {k: request.args[k].strip() for k in _FILTERS if request.args.get(k, "").strip()}
    owner = request.args.get("owner", "").strip()
    if owner:
        owner_id = person_named(owner, "owner", errors)
        if owner_id:
            data["owner_id"] = owner_id
    loaded = validated(ActionQuery(), data, errors)
    if "as_of" in loaded and loaded["as_of"] > london_today():
        errors.add("as_of", "That day is still to come: judge overdue on today or a day before.")
        loaded.pop("as_of")
    return loaded if not errors else {}


def _rows(who: Principal, filters: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    app = meetings_app()
    visible = app.confidential_bodies(who)
    return app.find_actions(filters, filters.get("as_of"), 1, SHOWN, visible)


def status_words(row: dict[str, Any]) -> str:
    """The status in words: overdue is said, never only coloured."""
    if row.get("overdue"):
        return "Overdue"
    status = str(row["status"])
    return {"open": "Open", "done": "Done", "dropped": "Dropped"}.get(status, status)


def tracker_table(rows: list[dict[str, Any]], caption: str) -> Table:
    table = Table(
        caption,
        ("Due", "Status", "Action", "Body", "Owner", "Organisation", "Theme", "Complete"),
    )
    for row in rows:
        percent = row.get("percent_complete")
        table.add(
            (
                row["due_on"],
                status_words(row),
                row["description"],
                row.get("body_name"),
                row.get("owner_name"),
                row.get("organisation_name"),
                row.get("theme"),
                "—" if percent is None else f"{percent}%",
            ),
            (None, None, f"/console/actions/{row['id']}", None, None, None, None, None),
        )
    return table


@bp.get("/console/actions")
def tracker() -> tuple[str, int]:
    who = signed_in()
    errors = FormErrors()
    filters = _filters(errors)
    rows, total = _rows(who, filters)
    as_of = filters.get("as_of") or london_today()
    table = tracker_table(rows, f"Actions, overdue judged on {when(as_of)}")
    bodies, _ = meetings_app().list_bodies(1, 1000)
    orgs, _ = meetings_app().list_organisations(1, 1000)
    query = {k: v for k, v in request.args.items() if v.strip()}
    return render_template(
        "console/tracker_list.html",
        listing=table,
        rows=rows,
        total=total,
        shown=SHOWN,
        errors=errors,
        values=request.args,
        bodies=bodies,
        organisations=orgs,
        statuses=STATUSES,
        people=people_choices(),
        csv_query=query,
    ), 422 if errors else 200


@bp.get("/console/actions.csv")
def tracker_csv() -> Response:
    who = signed_in()
    errors = FormErrors()
    filters = _filters(errors)
    rows, _ = _rows(who, filters)
    as_of = filters.get("as_of") or london_today()
    return csv_download(
        [tracker_table(rows, f"Actions, overdue judged on {when(as_of)}")], "actions.csv"
    )


@bp.get("/console/actions/mine")
def my_actions() -> str:
    """What I own, across bodies: overdue first, then soonest due."""
    who = signed_in()
    mine: list[dict[str, Any]] = []
    if who.person_id is not None:
        rows, _ = _rows(who, {"owner_id": who.person_id, "status": "open"})
        mine = sorted(rows, key=lambda r: (not r["overdue"], r["due_on"]))
    return render_template(
        "console/tracker_mine.html",
        linked=who.person_id is not None,
        listing=tracker_table(mine, "Your open actions, overdue first"),
        overdue=sum(1 for r in mine if r["overdue"]),
    )


# An action -------------------------------------------------------------------------------


def _may(who: Principal, action_id: UUID, owner_may: bool) -> bool:
    try:
        meetings_app().check_action_updater(who, action_id, owner_may)
    except NotAllowedError:
        return False
    return True


def _history_reader(body_id: UUID) -> bool:
    try:
        require_history_reader(body_id)
    except NotAllowedError:
        return False
    return True


@bp.get("/console/actions/<uuid:action_id>")
def action_page(action_id: UUID) -> tuple[str, int]:
    signed_in()
    return _action_page(action_id, FormErrors(), {})


def _action_page(
    action_id: UUID, errors: FormErrors, values: Any, status: int | None = None
) -> tuple[str, int]:
    who = signed_in()
    app = meetings_app()
    visible = app.confidential_bodies(who)
    action, asked = read_as_at(as_at_asked(), lambda **kw: app.get_action(action_id, visible, **kw))
    people = names()
    withheld = "confidential_reason" in action
    updates = [_update_words(u, people) for u in action.get("updates", [])]
    body_id = UUID(str(action["body_id"]))
    return render_template(
        "console/action_page.html",
        a=action,
        owner=people.get(str(action.get("owner_id")), "no one named")
        if action.get("owner_id")
        else "no one named",
        body=app.get_body(body_id),
        updates=updates,
        asked=asked,
        banner_text=banner_words(asked) if asked.past and not asked.error else None,
        moment_value=moment_value(asked.moment),
        owner_may=not withheld and not asked.past and _may(who, action_id, True),
        clerk_may=not withheld and not asked.past and _may(who, action_id, False),
        history=_history_reader(body_id),
        open=action["status"] == "open",
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
    app.check_action_updater(who, action_id, owner_may)
    errors = FormErrors()
    loaded = validated(schema, data, errors)
    if errors:
        return _action_page(action_id, errors, request.form, 422)
    made = attempt(
        lambda: getattr(app, run)(cmd(action_id=action_id, recorded_by=who.label, **loaded)),
        errors,
    )
    if made is None:
        return _action_page(action_id, errors, request.form, 409)
    return see_other("console.action_page", action_id=action_id)


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
    meetings_app().check_action_updater(who, action_id, False)
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
