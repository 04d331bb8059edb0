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
