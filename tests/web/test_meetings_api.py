"""Meetings over HTTP: scheduling, the agenda, the chair's agreement, publication, the
session, deferral, and the OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import holidays
import pytest
from flask.testing import FlaskClient

from tests.web.support import (
    API,
    add_item,
    at_ten,
    etag,
    get,
    in_days,
    live_meeting,
    london_day,
    make_person,
    meeting_command,
    minutes_ago,
    ok,
    post,
    read_meeting,
    record,
    same_moment,
    schedule,
)

Json = dict[str, Any]
Refused = Callable[..., Json]
ITEM_KINDS = [
    "standing",
    "decision",
    "information",
    "discussion",
    "performance",
    "minutes",
    "matters_arising",
]
ENGLAND = holidays.country_holidays("GB", subdiv="ENG")


def _agenda_titles(client: FlaskClient, token: str, meeting_id: str) -> list[tuple[int, str]]:
    return [(i["number"], i["title"]) for i in read_meeting(client, token, meeting_id)["agenda"]]


def _agreed(client: FlaskClient, clerk: str, chair: str, body_id: str, days: int) -> Json:
    """A meeting `days` ahead with one item, agreed by the chair, ready to publish."""
    meeting = schedule(client, clerk, body_id, starts_at=in_days(days))
    add_item(client, clerk, meeting["id"])
    meeting_command(client, chair, meeting["id"], "agenda/agree")
    return meeting


def _first_day_with_clear_working_days(count: int) -> date:
    """The earliest meeting day with `count` clear working days after today: the days
    strictly between, skipping weekends and England's bank holidays."""
    day, clear = london_day(1), 0
    while clear < count:
        clear += day.weekday() < 5 and day not in ENGLAND
        day += timedelta(days=1)
    return day


# Scheduling and the meeting's life ---------------------------------------------------


def test_scheduling_a_meeting_answers_201_scheduled_with_its_etag(
    client: FlaskClient, clerk: str, body: Json
) -> None:
    starts_at = in_days(30)
    response = post(
        client,
        f"/bodies/{body['id']}/meetings",
        clerk,
        {"starts_at": starts_at, "venue": "Aylesbury"},
    )
    meeting = ok(response, 201)
    assert meeting["status"] == "scheduled" and meeting["kind"] == "ordinary"
    assert meeting["body_id"] == body["id"] and meeting["venue"] == "Aylesbury"
    assert etag(response) == f'"{meeting["version"]}"'
    read = read_meeting(client, clerk, meeting["id"])
    assert read["starts_at"] == starts_at and read["agenda"] == []


def test_scheduling_a_time_without_its_offset_is_422(
    client: FlaskClient, clerk: str, body: Json, refused: Refused
) -> None:
    path = f"/bodies/{body['id']}/meetings"
    refused(
        lambda: post(client, path, clerk, {"starts_at": "2027-03-04T10:00:00"}), 422, "starts_at"
    )


def test_scheduling_for_an_unknown_body_is_404(client: FlaskClient, admin: str) -> None:
    path = "/bodies/00000000-0000-4000-8000-000000000000/meetings"
    assert post(client, path, admin, {"starts_at": in_days(3)}).status_code == 404


def test_the_bodys_meetings_are_listed_in_date_order(
    client: FlaskClient, admin: str, clerk: str, body: Json, other_body: Json
) -> None:
    later = schedule(client, clerk, body["id"], starts_at=in_days(60))
    sooner = schedule(client, clerk, body["id"], starts_at=in_days(30))
    schedule(client, admin, other_body["id"])
    listed = ok(get(client, f"/bodies/{body['id']}/meetings", clerk))
    assert [m["id"] for m in listed] == [sooner["id"], later["id"]]
    assert all(m["status"] == "scheduled" for m in listed)


