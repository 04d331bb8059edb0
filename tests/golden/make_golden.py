"""Record a golden log: the stored rows of a year of the demo family, with its chain head
and the answers the API gave about it, for tests/golden/test_golden_log.py.

A golden log is recorded ONCE, by the code of a released shape, and then never again:
the test loads it with whatever code is current and checks it still reads the same.
Run it from a checkout of that release, never from a work tree with later edits:

    git worktree add /tmp/golden-src <commit>
    PYTHONPATH=/tmp/golden-src .venv/bin/python tests/golden/make_golden.py tests/golden/<yyyy-mm>

It records the demo (`meetings demo`), then, through the same use cases the API calls,
the kinds of event the demo does not hold (workplans, ratifications, an action's life
after its meeting, a referral taken up, a reordered agenda, rules revised, a chair's term
ended, a substitute withdrawn, a correction of an action, a stored idempotent answer), so
that the log holds every kind of event this release could record.
"""

from __future__ import annotations

import base64
import gzip
import json
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from demo import load_demo
from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AddAgendaItem,
    AddStandingItems,
    AddWorkplanItem,
    AgreeAction,
    AgreeAgenda,
    AgreeMinutes,
    CirculateMinutes,
    CloseMeeting,
    CompleteAction,
    CorrectEntry,
    DrawUpWorkplan,
    DropAction,
    EndChairTerm,
    NoteProgress,
    OpenMeeting,
    PublishAgenda,
    ReassignAction,
    RecordAttendance,
    RecordDecision,
    RecordRatification,
    ReorderAgenda,
    ReportItemStatus,
    ReviseBodyRules,
    ReviseDueDate,
    ScheduleMeeting,
    WithdrawSubstitute,
)
from meetings.idempotency import Idempotency
from meetings.infrastructure.settings import environment_for

