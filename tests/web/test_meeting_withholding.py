"""Confidential content stays withheld on every answer, replays included; probes get 401."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from tests.web.support import add_item, get, meeting_command, ok, post, problem, record, schedule

Json = dict[str, Any]
SECRET = {
    "title": "Sale of the depot to Acme",
    "kind": "decision",
    "confidential": True,
    "confidential_reason": "Commercially sensitive",
}


def test_a_chair_who_does_not_sit_on_the_body_agrees_without_seeing_confidential_titles(
    client: FlaskClient,
    clerk: str,
    body: Json,
    body_chair: str,
) -> None:
    meeting = schedule(client, clerk, body["id"])
    add_item(client, clerk, meeting["id"], **SECRET)
    for _ in range(2):  # the answer, then its replay
        answer = ok(
            post(
                client,
                f"/meetings/{meeting['id']}/agenda/agree",
                body_chair,
                headers={"Idempotency-Key": "agree-1"},
            )
        )
        assert [i["title"] for i in answer["agenda"]] == ["Confidential item"]


def test_a_deferral_reason_of_a_confidential_item_is_withheld(
    client: FlaskClient,
    clerk: str,
    scrutiny: str,
    body: Json,
) -> None:
    meeting = schedule(client, clerk, body["id"])
    item = add_item(client, clerk, meeting["id"], **SECRET)
    ok(
        post(
            client,
            f"/meetings/{meeting['id']}/items/{item['id']}/defer",
            clerk,
            {"reason": "Awaiting Acme's price"},
        )
    )
    seen = ok(get(client, f"/meetings/{meeting['id']}", scrutiny))["agenda"][0]
    assert seen["deferral_reason"] is None
    assert "Acme" not in str(seen)


def test_actions_whose_item_the_read_model_does_not_know_are_withheld(
    app: MeetingsApplication,
    client: FlaskClient,
    clerk: str,
    scrutiny: str,
    body: Json,
    person: Json,
) -> None:
    earlier = schedule(client, clerk, body["id"], starts_at="2026-01-10T10:00:00+00:00")
    item = add_item(client, clerk, earlier["id"], **SECRET)
    meeting_command(client, clerk, earlier["id"], "open")
    ok(
        record(
            client,
            clerk,
            earlier["id"],
            f"items/{item['id']}/actions",
            description="Negotiate with Acme",
            owner_id=person["id"],
            due_on="2027-01-01",
        ),
        201,
    )
    later = schedule(client, clerk, body["id"])
    with app.db.transaction() as tx:
        tx.execute("DELETE FROM rm_agenda_items")
    [row] = ok(get(client, f"/meetings/{later['id']}/matters-arising", scrutiny))
    assert "Acme" not in row["description"] and row["owner_id"] is None
    [full] = ok(get(client, f"/meetings/{later['id']}/matters-arising", clerk))
    assert full["description"] == "Negotiate with Acme"


def test_a_replayed_close_after_corrections_answers_as_the_first_time(
    client: FlaskClient,
    clerk: str,
    live: tuple[Json, Json],
    person: Json,
) -> None:
    meeting, item = live
    note = ok(record(client, clerk, meeting["id"], f"items/{item['id']}/notes", text="Teh"), 201)
    ok(
        post(
            client,
            f"/meetings/{meeting['id']}/corrections",
            clerk,
            {"entry_id": note["id"], "reason": "Typo", "replacement": {"text": "The"}},
        ),
        201,
    )
    here = ok(
        record(
            client,
            clerk,
            meeting["id"],
            "attendance",
            person_id=person["id"],
            status="present",
            capacity="officer",
        ),
        201,
    )
    ok(
        post(
            client,
            f"/meetings/{meeting['id']}/corrections",
            clerk,
            {
                "entry_id": here["id"],
                "reason": "Was an observer",
                "replacement": {"capacity": "observer"},
            },
        ),
        201,
    )
    answers = [
        post(
            client,
            f"/meetings/{meeting['id']}/close",
            clerk,
            headers={"Idempotency-Key": "close-1"},
        )
        for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].get_json() == answers[1].get_json()
    corrections = answers[0].get_json()["corrections"]
    assert [c["previous"].get("text") for c in corrections] == ["Teh", None]
    assert corrections[1]["previous"]["person_id"] == person["id"]
    assert corrections[1]["previous"]["at"].endswith("+00:00")


def test_vote_counts_cannot_be_corrected_into_a_consensus_decision(
    client: FlaskClient,
    clerk: str,
    live: tuple[Json, Json],
    refused: Any,
) -> None:
    meeting, item = live
    decision = ok(
        record(
            client,
            clerk,
            meeting["id"],
            f"items/{item['id']}/decisions",
            text="Agreed",
            method="consensus",
        ),
        201,
    )
    refused(
        lambda: post(
            client,
            f"/meetings/{meeting['id']}/corrections",
            clerk,
            {
                "entry_id": decision["id"],
                "reason": "Counts",
                "replacement": {"votes": {"for": 3, "against": 1, "abstain": 0}},
            },
        ),
        422,
        "replacement.votes",
    )


def test_probing_meetings_without_a_token_is_401_not_404(client: FlaskClient) -> None:
    unknown = uuid4()
    problem(get(client, f"/meetings/{unknown}/history", None), 401)
    problem(
        post(
            client,
            f"/meetings/{unknown}/attendance",
            None,
            {"person_id": str(uuid4()), "status": "present"},
        ),
        401,
    )