def test_postponing_keeps_the_reason_and_moves_the_meeting(
    client: FlaskClient, clerk: str, body: Json, meeting: Json
) -> None:
    new_time = in_days(45)
    answer = meeting_command(
        client, clerk, meeting["id"], "postpone", {"reason": "Not quorate", "starts_at": new_time}
    )
    assert answer["status"] == "scheduled" and answer["starts_at"] == new_time
    [postponement] = answer["postponements"]
    assert postponement["reason"] == "Not quorate" and postponement["from"] == meeting["starts_at"]
    [listed] = ok(get(client, f"/bodies/{body['id']}/meetings", clerk))
    assert same_moment(listed["starts_at"], new_time)


def test_cancelling_a_meeting_keeps_the_reason(
    client: FlaskClient, clerk: str, body: Json, meeting: Json
) -> None:
    answer = meeting_command(client, clerk, meeting["id"], "cancel", {"reason": "Storm"})
    assert answer["status"] == "cancelled" and answer["cancellation_reason"] == "Storm"
    [listed] = ok(get(client, f"/bodies/{body['id']}/meetings", clerk))
    assert listed["status"] == "cancelled"


def test_postponing_without_a_new_time_withdraws_the_published_agenda_everywhere(
    client: FlaskClient, clerk: str, body_chair: str, body: Json
) -> None:
    meeting = _agreed(client, clerk, body_chair, body["id"], 30)
    meeting_command(client, clerk, meeting["id"], "agenda/publish")
    answer = meeting_command(client, clerk, meeting["id"], "postpone", {"reason": "Snow"})
    assert answer["agenda_published_at"] is None and answer["starts_at"] == meeting["starts_at"]
    [listed] = ok(get(client, f"/bodies/{body['id']}/meetings", clerk))
    assert listed["agenda_published_at"] is None


def test_an_unknown_meeting_is_404(client: FlaskClient, clerk: str, refused: Refused) -> None:
    path = "/meetings/00000000-0000-4000-8000-0000000000dd"
    for suffix in ("", "/history", "/quorum", "/matters-arising"):
        assert get(client, path + suffix, clerk).status_code == 404, suffix
    refused(lambda: post(client, f"{path}/open", clerk), 404)


@pytest.mark.parametrize("stage", [["open"], ["open", "close"]], ids=["open", "closed"])
def test_a_meeting_that_has_opened_cannot_be_cancelled_or_postponed(
    client: FlaskClient, clerk: str, meeting: Json, refused: Refused, stage: list[str]
) -> None:
    for step in stage:
        meeting_command(client, clerk, meeting["id"], step)
    expected = "in session" if stage == ["open"] else "closed"
    for verb in ("cancel", "postpone"):
        path = f"/meetings/{meeting['id']}/{verb}"
        answer = refused(lambda p=path: post(client, p, clerk, {"reason": "Too late"}), 409)
        assert verb in answer["detail"] and expected in answer["detail"]


def test_opening_a_cancelled_meeting_is_409(
    client: FlaskClient, clerk: str, meeting: Json, refused: Refused
) -> None:
    meeting_command(client, clerk, meeting["id"], "cancel", {"reason": "Storm"})
    answer = refused(lambda: post(client, f"/meetings/{meeting['id']}/open", clerk), 409)
    assert "cancelled" in answer["detail"]


# The agenda --------------------------------------------------------------------------


def test_every_kind_of_agenda_item_is_numbered_in_turn(
    client: FlaskClient, clerk: str, meeting: Json
) -> None:
    items = [add_item(client, clerk, meeting["id"], title=k, kind=k) for k in ITEM_KINDS]
    assert [i["number"] for i in items] == list(range(1, len(ITEM_KINDS) + 1))
    agenda = read_meeting(client, clerk, meeting["id"])["agenda"]
    assert [(i["kind"], i["status"]) for i in agenda] == [(k, "listed") for k in ITEM_KINDS]


def test_an_unknown_item_kind_is_422(
    client: FlaskClient, clerk: str, meeting: Json, refused: Refused
) -> None:
    path = f"/meetings/{meeting['id']}/agenda-items"
    refused(lambda: post(client, path, clerk, {"title": "AOB", "kind": "gossip"}), 422, "kind")


