"""The demo's workplan: the Implementation Group's plan by theme (South Bucks' way of
working, seed 002 § 3.2.4), its items' status as last reported, and the actions its
meetings agreed taken into the items of their theme, so progress by theme has numbers."""

from __future__ import annotations

from uuid import UUID

from demo.meetings import ADULTS, CROSS, CYP, ECONOMY, HEALTH, SAFER
from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AddWorkplanItem,
    DrawUpWorkplan,
    ReportItemStatus,
    TakeActionIntoWorkplan,
)

RECORDED_BY = "Demo loader"

#: (theme, item, status last reported) — every theme of the partnership's strategy.
ITEMS: tuple[tuple[str, str, str], ...] = (
    (CYP, "Early help offer agreed by every partner", "on_track"),
    (CYP, "School readiness gap narrowed", "at_risk"),
    (ADULTS, "Joint commissioning of reablement", "done"),
    (ADULTS, "Carers' strategy refreshed", "on_track"),
    (HEALTH, "Smoking cessation targets met", "off_track"),
    (HEALTH, "Healthy workplaces charter", "not_started"),
    (SAFER, "Anti-social behaviour hotspots plan", "on_track"),
    (ECONOMY, "Skills plan with the employers' forum", "at_risk"),
    (CROSS, "Workplan published and reported each quarter", "done"),
)


def draw_up_workplan(app: MeetingsApplication, body_id: UUID) -> UUID:
    """Record the workplan, report each item's status, and take the body's actions into
    the first item of their theme."""
    themes = list(dict.fromkeys(theme for theme, _, _ in ITEMS))
    plan = app.draw_up_workplan(
        DrawUpWorkplan(
            body_id=body_id,
            title="Implementation workplan by theme",
            themes=themes,
            recorded_by=RECORDED_BY,
        )
    )
    plan_id = UUID(str(plan["id"]))
    first_item: dict[str, str] = {}
    for theme, title, status in ITEMS:
        item = app.add_workplan_item(
            AddWorkplanItem(workplan_id=plan_id, theme=theme, title=title, recorded_by=RECORDED_BY)
        )
        first_item.setdefault(theme, str(item["id"]))
        if status != "not_started":
            app.report_item_status(
                ReportItemStatus(
                    workplan_id=plan_id,
                    item_id=str(item["id"]),
                    status=status,
                    note="As reported to the Implementation Group.",
                    recorded_by=RECORDED_BY,
                )
            )
    rows, _ = app.find_actions({"body_id": body_id}, None, 1, 1000, None)
    for row in rows:
        item_id = first_item.get(row["theme"] or "")
        if item_id is not None and row["status"] != "dropped":
            app.take_action_into_workplan(
                TakeActionIntoWorkplan(
                    workplan_id=plan_id,
                    item_id=item_id,
                    action_id=UUID(str(row["id"])),
                    recorded_by=RECORDED_BY,
                )
            )
    return plan_id
