"""Minutes over HTTP: the draft derived from the record, and its steps to publication."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.web.conftest import Json
from tests.web.support import (
    add_item,
    agree_action,
    decide,
    get,
    in_days,
    live_meeting,
    make_body,
    make_member,
    make_organisation,
    make_person,
    meeting_command,
    ok,
    post,
    problem,
    record,
    schedule,
)


@dataclass
class Recorded:
    """A closed meeting of the board with something of everything in its record."""

    meeting: Json
    items: dict[str, Json]
    people: dict[str, Json]
    decision: Json
    secret_decision: Json
    action: Json
    later: Json


def _record_everything(client: FlaskClient, admin: str, clerk: str, body: Json) -> Recorded:
    council = make_organisation(client, admin, name="Buckinghamshire Council")
    police = make_organisation(client, admin, name="Thames Valley Police", sector="public")
    people = {
        "leader": make_member(client, admin, body["id"], "Liz Leader", organisation_id=None),
        "superintendent": make_member(
            client, admin, body["id"], "Sid Superintendent", seat="Police"
        ),
        "absentee": make_member(client, admin, body["id"], "Abe Absent", seat="Health"),
        "apologetic": make_member(client, admin, body["id"], "Ann Apologies", seat="Schools"),
        "inspector": make_person(client, admin, name="Ian Inspector", organisation_id=police["id"]),
        "adviser": make_person(client, admin, name="Ada Adviser", organisation_id=council["id"]),
        "officer": make_person(client, admin, name="Olu Officer"),
        "guest": make_person(client, admin, name="Gita Guest"),
    }
    seat = people["superintendent"]["membership"]
    ok(
        post(
            client,
            f"/bodies/{body['id']}/memberships/{seat['id']}/substitutes",
            admin,
            {"person_id": people["inspector"]["id"], "named_on": "2025-01-01"},
        ),
        201,
    )
    meeting = schedule(client, clerk, body["id"], starts_at=in_days(-20), venue="The Gateway")
    items = {
        "plan": add_item(client, clerk, meeting["id"], title="Better Care Fund plan"),
        "secret": add_item(
            client,
            clerk,
            meeting["id"],
            title="Contract with Acme Care Ltd",
            confidential=True,
            confidential_reason="commercially sensitive",
        ),
        "later": add_item(client, clerk, meeting["id"], title="Joint strategy refresh"),
    }
    later = schedule(client, clerk, body["id"], starts_at=in_days(-5))
    m = meeting["id"]
    meeting_command(client, clerk, m, "open", {"at": in_days(-20)})

    def attend(who: str, **fields: Any) -> None:
        ok(record(client, clerk, m, "attendance", person_id=people[who]["id"], **fields), 201)

    attend("leader", status="present")
    attend("inspector", status="present", substitute_for=people["superintendent"]["id"])
    attend("apologetic", status="apologies")
    attend("absentee", status="absent")
    attend("adviser", status="present", capacity="adviser")
    attend("officer", status="present", capacity="officer")
    attend("guest", status="present", capacity="guest", admitted_by_chair=True)
    plan, secret = items["plan"]["id"], items["secret"]["id"]
    ok(
        record(
            client,
            clerk,
            m,
            "declarations",
            person_id=people["leader"]["id"],
            item_id=plan,
            interest="Trustee of a care charity",
            withdrew=False,
        ),
        201,
    )
    ok(record(client, clerk, m, f"items/{plan}/notes", text="The board discussed the plan."), 201)
    decision = decide(client, clerk, m, plan, text="Approved the Better Care Fund plan.")
    action = agree_action(
        client,
        clerk,
        m,
        plan,
        people["adviser"]["id"],
        description="Submit the plan to NHS England",
        organisation_id=council["id"],
    )
    ok(record(client, clerk, m, f"items/{secret}/notes", text="Acme's price rose by 40%."), 201)
    secret_decision = decide(client, clerk, m, secret, text="Extended the Acme contract.")
    agree_action(
        client, clerk, m, secret, people["officer"]["id"], description="Negotiate with Acme"
    )
    ok(
        post(
            client,
            f"/meetings/{m}/items/{items['later']['id']}/defer",
            clerk,
            {"reason": "The strategy paper was not ready.", "to_meeting_id": later["id"]},
        )
    )
    meeting_command(client, clerk, m, "close", {"at": in_days(-20).replace("10:00", "12:00")})
    return Recorded(meeting, items, people, decision, secret_decision, action, later)


@pytest.fixture
def recorded_meeting(client: FlaskClient, admin: str, clerk: str, body: Json) -> Recorded:
    return _record_everything(client, admin, clerk, body)


def minutes(client: FlaskClient, token: str | None, meeting_id: str, **query: Any) -> Json:
    answer: Json = ok(get(client, f"/meetings/{meeting_id}/minutes", token, query_string=query))
    return answer


def step(client: FlaskClient, token: str, meeting_id: str, verb: str, json: Any = None) -> Json:
    answer: Json = ok(post(client, f"/meetings/{meeting_id}/minutes/{verb}", token, json))
    return answer


def _to_approval(
    client: FlaskClient, clerk: str, chair: str, r: Recorded, amendments: list[Json] | None = None
) -> Json:
    step(client, chair, r.meeting["id"], "agree")
    step(client, clerk, r.meeting["id"], "circulate")
    meeting_command(client, clerk, r.later["id"], "open", {"at": in_days(-5)})
    return step(
        client,
        clerk,
        r.meeting["id"],
        "approve",
        {"approved_at": r.later["id"], "amendments": amendments or []},
    )


def test_the_draft_names_everyone_and_everything_recorded(
    client: FlaskClient, clerk: str, body_chair: str, recorded_meeting: Recorded
) -> None:
    r = recorded_meeting
    draft = minutes(client, clerk, r.meeting["id"])
    assert draft["status"] == "draft"
    md = draft["markdown"]
    assert "# Health and Wellbeing Board (HWB)" in md and "The Gateway" in md
    members = {p["name"]: p for p in draft["present"]["member"]}
    assert set(members) == {"Liz Leader", "Ian Inspector"}
    assert members["Ian Inspector"]["substitute_for_name"] == "Sid Superintendent"
    assert "Ian Inspector (Thames Valley Police), substitute for Sid Superintendent" in md
    assert [p["name"] for p in draft["present"]["adviser"]] == ["Ada Adviser"]
    assert [p["name"] for p in draft["present"]["officer"]] == ["Olu Officer"]
    assert [p["name"] for p in draft["present"]["guest"]] == ["Gita Guest"]
    assert [p["name"] for p in draft["apologies"]] == ["Ann Apologies"]
    assert [p["name"] for p in draft["absent"]] == ["Abe Absent"]
    for name in ("Ada Adviser (Buckinghamshire Council)", "Olu Officer", "Gita Guest"):
        assert name in md
    assert "## Apologies\n\n- Ann Apologies" in md and "## Absent\n\n- Abe Absent" in md
    assert draft["declarations"][0]["interest"] == "Trustee of a care charity"
    assert "Liz Leader, item 1: Trustee of a care charity." in md
    plan, secret, deferred = draft["items"]
    assert plan["notes"] == ["The board discussed the plan."]
    assert plan["decisions"][0]["text"] == "Approved the Better Care Fund plan."
    assert plan["decisions"][0]["method"] == "consensus"
    assert "**Decision:** Approved the Better Care Fund plan." in md
    assert "Agreed by consensus." in md
    assert plan["actions"][0]["owner_name"] == "Ada Adviser"
    assert plan["actions"][0]["organisation_name"] == "Buckinghamshire Council"
    assert plan["actions"][0]["action_id"] == r.action["action_id"]
    assert "| Submit the plan to NHS England | Ada Adviser | Buckinghamshire Council |" in md
    # The clerk sees the confidential item, marked as such.
    assert secret["title"] == "Contract with Acme Care Ltd" and not secret["withheld"]
    assert "(confidential: commercially sensitive)" in md
    assert "Extended the Acme contract." in md
    assert deferred["deferral"]["reason"] == "The strategy paper was not ready."
    assert deferred["deferral"]["to_meeting_id"] == r.later["id"]
    assert "Deferred to the meeting on" in md
    assert "The meeting closed at 12:00." in md


def test_others_never_see_what_a_confidential_item_recorded(
    client: FlaskClient, scrutiny: str, recorded_meeting: Recorded
) -> None:
    draft = minutes(client, scrutiny, recorded_meeting.meeting["id"])
    secret = draft["items"][1]
    assert secret["withheld"] and secret["title"] == "Confidential item"
    assert secret["notes"] == secret["decisions"] == secret["actions"] == []
    text = str(draft)
    for leaked in ("Acme", "40%", "Negotiate"):
        assert leaked not in text
    assert "Withheld from publication: commercially sensitive." in draft["markdown"]


def test_the_lifecycle_runs_in_order_and_keeps_each_text(
    client: FlaskClient,
    clerk: str,
    body_chair: str,
    recorded_meeting: Recorded,
    refused: Callable[..., Json],
) -> None:
    r = recorded_meeting
    m = r.meeting["id"]
    path = f"/meetings/{m}/minutes"
    for verb in ("circulate", "publish"):
        detail = refused(lambda v=verb: post(client, f"{path}/{v}", clerk), 409)["detail"]
        assert "draft" in detail
    refused(lambda: post(client, f"{path}/approve", clerk, {"approved_at": r.later["id"]}), 409)
    # Only the chair agrees.
    refused(lambda: post(client, f"{path}/agree", clerk), 403)
    agreed = step(client, body_chair, m, "agree")
    assert agreed["status"] == "agreed" and agreed["agreed"]["person_id"]
    refused(lambda: post(client, f"{path}/agree", body_chair), 409)
    refused(lambda: post(client, f"{path}/publish", clerk), 409)
    circulated = step(client, clerk, m, "circulate")
    assert circulated["status"] == "circulated"
    # Approving needs the later meeting to have met.
    refused(lambda: post(client, f"{path}/approve", clerk, {"approved_at": r.later["id"]}), 409)
    meeting_command(client, clerk, r.later["id"], "open", {"at": in_days(-5)})
    plan = r.items["plan"]["id"]
    amended_text = "The board approved the Better Care Fund plan, subject to NHS sign-off."
    approved = step(
        client,
        clerk,
        m,
        "approve",
        {"approved_at": r.later["id"], "amendments": [{"item_id": plan, "text": amended_text}]},
    )
    assert approved["status"] == "approved"
    assert approved["approved"]["meeting_id"] == r.later["id"]
    [amendment] = approved["amendments"]
    assert amendment["text"] == amended_text
    assert amendment["original"] == "The board discussed the plan."
    assert amended_text in approved["markdown"]
    assert "> The board discussed the plan." in approved["markdown"]
    # The decision stands as recorded beside the amended minute.
    assert "**Decision:** Approved the Better Care Fund plan." in approved["markdown"]
    refused(lambda: post(client, f"{path}/approve", clerk, {"approved_at": r.later["id"]}), 409)
    # After approval the record stands: no more corrections.
    refused(
        lambda: post(
            client,
            f"/meetings/{m}/corrections",
            clerk,
            {"entry_id": r.decision["id"], "reason": "typo"},
        ),
        409,
    )
    published = step(client, clerk, m, "publish")
    assert published["status"] == "published" and published["published_at"]
    refused(lambda: post(client, f"{path}/publish", clerk), 409)
    # Each text is kept.
    as_circulated = minutes(client, clerk, m, stage="circulated")
    assert as_circulated["amendments"] == [] and amended_text not in as_circulated["markdown"]
    assert minutes(client, clerk, m, stage="approved")["amendments"][0]["text"] == amended_text
    assert minutes(client, clerk, m, stage="published")["status"] == "published"
    earlier = minutes(client, clerk, m, version=circulated["version"])
    assert earlier["status"] == "circulated"


def test_the_public_reads_only_published_minutes_without_confidential_content(
    client: FlaskClient, clerk: str, body_chair: str, recorded_meeting: Recorded
) -> None:
    r = recorded_meeting
    m = r.meeting["id"]
    problem(get(client, f"/meetings/{m}/minutes", None), 404)
    _to_approval(client, clerk, body_chair, r)
    problem(get(client, f"/meetings/{m}/minutes", None), 404)
    assert ok(get(client, "/minutes", None)) == []
    step(client, clerk, m, "publish")
    public = minutes(client, None, m)
    assert public["status"] == "published"
    assert "Acme" not in str(public) and "Negotiate" not in str(public)
    assert public["items"][1]["title"] == "Confidential item"
    listed = ok(get(client, "/minutes", None))
    assert [row["id"] for row in listed] == [m]
    assert ok(get(client, "/minutes", None, query_string={"body_id": r.later["body_id"]}))


def test_a_correction_after_agreement_sends_the_minutes_back_to_the_chair(
    client: FlaskClient, clerk: str, body_chair: str, recorded_meeting: Recorded
) -> None:
    r = recorded_meeting
    m = r.meeting["id"]
    step(client, body_chair, m, "agree")
    step(client, clerk, m, "circulate")
    ok(
        post(
            client,
            f"/meetings/{m}/corrections",
            clerk,
            {
                "entry_id": r.decision["id"],
                "reason": "The wording agreed was different",
                "replacement": {"text": "Approved the plan with changes."},
            },
        ),
        201,
    )
    again = minutes(client, clerk, m)
    assert again["status"] == "draft"
    assert "Approved the plan with changes." in again["markdown"]
    problem(get(client, f"/meetings/{m}/minutes", clerk, query_string={"stage": "circulated"}), 404)
    step(client, body_chair, m, "agree")


def test_minutes_are_not_agreed_before_the_meeting_closes(
    client: FlaskClient,
    clerk: str,
    body_chair: str,
    live: tuple[Json, Json],
    refused: Callable[..., Json],
) -> None:
    meeting, _ = live
    detail = refused(
        lambda: post(client, f"/meetings/{meeting['id']}/minutes/agree", body_chair), 409
    )
    assert "after the meeting closes" in detail["detail"]


def test_approval_belongs_to_a_later_meeting_of_the_same_body(
    client: FlaskClient,
    clerk: str,
    admin: str,
    body_chair: str,
    other_body: Json,
    recorded_meeting: Recorded,
    refused: Callable[..., Json],
) -> None:
    r = recorded_meeting
    m = r.meeting["id"]
    step(client, body_chair, m, "agree")
    step(client, clerk, m, "circulate")
    path = f"/meetings/{m}/minutes/approve"
    elsewhere = schedule(client, admin, other_body["id"], starts_at=in_days(-3))
    meeting_command(client, admin, elsewhere["id"], "open", {"at": in_days(-3)})
    assert (
        "another body"
        in refused(lambda: post(client, path, clerk, {"approved_at": elsewhere["id"]}), 409)[
            "detail"
        ]
    )
    earlier = schedule(client, clerk, r.meeting["body_id"], starts_at=in_days(-40))
    meeting_command(client, clerk, earlier["id"], "open", {"at": in_days(-40)})
    assert (
        "not later"
        in refused(lambda: post(client, path, clerk, {"approved_at": earlier["id"]}), 409)["detail"]
    )
    assert (
        "not later" in refused(lambda: post(client, path, clerk, {"approved_at": m}), 409)["detail"]
    )
    refused(lambda: post(client, path, clerk, {"approved_at": "not-an-id"}), 422, "approved_at")
    refused(
        lambda: post(client, path, clerk, {"approved_at": "00000000-0000-4000-8000-000000000000"}),
        422,
        "approved_at",
    )
    meeting_command(client, clerk, r.later["id"], "open", {"at": in_days(-5)})
    refused(
        lambda: post(
            client,
            path,
            clerk,
            {"approved_at": r.later["id"], "amendments": [{"item_id": "nope", "text": "x"}]},
        ),
        422,
        "amendments",
    )


def test_only_the_bodys_clerk_takes_the_minutes_forward(
    client: FlaskClient,
    other_clerk: str,
    member: str,
    body_chair: str,
    recorded_meeting: Recorded,
    refused: Callable[..., Json],
) -> None:
    m = recorded_meeting.meeting["id"]
    step(client, body_chair, m, "agree")
    for token in (other_clerk, member, body_chair):
        refused(lambda t=token: post(client, f"/meetings/{m}/minutes/circulate", t), 403)
    refused(lambda: post(client, f"/meetings/{m}/minutes/circulate", None), 401)


def test_minutes_as_they_stood_on_a_day(
    client: FlaskClient, clerk: str, body_chair: str, recorded_meeting: Recorded
) -> None:
    m = recorded_meeting.meeting["id"]
    step(client, body_chair, m, "agree")
    tomorrow = in_days(1)[:10]
    assert minutes(client, clerk, m, as_at=tomorrow)["status"] == "agreed"
    problem(get(client, f"/meetings/{m}/minutes", clerk, query_string={"as_at": "1999-01-01"}), 404)
    problem(get(client, f"/meetings/{m}/minutes", clerk, query_string={"stage": "x"}), 422, "stage")


def test_a_vote_is_minuted_with_its_counts(
    app: MeetingsApplication, client: FlaskClient, admin: str
) -> None:
    board = make_body(client, admin, name="Vote Board", short_name="VB", decision_method="vote")
    clerk = app.tokens.create(Role.CLERK, "Vera Clerk", [board["id"]])[1]
    meeting, item = live_meeting(client, clerk, board["id"])
    votes = {"for": 5, "against": 2, "abstain": 1}
    decide(client, clerk, meeting["id"], item["id"], method="vote", votes=votes)
    draft = minutes(client, clerk, meeting["id"])
    assert draft["items"][0]["decisions"][0]["votes"] == votes
    assert "Decided by vote: 5 for, 2 against, 1 abstaining." in draft["markdown"]


def test_an_amendment_to_a_confidential_item_stays_confidential(
    client: FlaskClient,
    clerk: str,
    scrutiny: str,
    body_chair: str,
    recorded_meeting: Recorded,
) -> None:
    r = recorded_meeting
    secret = r.items["secret"]["id"]
    amendment = {"item_id": secret, "text": "Acme's price rose by 45%, not 40%."}
    _to_approval(client, clerk, body_chair, r, [amendment])
    step(client, clerk, r.meeting["id"], "publish")
    assert minutes(client, clerk, r.meeting["id"])["amendments"][0]["text"] == amendment["text"]
    for token in (scrutiny, None):
        assert "45%" not in str(minutes(client, token, r.meeting["id"]))
    history = ok(get(client, f"/meetings/{r.meeting['id']}/history", scrutiny))
    assert "45%" not in str(history) and "Acme" not in str(history)
    [approved] = [h for h in history if h["type"].endswith("MinutesApproved")]
    assert approved["data"]["amendments"][0]["withheld"].startswith("Confidential item")


def test_the_minutes_close_typed_text_with_one_full_stop(
    app: MeetingsApplication, client: FlaskClient, admin: str, scrutiny: str
) -> None:
    board = make_body(client, admin, name="Stop Board", short_name="SB")
    clerk = app.tokens.create(Role.CLERK, "Sam Clerk", [board["id"]])[1]
    meeting = schedule(client, clerk, board["id"], venue="County Hall.")
    add_item(
        client,
        clerk,
        meeting["id"],
        title="Contract renewal",
        confidential=True,
        confidential_reason="commercially sensitive.",
    )
    meeting_command(client, clerk, meeting["id"], "open")
    md = minutes(client, clerk, meeting["id"])["markdown"]
    assert ", County Hall." in md and "County Hall.." not in md
    assert "(confidential: commercially sensitive)" in md
    withheld = minutes(client, scrutiny, meeting["id"])["markdown"]
    assert "Withheld from publication: commercially sensitive." in withheld
    assert "sensitive.." not in withheld