def test_a_confidential_item_without_its_reason_is_422(
    client: FlaskClient, clerk: str, meeting: Json, refused: Refused
) -> None:
    path = f"/meetings/{meeting['id']}/agenda-items"
    data = {"title": "Contract award", "kind": "decision", "confidential": True}
    answer = refused(lambda: post(client, path, clerk, data), 422, "confidential_reason")
    assert "reason" in answer["errors"]["confidential_reason"][0]


def test_an_item_keeps_its_papers_and_presenter(
    client: FlaskClient, admin: str, clerk: str, meeting: Json
) -> None:
    presenter = make_person(client, admin, name="Pat Presenter")
    papers = [{"title": "Report", "url": "https://example.org/report.pdf"}]
    add_item(client, clerk, meeting["id"], papers=papers, presenter_id=presenter["id"])
    [item] = read_meeting(client, clerk, meeting["id"])["agenda"]
    assert item["papers"] == papers and item["presenter_id"] == presenter["id"]


def test_an_unknown_presenter_is_422_naming_presenter_id(
    client: FlaskClient, clerk: str, meeting: Json, refused: Refused
) -> None:
    path = f"/meetings/{meeting['id']}/agenda-items"
    data = {
        "title": "BCF",
        "kind": "decision",
        "presenter_id": "00000000-0000-4000-8000-0000000000aa",
    }
    refused(lambda: post(client, path, clerk, data), 422, "presenter_id")


def test_numbering_follows_reordering(client: FlaskClient, clerk: str, meeting: Json) -> None:
    first, second, third = (add_item(client, clerk, meeting["id"], title=t) for t in "ABC")
    order = [third["id"], first["id"], second["id"]]
    answer = meeting_command(client, clerk, meeting["id"], "agenda/reorder", {"item_ids": order})
    assert [(i["number"], i["title"]) for i in answer["agenda"]] == [(1, "C"), (2, "A"), (3, "B")]
    assert _agenda_titles(client, clerk, meeting["id"]) == [(1, "C"), (2, "A"), (3, "B")]


def test_reordering_without_every_item_exactly_once_is_422(
    client: FlaskClient, clerk: str, meeting: Json, refused: Refused
) -> None:
    first, second = (add_item(client, clerk, meeting["id"], title=t)["id"] for t in "AB")
    path = f"/meetings/{meeting['id']}/agenda/reorder"
    missing, extra = [first], [first, second, "00000000-0000-4000-8000-0000000000bb"]
    for item_ids in (missing, extra, [first, first, second]):
        refused(lambda i=item_ids: post(client, path, clerk, {"item_ids": i}), 422, "item_ids")


def test_standing_items_are_added_in_one_step_and_only_once(
    client: FlaskClient, clerk: str, meeting: Json
) -> None:
    path = f"/meetings/{meeting['id']}/agenda/standing-items"
    first = ok(post(client, path, clerk))
    again = ok(post(client, path, clerk))
    expected = [("Minutes of the last meeting", "minutes"), ("Matters arising", "matters_arising")]
    assert [(i["title"], i["kind"]) for i in first["agenda"]] == expected
    assert again["agenda"] == first["agenda"]


def test_matters_arising_lists_open_actions_of_the_bodys_earlier_meetings(
    client: FlaskClient, admin: str, clerk: str, body: Json, other_body: Json, person: Json
) -> None:
    earlier, item = live_meeting(client, clerk, body["id"])
    action = {"description": "Refresh the JSNA", "owner_id": person["id"], "due_on": "2027-01-31"}
    agreed = ok(record(client, clerk, earlier["id"], f"items/{item['id']}/actions", **action), 201)
    elsewhere, other_item = live_meeting(client, admin, other_body["id"])
    other = {**action, "description": "Not ours"}
    ok(record(client, admin, elsewhere["id"], f"items/{other_item['id']}/actions", **other), 201)
    later = schedule(client, clerk, body["id"], starts_at=in_days(60))
    [arising] = ok(get(client, f"/meetings/{later['id']}/matters-arising", clerk))
    assert arising["id"] == agreed["action_id"] and arising["meeting_id"] == earlier["id"]
    assert arising["owner_name"] == person["name"] and arising["status"] == "open"
    assert ok(get(client, f"/meetings/{earlier['id']}/matters-arising", clerk)) == []


