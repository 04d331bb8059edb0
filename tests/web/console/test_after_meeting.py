"""After the meeting, in the console: close; the draft minutes as they will read (escaped,
no raw HTML); the chair agrees them from their own sign-in; circulate; approve at a later
meeting with amendments per item; publish. Each step says what comes next and who."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from tests.console_support import sign_in
from tests.web.console.conftest import Signed
from tests.web.support import get, live_meeting, meeting_command, ok, record
from tests.web.test_minutes_api import Recorded, _record_everything

Json = dict[str, Any]


def _minutes(client: FlaskClient, token: str, meeting_id: str) -> Json:
    found: Json = ok(get(client, f"/meetings/{meeting_id}/minutes", token))
    return found


def test_closing_from_the_meetings_page_leads_to_the_draft_minutes(
    clerk_browser: Signed, client: FlaskClient, clerk: str, body: Json, body_chair: str
) -> None:
    meeting, _ = live_meeting(client, clerk, body["id"])
    hub = clerk_browser.client.get(f"/console/meetings/{meeting['id']}").get_data(as_text=True)
    assert "Close the meeting" in hub and f"/console/meetings/{meeting['id']}/record" in hub
    version = str(ok(get(client, f"/meetings/{meeting['id']}", clerk))["version"])
    closed = clerk_browser.post(f"/console/meetings/{meeting['id']}/close", {"version": version})
    assert closed.status_code == 303
    assert closed.headers["Location"].endswith(f"/console/meetings/{meeting['id']}/minutes")
    page = clerk_browser.client.get(closed.headers["Location"]).get_data(as_text=True)
    assert "Agree the draft minutes" in page and "Who: the chair (Carol Chair)." in page


def test_the_draft_is_shown_as_it_will_read_with_nothing_raw(
    clerk_browser: Signed, client: FlaskClient, clerk: str, body: Json
) -> None:
    meeting, item = live_meeting(client, clerk, body["id"], title="Budget")
    text = "**Agreed** <script>alert(1)</script> [link](javascript:alert(1)) <b>bold</b>"
    ok(record(client, clerk, meeting["id"], f"items/{item['id']}/notes", text=text), 201)
    meeting_command(client, clerk, meeting["id"], "close")
    page = clerk_browser.client.get(f"/console/meetings/{meeting['id']}/minutes")
    html = page.get_data(as_text=True)
    assert "<strong>Agreed</strong>" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html
    assert 'href="javascript:' not in html


def test_the_chair_agrees_the_minutes_from_their_own_sign_in(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body_chair: str,
    body: Json,
    recorded: Callable[[], int],
) -> None:
    r: Recorded = _record_everything(client, admin, clerk, body)
    chair = client.application.test_client()
    csrf = sign_in(chair, body_chair)
    home = chair.get("/console").get_data(as_text=True)
    assert "Draft minutes: Health and Wellbeing Board" in home
    assert "The board discussed the plan." in home and "Agree these minutes" in home
    path = f"/console/meetings/{r.meeting['id']}/minutes"
    page = chair.get(path).get_data(as_text=True)
    assert "The board discussed the plan." in page and "Agree these minutes" in page
    seen = str(_minutes(client, clerk, r.meeting["id"])["version"])
    ok(
        record(
            client,
            clerk,
            r.meeting["id"],
            "corrections",
            entry_id=r.decision["id"],
            reason="Typo",
            replacement={"text": "Approved the plan.", "method": "consensus"},
        ),
        201,
    )
    before = recorded()
    stale = chair.post(f"{path}/agree", data={"csrf_token": csrf, "version": seen})
    assert stale.status_code == 409
    assert "Someone else changed this meeting" in stale.get_data(as_text=True)
    assert recorded() == before
    fresh = str(_minutes(client, clerk, r.meeting["id"])["version"])
    agreed = chair.post(f"{path}/agree", data={"csrf_token": csrf, "version": fresh})
    assert agreed.status_code == 303
    assert _minutes(client, clerk, r.meeting["id"])["status"] == "agreed"
    assert "you agreed the minutes" in chair.get(agreed.headers["Location"]).get_data(as_text=True)


def test_the_clerk_may_not_agree_the_minutes(
    clerk_browser: Signed,
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    recorded: Callable[[], int],
) -> None:
    r = _record_everything(client, admin, clerk, body)
    page = clerk_browser.client.get(f"/console/meetings/{r.meeting['id']}/minutes")
    assert "Agree these minutes" not in page.get_data(as_text=True)
    before = recorded()
    answer = clerk_browser.post(f"/console/meetings/{r.meeting['id']}/minutes/agree")
    assert answer.status_code == 403
    assert recorded() == before


def test_circulate_approve_with_amendments_and_publish(
    clerk_browser: Signed,
    client: FlaskClient,
    admin: str,
    clerk: str,
    body_chair: str,
    body: Json,
    recorded: Callable[[], int],
) -> None:
    r = _record_everything(client, admin, clerk, body)
    m = r.meeting["id"]
    ok(
        client.post(
            f"/api/v1/meetings/{m}/minutes/agree", headers={"Authorization": f"Bearer {body_chair}"}
        )
    )
    path = f"/console/meetings/{m}/minutes"

    def version() -> str:
        return str(_minutes(client, clerk, m)["version"])

    assert "Circulate the agreed minutes" in clerk_browser.client.get(path).get_data(as_text=True)
    assert clerk_browser.post(f"{path}/circulate", {"version": version()}).status_code == 303
    meeting_command(client, clerk, r.later["id"], "open")
    page = clerk_browser.client.get(path).get_data(as_text=True)
    assert "Approve the minutes at the body" in page and "Amendment to item 1" in page
    before = recorded()
    missing = clerk_browser.post(f"{path}/approve", {"version": version(), "approved_at": ""})
    assert missing.status_code == 422
    assert 'id="approved_at-error"' in missing.get_data(as_text=True)
    assert recorded() == before
    plan = r.items["plan"]["id"]
    approved = clerk_browser.post(
        f"{path}/approve",
        {"version": version(), "approved_at": r.later["id"], f"amendment_{plan}": "As amended."},
    )
    assert approved.status_code == 303
    minutes = _minutes(client, clerk, m)
    assert minutes["status"] == "approved"
    assert [a["text"] for a in minutes["amendments"]] == ["As amended."]
    assert clerk_browser.post(f"{path}/publish", {"version": version()}).status_code == 303
    assert _minutes(client, clerk, m)["status"] == "published"
    done = clerk_browser.client.get(path).get_data(as_text=True)
    assert "Nothing: the minutes are published." in done and "Who: nobody." in done


def test_a_member_may_not_read_the_console_minutes(
    client: FlaskClient, admin: str, clerk: str, body: Json, sitting_member: str
) -> None:
    r = _record_everything(client, admin, clerk, body)
    member = client.application.test_client()
    sign_in(member, sitting_member)
    assert member.get(f"/console/meetings/{r.meeting['id']}/minutes").status_code == 403
