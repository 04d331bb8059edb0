"""The demonstration record: the Buckinghamshire partnership family, loaded once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import FrozenInstanceError
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest

from demo import (
    AS_OF,
    CADEX_LA_GROUP,
    CADEX_PARTNERSHIP_GROUP,
    DemoSummary,
    load_demo,
    weeks_since_written,
)
from demo import day as demo_day
from meetings.application import MeetingsApplication
from meetings.application.access import RECORD_TOOLS
from meetings.application.dto.meetings import MeetingView
from meetings.application.dto.minutes import Minutes
from meetings.application.dto.structure import BodyRow
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.body import Body
from meetings.domain.errors import NotFoundError
from meetings.domain.rules import in_term
from meetings.domain.values import Role
from meetings.infrastructure.settings import environment_for
from meetings.infrastructure.tokens import Principal

LONDON = ZoneInfo("Europe/London")
#: The demo's dates move with the day it is loaded (issue 17, item 18); the tests load it as
#: of the day in MEETINGS_DEMO_AS_OF (tests/conftest.py), and one test as of today.
TODAY = AS_OF
#: A reader of the record who sees no body's confidential content (a scrutiny token).
NOT_CONFIDENTIAL = Principal("scrutiny", "a scrutiny reader", Role.SCRUTINY)


@pytest.fixture(scope="module")
def loaded() -> Iterator[tuple[MeetingsApplication, DemoSummary]]:
    app = MeetingsApplication(environment_for("sqlite:///:memory:"))
    summary = load_demo(app)
    yield app, summary
    app.close()


@pytest.fixture
def app(loaded: tuple[MeetingsApplication, DemoSummary]) -> MeetingsApplication:
    return loaded[0]


def bodies_by_short_name(app: MeetingsApplication) -> dict[str, BodyRow]:
    rows, _ = app.list_bodies(1, 1000)
    return {row.short_name: row for row in rows}


def body_id(app: MeetingsApplication, short_name: str) -> UUID:
    return UUID(bodies_by_short_name(app)[short_name].id)


def board_seat(app: MeetingsApplication, seat: str, day: date) -> list[dict[str, Any]]:
    rows = app.list_body_memberships(body_id(app, "BSP Board"), day)
    return [row for row in rows if row.seat == seat]


def meetings_of(app: MeetingsApplication, *short_names: str) -> list[dict[str, Any]]:
    """The meetings of some bodies as they read, in the order they were held."""
    rows = [row for name in short_names for row in app.list_meetings(body_id(app, name))]
    rows.sort(key=lambda row: row.starts_at)
    return [meeting_view(app.get_meeting(UUID(row.id))) for row in rows]


def board_meeting(app: MeetingsApplication, day: date) -> dict[str, Any]:
    return next(v for v in meetings_of(app, "BSP Board") if v["starts_at"].date() == day)


def item(view: dict[str, Any], title_start: str) -> dict[str, Any]:
    return next(i for i in view["agenda"] if i["title"].startswith(title_start))


def on_item(view: dict[str, Any], key: str, title_start: str) -> list[dict[str, Any]]:
    item_id = item(view, title_start)["id"]
    return [entry for entry in view[key] if entry["item_id"] == item_id]


def test_the_summary_counts_what_was_recorded(
    loaded: tuple[MeetingsApplication, DemoSummary],
) -> None:
    _, summary = loaded
    assert not summary.already_loaded
    assert summary.organisations >= 18
    assert summary.bodies == 14
    assert summary.people > 30
    assert summary.memberships > 60
    assert summary.meetings == 26
    # Issue 17, item 18: the command line prints a sentence, not the dataclass.
    sentence = str(summary)
    assert sentence.endswith(".") and "DemoSummary(" not in sentence
    assert f"{summary.meetings} meetings" in sentence


def test_the_demos_year_of_meetings_ends_just_before_the_day_it_is_loaded(
    app: MeetingsApplication,
) -> None:
    """Issue 17, item 18: the dates follow the day the demo is loaded."""
    held = [v for v in meetings_of(app, "BSP Board") if v["status"] == "closed"]
    last = held[-1]["starts_at"].astimezone(LONDON).date()
    assert TODAY - timedelta(weeks=9) < last < TODAY
    assert demo_day(2026, 3, 12) == last
    assert weeks_since_written(date(2026, 3, 31)) == timedelta(0)  # never moved backwards
    assert weeks_since_written(date(2026, 4, 15)) == timedelta(weeks=2)


def test_loaded_today_the_demo_is_dated_for_today() -> None:
    """Issue 17, item 18, in a process of its own (the dates are worked out on import)."""
    env = {k: v for k, v in os.environ.items() if k != "MEETINGS_DEMO_AS_OF"}
    script = (
        "from meetings.application import MeetingsApplication\n"
        "from meetings.infrastructure.settings import environment_for\n"
        "from demo import load_demo\n"
        "from meetings.domain.rules import london_today\n"
        "from uuid import UUID\n"
        "app = MeetingsApplication(environment_for('sqlite:///:memory:'))\n"
        "print(load_demo(app))\n"
        "rows, _ = app.list_bodies(1, 1000)\n"
        "board = next(UUID(r.id) for r in rows if r.short_name == 'BSP Board')\n"
        "held = [m for m in app.list_meetings(board) if m.status == 'closed']\n"
        "print((london_today() - held[-1].starts_at.date()).days)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    sentence, days_ago = done.stdout.strip().splitlines()
    assert "meetings" in sentence and "DemoSummary(" not in sentence
    assert 0 < int(days_ago) < 7 * 9


def test_loading_again_records_nothing_and_says_so(app: MeetingsApplication) -> None:
    before = app.recorder.max_notification_id()
    again = load_demo(app)
    assert again.already_loaded and app.recorder.max_notification_id() == before
    assert "already loaded" in str(again)


def test_the_family_of_bodies_and_its_reporting_lines(app: MeetingsApplication) -> None:
    bodies = bodies_by_short_name(app)
    board = str(bodies["BSP Board"].id)
    cadex = str(bodies["CADEX"].id)
    assert bodies["BSP Conference"].kind == "conference"
    assert bodies["BSP Conference"].reports_to is None
    assert bodies["BSP Board"].kind == "board"
    assert bodies["BSP Board"].reports_to is None
    assert (bodies["BSP IG"].kind, bodies["BSP IG"].reports_to) == ("executive", board)
    assert (bodies["CADEX"].kind, bodies["CADEX"].reports_to) == ("officers", board)
    for group in ("CADEX LA", "CADEX Partners"):
        assert (bodies[group].kind, bodies[group].reports_to) == ("sub_group", cadex)
        # Wound up: CADEX meets as one committee with two groups.
        former = app.get_body(body_id(app, group))
        assert former.ends_on == demo_day(2025, 3, 31)
        assert app.get_wound_up(former.id)
    thematic = [row for row in bodies.values() if row.kind == "thematic"]
    assert len(thematic) == 5
    assert all(str(row.reports_to) == board for row in thematic)


def test_the_board_rules_and_what_it_replaces(app: MeetingsApplication) -> None:
    bodies = bodies_by_short_name(app)
    board = app.get_body(body_id(app, "BSP Board"))
    assert board.name == "Bucks Strategic Partnership Board"
    assert (board.decision_method, board.quorum) == ("consensus", 6)
    assert (board.decision_notice_days, board.agenda_notice_working_days) == (10, 5)
    assert board.cadence == "quarterly"
    assert board.purpose
    assert {str(b) for b in board.replaces} == {
        str(bodies["BSP SG"].id),
        str(bodies["PFG"].id),
    }
    group = app.get_body(body_id(app, "BSP IG"))
    assert [str(b) for b in group.replaces] == [str(bodies["LAA PB"].id)]
    cadex = app.get_body(body_id(app, "CADEX"))
    assert (cadex.cadence, cadex.agenda_notice_working_days) == ("monthly", 5)


def test_the_board_has_members_advisers_and_an_observer(app: MeetingsApplication) -> None:
    rows = app.list_body_memberships(body_id(app, "BSP Board"), demo_day(2025, 6, 1))
    capacities = [row.capacity for row in rows]
    assert capacities.count("member") == 19
    assert capacities.count("adviser") == 5
    assert capacities.count("observer") == 1
    observer = next(row for row in rows if row.capacity == "observer")
    assert observer.seat == "Government Office for the South East"


def test_a_seat_changes_hands(app: MeetingsApplication) -> None:
    seat = "Leader of Wycombe District Council"
    before = board_seat(app, seat, demo_day(2025, 5, 20))
    after = board_seat(app, seat, demo_day(2025, 5, 21))
    assert [row.person_name for row in before] == ["Cllr David Farrant"]
    assert [row.person_name for row in after] == ["Cllr Katherine Blyth"]
    ended = app.get_membership(body_id(app, "BSP Board"), UUID(str(before[0].id)))
    assert ended.ends_on == demo_day(2025, 5, 20)
    assert ended.end_reason


def test_board_members_have_named_substitutes(app: MeetingsApplication) -> None:
    rows = app.list_body_memberships(body_id(app, "BSP Board"), demo_day(2025, 6, 1))
    with_substitutes = {
        row.seat: [s.person_name for s in row.substitutes] for row in rows if row.substitutes
    }
    assert len(with_substitutes) >= 5
    assert with_substitutes["Leader of Wycombe District Council"] == ["Cllr Imran Sadiq"]


def test_a_person_sits_on_several_bodies(app: MeetingsApplication) -> None:
    rows = app.list_body_memberships(body_id(app, "CADEX"), demo_day(2025, 6, 1))
    chief_executive = next(row for row in rows if "County Council" in row.seat)
    person_id = UUID(str(chief_executive.person_id))
    held = app.list_person_memberships(person_id, demo_day(2025, 6, 1))
    assert {row.body_name for row in held} >= {
        "Bucks Strategic Partnership Board",
        "BSP Implementation Group",
        "CADEX",
    }


def test_the_cadex_partnership_group_adds_health_police_and_fire(
    app: MeetingsApplication,
) -> None:
    day = demo_day(2025, 6, 1)
    cadex = app.get_body(body_id(app, "CADEX"))
    assert cadex.groups == [CADEX_LA_GROUP, CADEX_PARTNERSHIP_GROUP]
    seats = app.list_body_memberships(cadex.id, day)
    groups = {
        row.person_id: app.get_membership(cadex.id, UUID(str(row.id))).groups for row in seats
    }
    local = {p for p, g in groups.items() if CADEX_LA_GROUP in g}
    partners = {p for p, g in groups.items() if CADEX_PARTNERSHIP_GROUP in g}
    assert len(local) == 5
    assert len(partners) == 8
    assert local < partners


def test_the_cadex_chair_rotates_every_three_months(app: MeetingsApplication) -> None:
    chairs = app.list_chairs(body_id(app, "CADEX"))
    terms = sorted(chairs, key=lambda t: t.starts_on)
    assert (terms[0].starts_on, terms[0].ends_on) == (demo_day(2025, 4, 1), demo_day(2025, 6, 30))
    assert (terms[1].starts_on, terms[1].ends_on) == (demo_day(2025, 7, 1), demo_day(2025, 9, 30))
    assert terms[0].person_id != terms[1].person_id
    assert len({t.person_id for t in terms}) == 5
    for earlier, later in pairwise(terms):
        assert earlier.ends_on is not None
        assert (later.starts_on - earlier.ends_on).days == 1


def test_the_board_has_a_chair_and_vice_chair(app: MeetingsApplication) -> None:
    roles = {t.role: t.person_name for t in app.list_chairs(body_id(app, "BSP Board"))}
    assert roles == {"chair": "Cllr Margaret Ashdown", "vice_chair": "Cllr Richard Pemberton"}


def test_terms_of_reference_versions_are_kept(app: MeetingsApplication) -> None:
    board = app.list_terms_of_reference(body_id(app, "BSP Board"))
    assert [t.version for t in board] == [1, 2]
    assert board[0].adopted_on < board[1].adopted_on
    assert "To provide a voice to promote Buckinghamshire" in board[0].text
    cadex = app.list_terms_of_reference(body_id(app, "CADEX"))
    assert cadex[0].adopted_on == demo_day(2006, 6, 1)
    assert "three consecutive meetings" in cadex[0].text


def test_everything_is_recorded_by_the_demo_loader(app: MeetingsApplication) -> None:
    history = app.get_history(Body, "body", body_id(app, "BSP Board"))
    assert {entry.recorded_by for entry in history} == {"demo loader"}


def test_loading_again_records_nothing(app: MeetingsApplication) -> None:
    before = app.recorder.max_notification_id()
    summary = load_demo(app)
    assert summary.already_loaded
    assert app.recorder.max_notification_id() == before


# Meetings --------------------------------------------------------------------------------


def test_the_board_met_quarterly_and_has_a_meeting_to_come(app: MeetingsApplication) -> None:
    views = meetings_of(app, "BSP Board")
    held = [v for v in views if v["status"] == "closed"]
    assert [v["starts_at"].astimezone(LONDON).date() for v in held] == [
        demo_day(2025, 6, 12),
        demo_day(2025, 9, 11),
        demo_day(2025, 12, 11),
        demo_day(2026, 3, 12),
    ]
    assert all(v["opened_at"] == v["starts_at"] < v["closed_at"] for v in held)
    assert all(v["closed_at"].date() == v["opened_at"].date() for v in held)
    future = views[-1]
    assert future["starts_at"] == datetime.combine(demo_day(2027, 1, 14), time(10), tzinfo=LONDON)
    assert future["status"] == "scheduled"
    assert future["agenda"]
    assert future["agenda_agreed"] is None
    assert future["agenda_published_at"] is None


def test_a_board_agenda_has_standing_items_and_is_agreed_by_the_chair(
    app: MeetingsApplication,
) -> None:
    chair = next(t for t in app.list_chairs(body_id(app, "BSP Board")) if t.role == "chair")
    for view in meetings_of(app, "BSP Board")[:4]:
        kinds = [i["kind"] for i in view["agenda"]]
        assert kinds[:2] == ["minutes", "matters_arising"]
        assert item(view, "Report from the Implementation Group")
        assert view["agenda_agreed"]["person_id"] == chair.person_id
        assert view["agenda_published_at"] is not None
    secret = [i for v in meetings_of(app, "BSP Board") for i in v["agenda"] if i["confidential"]]
    assert secret
    assert all(i["confidential_reason"] for i in secret)


def test_a_district_leader_sends_a_named_substitute(app: MeetingsApplication) -> None:
    view = board_meeting(app, demo_day(2025, 6, 12))
    leader = board_seat(app, "Leader of Wycombe District Council", demo_day(2025, 6, 12))[0]
    leader_id = UUID(str(leader.person_id))
    by_person = {row["person_id"]: row for row in view["attendance"]}
    assert by_person[leader_id]["status"] == "apologies"
    substitute = next(row for row in view["attendance"] if row["substitute_for"])
    assert substitute["substitute_for"] == leader_id
    assert (substitute["status"], substitute["capacity"]) == ("present", "member")
    named = [str(s.person_id) for s in leader.substitutes]
    assert str(substitute["person_id"]) in named


def test_a_board_meeting_has_advisers_an_observer_officers_and_a_guest(
    app: MeetingsApplication,
) -> None:
    view = board_meeting(app, demo_day(2025, 6, 12))
    capacities = [row["capacity"] for row in view["attendance"]]
    assert capacities.count("adviser") == 5
    assert capacities.count("observer") == 1
    assert capacities.count("officer") >= 1
    guest = next(row for row in view["attendance"] if row["capacity"] == "guest")
    assert guest["admitted_by_chair"]
    statuses = [row["status"] for row in view["attendance"] if row["capacity"] == "member"]
    assert 1 <= statuses.count("apologies") <= 3
    assert statuses.count("present") >= 15


def test_late_arrivals_and_early_departures_are_timed(app: MeetingsApplication) -> None:
    view = board_meeting(app, demo_day(2025, 6, 12))
    present = [row for row in view["attendance"] if row["status"] == "present"]
    assert any(row["at"] > view["opened_at"] for row in present)
    left = [row for row in present if row["left_at"] is not None]
    assert left
    assert all(view["opened_at"] < row["left_at"] < view["closed_at"] for row in left)
    assert len(view["departures"]) == len(left)


def test_declarations_of_interest_one_withdrawing(app: MeetingsApplication) -> None:
    view = board_meeting(app, demo_day(2025, 6, 12))
    declarations = on_item(view, "declarations", "LAA Reward Grant")
    assert len(declarations) == 2
    assert [d["withdrew"] for d in declarations].count(True) == 1
    assert all(d["interest"] for d in declarations)


def test_ratification_depends_on_notice_on_the_forward_plan(app: MeetingsApplication) -> None:
    view = board_meeting(app, demo_day(2025, 6, 12))
    with_notice = item(view, "Sustainable Community Strategy")
    assert with_notice["forward_plan_id"] is not None
    [decided] = on_item(view, "decisions", "Sustainable Community Strategy")
    assert (decided["method"], decided["requires_ratification"]) == ("consensus", False)
    assert item(view, "LAA Reward Grant")["forward_plan_id"] is None
    [unnotified] = on_item(view, "decisions", "LAA Reward Grant")
    assert (unnotified["method"], unnotified["requires_ratification"]) == ("consensus", True)
    [noted] = on_item(view, "decisions", "Report from the Implementation Group")
    assert (noted["method"], noted["requires_ratification"]) == ("noted", False)
    plan = app.list_forward_plan(body_id(app, "BSP Board"))
    notice = next(p for p in plan if p.id == str(with_notice["forward_plan_id"]))
    assert (demo_day(2025, 6, 12) - notice.notified_on).days >= 10


def test_board_actions_have_owners_organisations_themes_and_due_dates(
    app: MeetingsApplication,
) -> None:
    actions = [a for v in meetings_of(app, "BSP Board") for a in v["actions"]]
    assert len(actions) >= 10
    assert all(a["owner_id"] and a["organisation_id"] and a["theme"] for a in actions)
    assert len({a["theme"] for a in actions}) >= 4
    assert any(a["due_on"] < TODAY for a in actions)
    assert any(a["due_on"] > TODAY for a in actions)


def test_a_typing_error_is_corrected_and_a_duplicate_retracted(
    app: MeetingsApplication,
) -> None:
    view = board_meeting(app, demo_day(2025, 6, 12))
    corrected, retracted = view["corrections"]
    assert (corrected["kind"], corrected["retracted"]) == ("note", False)
    assert "Comunity" in corrected["previous"]["text"]
    assert corrected["reason"]
    note = next(n for n in view["notes"] if n["id"] == corrected["entry_id"])
    assert "Community Strategy" in note["text"]
    assert (retracted["kind"], retracted["retracted"]) == ("action", True)
    assert retracted["entry_id"] not in {a["id"] for a in view["actions"]}
    later = board_meeting(app, demo_day(2025, 9, 11))
    arising = app.list_matters_arising(later["id"], RECORD_TOOLS)
    ratify = [a for a in arising if a.description == retracted["previous"]["description"]]
    assert [a.id for a in ratify] != [str(retracted["previous"]["action_id"])]
    assert len(ratify) == 1


def test_cadex_meets_monthly_alternating_between_its_groups(app: MeetingsApplication) -> None:
    views = meetings_of(app, "CADEX")
    assert len(views) == 12
    months = [(v["starts_at"].year, v["starts_at"].month) for v in views]
    assert len(set(months)) == 12
    groups = [tuple(v["groups"]) for v in views]
    assert set(groups) == {(CADEX_LA_GROUP,), (CADEX_PARTNERSHIP_GROUP,)}
    assert all(a != b for a, b in pairwise(groups))
    assert all(v["status"] == "closed" for v in views)


def test_the_cadex_chair_of_the_day_agrees_each_agenda(app: MeetingsApplication) -> None:
    terms = [t for t in app.list_chairs(body_id(app, "CADEX")) if t.role == "chair"]
    views = meetings_of(app, "CADEX")
    for view in views:
        day = view["starts_at"].astimezone(LONDON).date()
        [term] = [t for t in terms if in_term(day, t.starts_on, t.ends_on)]
        assert view["agenda_agreed"]["person_id"] == term.person_id
    chairs = [v["agenda_agreed"]["person_id"] for v in views]
    assert all(chairs[n] != chairs[n + 3] for n in range(0, 9, 3))
    assert len(set(chairs)) == 4


def test_a_cadex_meeting_is_postponed_and_circulated_again(app: MeetingsApplication) -> None:
    views = meetings_of(app, "CADEX")
    [postponed] = [v for v in views if v["postponements"]]
    [moved] = postponed["postponements"]
    assert moved["reason"]
    assert moved["from"] < moved["to"] == postponed["starts_at"]
    assert postponed["agenda_published_at"] is not None
    assert postponed["status"] == "closed"


def test_a_deferred_item_arrives_on_the_next_agenda(app: MeetingsApplication) -> None:
    views = [v for v in meetings_of(app, "CADEX") if v["groups"] == [CADEX_PARTNERSHIP_GROUP]]
    [source] = [v for v in views if any(i["status"] == "deferred" for i in v["agenda"])]
    deferred = next(i for i in source["agenda"] if i["status"] == "deferred")
    assert deferred["deferral_reason"]
    target = views[views.index(source) + 1]
    assert deferred["deferred_to"] == target["id"]
    arrived = next(i for i in target["agenda"] if i["deferred_from"] == source["id"])
    assert arrived["title"] == deferred["title"]
    assert on_item(target, "decisions", deferred["title"])


def test_the_implementation_group_tracks_actions_by_theme(app: MeetingsApplication) -> None:
    views = meetings_of(app, "BSP IG")
    assert len(views) == 6
    assert all(v["status"] == "closed" for v in views)
    actions = [a for v in views for a in v["actions"]]
    assert len({a["theme"] for a in actions}) >= 5
    decisions = [d for v in views for d in v["decisions"] if d["method"] == "consensus"]
    assert len(decisions) >= 3


def test_a_thematic_partnership_cancels_a_meeting(app: MeetingsApplication) -> None:
    held, cancelled = meetings_of(app, "SSB")
    assert held["status"] == "closed"
    assert held["decisions"]
    assert cancelled["status"] == "cancelled"
    assert cancelled["cancellation_reason"]


def test_every_meeting_was_held_in_the_year_or_is_still_to_come(
    app: MeetingsApplication,
) -> None:
    short_names = ("BSP Board", "CADEX", "BSP IG", "SSB", "BSP Conference")
    for view in meetings_of(app, *short_names):
        day = view["starts_at"].astimezone(LONDON).date()
        if view["status"] == "scheduled":
            assert day > TODAY
        else:
            assert demo_day(2025, 4, 1) <= day <= demo_day(2026, 3, 31)


def test_board_minutes_are_approved_at_the_next_meeting_and_published(
    app: MeetingsApplication,
) -> None:
    held = [v for v in meetings_of(app, "BSP Board") if v["status"] == "closed"]
    minutes = [app.get_minutes(v["id"], NOT_CONFIDENTIAL) for v in held]
    assert [m.status for m in minutes] == ["published"] * 3 + ["circulated"]
    for m, v, later in zip(minutes, held, held[1:], strict=False):
        assert m.approved["meeting_id"] == later["id"]
        assert m.agreed["person_id"] and m.circulated_at > v["closed_at"]
    [amendment] = minutes[0].amendments
    assert "thanks to the officers" in amendment["text"]
    assert amendment["original"] in amendment["text"]
    assert "As circulated, this minute read:" in minutes[0].markdown
    published = app.list_published_minutes()
    assert {row.id for row in published} == {str(v["id"]) for v in held[:3]}


def test_a_meeting_and_its_minutes_are_read_as_frozen_results(app: MeetingsApplication) -> None:
    """get_meeting_view answers what the meeting's commands answer, as a frozen MeetingView;
    get_minutes answers frozen Minutes as the reader may see them: the record's own tools
    see a confidential item, a reader without a seat sees it withheld, and the public reads
    only published minutes (the published text, as get_published_minutes answers)."""
    held = [v for v in meetings_of(app, "BSP Board") if v["status"] == "closed"]
    secret = next(v for v in held if any(i["confidential"] for i in v["agenda"]))
    view = app.get_meeting_view(secret["id"], RECORD_TOOLS)
    assert isinstance(view, MeetingView) and view == MeetingView.of(secret)
    assert isinstance(view.agenda, tuple) and view.agenda == tuple(secret["agenda"])
    with pytest.raises(FrozenInstanceError):
        view.status = "cancelled"
    with pytest.raises(ValueError, match="extra"):
        MeetingView.of({**secret, "extra": 1})
    withheld_view = app.get_meeting_view(secret["id"], NOT_CONFIDENTIAL)
    assert "Confidential item" in [i["title"] for i in withheld_view.agenda]

    whole = app.get_minutes(secret["id"], RECORD_TOOLS)
    shown = app.get_minutes(secret["id"], NOT_CONFIDENTIAL)
    assert isinstance(whole, Minutes) and isinstance(shown, Minutes)
    assert any(i["confidential"] for i in whole.items)
    assert not any(i["withheld"] for i in whole.items)
    assert any(i["withheld"] for i in shown.items) and shown.markdown != whole.markdown
    with pytest.raises(FrozenInstanceError):
        whole.markdown = ""

    circulated = held[-1]
    assert app.get_minutes(circulated["id"], RECORD_TOOLS).status == "circulated"
    with pytest.raises(NotFoundError):
        app.get_minutes(circulated["id"], None)
    public = app.get_minutes(held[0]["id"], None)
    assert public.stage == "published"
    assert public.as_data() == app.get_published_minutes(held[0]["id"]).as_data()


def test_published_minutes_name_the_substitute_and_whom_they_replaced(
    app: MeetingsApplication,
) -> None:
    june = board_meeting(app, demo_day(2025, 6, 12))
    markdown = app.get_published_minutes(june["id"]).markdown
    assert "Cllr Imran Sadiq (Wycombe District Council), substitute for Cllr Katherine Blyth" in (
        markdown
    )
    assert "## Apologies\n\n- Cllr Katherine Blyth" in markdown


# Issue 13 in the demo ------------------------------------------------------------------


def test_a_nominee_takes_the_conference_chair_and_agrees_its_papers(
    app: MeetingsApplication,
) -> None:
    """Seed 000: "The Conference will be chaired by the Chairman of the BSP Board or his
    nominee." """
    [conference] = meetings_of(app, "BSP Conference")
    [taken] = conference["in_the_chair"]
    nominee = taken["person_id"]
    board_chair = app.get_body(body_id(app, "BSP Board")).chair
    assert board_chair is not None and nominee != board_chair.person_id
    assert conference["agenda_agreed"]["person_id"] == nominee
    minutes = app.get_minutes(conference["id"], RECORD_TOOLS)
    assert minutes.agreed["person_id"] == nominee
    assert "Cllr Peter Hollins in the Chair." in minutes.markdown


def test_a_recorded_vote_and_an_organisations_action_at_safer_stronger_bucks(
    app: MeetingsApplication,
) -> None:
    held, _ = meetings_of(app, "SSB")
    [vote] = [d for d in held["decisions"] if d["votes_by_member"]]
    assert vote["votes"] == {"for": 3, "against": 1, "abstain": 1}
    assert vote["quorum"]["quorate"] is True
    minutes = app.get_minutes(held["id"], RECORD_TOOLS).markdown
    assert "Against: " in minutes and "Abstaining: " in minutes
    [owned] = [a for a in held["actions"] if a["owner_id"] is None]
    assert owned["organisation_id"] is not None
    assert "(to be named)" in minutes


def test_the_demo_minutes_claim_no_inquorate_decision(app: MeetingsApplication) -> None:
    for view in meetings_of(app, "BSP Board", "CADEX", "BSP IG", "SSB"):
        if view["status"] == "closed":
            minutes = app.get_minutes(view["id"], RECORD_TOOLS).markdown
            assert "without a quorum" not in minutes, view["starts_at"]