def test_matters_arising_leave_out_actions_of_the_bodys_later_meetings(
    client: FlaskClient, clerk: str, body: Json, person: Json
) -> None:
    earlier = schedule(client, clerk, body["id"], starts_at=in_days(10))
    later, item = live_meeting(client, clerk, body["id"])
    action = {"description": "Refresh the JSNA", "owner_id": person["id"], "due_on": "2027-01-31"}
    ok(record(client, clerk, later["id"], f"items/{item['id']}/actions", **action), 201)
    assert ok(get(client, f"/meetings/{earlier['id']}/matters-arising", clerk)) == []


# The chair's agreement and publication -----------------------------------------------


def test_the_chair_agrees_the_agenda(
    client: FlaskClient, clerk: str, body_chair: str, meeting: Json
) -> None:
    add_item(client, clerk, meeting["id"])
    response = post(client, f"/meetings/{meeting['id']}/agenda/agree", body_chair)
    answer = ok(response)
    assert answer["agenda_agreed"]["person_id"] and etag(response) == f'"{answer["version"]}"'


def test_the_vice_chair_may_agree_the_agenda(
    client: FlaskClient, clerk: str, body_vice_chair: str, meeting: Json
) -> None:
    add_item(client, clerk, meeting["id"])
    assert meeting_command(client, body_vice_chair, meeting["id"], "agenda/agree")["agenda_agreed"]


def test_only_the_bodys_chair_may_agree_the_agenda(
    request: pytest.FixtureRequest, client: FlaskClient, clerk: str, meeting: Json, refused: Refused
) -> None:
    add_item(client, clerk, meeting["id"])
    path = f"/meetings/{meeting['id']}/agenda/agree"
    for who in ("clerk", "admin", "chair", "sitting_member"):
        token = request.getfixturevalue(who)
        assert "chair" in refused(lambda t=token: post(client, path, t), 403)["detail"], who


def test_publishing_before_the_chair_agrees_is_409(
    client: FlaskClient, clerk: str, meeting: Json, refused: Refused
) -> None:
    add_item(client, clerk, meeting["id"])
    path = f"/meetings/{meeting['id']}/agenda/publish"
    answer = refused(lambda: post(client, path, clerk), 409)
    assert "agree" in answer["detail"]


def test_an_item_added_after_agreement_needs_the_chair_again(
    client: FlaskClient, clerk: str, body_chair: str, body: Json, refused: Refused
) -> None:
    meeting = _agreed(client, clerk, body_chair, body["id"], 30)
    add_item(client, clerk, meeting["id"], title="Late report", kind="information")
    path = f"/meetings/{meeting['id']}/agenda/publish"
    refused(lambda: post(client, path, clerk), 409)
    meeting_command(client, body_chair, meeting["id"], "agenda/agree")
    assert meeting_command(client, clerk, meeting["id"], "agenda/publish")["agenda_published_at"]


def test_a_meeting_two_days_ahead_is_published_with_late_notice(
    client: FlaskClient, clerk: str, body_chair: str, body: Json
) -> None:
    meeting = _agreed(client, clerk, body_chair, body["id"], 2)
    answer = meeting_command(client, clerk, meeting["id"], "agenda/publish")
    assert answer["late_notice"] is True and answer["agenda_published_at"]
    assert read_meeting(client, clerk, meeting["id"])["late_notice"] is True


