"""The recording screen without JavaScript: plain forms, post, redirect, get; each form's
Idempotency-Key records a retried post once; refusals beside the control, typed text
kept, nothing recorded; CSRF; who may use it; the state a second screen polls."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from uuid import UUID

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.console_support import csrf_of, link_for, sign_in
from tests.web.conftest import Json
from tests.web.support import make_member, make_person, ok, post, record
from web import create_app

_KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')


@pytest.fixture
def screen(app: MeetingsApplication) -> FlaskClient:
    """A second client (a browser), for the clerk to sign in with."""
    return create_app(app).test_client()


@pytest.fixture
def board(client: FlaskClient, admin: str, body: Json) -> dict[str, Json]:
    people = {
        "ann": make_member(client, admin, body["id"], "Ann Member"),
        "bob": make_member(client, admin, body["id"], "Bob Member"),
        "dee": make_member(client, admin, body["id"], "Dee Adviser", capacity="adviser"),
        "sam": make_person(client, admin, name="Sam Substitute"),
    }
    path = f"/bodies/{body['id']}/memberships/{people['ann']['membership']['id']}/substitutes"
    ok(post(client, path, admin, {"person_id": people["sam"]["id"]}), 201)
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"quorum": 2}))
    return people


def _path(meeting: Json, what: str = "") -> str:
    return f"/console/meetings/{meeting['id']}/record" + (f"/{what}" if what else "")


def _signed(app: MeetingsApplication, screen: FlaskClient, token: str) -> str:
    return sign_in(screen, link_for(app, token))


def _send(screen: FlaskClient, csrf: str, meeting: Json, what: str, **form: str) -> Any:
    page = screen.get(_path(meeting)).get_data(as_text=True)
    key = form.pop("key", None) or _KEY.findall(page)[0]
    data = {"csrf_token": csrf, "idempotency_key": key, "form_id": f"{what}-form", **form}
    return screen.post(_path(meeting, what), data=data)


def _attendance(app: MeetingsApplication, meeting: Json) -> list[dict[str, Any]]:
    return app.get_meeting(UUID(meeting["id"])).attendance()


def test_the_screen_lists_the_membership_by_capacity_with_substitutes(
    app: MeetingsApplication,
    screen: FlaskClient,
    clerk: str,
    board: dict[str, Json],
    live: tuple[Json, Json],
) -> None:
    _signed(app, screen, clerk)
    html = screen.get(_path(live[0])).get_data(as_text=True)
    assert html.index("Members (2)") < html.index("Advisers (1)")
    assert "Substitute: Sam Substitute for Ann Member" in html
    assert "Not quorate: 0 members present, 2 needed." in html
    assert 'list="people"' in html and '<option value="Sam Substitute">' in html


def test_a_tap_is_recorded_once_however_often_the_form_is_sent(
    app: MeetingsApplication,
    screen: FlaskClient,
    clerk: str,
    board: dict[str, Json],
    live: tuple[Json, Json],
    recorded: Callable[[], int],
) -> None:
    meeting = live[0]
    csrf = _signed(app, screen, clerk)
    form = {"person_id": board["bob"]["id"], "status": "present", "capacity": "member"}
    answer = _send(screen, csrf, meeting, "attend", key="tap-1", **form)
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(_path(meeting))
    position = recorded()
    again = _send(screen, csrf, meeting, "attend", key="tap-1", **form)
    assert again.status_code == 303 and recorded() == position
    assert [str(a["person_id"]) for a in _attendance(app, meeting)] == [board["bob"]["id"]]
    page = screen.get(_path(meeting)).get_data(as_text=True)
    assert "Not quorate: 1 member present, 2 needed." in page


def test_record_js_is_told_when_a_tap_was_recorded_before(
    app: MeetingsApplication,
    screen: FlaskClient,
    clerk: str,
    board: dict[str, Json],
    live: tuple[Json, Json],
    recorded: Callable[[], int],
) -> None:
    meeting = live[0]
    csrf = _signed(app, screen, clerk)
    form = {"person_id": board["bob"]["id"], "status": "present", "capacity": "member"}
    screen.environ_base["HTTP_X_REQUESTED_WITH"] = "record.js"
    first = _send(screen, csrf, meeting, "attend", key="tap-js", **form)
    position = recorded()
    again = _send(screen, csrf, meeting, "attend", key="tap-js", **form)
    assert first.get_json() == {"recorded": True, "replayed": False}
    assert again.get_json() == {"recorded": True, "replayed": True}
    assert recorded() == position


def test_a_substitute_is_recorded_for_their_member_in_one_post(
    app: MeetingsApplication,
    screen: FlaskClient,
    clerk: str,
    board: dict[str, Json],
    live: tuple[Json, Json],
) -> None:
    meeting = live[0]
    csrf = _signed(app, screen, clerk)
    sub = {"person_id": board["sam"]["id"], "substitute_for": board["ann"]["id"]}
    assert _send(screen, csrf, meeting, "substitute", **sub).status_code == 303
    (entry,) = _attendance(app, meeting)
    assert str(entry["substitute_for"]) == board["ann"]["id"] and entry["status"] == "present"
    page = screen.get(_path(meeting)).get_data(as_text=True)
    assert "Sam Substitute substituting" in page


def test_a_refusal_is_shown_beside_the_control_and_records_nothing(
    app: MeetingsApplication,
    screen: FlaskClient,
    clerk: str,
    board: dict[str, Json],
    live: tuple[Json, Json],
    recorded: Callable[[], int],
) -> None:
    meeting, item = live
    csrf = _signed(app, screen, clerk)
    position = recorded()
    answer = _send(
        screen,
        csrf,
        meeting,
        "act",
        item_id=item["id"],
        description="Write the plan",
        owner="Nobody Known",
        due_on="2027-01-31",
        form_id=f"act-{item['id']}",
    )
    assert answer.status_code == 422 and recorded() == position
    page = answer.get_data(as_text=True)
    assert "Nobody called &#39;Nobody Known&#39; is known" in page
    assert "Write the plan</textarea>" in page and 'value="Nobody Known"' in page
    empty = _send(
        screen, csrf, meeting, "note", item_id=item["id"], text="", form_id=f"note-{item['id']}"
    )
    assert empty.status_code == 422 and "This cannot be left empty." in empty.get_data(True)
    twice = {"person_id": board["dee"]["id"], "status": "present", "capacity": "adviser"}
    assert _send(screen, csrf, meeting, "attend", **twice).status_code == 303
    position = recorded()
    again = _send(screen, csrf, meeting, "attend", **twice)
    assert again.status_code == 409 and recorded() == position
    assert "already recorded as present" in again.get_data(as_text=True)


def test_a_form_without_its_csrf_token_is_400_and_records_nothing(
    app: MeetingsApplication,
    screen: FlaskClient,
    clerk: str,
    board: dict[str, Json],
    live: tuple[Json, Json],
    recorded: Callable[[], int],
) -> None:
    meeting = live[0]
    _signed(app, screen, clerk)
    position = recorded()
    form = {"person_id": board["bob"]["id"], "status": "present", "idempotency_key": "k"}
    answer = screen.post(_path(meeting, "attend"), data=form)
    assert answer.status_code == 400 and recorded() == position


def test_only_the_bodys_clerks_may_record(
    app: MeetingsApplication,
    screen: FlaskClient,
    other_clerk: str,
    member: str,
    live: tuple[Json, Json],
) -> None:
    meeting = live[0]
    anonymous = screen.get(_path(meeting))
    assert anonymous.status_code == 302 and "/sign-in" in anonymous.headers["Location"]
    _signed(app, screen, other_clerk)
    assert screen.get(_path(meeting)).status_code == 403
    assert screen.get(_path(meeting, "state")).status_code == 403


def test_a_stale_correction_never_overwrites_a_newer_one(
    app: MeetingsApplication,
    client: FlaskClient,
    screen: FlaskClient,
    clerk: str,
    live: tuple[Json, Json],
    recorded: Callable[[], int],
) -> None:
    meeting, item = live
    note = ok(record(client, clerk, meeting["id"], f"items/{item['id']}/notes", text="Frist"), 201)
    csrf = _signed(app, screen, clerk)
    seen = {"entry_id": note["id"], "seen": "0", "form_id": f"correct-{note['id']}"}
    first = _send(screen, csrf, meeting, "correct", text="First", reason="Typo", **seen)
    assert first.status_code == 303
    position = recorded()
    stale = _send(screen, csrf, meeting, "correct", text="Second", reason="Mine", **seen)
    assert stale.status_code == 409 and recorded() == position
    page = stale.get_data(as_text=True)
    assert "Someone else corrected this entry" in page and "First" in page
    assert "Second</textarea>" in page
    history = screen.get(_path(meeting, f"entries/{note['id']}")).get_data(as_text=True)
    assert "Frist" in history and "Typo" in history


def test_the_state_names_the_parts_to_redraw_only_when_the_record_moved(
    app: MeetingsApplication,
    client: FlaskClient,
    screen: FlaskClient,
    clerk: str,
    board: dict[str, Json],
    live: tuple[Json, Json],
) -> None:
    meeting = live[0]
    _signed(app, screen, clerk)
    now = screen.get(_path(meeting, "state")).get_json()
    assert screen.get(_path(meeting, f"state?since={now['version']}")).get_json() == {
        "version": now["version"],
        "status": "in_session",
    }
    bob = board["bob"]["id"]
    ok(record(client, clerk, meeting["id"], "attendance", person_id=bob, status="present"), 201)
    moved = screen.get(_path(meeting, f"state?since={now['version']}")).get_json()
    assert moved["version"] == now["version"] + 1
    assert "Present" in moved["regions"][f"row-{bob}"]
    assert moved["regions"]["quorum"] == "Not quorate: 1 member present, 2 needed."


def test_the_sheet_shows_what_is_recorded_with_corrections_applied(
    app: MeetingsApplication,
    client: FlaskClient,
    clerk: str,
    board: dict[str, Json],
    live: tuple[Json, Json],
) -> None:
    meeting = live[0]
    bob = board["bob"]["id"]
    entry = ok(
        record(client, clerk, meeting["id"], "attendance", person_id=bob, status="absent"), 201
    )
    fix = {
        "entry_id": entry["id"],
        "reason": "Sent apologies",
        "replacement": {"status": "apologies"},
    }
    ok(record(client, clerk, meeting["id"], "corrections", **fix), 201)
    sheet = app.get_roll_call_sheet(UUID(meeting["id"]))
    capacities = [capacity for capacity, _ in sheet.groups]
    assert capacities == ["member", "adviser"]
    members = {row.person_name: row for row in sheet.groups[0][1]}
    assert members["Bob Member"].recorded["status"] == "apologies"
    assert [s.person_name for s in members["Ann Member"].substitutes] == ["Sam Substitute"]


def test_each_items_forms_record_what_the_api_would(
    app: MeetingsApplication,
    client: FlaskClient,
    admin: str,
    screen: FlaskClient,
    clerk: str,
    body: Json,
    other_body: Json,
    board: dict[str, Json],
    live: tuple[Json, Json],
) -> None:
    meeting, item = live
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"decision_method": "vote"}))
    later = ok(
        post(
            client,
            f"/bodies/{body['id']}/meetings",
            clerk,
            {"starts_at": "2027-06-01T10:00:00+01:00"},
        ),
        201,
    )
    csrf = _signed(app, screen, clerk)
    iid = item["id"]
    sent = [
        ("declare", {"name": "bob member", "interest": "Trustee", "withdrew": "on"}),
        (
            "decide",
            {
                "text": "Agreed by a vote.",
                "method": "vote",
                "votes_for": "5",
                "votes_against": "1",
                "votes_abstain": "0",
                "referred_to": other_body["id"],
            },
        ),
        ("act", {"description": "Report back", "owner": "Dee Adviser", "due_on": "2027-02-01"}),
        ("defer", {"reason": "Out of time", "to_meeting_id": later["id"]}),
    ]
    for what, form in sent:
        answer = _send(screen, csrf, meeting, what, item_id=iid, form_id=f"{what}-{iid}", **form)
        assert answer.status_code == 303, answer.get_data(as_text=True)
    m = app.get_meeting(UUID(meeting["id"]))
    (declaration,) = m.live_entries("declaration")
    assert str(declaration["person_id"]) == board["bob"]["id"] and declaration["withdrew"]
    (decision,) = m.live_entries("decision")
    assert decision["votes"] == {"for": 5, "against": 1, "abstain": 0}
    assert decision["within_delegated_authority"] is False  # the box was left unticked
    assert str(decision["referred_to"]) == other_body["id"]
    (action,) = m.live_entries("action")
    assert str(action["owner_id"]) == board["dee"]["id"] and str(action["due_on"]) == "2027-02-01"
    assert m.item(iid)["status"] == "deferred"
    titles = [i["title"] for i in app.get_meeting(UUID(later["id"])).agenda]
    assert titles == [item["title"]]


def _second_clerk(app: MeetingsApplication, body: Json) -> FlaskClient:
    """Another clerk of the board, signed in on a screen of their own."""
    token = app.tokens.create(Role.CLERK, "Cleo Clerk", [UUID(body["id"])])[1]
    other = create_app(app).test_client()
    _signed(app, other, token)
    return other


def test_a_wrong_status_is_corrected_from_the_roll_call_with_a_reason(
    app: MeetingsApplication,
    screen: FlaskClient,
    clerk: str,
    board: dict[str, Json],
    live: tuple[Json, Json],
    recorded: Callable[[], int],
) -> None:
    meeting, bob = live[0], board["bob"]
    csrf = _signed(app, screen, clerk)
    tapped = _send(screen, csrf, meeting, "attend", person_id=bob["id"], status="absent")
    assert tapped.status_code == 303
    entry = _attendance(app, meeting)[0]
    page = screen.get(_path(meeting)).get_data(as_text=True)
    # Offered beside the person: the reason filled in, one button per other status.
    assert 'aria-label="Apologies instead: Bob Member"' in page
    assert 'aria-label="Present instead: Bob Member"' in page
    assert 'value="Wrong status tapped"' in page
    fix = {"entry_id": entry["id"], "seen": "0", "form_id": f"correct-{entry['id']}"}

    position = recorded()
    for bad, field in (({"status": "late"}, "status"), ({"status": "apologies", "reason": ""}, "")):
        form = {"reason": "Wrong status tapped", **bad}
        refusal = _send(screen, csrf, meeting, "correct", **fix, **form)
        assert refusal.status_code == 422 and recorded() == position
        text = refusal.get_data(as_text=True)
        assert ("Must be one of" in text) if field else ("This cannot be left empty." in text)

    done = _send(
        screen, csrf, meeting, "correct", status="apologies", reason="Wrong status tapped", **fix
    )
    assert done.status_code == 303
    assert [a["status"] for a in _attendance(app, meeting)] == ["apologies"]
    page = screen.get(_path(meeting)).get_data(as_text=True)
    assert 'aria-label="Corrected: see its history (attendance of Bob Member)"' in page
    history = screen.get(_path(meeting, f"entries/{entry['id']}")).get_data(as_text=True)
    assert "Bob Member, apologies" in history  # as it reads now
    assert "Bob Member, absent" in history and "Wrong status tapped" in history


def test_two_clerks_correcting_one_entry_at_once_never_overwrite_each_other(
    app: MeetingsApplication,
    monkeypatch: pytest.MonkeyPatch,
    client: FlaskClient,
    screen: FlaskClient,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
) -> None:
    """The second clerk's correction lands after the first clerk's check and before their
    command: the command's If-Match refuses it, and the first clerk sees the entry as now
    corrected, with what they typed kept."""
    meeting, item = live
    note = ok(record(client, clerk, meeting["id"], f"items/{item['id']}/notes", text="Frist"), 201)
    csrf = _signed(app, screen, clerk)
    other = _second_clerk(app, body)
    seen = {"entry_id": note["id"], "seen": "0", "form_id": f"correct-{note['id']}"}
    original = app.correct_entry
    meanwhile: list[int] = []

    def at_once(cmd: Any) -> Any:
        if not meanwhile:  # the other clerk's correction gets in first
            meanwhile.append(1)
            theirs = _send(
                other,
                csrf_of(other.get("/console")),
                meeting,
                "correct",
                text="First",
                reason="Typo",
                **seen,
            )
            assert theirs.status_code == 303
        return original(cmd)

    monkeypatch.setattr(app, "correct_entry", at_once)
    mine = _send(screen, csrf, meeting, "correct", text="Second", reason="Mine", **seen)
    assert mine.status_code == 409
    page = mine.get_data(as_text=True)
    assert "Someone else corrected this entry" in page and "now reads: &#39;First&#39;" in page
    assert "Second</textarea>" in page
    entry = app.get_meeting(UUID(meeting["id"])).entries[note["id"]]
    assert entry["text"] == "First" and [c["reason"] for c in entry["corrections"]] == ["Typo"]


def test_a_correction_goes_through_when_only_other_entries_were_recorded_meanwhile(
    app: MeetingsApplication,
    monkeypatch: pytest.MonkeyPatch,
    client: FlaskClient,
    screen: FlaskClient,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
) -> None:
    meeting, item = live
    notes = f"items/{item['id']}/notes"
    note = ok(record(client, clerk, meeting["id"], notes, text="Frist"), 201)
    csrf = _signed(app, screen, clerk)
    original = app.correct_entry
    meanwhile: list[Any] = []

    def busy_room(cmd: Any) -> Any:
        if not meanwhile:  # another entry is recorded between the check and the command
            meanwhile.append(ok(record(client, clerk, meeting["id"], notes, text="Also"), 201))
        return original(cmd)

    monkeypatch.setattr(app, "correct_entry", busy_room)
    seen = {"entry_id": note["id"], "seen": "0", "form_id": f"correct-{note['id']}"}
    done = _send(screen, csrf, meeting, "correct", text="First", reason="Typo", **seen)
    assert done.status_code == 303 and meanwhile
    entries = app.get_meeting(UUID(meeting["id"])).entries
    assert entries[note["id"]]["text"] == "First" and entries[meanwhile[0]["id"]]["text"] == "Also"