RECORDED_BY = "golden-log"
BOARD = "Bucks Strategic Partnership Board"
IG = "BSP Implementation Group"
#: Answers that depend on "today" are asked as of this day, and the test asks the same.
AS_OF = "2026-06-30"
#: Workplan progress as it stood: after the day the log was recorded (the workplan's events
#: carry the time they were recorded, in December 2026).
PROGRESS_AS_AT = "2026-12-31"


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def record_extras(app: MeetingsApplication) -> dict[str, str]:
    """What the demo leaves out, recorded through the use cases; returns the ids used."""
    db = app.db
    bodies = {r["name"]: UUID(r["id"]) for r in db.all("SELECT id, name FROM rm_bodies")}
    board, ig = bodies[BOARD], bodies[IG]
    people = [UUID(r["id"]) for r in db.all("SELECT id FROM rm_people ORDER BY name")]

    app.revise_body_rules(
        ReviseBodyRules(body_id=ig, changes={"decision_notice_days": 10}, recorded_by=RECORDED_BY)
    )
    chairs = app.list_chairs(ig)
    ended = next(c for c in chairs if c.ends_on is None) if chairs else None
    if ended is not None:
        app.end_chair_term(
            EndChairTerm(
                body_id=ig,
                appointment_id=UUID(str(ended.id)),
                ends_on=date(2026, 11, 30),
                reason="Stood down at the end of the year",
                recorded_by=RECORDED_BY,
            )
        )
    sub = db.one(
        "SELECT s.membership_id, s.person_id, m.body_id FROM rm_substitutes s"
        " JOIN rm_memberships m ON m.id = s.membership_id LIMIT 1"
    )
    assert sub is not None, "the demo names substitutes"
    app.withdraw_substitute(
        WithdrawSubstitute(
            body_id=UUID(sub["body_id"]),
            membership_id=UUID(sub["membership_id"]),
            person_id=UUID(sub["person_id"]),
            withdrawn_on=date(2026, 5, 1),
            recorded_by=RECORDED_BY,
        )
    )

    # A workplan of the implementation group, its items and their status.
    plan = app.draw_up_workplan(
        DrawUpWorkplan(
            body_id=ig,
            title="Implementation workplan 2026",
            themes=["Economy", "Health and wellbeing"],
            recorded_by=RECORDED_BY,
        )
    )
    plan_id = UUID(str(plan["id"]))
    orgs = [UUID(r["id"]) for r in db.all("SELECT id FROM rm_organisations ORDER BY name")]
    item_ids = []
    for theme, title, due in (
        ("Economy", "Skills hub business case", date(2026, 5, 31)),
        ("Economy", "High street vacancy survey", date(2026, 9, 30)),
        ("Health and wellbeing", "Active travel pilot", date(2026, 4, 30)),
    ):
        added = app.add_workplan_item(
            AddWorkplanItem(
                workplan_id=plan_id,
                theme=theme,
                title=title,
                lead_organisation_id=orgs[0],
                due_on=due,
                recorded_by=RECORDED_BY,
            )
        )
        item_ids.append(str(added["id"]))
    app.report_item_status(
        ReportItemStatus(
            workplan_id=plan_id,
            item_id=item_ids[0],
            status="on_track",
            note="Draft with partners",
            recorded_by=RECORDED_BY,
        )
    )
    app.report_item_status(
        ReportItemStatus(
            workplan_id=plan_id, item_id=item_ids[2], status="done", recorded_by=RECORDED_BY
        )
    )

    # A meeting of the implementation group that refers a matter to the board, agrees an
    # action on the workplan, and corrects it.
    starts = _at("2026-04-21T13:00:00")
    meeting_id = UUID(
        str(
            app.schedule_meeting(
                ScheduleMeeting(
                    body_id=ig, starts_at=starts, venue="The Gateway", recorded_by=RECORDED_BY
                )
            )["id"]
        )
    )
    standing = app.add_standing_items(
        AddStandingItems(meeting_id=meeting_id, recorded_by=RECORDED_BY)
    )["agenda"]
    item = str(
        app.add_agenda_item(
            AddAgendaItem(
                meeting_id=meeting_id,
                title="Skills hub: the case for the board",
                kind="decision",
                recorded_by=RECORDED_BY,
            )
        )["id"]
    )
    order = [item] + [str(i["id"]) for i in standing]
    app.reorder_agenda(
        ReorderAgenda(meeting_id=meeting_id, item_ids=order, recorded_by=RECORDED_BY)
    )
    members = db.all(
        "SELECT person_id FROM rm_memberships WHERE body_id = ? AND capacity = 'member'"
        " AND (ends_on IS NULL OR ends_on >= '2026-04-21') AND starts_on <= '2026-04-21'",
        (str(ig),),
    )
    chair = app.list_chairs(ig)[0].person_id
    app.agree_agenda(
        AgreeAgenda(
            meeting_id=meeting_id,
            person_id=UUID(str(chair)),
            at=_at("2026-04-07T10:00:00"),
            recorded_by=RECORDED_BY,
        )
    )
    app.publish_agenda(
        PublishAgenda(meeting_id=meeting_id, at=_at("2026-04-10T10:00:00"), recorded_by=RECORDED_BY)
    )
    app.open_meeting(OpenMeeting(meeting_id=meeting_id, at=starts, recorded_by=RECORDED_BY))
    for row in members:
        app.record_attendance(
            RecordAttendance(
                meeting_id=meeting_id,
                person_id=UUID(row["person_id"]),
                status="present",
                at=starts,
                recorded_by=RECORDED_BY,
            )
        )
    decision = app.record_decision(
        RecordDecision(
            meeting_id=meeting_id,
            item_id=item,
            text="The group refers the skills hub business case to the board for approval.",
            method="consensus",
            within_delegated_authority=False,
            referred_to=board,
            recorded_by=RECORDED_BY,
        )
    )
    decision_id = str(decision.get("decision_id") or decision["id"])
    action = app.agree_action(
        AgreeAction(
            meeting_id=meeting_id,
            item_id=item,
            description="Circulate the skills hub business case to partners",
            owner_id=people[0],
            due_on=date(2026, 5, 15),
            theme="Economy",
            workplan_item_id=UUID(item_ids[0]),
            recorded_by=RECORDED_BY,
        )
    )
    action_id = str(action["id"])
    app.correct_entry(
        CorrectEntry(
            meeting_id=meeting_id,
            entry_id=action_id,
            reason="The owner asked for more time at the meeting",
            replacement={"due_on": date(2026, 5, 29)},
            recorded_by=RECORDED_BY,
        )
    )
    app.close_meeting(
        CloseMeeting(meeting_id=meeting_id, at=_at("2026-04-21T15:00:00"), recorded_by=RECORDED_BY)
    )
    app.agree_minutes(
        AgreeMinutes(
            meeting_id=meeting_id,
            person_id=UUID(str(chair)),
            at=_at("2026-04-24T10:00:00"),
            recorded_by=RECORDED_BY,
        )
    )
    app.circulate_minutes(
        CirculateMinutes(
            meeting_id=meeting_id, at=_at("2026-04-27T10:00:00"), recorded_by=RECORDED_BY
        )
    )

    # The board takes the referral up at its next meeting (already scheduled).
    next_board = db.one(
        "SELECT id FROM rm_meetings WHERE body_id = ? AND status = 'scheduled'"
        " ORDER BY starts_at LIMIT 1",
        (str(board),),
    )
    assert next_board is not None, "the demo schedules the board's next meeting"
    app.add_agenda_item(
        AddAgendaItem(
            meeting_id=UUID(next_board["id"]),
            title="Skills hub business case (referred by the implementation group)",
            kind="decision",
            referral_of=UUID(decision_id),
            recorded_by=RECORDED_BY,
        )
    )

    # Actions between meetings: progress, a new date, a new owner, done, dropped; one of
    # them answered under an Idempotency-Key (the stored answer is an event too: the 2026-12
    # log holds the HTTP answer then kept, a later log the command's result as data).
    open_actions = [
        UUID(r["id"])
        for r in db.all("SELECT id FROM rm_actions WHERE status = 'open' ORDER BY agreed_at, id")
    ]
    first, second, third, fourth = open_actions[:4]
    app.note_progress(
        NoteProgress(
            action_id=first,
            note="Half the partners have replied",
            percent_complete=50,
            recorded_by=RECORDED_BY,
            idempotency=Idempotency(
                principal_id="golden-log",
                key="golden-progress-1",
                fingerprint="golden-progress-1",
            ),
        )
    )
    app.revise_due_date(
        ReviseDueDate(
            action_id=second,
            due_on=date(2026, 9, 30),
            reason="Waiting for the census figures",
            recorded_by=RECORDED_BY,
        )
    )
    app.reassign_action(
        ReassignAction(action_id=third, owner_id=people[1], recorded_by=RECORDED_BY)
    )
    app.complete_action(
        CompleteAction(action_id=fourth, note="Sent to all partners", recorded_by=RECORDED_BY)
    )
    app.drop_action(
        DropAction(
            action_id=open_actions[4],
            reason="Overtaken by the county's own review",
            recorded_by=RECORDED_BY,
        )
    )

    # Ratifications of a decision that needs the partners' agreement.
    needs = db.one("SELECT id FROM rm_decisions WHERE requires_ratification = 1 LIMIT 1")
    if needs is None:
        needs = db.one("SELECT id FROM rm_decisions WHERE requires_ratification LIMIT 1")
    assert needs is not None, "the demo records a decision that needs ratification"
    ratified = UUID(needs["id"])
    parties = app.get_decision(ratified, None)["parties"]
    for party, outcome, day in zip(
        parties[:2], ("ratified", "declined"), (date(2026, 4, 1), date(2026, 4, 8)), strict=False
    ):
        app.record_ratification(
            RecordRatification(
                decision_id=ratified,
                organisation_id=UUID(str(party)),
                outcome=outcome,
                on=day,
                recorded_by=RECORDED_BY,
            )
        )
    return {
        "board": str(board),
        "implementation_group": str(ig),
        "workplan": str(plan_id),
        "ig_meeting": str(meeting_id),
        "referred_decision": decision_id,
        "ratified_decision": str(ratified),
    }


