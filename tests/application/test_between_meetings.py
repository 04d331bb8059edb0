"""Between meetings through the use cases: chasing actions, the tracker, workplans."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest

from meetings.application import MeetingsApplication
from meetings.application.access import RECORD_TOOLS
from meetings.application.commands import (
    AddAgendaItem,
    AddWorkplanItem,
    AgreeAction,
    CompleteAction,
    DrawUpWorkplan,
    DropAction,
    EstablishBody,
    NoteProgress,
    OpenMeeting,
    ReassignAction,
    RegisterOrganisation,
    RegisterPerson,
    ReportItemStatus,
    ReviseDueDate,
    ScheduleMeeting,
)
from meetings.domain.errors import ActionClosedError, UnknownReferenceError
from meetings.domain.rules import london_today

STARTS = datetime(2026, 1, 20, 10, tzinfo=UTC)
DUE = date(2026, 3, 1)


@dataclass
class Partnership:
    body: UUID
    meeting: UUID
    item: str
    council: UUID
    owner: UUID
    other: UUID


@pytest.fixture
def sb(app: MeetingsApplication) -> Partnership:
    """South Bucks Partnership in session, with two people from two organisations."""
    body = app.establish_body(
        EstablishBody(name="South Bucks Partnership", short_name="SBP", kind="lsp")
    ).id
    council = app.register_organisation(
        RegisterOrganisation(name="South Bucks District Council", sector="public")
    ).id
    police = app.register_organisation(
        RegisterOrganisation(name="Thames Valley Police", sector="public")
    ).id
    owner = app.register_person(RegisterPerson(name="Olu Owner", organisation_id=council)).id
    other = app.register_person(RegisterPerson(name="Pat Police", organisation_id=police)).id
    scheduled = app.schedule_meeting(ScheduleMeeting(body_id=body, starts_at=STARTS))
    meeting = UUID(str(scheduled["id"]))
    debate = AddAgendaItem(meeting_id=meeting, title="Theme debate", kind="discussion")
    item = str(app.add_agenda_item(debate)["id"])
    app.open_meeting(OpenMeeting(meeting_id=meeting, at=STARTS))
    return Partnership(body, meeting, item, council, owner, other)


def _agree(app: MeetingsApplication, sb: Partnership, description: str, **kw: Any) -> UUID:
    fields: dict[str, Any] = {"owner_id": sb.owner, "due_on": DUE, **kw}
    entry = app.agree_action(
        AgreeAction(meeting_id=sb.meeting, item_id=sb.item, description=description, **fields)
    )
    return UUID(str(entry["action_id"]))


def _tracker(app: MeetingsApplication, as_of: date | None = None, **filters: Any) -> list[str]:
    rows, _ = app.list_actions(filters, as_of, 1, 100, RECORD_TOOLS)
    return [row.description for row in rows]


def test_an_actions_updates_are_kept_in_order(app: MeetingsApplication, sb: Partnership) -> None:
    action = _agree(app, sb, "Map the skills gap")
    app.note_progress(NoteProgress(action_id=action, note="Survey out", percent_complete=30))
    app.revise_due_date(ReviseDueDate(action_id=action, due_on=date(2026, 4, 1), reason="Late"))
    app.reassign_action(ReassignAction(action_id=action, owner_id=sb.other))
    app.complete_action(CompleteAction(action_id=action, note="Reported"))
    view = app.get_action(action, RECORD_TOOLS)
    assert [u["kind"] for u in view.updates] == [
        "progress",
        "due_date",
        "reassigned",
        "completed",
    ]
    assert (view.status, view.percent_complete, view.due_on) == (
        "done",
        100,
        date(2026, 4, 1),
    )


def test_a_reassigned_action_takes_the_new_owners_organisation(
    app: MeetingsApplication, sb: Partnership
) -> None:
    action = _agree(app, sb, "Map the skills gap")
    view = app.reassign_action(ReassignAction(action_id=action, owner_id=sb.other))
    assert view["organisation_id"] != sb.council
    assert _tracker(app, owner_id=sb.other) == ["Map the skills gap"]
    assert _tracker(app, owner_id=sb.owner) == []


def test_overdue_is_judged_as_of_the_day_asked(app: MeetingsApplication, sb: Partnership) -> None:
    _agree(app, sb, "Map the skills gap")
    assert _tracker(app, date(2026, 2, 28), status="overdue") == []
    assert _tracker(app, DUE, status="overdue") == []
    assert _tracker(app, date(2026, 3, 2), status="overdue") == ["Map the skills gap"]


def test_a_done_action_is_not_overdue(app: MeetingsApplication, sb: Partnership) -> None:
    action = _agree(app, sb, "Map the skills gap")
    app.complete_action(CompleteAction(action_id=action))
    rows, _ = app.list_actions({}, date(2026, 3, 2), 1, 100, RECORD_TOOLS)
    assert [(r.status, r.overdue) for r in rows] == [("done", False)]
    assert _tracker(app, date(2026, 3, 2), status="overdue") == []


def test_the_tracker_filters_by_status_theme_and_organisation(
    app: MeetingsApplication, sb: Partnership
) -> None:
    done = _agree(app, sb, "Done one", theme="Thriving Economy")
    dropped = _agree(app, sb, "Dropped one", theme="Safer Communities")
    _agree(app, sb, "Open one", theme="Thriving Economy", owner_id=sb.other)
    app.complete_action(CompleteAction(action_id=done))
    app.drop_action(DropAction(action_id=dropped, reason="Duplicate"))
    assert _tracker(app, status="open") == ["Open one"]
    assert _tracker(app, status="done") == ["Done one"]
    assert _tracker(app, status="dropped") == ["Dropped one"]
    assert sorted(_tracker(app, theme="thriving economy")) == ["Done one", "Open one"]
    assert sorted(_tracker(app, organisation_id=sb.council)) == ["Done one", "Dropped one"]


def test_completing_a_dropped_action_records_nothing(
    app: MeetingsApplication, sb: Partnership
) -> None:
    action = _agree(app, sb, "Map the skills gap")
    app.drop_action(DropAction(action_id=action, reason="Overtaken by events"))
    before = app.recorder.max_notification_id()
    with pytest.raises(ActionClosedError, match="Overtaken by events"):
        app.complete_action(CompleteAction(action_id=action))
    assert app.recorder.max_notification_id() == before


def test_an_action_at_an_earlier_version_lacks_later_updates(
    app: MeetingsApplication, sb: Partnership
) -> None:
    action = _agree(app, sb, "Map the skills gap")
    app.note_progress(NoteProgress(action_id=action, note="Started", percent_complete=10))
    app.drop_action(DropAction(action_id=action, reason="Duplicate"))
    earlier = app.get_action(action, RECORD_TOOLS, version=2)
    assert (earlier.status, earlier.percent_complete, len(earlier.updates)) == (
        "open",
        10,
        1,
    )


def test_open_actions_are_matters_arising_until_done(
    app: MeetingsApplication, sb: Partnership
) -> None:
    action = _agree(app, sb, "Map the skills gap")
    later = UUID(
        str(
            app.schedule_meeting(
                ScheduleMeeting(body_id=sb.body, starts_at=STARTS + timedelta(days=60))
            )["id"]
        )
    )
    assert [a.id for a in app.list_matters_arising(later, RECORD_TOOLS)] == [str(action)]
    app.complete_action(CompleteAction(action_id=action))
    assert app.list_matters_arising(later, RECORD_TOOLS) == []


def test_reminders_list_each_owners_overdue_and_due_soon_actions(
    app: MeetingsApplication, sb: Partnership
) -> None:
    _agree(app, sb, "Overdue")
    _agree(app, sb, "Due soon", due_on=date(2026, 3, 10))
    _agree(app, sb, "Not yet", due_on=date(2026, 6, 1))
    _agree(app, sb, "Someone else's", owner_id=sb.other, due_on=date(2026, 3, 5))
    done = _agree(app, sb, "Done", due_on=date(2026, 2, 1))
    app.complete_action(CompleteAction(action_id=done))
    reminders = app.list_reminders(date(2026, 3, 3), date(2026, 3, 17))
    mine = reminders[str(sb.owner)]
    assert [(r.description, r.overdue) for r in mine] == [
        ("Overdue", True),
        ("Due soon", False),
    ]
    assert [r.description for r in reminders[str(sb.other)]] == ["Someone else's"]


# Workplans ---------------------------------------------------------------------------


def _workplan(app: MeetingsApplication, sb: Partnership) -> tuple[UUID, str]:
    """A workplan of the partnership with one item under Thriving Economy."""
    workplan = UUID(
        str(
            app.draw_up_workplan(
                DrawUpWorkplan(
                    body_id=sb.body,
                    title="SCS workplan",
                    themes=["Thriving Economy", "Safer Communities"],
                )
            )["id"]
        )
    )
    item = app.add_workplan_item(
        AddWorkplanItem(workplan_id=workplan, theme="Thriving Economy", title="Skills hub")
    )
    return workplan, str(item["id"])


def test_actions_linked_to_a_workplan_item_count_in_its_progress(
    app: MeetingsApplication, sb: Partnership
) -> None:
    workplan, item = _workplan(app, sb)
    done = _agree(app, sb, "Find a site", workplan_item_id=UUID(item))
    _agree(app, sb, "Recruit tutors", workplan_item_id=UUID(item))
    _agree(app, sb, "Not in the plan")
    app.complete_action(CompleteAction(action_id=done))
    progress = app.get_workplan_progress(workplan)
    assert progress.actions == {"open": 1, "overdue": int(london_today() > DUE), "done": 1}
    assert sorted(_tracker(app, workplan_id=workplan)) == ["Find a site", "Recruit tutors"]


def test_an_action_for_an_unknown_workplan_item_is_refused(
    app: MeetingsApplication, sb: Partnership
) -> None:
    before = app.recorder.max_notification_id()
    with pytest.raises(UnknownReferenceError) as refused:
        _agree(app, sb, "Find a site", workplan_item_id=UUID(int=7))
    assert refused.value.field == "workplan_item_id"
    assert app.recorder.max_notification_id() == before


def test_a_workplan_as_at_a_moment_shows_the_status_reported_by_then(
    app: MeetingsApplication, sb: Partnership
) -> None:
    workplan, item = _workplan(app, sb)
    app.report_item_status(ReportItemStatus(workplan_id=workplan, item_id=item, status="at_risk"))
    between = datetime.now(tz=UTC)
    time.sleep(0.01)
    app.report_item_status(ReportItemStatus(workplan_id=workplan, item_id=item, status="done"))
    [then] = app.get_workplan(workplan, as_at=between).items
    [now] = app.get_workplan(workplan).items
    assert (then["status"], len(then["reports"])) == ("at_risk", 1)
    assert (now["status"], len(now["reports"])) == ("done", 2)
