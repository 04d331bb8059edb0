"""Before the meeting, in the console: schedule, build the agenda, reorder it, the chair
agrees it, publish (warned about late notice); every refusal shown beside the field,
nothing recorded, what was typed kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from tests.web.console.conftest import Signed
from tests.web.support import add_item, get, london_day, make_person, ok, schedule

Json = dict[str, Any]


def _meeting(client: FlaskClient, token: str, meeting_id: str) -> Json:
    found: Json = ok(get(client, f"/meetings/{meeting_id}", token))
    return found


def _version(clerk_browser: Signed, meeting_id: str, clerk: str) -> str:
    return str(_meeting(clerk_browser.client, clerk, meeting_id)["version"])


def test_the_clerks_home_lists_their_bodies_and_what_waits_on_whom(
    clerk_browser: Signed, clerk: str, body: Json, other_body: Json, body_chair: str
) -> None:
    meeting = schedule(clerk_browser.client, clerk, body["id"])
    add_item(clerk_browser.client, clerk, meeting["id"])
    page = clerk_browser.client.get("/console").get_data(as_text=True)
    assert body["name"] in page
    assert other_body["name"] not in page, "only the bodies granted to the clerk"
    assert f"/console/meetings/{meeting['id']}" in page
    assert "Agree the agenda" in page and "Waiting on the chair (Carol Chair)" in page
    assert "No overdue actions" in page


def test_scheduling_a_meeting_goes_to_its_page(
    clerk_browser: Signed, clerk: str, body: Json
) -> None:
    day = london_day(40).isoformat()
    answer = clerk_browser.post(
        f"/console/bodies/{body['id']}/meetings/new",
        {"date": day, "time": "14:30", "venue": "Council Chamber", "kind": "ordinary"},
    )
    assert answer.status_code == 303
    meeting_id = answer.headers["Location"].rsplit("/", 1)[1]
    recorded = _meeting(clerk_browser.client, clerk, meeting_id)
    assert recorded["venue"] == "Council Chamber"
    assert recorded["starts_at"].startswith(f"{day}T")
    page = clerk_browser.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Build the agenda." in page and "Who: the clerk." in page


def test_a_form_sent_twice_schedules_once(
    clerk_browser: Signed, body: Json, recorded: Callable[[], int]
) -> None:
    data = {"date": london_day(40).isoformat(), "time": "10:00", "form_key": "k-1"}
    first = clerk_browser.post(f"/console/bodies/{body['id']}/meetings/new", data)
    after = recorded()
    second = clerk_browser.post(f"/console/bodies/{body['id']}/meetings/new", data)
    assert second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    assert recorded() == after


def test_a_bad_date_is_refused_beside_the_field_and_kept(
    clerk_browser: Signed, body: Json, recorded: Callable[[], int]
) -> None:
    before = recorded()
    answer = clerk_browser.post(
        f"/console/bodies/{body['id']}/meetings/new",
        {"date": "3000-01-01", "time": "10:00", "venue": "Aylesbury"},
    )
    assert answer.status_code == 422
    text = answer.get_data(as_text=True)
    assert 'id="date-error"' in text and "Give a date between" in text
    assert 'value="Aylesbury"' in text
    assert recorded() == before


def test_a_post_without_the_csrf_token_is_refused_and_records_nothing(
    clerk_browser: Signed, body: Json, recorded: Callable[[], int]
) -> None:
    before = recorded()
    answer = clerk_browser.client.post(
        f"/console/bodies/{body['id']}/meetings/new",
        data={"date": london_day(40).isoformat(), "time": "10:00"},
    )
    assert answer.status_code == 400
    assert "did not carry this session" in answer.get_data(as_text=True)
    wrong = clerk_browser.client.post(
        f"/console/bodies/{body['id']}/meetings/new",
        data={"date": london_day(40).isoformat(), "time": "10:00", "csrf_token": "forged"},
    )
    assert wrong.status_code == 400
    assert recorded() == before


def test_a_clerk_of_another_body_is_refused(
    client: FlaskClient, other_clerk: str, body: Json, recorded: Callable[[], int]
) -> None:
    from tests.console_support import sign_in

    csrf = sign_in(client, other_clerk)
    assert client.get(f"/console/bodies/{body['id']}/meetings/new").status_code == 403
    before = recorded()
    answer = client.post(
        f"/console/bodies/{body['id']}/meetings/new",
        data={"date": london_day(40).isoformat(), "time": "10:00", "csrf_token": csrf},
    )
    assert answer.status_code == 403
    assert "Only an administrator or a clerk of this body" in answer.get_data(as_text=True)
    assert recorded() == before


def test_an_unknown_meeting_is_a_page_saying_so(clerk_browser: Signed) -> None:
    answer = clerk_browser.client.get("/console/meetings/00000000-0000-4000-8000-000000000000")
    assert answer.status_code == 404
    assert "There is nothing here" in answer.get_data(as_text=True)


def test_an_item_is_added_with_presenter_by_name_confidential_reason_and_papers(
    clerk_browser: Signed, client: FlaskClient, admin: str, clerk: str, body: Json
) -> None:
    person = make_person(client, admin, name="Priya Presenter")
    meeting = schedule(client, clerk, body["id"])
    answer = clerk_browser.post(
        f"/console/meetings/{meeting['id']}/agenda/items",
        {
            "title": "Pooled budget",
            "kind": "decision",
            "presenter": "priya presenter",
            "confidential": "yes",
            "confidential_reason": "Commercially sensitive",
            "paper_title_2": "Budget report",
            "paper_url_2": "https://example.org/budget.pdf",
        },
    )
    assert answer.status_code == 303
    item = _meeting(client, clerk, meeting["id"])["agenda"][0]
    assert item["title"] == "Pooled budget" and item["presenter_id"] == person["id"]
    assert item["confidential"] and item["confidential_reason"] == "Commercially sensitive"
    assert item["papers"] == [{"title": "Budget report", "url": "https://example.org/budget.pdf"}]
    page = clerk_browser.client.get(f"/console/meetings/{meeting['id']}/agenda")
    text = page.get_data(as_text=True)
    assert '<option value="Priya Presenter">' in text
    assert "Presented by Priya Presenter".lower() in text.lower()


def test_item_refusals_are_shown_beside_their_fields(
    clerk_browser: Signed, client: FlaskClient, clerk: str, body: Json, recorded: Callable[[], int]
) -> None:
    meeting = schedule(client, clerk, body["id"])
    before = recorded()
    answer = clerk_browser.post(
        f"/console/meetings/{meeting['id']}/agenda/items",
        {
            "title": "Secret item",
            "kind": "decision",
            "presenter": "Nobody Known",
            "paper_title_2": "A paper",
            "paper_url_2": "not a link",
        },
    )
    assert answer.status_code == 422
    text = answer.get_data(as_text=True)
    assert 'id="presenter-error"' in text and "Nobody called “Nobody Known”" in text
    assert 'id="paper_url_2-error"' in text and "Not a valid URL" in text
    assert 'value="Secret item"' in text and 'value="Nobody Known"' in text
    secret = clerk_browser.post(
        f"/console/meetings/{meeting['id']}/agenda/items",
        {"title": "Secret item", "kind": "decision", "confidential": "yes"},
    )
    assert secret.status_code == 422
    text = secret.get_data(as_text=True)
    assert 'id="confidential_reason-error"' in text and "needs the reason" in text
    assert 'name="confidential" type="checkbox" value="yes" checked' in text
    assert recorded() == before


def test_standing_items_are_added_once(
    clerk_browser: Signed, client: FlaskClient, clerk: str, body: Json
) -> None:
    meeting = schedule(client, clerk, body["id"])
    add_item(client, clerk, meeting["id"], title="Pooled budget")
    for _ in range(2):
        path = f"/console/meetings/{meeting['id']}/agenda/standing-items"
        assert clerk_browser.post(path).status_code == 303
    titles = [i["title"] for i in _meeting(client, clerk, meeting["id"])["agenda"]]
    assert "Pooled budget" in titles and len(titles) == 3
    assert {"Minutes of the last meeting", "Matters arising"} <= set(titles)


def test_items_move_up_and_down_and_a_stale_page_never_reorders(
    clerk_browser: Signed, client: FlaskClient, clerk: str, body: Json, recorded: Callable[[], int]
) -> None:
    meeting = schedule(client, clerk, body["id"])
    first = add_item(client, clerk, meeting["id"], title="First")
    second = add_item(client, clerk, meeting["id"], title="Second")
    version = _version(clerk_browser, meeting["id"], clerk)
    move = f"/console/meetings/{meeting['id']}/agenda/items/{second['id']}/move"
    assert clerk_browser.post(move, {"direction": "up", "version": version}).status_code == 303
    titles = [i["title"] for i in _meeting(client, clerk, meeting["id"])["agenda"]]
    assert titles == ["Second", "First"]
    before = recorded()
    stale = clerk_browser.post(move, {"direction": "down", "version": version})
    assert stale.status_code == 409
    assert "Someone else changed this meeting" in stale.get_data(as_text=True)
    assert recorded() == before
    down = f"/console/meetings/{meeting['id']}/agenda/items/{first['id']}/move"
    fresh = _version(clerk_browser, meeting["id"], clerk)
    assert clerk_browser.post(down, {"direction": "up", "version": fresh}).status_code == 303
    titles = [i["title"] for i in _meeting(client, clerk, meeting["id"])["agenda"]]
    assert titles == ["First", "Second"]


def test_the_chair_sees_the_agenda_and_agrees_it_then_the_clerk_publishes(
    clerk_browser: Signed, chair_browser: Signed, client: FlaskClient, clerk: str, body: Json
) -> None:
    meeting = schedule(client, clerk, body["id"])
    add_item(client, clerk, meeting["id"], title="Pooled budget")
    home = chair_browser.client.get("/console").get_data(as_text=True)
    assert "Agenda: " in home and f"/console/meetings/{meeting['id']}/agenda/agree" in home
    assert "1. Pooled budget" in home, "the text is in front of the chair"
    shown = chair_browser.client.get(f"/console/meetings/{meeting['id']}/agenda/agree")
    assert "Pooled budget" in shown.get_data(as_text=True)
    version = _version(clerk_browser, meeting["id"], clerk)
    agreed = chair_browser.post(
        f"/console/meetings/{meeting['id']}/agenda/agree", {"version": version}
    )
    assert agreed.status_code == 303
    assert "Nothing is waiting for you" in chair_browser.client.get("/console").get_data(
        as_text=True
    )
    hub = clerk_browser.client.get(f"/console/meetings/{meeting['id']}").get_data(as_text=True)
    assert "Publish the agreed agenda." in hub
    form = clerk_browser.client.get(f"/console/meetings/{meeting['id']}/agenda/publish")
    assert "Late notice" not in form.get_data(as_text=True)
    version = _version(clerk_browser, meeting["id"], clerk)
    published = clerk_browser.post(
        f"/console/meetings/{meeting['id']}/agenda/publish", {"version": version}
    )
    assert published.status_code == 303
    after = _meeting(client, clerk, meeting["id"])
    assert after["agenda_published_at"] and after["late_notice"] is False


def test_the_chair_cannot_agree_an_agenda_changed_since_they_read_it(
    chair_browser: Signed, client: FlaskClient, clerk: str, body: Json, recorded: Callable[[], int]
) -> None:
    meeting = schedule(client, clerk, body["id"])
    add_item(client, clerk, meeting["id"], title="Pooled budget")
    seen = str(_meeting(client, clerk, meeting["id"])["version"])
    add_item(client, clerk, meeting["id"], title="Added afterwards")
    before = recorded()
    answer = chair_browser.post(
        f"/console/meetings/{meeting['id']}/agenda/agree", {"version": seen}
    )
    assert answer.status_code == 409
    text = answer.get_data(as_text=True)
    assert "Someone else changed this meeting" in text and "Added afterwards" in text
    assert recorded() == before


def test_publishing_late_warns_in_working_days_first(
    clerk_browser: Signed,
    chair_browser: Signed,
    client: FlaskClient,
    clerk: str,
    body_chair: str,
    body: Json,
) -> None:
    from tests.web.support import post

    meeting = schedule(
        client, clerk, body["id"], starts_at=f"{london_day(1).isoformat()}T10:00:00+00:00"
    )
    add_item(client, clerk, meeting["id"])
    ok(post(client, f"/meetings/{meeting['id']}/agenda/agree", body_chair))
    page = clerk_browser.client.get(f"/console/meetings/{meeting['id']}/agenda/publish")
    text = page.get_data(as_text=True)
    assert "Late notice" in text and "working days short" in text.replace("day short", "days short")
    assert "Publish with late notice" in text


def test_publishing_before_the_chair_agrees_is_refused_in_words(
    clerk_browser: Signed, client: FlaskClient, clerk: str, body: Json, recorded: Callable[[], int]
) -> None:
    meeting = schedule(client, clerk, body["id"])
    add_item(client, clerk, meeting["id"])
    before = recorded()
    answer = clerk_browser.post(f"/console/meetings/{meeting['id']}/agenda/publish")
    assert answer.status_code == 409
    assert "The chair has not agreed the agenda" in answer.get_data(as_text=True)
    assert recorded() == before


def test_a_clerk_may_not_use_the_chairs_agreement_page(
    clerk_browser: Signed, client: FlaskClient, clerk: str, body: Json
) -> None:
    meeting = schedule(client, clerk, body["id"])
    add_item(client, clerk, meeting["id"])
    assert (
        clerk_browser.client.get(f"/console/meetings/{meeting['id']}/agenda/agree").status_code
        == 403
    )
    assert clerk_browser.post(f"/console/meetings/{meeting['id']}/agenda/agree").status_code == 403


def test_the_chair_may_not_use_the_clerks_pages(
    chair_browser: Signed, client: FlaskClient, clerk: str, body: Json
) -> None:
    meeting = schedule(client, clerk, body["id"])
    for path in ("", "/agenda", "/agenda/publish"):
        assert (
            chair_browser.client.get(f"/console/meetings/{meeting['id']}{path}").status_code == 403
        )
    assert chair_browser.client.get(f"/console/bodies/{body['id']}/meetings/new").status_code == 403


def test_other_roles_see_what_they_can_do(client: FlaskClient, scrutiny: str) -> None:
    from tests.console_support import sign_in

    sign_in(client, scrutiny)
    page = client.get("/console").get_data(as_text=True)
    assert "you have nothing to do here" in page and "public pages" in page
