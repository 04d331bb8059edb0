"""A workplan: items under its themes, status reports, progress by theme."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from meetings.domain.errors import InvalidFieldError, NotFoundError
from meetings.domain.workplan import Workplan

AT = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
ECONOMY, SAFER = "Thriving Economy", "Safer Communities"


def _workplan() -> Workplan:
    workplan = Workplan(uuid4(), "Sustainable Community Strategy 2026", [ECONOMY, SAFER])
    workplan.collect_events()
    return workplan


def _item(workplan: Workplan, theme: str = ECONOMY, title: str = "Skills hub") -> str:
    item_id = str(uuid4())
    workplan.add_item(item_id, theme, title, None, None)
    return item_id


def test_a_workplan_is_drawn_up_with_its_themes_and_no_items() -> None:
    body = uuid4()
    workplan = Workplan(body, "SCS workplan", [ECONOMY, SAFER])
    [drawn_up] = workplan.collect_events()
    assert isinstance(drawn_up, Workplan.DrawnUp)
    assert (drawn_up.body_id, drawn_up.themes) == (body, [ECONOMY, SAFER])
    assert workplan.items == {}


def test_an_item_is_added_under_a_theme_not_started() -> None:
    workplan, lead = _workplan(), uuid4()
    item = workplan.add_item("i-1", SAFER, "Neighbourhood watch", lead, date(2026, 9, 30))
    [added] = workplan.collect_events()
    assert isinstance(added, Workplan.ItemAdded)
    assert (added.theme, added.lead_organisation_id) == (SAFER, lead)
    assert (item["status"], item["reports"], item["due_on"]) == (
        "not_started",
        [],
        date(2026, 9, 30),
    )


def test_an_item_under_a_theme_the_workplan_lacks_is_refused() -> None:
    workplan = _workplan()
    with pytest.raises(InvalidFieldError, match="Thriving Economy, Safer Communities") as refused:
        workplan.add_item("i-1", "Health", "Smoking cessation", None, None)
    assert refused.value.field == "theme"
    assert workplan.collect_events() == [] and workplan.items == {}


def test_status_reports_keep_their_history() -> None:
    workplan = _workplan()
    item_id = _item(workplan)
    workplan.collect_events()
    workplan.report_status(item_id, "at_risk", "Funding gap", AT)
    item = workplan.report_status(item_id, "on_track", "Funding found", AT + timedelta(days=30))
    first, second = workplan.collect_events()
    assert isinstance(first, Workplan.StatusReported) and first.status == "at_risk"
    assert (second.status, second.note) == ("on_track", "Funding found")
    assert (item["status"], item["note"]) == ("on_track", "Funding found")
    assert [(r["status"], r["at"]) for r in item["reports"]] == [
        ("at_risk", AT),
        ("on_track", AT + timedelta(days=30)),
    ]


def test_an_earlier_view_of_an_item_is_not_changed_by_a_later_report() -> None:
    workplan = _workplan()
    item_id = _item(workplan)
    before = workplan.report_status(item_id, "at_risk", None, AT)
    workplan.report_status(item_id, "done", None, AT)
    assert before["status"] == "at_risk" and len(before["reports"]) == 1


def test_a_status_report_on_an_unknown_item_is_not_found() -> None:
    workplan = _workplan()
    with pytest.raises(NotFoundError):
        workplan.report_status("nope", "done", None, AT)
    assert workplan.collect_events() == []


def test_progress_counts_items_by_theme_with_percent_done() -> None:
    workplan = _workplan()
    done, at_risk, _ = (_item(workplan, title=t) for t in ("Hub", "Apprenticeships", "Broadband"))
    off_track = _item(workplan, SAFER, "CCTV")
    workplan.report_status(done, "done", None, AT)
    workplan.report_status(at_risk, "at_risk", None, AT)
    workplan.report_status(off_track, "off_track", None, AT)
    economy, safer = workplan.progress()
    assert economy == {
        "theme": ECONOMY,
        "items": 3,
        "done": 1,
        "percent_done": 33,
        "not_started": 1,
        "on_track": 0,
        "at_risk": 1,
        "off_track": 0,
    }
    assert (safer["items"], safer["done"], safer["percent_done"], safer["off_track"]) == (
        1,
        0,
        0,
        1,
    )


def test_progress_of_a_theme_without_items_is_zero_percent() -> None:
    workplan = _workplan()
    workplan.report_status(_item(workplan), "done", None, AT)
    economy, safer = workplan.progress()
    assert (economy["percent_done"], safer["items"], safer["percent_done"]) == (100, 0, 0)