def test_a_meeting_thirty_days_ahead_is_published_in_good_time(
    client: FlaskClient, clerk: str, body_chair: str, body: Json
) -> None:
    meeting = _agreed(client, clerk, body_chair, body["id"], 30)
    assert meeting_command(client, clerk, meeting["id"], "agenda/publish")["late_notice"] is False


@pytest.mark.parametrize("notice", [5, 60])
def test_late_notice_counts_clear_working_days_only(
    client: FlaskClient, admin: str, body_chair: str, body: Json, notice: int
) -> None:
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"agenda_notice_working_days": notice}))
    in_time = _first_day_with_clear_working_days(notice)
    for day, late in ((in_time, False), (in_time - timedelta(days=1), True)):
        meeting = schedule(client, admin, body["id"], starts_at=at_ten(day))
        add_item(client, admin, meeting["id"])
        meeting_command(client, body_chair, meeting["id"], "agenda/agree")
        published = meeting_command(client, admin, meeting["id"], "agenda/publish")
        assert published["late_notice"] is late, day


# The session -------------------------------------------------------------------------


def _record_everything(
    client: FlaskClient, clerk: str, meeting_id: str, item_id: str, person_id: str, refused: Refused
) -> None:
    """Attendance, a declaration, a note, a decision and an action: each refused as not
    in session."""
    commands = {
        "attendance": {"person_id": person_id, "status": "present"},
        "declarations": {"person_id": person_id, "item_id": item_id, "interest": "Governor"},
        f"items/{item_id}/notes": {"text": "Discussed"},
        f"items/{item_id}/decisions": {"text": "Agreed", "method": "consensus"},
        f"items/{item_id}/actions": {
            "description": "Write up",
            "owner_id": person_id,
            "due_on": "2027-01-31",
        },
    }
    for what, fields in commands.items():
        answer = refused(lambda w=what, f=fields: record(client, clerk, meeting_id, w, **f), 409)
        assert "not in session" in answer["detail"], what


def test_recording_before_the_meeting_opens_is_409_not_in_session(
    client: FlaskClient, clerk: str, meeting: Json, person: Json, refused: Refused
) -> None:
    item = add_item(client, clerk, meeting["id"])
    _record_everything(client, clerk, meeting["id"], item["id"], person["id"], refused)


def test_recording_after_the_meeting_closes_is_409_not_in_session(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], person: Json, refused: Refused
) -> None:
    meeting, item = live
    meeting_command(client, clerk, meeting["id"], "close")
    _record_everything(client, clerk, meeting["id"], item["id"], person["id"], refused)


def test_opening_and_closing_keep_their_times(
    client: FlaskClient, clerk: str, meeting: Json
) -> None:
    opened_at = minutes_ago(5)
    opened = meeting_command(client, clerk, meeting["id"], "open", {"at": opened_at})
    assert opened["status"] == "in_session" and same_moment(opened["opened_at"], opened_at)
    closed = meeting_command(client, clerk, meeting["id"], "close")
    assert closed["status"] == "closed"
    assert datetime.fromisoformat(closed["closed_at"]) > datetime.fromisoformat(opened_at)


def test_closing_before_the_meeting_opened_is_422(
    client: FlaskClient, clerk: str, meeting: Json, refused: Refused
) -> None:
    meeting_command(client, clerk, meeting["id"], "open", {"at": minutes_ago(5)})
    path = f"/meetings/{meeting['id']}/close"
    refused(lambda: post(client, path, clerk, {"at": minutes_ago(10)}), 422, "at")


def test_closing_before_opening_is_409(
    client: FlaskClient, clerk: str, meeting: Json, refused: Refused
) -> None:
    answer = refused(lambda: post(client, f"/meetings/{meeting['id']}/close", clerk), 409)
    assert "not in session" in answer["detail"]


# Deferral ----------------------------------------------------------------------------


