"""Recorded (named) votes, and the quorum at the moment of a decision.

Seed: ../shared/seeds/003_41aa9706322c5908.txt (Leicestershire Together protocol):
"Openness - partners should be as open as possible about all the decisions and actions
that they take. They should give reasons for their decisions" and "Accountability"
of the partners for their decisions: who voted how, and whether the meeting could decide.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import Json
from tests.web.support import (
    add_item,
    get,
    in_days,
    make_body,
    make_member,
    meeting_command,
    ok,
    post,
    record,
    schedule,
)

Refused = Callable[..., Json]


@pytest.fixture
def voting(client: FlaskClient, admin: str) -> tuple[Json, Json, Json, dict[str, Json], str]:
    """A body that votes, quorum 3, with four members; a meeting 2 days ago in session with
    three of them present and one absent: (body, meeting, item, members, clerk token)."""
    body = make_body(
        client,
        admin,
        name="Accountable Bodies Group",
        short_name="ABG",
        decision_method="vote",
        quorum=3,
    )
    members = {
        name: make_member(client, admin, body["id"], name, seat=name)
        for name in ("Ann Aye", "Bob Aye", "Cat Nay", "Dan Away")
    }
    meeting = schedule(client, admin, body["id"], starts_at=in_days(-2))
    item = add_item(client, admin, meeting["id"], title="Employco closure: action plan")
    meeting_command(client, admin, meeting["id"], "open", {"at": in_days(-2)})
    for name in ("Ann Aye", "Bob Aye", "Cat Nay"):
        ok(
            record(
                client,
                admin,
                meeting["id"],
                "attendance",
                person_id=members[name]["id"],
                status="present",
            ),
            201,
        )
    ok(
        record(
            client,
            admin,
            meeting["id"],
            "attendance",
            person_id=members["Dan Away"]["id"],
            status="apologies",
        ),
        201,
    )
    return body, meeting, item, members, admin


def _vote(members: dict[str, Json], **how: str) -> list[Json]:
    return [{"person_id": members[name]["id"], "vote": vote} for name, vote in how.items()]


def test_a_recorded_vote_derives_its_counts_and_the_minutes_name_the_voters(
    client: FlaskClient, voting: tuple[Json, Json, Json, dict[str, Json], str]
) -> None:
    _, meeting, item, members, token = voting
    named = {"Ann Aye": "for", "Bob Aye": "for", "Cat Nay": "against"}
    decision = ok(
        record(
            client,
            token,
            meeting["id"],
            f"items/{item['id']}/decisions",
            text="Signed off the action plan.",
            method="vote",
            votes_by_member=_vote(members, **named),
        ),
        201,
    )
    assert decision["votes"] == {"for": 2, "against": 1, "abstain": 0}
    assert [v["vote"] for v in decision["votes_by_member"]] == ["for", "for", "against"]
    assert (decision["quorate"], decision["members_present"], decision["quorum"]) == (True, 3, 3)
    markdown = ok(get(client, f"/meetings/{meeting['id']}/minutes", token))["markdown"]
    assert "Decided by vote: 2 for, 1 against, 0 abstaining." in markdown
    assert "For: Ann Aye, Bob Aye. Against: Cat Nay." in markdown
    assert "without a quorum" not in markdown


def test_a_recorded_vote_by_someone_not_present_or_twice_is_refused(
    client: FlaskClient,
    voting: tuple[Json, Json, Json, dict[str, Json], str],
    refused: Refused,
) -> None:
    _, meeting, item, members, token = voting
    path = f"items/{item['id']}/decisions"
    base = {"text": "Signed off.", "method": "vote"}

    def send(**fields: object) -> object:
        return record(client, token, meeting["id"], path, **base, **fields)

    absent = refused(lambda: send(votes_by_member=_vote(members, **{"Dan Away": "for"})), 409)
    assert "not recorded as present" in absent["detail"]
    twice = _vote(members, **{"Ann Aye": "for"}) * 2
    refused(lambda: send(votes_by_member=twice), 422, "votes_by_member.1.person_id")
    mismatch = {"for": 3, "against": 0, "abstain": 0}
    refused(
        lambda: send(votes_by_member=_vote(members, **{"Ann Aye": "for"}), votes=mismatch),
        422,
        "votes",
    )
    refused(
        lambda: record(
            client,
            token,
            meeting["id"],
            path,
            text="x",
            method="consensus",
            votes_by_member=_vote(members, **{"Ann Aye": "for"}),
        ),
        422,
        "method",
    )
    refused(
        lambda: send(votes_by_member=[{"person_id": members["Ann Aye"]["id"], "vote": "yes"}]),
        422,
        "votes_by_member",
    )


def test_a_decision_without_a_quorum_says_so_in_its_answer_and_the_draft_minutes(
    client: FlaskClient, voting: tuple[Json, Json, Json, dict[str, Json], str]
) -> None:
    _, meeting, item, members, token = voting
    left = in_days(-2).replace("10:00", "10:30")
    for name in ("Bob Aye", "Cat Nay"):
        ok(
            record(
                client, token, meeting["id"], "departures", person_id=members[name]["id"], at=left
            ),
            201,
        )
    decision = ok(
        record(
            client,
            token,
            meeting["id"],
            f"items/{item['id']}/decisions",
            text="Noted the closure.",
            method="noted",
            at=in_days(-2).replace("10:00", "10:45"),
        ),
        201,
    )
    assert (decision["quorate"], decision["members_present"], decision["quorum"]) == (False, 1, 3)
    markdown = ok(get(client, f"/meetings/{meeting['id']}/minutes", token))["markdown"]
    assert "*Taken without a quorum: 1 member(s) present, 3 needed.*" in markdown


# Many-way referrals -------------------------------------------------------------------


def _meeting_with_item(
    client: FlaskClient, token: str, body_id: str, days: int, **item: object
) -> tuple[Json, Json]:
    meeting = schedule(client, token, body_id, starts_at=in_days(days))
    added = add_item(client, token, meeting["id"], **item)
    meeting_command(client, token, meeting["id"], "open", {"at": in_days(days)})
    return meeting, added


def test_a_matter_referred_to_several_bodies_and_taken_up_together_follows_every_branch(
    client: FlaskClient, admin: str, scrutiny: str, refused: Refused
) -> None:
    """Seed 001 (Gloucestershire), "a major employer closes": "The Forest of Dean and
    Gloucester LSPs discuss the issue and agree to have a joint meeting with
    Gloucestershire First to agree a strategy"; "a task group led by Gloucestershire First,
    but involving the Gloucestershire and Forest of Dean LSPs is set up to oversee it"."""
    gsp, fod, glos, first_body = (
        make_body(client, admin, name=name, short_name=short, kind="lsp")
        for name, short in (
            ("Gloucestershire Strategic Partnership", "GSP"),
            ("Forest of Dean LSP", "FoD"),
            ("Gloucester LSP", "Glos"),
            ("Gloucestershire First", "GFirst"),
        )
    )
    meeting, item = _meeting_with_item(client, admin, gsp["id"], -60, title="Employco closes")
    path = f"items/{item['id']}/decisions"
    to_both = [fod["id"], glos["id"]]
    refused(
        lambda: record(
            client,
            admin,
            meeting["id"],
            path,
            text="x",
            method="consensus",
            referred_to=[fod["id"], fod["id"]],
        ),
        422,
        "referred_to",
    )
    refused(
        lambda: record(
            client,
            admin,
            meeting["id"],
            path,
            text="x",
            method="consensus",
            referred_to=[fod["id"], gsp["id"]],
        ),
        422,
        "referred_to.1",
    )
    origin = ok(
        record(
            client,
            admin,
            meeting["id"],
            path,
            text="Refer to the LSPs.",
            method="consensus",
            referred_to=to_both,
        ),
        201,
    )
    assert origin["referred_to"] == fod["id"] and origin["referred_to_bodies"] == to_both
    markdown = ok(get(client, f"/meetings/{meeting['id']}/minutes", admin))["markdown"]
    assert "Referred to Forest of Dean LSP and Gloucester LSP." in markdown
    # Each LSP decides; one joint item of Gloucestershire First takes up both.
    branches = []
    for n, lsp in enumerate((fod, glos)):
        [matter] = ok(get(client, f"/bodies/{lsp['id']}/referred-matters", scrutiny))
        assert matter["id"] == origin["id"]
        m, i = _meeting_with_item(
            client, admin, lsp["id"], -40 + n, title="Employco", referral_of=origin["id"]
        )
        branches.append(
            ok(
                record(
                    client,
                    admin,
                    m["id"],
                    f"items/{i['id']}/decisions",
                    text=f"Branch {n}",
                    method="consensus",
                    referred_to=first_body["id"],
                ),
                201,
            )
        )
    joint, joint_item = _meeting_with_item(
        client,
        admin,
        first_body["id"],
        -20,
        title="Employco strategy",
        referral_of=[b["id"] for b in branches],
    )
    assert joint_item["referrals_of"] == [b["id"] for b in branches]
    last = ok(
        record(
            client,
            admin,
            joint["id"],
            f"items/{joint_item['id']}/decisions",
            text="Agreed the strategy.",
            method="consensus",
        ),
        201,
    )
    down = ok(get(client, f"/decisions/{origin['id']}/chain", scrutiny))["downstream"]
    assert [d["id"] for d in down] == [branches[0]["id"], branches[1]["id"], last["id"]]
    up = ok(get(client, f"/decisions/{last['id']}/chain", scrutiny))["upstream"]
    assert [d["id"] for d in up] == [origin["id"], branches[0]["id"], branches[1]["id"]]
    # Twice the same referral on one item, or one not referred to this body, is refused.
    elsewhere = schedule(client, admin, first_body["id"], starts_at=in_days(5))
    for bad, field in (([branches[0]["id"]] * 2, "referral_of"), ([origin["id"]], "referral_of")):
        refused(
            lambda b=bad: post(
                client,
                f"/meetings/{elsewhere['id']}/agenda-items",
                admin,
                {"title": "x", "kind": "decision", "referral_of": b},
            ),
            422,
            field,
        )
    registered = ok(get(client, "/decisions", scrutiny, query_string={"referred_to": glos["id"]}))
    assert [d["id"] for d in registered] == [origin["id"]]
