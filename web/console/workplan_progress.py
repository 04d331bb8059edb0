"""Workplan progress by theme, now or at the end of a past day: a bar chart drawn on the
server (accessible: the numbers in its description and again in a table), printable on
A4, with the workplan's actions. The numbers are the API's `GET /workplans/{id}/progress`
(the same application read), so the chart and the API always agree."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import render_template
from markupsafe import Markup

from meetings.application.dto.actions import ActionRow
from meetings.application.dto.workplans import WorkplanProgress
from meetings.domain.errors import NotFoundError
from web.console.common import bp, signed_in
from web.console.scrutiny_common import Table, csv_download, day_asked, when
from web.console.svg_chart import Bar, Part, stacked_bars
from web.console.tracker import tracker_table
from web.context import meetings_app

#: The states an item is in, as the chart counts them, with colours that keep 3:1 against
#: white and carry a number of the right contrast inside.
PARTS = (
    Part("done", "#00703c", "#ffffff"),
    Part("on track", "#1d70b8", "#ffffff"),
    Part("at risk", "#ffdd00", "#0b0c0c"),
    Part("off track", "#d4351c", "#ffffff"),
    Part("not started", "#b1b4b6", "#0b0c0c"),
)
_KEYS = ("done", "on_track", "at_risk", "off_track", "not_started")


@bp.get("/console/workplans")
def workplans() -> str:
    signed_in()
    app = meetings_app()
    bodies, _ = app.list_bodies(1, 1000)
    found = []
    for body in bodies:
        for plan in app.list_workplans(UUID(body.id)):
            found.append({"id": plan.id, "title": plan.title, "body_name": body.name})
    return render_template("console/workplan_list.html", workplans=found)


def _progress(workplan_id: UUID) -> tuple[WorkplanProgress, Any, str | None]:
    app = meetings_app()
    day, error = day_asked("as_at", None)
    try:
        return app.get_workplan_progress(workplan_id, day), day, error
    except NotFoundError as problem:
        if day is None:
            raise
        return app.get_workplan_progress(workplan_id, None), None, str(problem)


def progress_table(progress: WorkplanProgress) -> Table:
    table = Table(
        f"Items by theme, as at {when(progress.as_at)}",
        ("Theme", "Items", "Done", "On track", "At risk", "Off track", "Not started", "Done %"),
    )
    for theme in progress.themes:
        table.add(
            (
                theme.theme,
                str(theme.items),
                *(str(getattr(theme, k)) for k in _KEYS[:4]),
                str(theme.not_started),
                f"{theme.percent_done}%",
            )
        )
    return table


def _chart(title: str, progress: WorkplanProgress) -> Markup:
    """The items of each theme by status, as stacked bars."""
    return stacked_bars(
        "progress-chart",
        f"{title}: items by theme and status, as at {when(progress.as_at)}",
        PARTS,
        [Bar(t.theme, [getattr(t, k) for k in _KEYS]) for t in progress.themes],
        "items",
    )


@bp.get("/console/workplans/<uuid:workplan_id>")
def workplan_page(workplan_id: UUID) -> tuple[str, int]:
    who = signed_in()
    app = meetings_app()
    progress, day, error = _progress(workplan_id)
    plan = app.get_workplan(workplan_id)
    rows: list[ActionRow] = []
    if day is None:
        rows, _ = app.list_actions({"workplan_id": workplan_id}, None, 1, 1000, who)
    return render_template(
        "console/workplan_progress.html",
        plan=plan,
        body=app.get_body(plan.body_id),
        progress=progress,
        chart=_chart(plan.title, progress),
        listing=progress_table(progress),
        actions=progress.actions,
        linked=tracker_table(rows, "The workplan's actions, soonest due first"),
        day=day,
        typed=day.isoformat() if day else "",
        error=error,
    ), 422 if error else 200


@bp.get("/console/workplans/<uuid:workplan_id>/progress.csv")
def workplan_csv(workplan_id: UUID) -> Any:
    signed_in()
    progress, _, _ = _progress(workplan_id)
    return csv_download([progress_table(progress)], "workplan-progress.csv")
