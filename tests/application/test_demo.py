"""The demonstration record: the Buckinghamshire partnership family, loaded once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise
from typing import Any
from uuid import UUID

import pytest

from meetings.application import MeetingsApplication
from meetings.demo import DemoSummary, load_demo
from meetings.domain.body import Body
from meetings.settings import environment_for


@pytest.fixture(scope="module")
def loaded() -> Iterator[tuple[MeetingsApplication, DemoSummary]]:
    app = MeetingsApplication(environment_for("sqlite:///:memory:"))
    summary = load_demo(app)
    yield app, summary
    app.close()


@pytest.fixture
def app(loaded: tuple[MeetingsApplication, DemoSummary]) -> MeetingsApplication:
    return loaded[0]


def bodies_by_short_name(app: MeetingsApplication) -> dict[str, dict[str, Any]]:
    rows, _ = app.list_bodies(1, 1000)
    return {row["short_name"]: row for row in rows}


def body_id(app: MeetingsApplication, short_name: str) -> UUID:
    return UUID(str(bodies_by_short_name(app)[short_name]["id"]))


def board_seat(app: MeetingsApplication, seat: str, day: date) -> list[dict[str, Any]]:
    rows = app.list_body_memberships(body_id(app, "BSP Board"), day)
    return [row for row in rows if row["seat"] == seat]


def test_the_summary_counts_what_was_recorded(
    loaded: tuple[MeetingsApplication, DemoSummary],
) -> None:
    _, summary = loaded
    assert not summary.already_loaded
    assert summary.organisations >= 18
    assert summary.bodies == 14
    assert summary.people > 30
    assert summary.memberships > 60


def test_the_family_of_bodies_and_its_reporting_lines(app: MeetingsApplication) -> None:
    bodies = bodies_by_short_name(app)
    board = str(bodies["BSP Board"]["id"])
    cadex = str(bodies["CADEX"]["id"])
    assert bodies["BSP Conference"]["kind"] == "conference"
    assert bodies["BSP Conference"]["reports_to"] is None
    assert bodies["BSP Board"]["kind"] == "board"
    assert bodies["BSP Board"]["reports_to"] is None
    assert (bodies["BSP IG"]["kind"], bodies["BSP IG"]["reports_to"]) == ("executive", board)
    assert (bodies["CADEX"]["kind"], bodies["CADEX"]["reports_to"]) == ("officers", board)
    for group in ("CADEX LA", "CADEX Partners"):
        assert (bodies[group]["kind"], bodies[group]["reports_to"]) == ("sub_group", cadex)
    thematic = [row for row in bodies.values() if row["kind"] == "thematic"]
    assert len(thematic) == 5
    assert all(str(row["reports_to"]) == board for row in thematic)


def test_the_board_rules_and_what_it_replaces(app: MeetingsApplication) -> None:
    bodies = bodies_by_short_name(app)
    board = app.get_body(body_id(app, "BSP Board"))
    assert board.name == "Bucks Strategic Partnership Board"
    assert (board.decision_method, board.quorum) == ("consensus", 6)
    assert (board.decision_notice_days, board.agenda_notice_working_days) == (10, 5)
    assert board.cadence == "quarterly"
    assert board.purpose
    assert {str(b) for b in board.replaces} == {
        str(bodies["BSP SG"]["id"]),
        str(bodies["PFG"]["id"]),
    }
    group = app.get_body(body_id(app, "BSP IG"))
    assert [str(b) for b in group.replaces] == [str(bodies["LAA PB"]["id"])]
    cadex = app.get_body(body_id(app, "CADEX"))
    assert (cadex.cadence, cadex.agenda_notice_working_days) == ("monthly", 5)


def test_the_board_has_members_advisers_and_an_observer(app: MeetingsApplication) -> None:
    rows = app.list_body_memberships(body_id(app, "BSP Board"), date(2025, 6, 1))
    capacities = [row["capacity"] for row in rows]
    assert capacities.count("member") == 19
    assert capacities.count("adviser") == 5
    assert capacities.count("observer") == 1
    observer = next(row for row in rows if row["capacity"] == "observer")
    assert observer["seat"] == "Government Office for the South East"


def test_a_seat_changes_hands(app: MeetingsApplication) -> None:
    seat = "Leader of Wycombe District Council"
    before = board_seat(app, seat, date(2025, 5, 20))
    after = board_seat(app, seat, date(2025, 5, 21))
    assert [row["person_name"] for row in before] == ["Cllr David Farrant"]
    assert [row["person_name"] for row in after] == ["Cllr Katherine Blyth"]
    ended = app.get_membership(body_id(app, "BSP Board"), UUID(str(before[0]["id"])))
    assert ended.ends_on == date(2025, 5, 20)
    assert ended.end_reason


def test_board_members_have_named_substitutes(app: MeetingsApplication) -> None:
    rows = app.list_body_memberships(body_id(app, "BSP Board"), date(2025, 6, 1))
    with_substitutes = {
        row["seat"]: [s["person_name"] for s in row["substitutes"]]
        for row in rows
        if row["substitutes"]
    }
    assert len(with_substitutes) >= 5
    assert with_substitutes["Leader of Wycombe District Council"] == ["Cllr Imran Sadiq"]


def test_a_person_sits_on_several_bodies(app: MeetingsApplication) -> None:
    rows = app.list_body_memberships(body_id(app, "CADEX LA"), date(2025, 6, 1))
    chief_executive = next(row for row in rows if "County Council" in row["seat"])
    held = app.list_person_memberships(UUID(str(chief_executive["person_id"])), date(2025, 6, 1))
    assert {row["body_name"] for row in held} >= {
        "Bucks Strategic Partnership Board",
        "BSP Implementation Group",
        "CADEX",
        "CADEX Local Authority Group",
        "CADEX Partnership Group",
    }


def test_the_cadex_partnership_group_adds_health_police_and_fire(
    app: MeetingsApplication,
) -> None:
    day = date(2025, 6, 1)
    local = app.list_body_memberships(body_id(app, "CADEX LA"), day)
    partners = app.list_body_memberships(body_id(app, "CADEX Partners"), day)
    assert len(local) == 5
    assert len(partners) == 8
    assert {row["person_id"] for row in local} < {row["person_id"] for row in partners}


def test_the_cadex_chair_rotates_every_three_months(app: MeetingsApplication) -> None:
    chairs = app.list_chairs(body_id(app, "CADEX"))
    terms = sorted(chairs, key=lambda t: t.starts_on)
    assert (terms[0].starts_on, terms[0].ends_on) == (date(2025, 4, 1), date(2025, 6, 30))
    assert (terms[1].starts_on, terms[1].ends_on) == (date(2025, 7, 1), date(2025, 9, 30))
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
    assert cadex[0].adopted_on == date(2006, 6, 1)
    assert "three consecutive meetings" in cadex[0].text


def test_everything_is_recorded_by_the_demo_loader(app: MeetingsApplication) -> None:
    history = app.history(Body, "body", body_id(app, "BSP Board"))
    assert {entry.recorded_by for entry in history} == {"demo loader"}


def test_loading_again_records_nothing(app: MeetingsApplication) -> None:
    before = app.recorder.max_notification_id()
    summary = load_demo(app)
    assert summary.already_loaded
    assert app.recorder.max_notification_id() == before