def questions(ids: dict[str, str], app: MeetingsApplication) -> dict[str, str]:
    """The API paths whose answers are saved beside the log (the test asks them again)."""
    db = app.db
    corrected = db.one(
        "SELECT m.id FROM rm_meetings m JOIN rm_agenda_items i ON i.meeting_id = m.id"
        " WHERE i.confidential = 1 AND m.minutes_status = 'published' LIMIT 1"
    )
    assert corrected is not None, "the demo publishes minutes with a confidential item"
    published = [
        r["id"]
        for r in db.all(
            "SELECT id FROM rm_meetings WHERE body_id = ? AND minutes_status = 'published'"
            " ORDER BY starts_at",
            (ids["board"],),
        )
    ]
    board, plan = ids["board"], ids["workplan"]
    return {
        "board_members_2025_10_01": f"/bodies/{board}/memberships?as_at=2025-10-01",
        "board_members_2026_06_30": f"/bodies/{board}/memberships?as_at=2026-06-30",
        "confidential_minutes": f"/meetings/{corrected['id']}/minutes",
        "board_minutes_first": f"/meetings/{published[0]}/minutes",
        "board_minutes_last": f"/meetings/{published[-1]}/minutes",
        "ig_meeting": f"/meetings/{ids['ig_meeting']}",
        "ig_minutes": f"/meetings/{ids['ig_meeting']}/minutes",
        "tracker": f"/actions?as_of={AS_OF}",
        "tracker_overdue": f"/actions?as_of={AS_OF}&status=overdue",
        "tracker_board": f"/actions?as_of={AS_OF}&body_id={board}",
        "register": "/decisions",
        "register_ratification": "/decisions?requires_ratification=true",
        "ratified_decision": f"/decisions/{ids['ratified_decision']}",
        "workplan_progress": f"/workplans/{plan}/progress?as_at={PROGRESS_AS_AT}",
        "workplan": f"/workplans/{plan}",
        "verify": "/audit/verify",
    }