def test_deferring_an_item_marks_it_deferred_with_the_reason(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    path = f"items/{item['id']}/defer"
    answer = ok(record(client, clerk, meeting["id"], path, reason="Report not ready"))
    [deferred] = answer["agenda"]
    assert deferred["status"] == "deferred" and deferred["deferral_reason"] == "Report not ready"


def test_an_item_deferred_to_a_later_meeting_joins_its_agenda(
    client: FlaskClient, clerk: str, body: Json, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    later = schedule(client, clerk, body["id"], starts_at=in_days(60))
    path = f"items/{item['id']}/defer"
    ok(record(client, clerk, meeting["id"], path, reason="Not ready", to_meeting_id=later["id"]))
    [carried] = read_meeting(client, clerk, later["id"])["agenda"]
    assert carried["title"] == item["title"] and carried["deferred_from"] == meeting["id"]
    assert carried["status"] == "listed"
    [original] = read_meeting(client, clerk, meeting["id"])["agenda"]
    assert original["deferred_to"] == later["id"]


def test_deferring_to_another_bodys_or_an_earlier_meeting_is_422(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    other_body: Json,
    live: tuple[Json, Json],
    refused: Refused,
) -> None:
    meeting, item = live
    earlier = schedule(client, clerk, body["id"], starts_at=in_days(5))
    elsewhere = schedule(client, admin, other_body["id"], starts_at=in_days(60))
    path = f"items/{item['id']}/defer"
    for to in (earlier["id"], elsewhere["id"]):
        refused(
            lambda t=to: record(client, clerk, meeting["id"], path, reason="X", to_meeting_id=t),
            422,
            "to_meeting_id",
        )


def test_deciding_on_a_deferred_item_is_409(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, item = live
    ok(record(client, clerk, meeting["id"], f"items/{item['id']}/defer", reason="Not ready"))
    path = f"items/{item['id']}/decisions"
    answer = refused(
        lambda: record(client, clerk, meeting["id"], path, text="Agreed", method="consensus"), 409
    )
    assert "deferred" in answer["detail"]


# The OpenAPI document ----------------------------------------------------------------

MEETING_ROUTES = [
    ("post", "/bodies/{body_id}/meetings"),
    ("get", "/bodies/{body_id}/meetings"),
    ("get", "/meetings/{meeting_id}"),
    ("get", "/meetings/{meeting_id}/history"),
    ("post", "/meetings/{meeting_id}/agenda-items"),
    ("post", "/meetings/{meeting_id}/agenda/agree"),
    ("post", "/meetings/{meeting_id}/agenda/publish"),
    ("post", "/meetings/{meeting_id}/agenda/reorder"),
    ("post", "/meetings/{meeting_id}/agenda/standing-items"),
    ("get", "/meetings/{meeting_id}/matters-arising"),
    ("post", "/meetings/{meeting_id}/open"),
    ("post", "/meetings/{meeting_id}/attendance"),
    ("post", "/meetings/{meeting_id}/departures"),
    ("get", "/meetings/{meeting_id}/quorum"),
    ("post", "/meetings/{meeting_id}/declarations"),
    ("post", "/meetings/{meeting_id}/items/{item_id}/notes"),
    ("post", "/meetings/{meeting_id}/items/{item_id}/decisions"),
    ("post", "/meetings/{meeting_id}/items/{item_id}/actions"),
    ("post", "/meetings/{meeting_id}/items/{item_id}/defer"),
    ("post", "/meetings/{meeting_id}/corrections"),
    ("post", "/meetings/{meeting_id}/close"),
    ("post", "/meetings/{meeting_id}/postpone"),
    ("post", "/meetings/{meeting_id}/cancel"),
    ("post", "/bodies/{body_id}/forward-plan"),
    ("get", "/bodies/{body_id}/forward-plan"),
]


def test_the_openapi_document_lists_every_meetings_route(client: FlaskClient) -> None:
    paths = ok(client.get(f"{API}/openapi.json"))["paths"]
    missing = [(m, p) for m, p in MEETING_ROUTES if m not in paths.get(f"{API}{p}", {})]
    assert missing == []
