"""The demo's workplan, from `data/workplan.toml`: the Implementation Group's plan by theme
(South Bucks' way of working, seed 002 § 3.2.4), its items' status as last reported, and the
actions its meetings agreed taken into the items of their theme, so progress by theme has
numbers."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from demo.data import read
from meetings.application import MeetingsApplication
from meetings.application.access import RECORD_TOOLS
from meetings.application.commands import (
    AddWorkplanItem,
    DrawUpWorkplan,
    ReportItemStatus,
    TakeActionIntoWorkplan,
)

RECORDED_BY = "Demo loader"


def draw_up_workplan(app: MeetingsApplication, body_id: UUID) -> UUID:
    """Record the workplan, report each item's status, and take the body's actions into
    the first item of their theme."""
    plan: dict[str, Any] = read("workplan")
    items: list[dict[str, str]] = plan["items"]
    themes = list(dict.fromkeys(item["theme"] for item in items))
    answer = app.draw_up_workplan(
        DrawUpWorkplan(body_id=body_id, title=plan["title"], themes=themes, recorded_by=RECORDED_BY)
    )
    plan_id = UUID(str(answer["id"]))
    first_item: dict[str, str] = {}
    for item in items:
        item_id = _add_item(app, plan_id, item, plan["status_note"])
        first_item.setdefault(item["theme"], item_id)
    _take_actions_into(app, plan_id, body_id, first_item)
    return plan_id


def _add_item(app: MeetingsApplication, plan_id: UUID, item: dict[str, str], note: str) -> str:
    """An item of the plan, and its status as last reported (unless not started)."""
    added = app.add_workplan_item(
        AddWorkplanItem(
            workplan_id=plan_id, theme=item["theme"], title=item["title"], recorded_by=RECORDED_BY
        )
    )
    item_id = str(added["id"])
    if item["status"] != "not_started":
        app.report_item_status(
            ReportItemStatus(
                workplan_id=plan_id,
                item_id=item_id,
                status=item["status"],
                note=note,
                recorded_by=RECORDED_BY,
            )
        )
    return item_id


def _take_actions_into(
    app: MeetingsApplication, plan_id: UUID, body_id: UUID, first_item: dict[str, str]
) -> None:
    """Each of the body's actions not dropped, into the first item of its theme."""
    rows, _ = app.list_actions({"body_id": body_id}, None, 1, 1000, RECORD_TOOLS)
    for row in rows:
        item_id = first_item.get(row.theme or "")
        if item_id is not None and row.status != "dropped":
            app.take_action_into_workplan(
                TakeActionIntoWorkplan(
                    workplan_id=plan_id,
                    item_id=item_id,
                    action_id=UUID(str(row.id)),
                    recorded_by=RECORDED_BY,
                )
            )
