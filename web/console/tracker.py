"""The action tracker for implementation groups: actions across bodies by filter, soonest
due first, overdue said in words; a CSV of exactly what is shown; and "My actions" (an
action's own page is in `action_page.py`).

Reading is the API's `GET /actions`: anyone signed in, with actions agreed under a
confidential item withheld by the same application reads."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from werkzeug.wrappers import Response

from meetings.application.dto.actions import ActionRow
from meetings.domain.rules import london_today
from meetings.infrastructure.tokens import Principal
from web.api.schemas.actions import (
    STATUSES,
    ActionQuery,
)
from web.console.common import FormErrors, bp, signed_in
from web.console.forms import people_choices, person_named, validated
from web.console.scrutiny_common import Table, csv_download, when
from web.context import meetings_app

#: At most this many actions on one page (and in its CSV); narrower filters show the rest.
SHOWN = 1000
_FILTERS = ("body_id", "status", "organisation_id", "theme", "as_of")


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


def _rows(who: Principal, filters: dict[str, Any]) -> tuple[list[ActionRow], int]:
    return meetings_app().list_actions(filters, filters.get("as_of"), 1, SHOWN, who)


def status_words(row: ActionRow) -> str:
    """The status in words: overdue is said, never only coloured."""
    if row.overdue:
        return "Overdue"
    status = row.status
    return {"open": "Open", "done": "Done", "dropped": "Dropped"}.get(status, status)


def tracker_table(rows: list[ActionRow], caption: str) -> Table:
    table = Table(
        caption,
        ("Due", "Status", "Action", "Body", "Owner", "Organisation", "Theme", "Complete"),
    )
    for row in rows:
        percent = row.percent_complete
        table.add(
            (
                row.due_on,
                status_words(row),
                row.description,
                row.body_name,
                row.owner_name,
                row.organisation_name,
                row.theme,
                "—" if percent is None else f"{percent}%",
            ),
            (None, None, f"/console/actions/{row.id}", None, None, None, None, None),
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
    mine: list[ActionRow] = []
    if who.person_id is not None:
        rows, _ = _rows(who, {"owner_id": who.person_id, "status": "open"})
        mine = sorted(rows, key=lambda r: (not r.overdue, r.due_on))
    return render_template(
        "console/tracker_mine.html",
        linked=who.person_id is not None,
        listing=tracker_table(mine, "Your open actions, overdue first"),
        overdue=sum(1 for r in mine if r.overdue),
    )