def ask(app: MeetingsApplication, paths: dict[str, str]) -> dict[str, Any]:
    """The answers an administrator gets, and the public minutes a visitor gets."""
    from meetings.domain.values import Role
    from web import create_app

    _, secret = app.tokens.create(Role.ADMIN, "golden-log")
    client = create_app(app).test_client()
    answers: dict[str, Any] = {}
    for name, path in paths.items():
        response = client.get("/api/v1" + path, headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == 200, (path, response.get_data(as_text=True))
        answers[name] = response.get_json()
    public = client.get("/api/v1" + paths["confidential_minutes"])
    assert public.status_code == 200, public.get_data(as_text=True)
    answers["confidential_minutes_public"] = public.get_json()
    paths["confidential_minutes_public"] = paths["confidential_minutes"]
    return answers


def main(out: Path) -> None:
    import meetings

    print(f"recording with the code in {Path(meetings.__file__).parent}")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        app = MeetingsApplication(environment_for(f"sqlite:///{tmp}/golden.sqlite3"))
        try:
            load_demo(app)
            app.projector.catch_up()
            ids = record_extras(app)
            app.projector.catch_up()
            lines = list(app.list_log_export())
            position, head = app.get_chain_head()
            paths = questions(ids, app)
            answers = ask(app, paths)
        finally:
            app.close()
    with gzip.GzipFile(out / "events.jsonl.gz", "wb", mtime=0) as f:
        for line in lines:
            f.write((json.dumps(line, separators=(",", ":"), sort_keys=True) + "\n").encode())
    topics = sorted({line["topic"] for line in lines})
    (out / "head.json").write_text(
        json.dumps(
            {
                "position": position,
                "hash": head,
                "events": len(lines),
                "recorded_from": sys.argv[2] if len(sys.argv) > 2 else "unknown",
                "as_of": AS_OF,
                "ids": ids,
                "topics": topics,
            },
            indent=1,
        )
        + "\n"
    )
    (out / "answers.json").write_text(
        json.dumps({"paths": paths, "answers": answers}, indent=1, sort_keys=True) + "\n"
    )
    markdown = answers["confidential_minutes"]["markdown"]
    (out / "minutes.md").write_text(markdown)
    # A check that the stored bytes went out whole: every line decodes.
    for line in lines:
        base64.b64decode(line["stored"], validate=True)
    print(f"{len(lines)} events, head {position}:{head}, {len(topics)} kinds of event")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
