"""The forward plan withholds the subject of a decision a confidential item takes up, from
whoever may not see the body's confidential content (issue 17, item 10)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import Json
from tests.web.support import add_item, get, ok, post, schedule

SECRET = "Renewal of the Acme Care Ltd contract"
OPEN = "Adoption of the joint health strategy"
REASON = "commercially sensitive"


@pytest.fixture
def plan(client: FlaskClient, clerk: str, body: Json) -> dict[str, str]:
    """Two notices on the board's forward plan, one taken up by a confidential item."""
    meeting = schedule(client, clerk, body["id"])

    def notify(subject: str) -> str:
        entry = {"subject": subject, "notified_on": "2026-01-05", "meeting_id": meeting["id"]}
        answer = ok(post(client, f"/bodies/{body['id']}/forward-plan", clerk, entry), 201)
        assert answer["subject"] == subject
        return str(answer["id"])

    secret, public = notify(SECRET), notify(OPEN)
    add_item(
        client,
        clerk,
        meeting["id"],
        title="Contract renewal",
        confidential=True,
        confidential_reason=REASON,
        forward_plan_id=secret,
    )
    add_item(client, clerk, meeting["id"], title="Joint health strategy", forward_plan_id=public)
    return {"secret": secret, "open": public}


def subjects(client: FlaskClient, body: Json, token: str) -> dict[str, str]:
    rows = ok(get(client, f"/bodies/{body['id']}/forward-plan", token))
    return {r["id"]: r["subject"] for r in rows}


@pytest.mark.parametrize("reader", ["admin", "clerk", "sitting_member"])
def test_who_may_see_confidential_content_reads_the_subject(
    request: pytest.FixtureRequest, client: FlaskClient, body: Json, plan: Json, reader: str
) -> None:
    token = request.getfixturevalue(reader)
    assert subjects(client, body, token) == {plan["secret"]: SECRET, plan["open"]: OPEN}


@pytest.mark.parametrize("reader", ["scrutiny", "member", "other_clerk", "chair"])
def test_anyone_else_reads_it_withheld_like_the_item(
    request: pytest.FixtureRequest, client: FlaskClient, body: Json, plan: Json, reader: str
) -> None:
    token = request.getfixturevalue(reader)
    seen = subjects(client, body, token)
    assert seen == {plan["secret"]: f"Confidential item: {REASON}", plan["open"]: OPEN}
    answer = get(client, f"/bodies/{body['id']}/forward-plan", token).get_data(as_text=True)
    assert "Acme" not in answer
