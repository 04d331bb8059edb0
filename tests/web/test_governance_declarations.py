"""A declaration of interest on a confidential item is public; only the interest is withheld.

Seed: ../shared/seeds/003_41aa9706322c5908.txt (Leicestershire Together, protocol),
"Honesty - partners have a duty to declare any private interests relating to their role
within the LSP" and "When an agenda item is confidential, this should be made clear so
that all present are aware that this is the case."
"""

from __future__ import annotations

import json
from html import unescape

from flask.testing import FlaskClient

from tests.web.conftest import Json
from tests.web.support import (
    add_item,
    get,
    in_days,
    make_member,
    meeting_command,
    ok,
    post,
    record,
    schedule,
)

INTEREST = "Director of Acme Care Ltd"


def _published_with_declaration(
    client: FlaskClient, admin: str, clerk: str, body: Json, chair: str
) -> tuple[Json, Json]:
    """A meeting 20 days ago where a member declared an interest on the confidential
    second item and withdrew; its minutes published. Answers (meeting, member)."""
    member = make_member(client, admin, body["id"], "Dee Declarer")
    meeting = schedule(client, clerk, body["id"], starts_at=in_days(-20))
    m = meeting["id"]
    add_item(client, clerk, m, title="Better Care Fund plan")
    secret = add_item(
        client,
        clerk,
        m,
        title="Contract with Acme Care Ltd",
        confidential=True,
        confidential_reason="commercially sensitive",
    )
    later = schedule(client, clerk, body["id"], starts_at=in_days(-5))
    meeting_command(client, clerk, m, "open", {"at": in_days(-20)})
    ok(record(client, clerk, m, "attendance", person_id=member["id"], status="present"), 201)
    declared = record(
        client,
        clerk,
        m,
        "declarations",
        person_id=member["id"],
        item_id=secret["id"],
        interest=INTEREST,
        withdrew=True,
    )
    ok(declared, 201)
    meeting_command(client, clerk, m, "close", {"at": in_days(-20).replace("10:00", "12:00")})
    ok(post(client, f"/meetings/{m}/minutes/agree", chair))
    ok(post(client, f"/meetings/{m}/minutes/circulate", clerk))
    meeting_command(client, clerk, later["id"], "open", {"at": in_days(-5)})
    ok(post(client, f"/meetings/{m}/minutes/approve", clerk, {"approved_at": later["id"]}))
    return meeting, member


def test_the_draft_lists_the_declaration_and_withholds_only_the_interest(
    client: FlaskClient, admin: str, clerk: str, scrutiny: str, body: Json, body_chair: str
) -> None:
    meeting, member = _published_with_declaration(client, admin, clerk, body, body_chair)
    draft = ok(get(client, f"/meetings/{meeting['id']}/minutes", scrutiny))
    [declaration] = draft["declarations"]
    assert declaration["person_name"] == "Dee Declarer"
    assert declaration["item_number"] == 2 and declaration["withdrew"] is True
    assert declaration["interest_withheld"] is True
    assert "commercially sensitive" in declaration["interest"]
    assert "None were declared." not in draft["markdown"]
    assert "- Dee Declarer, item 2: " in draft["markdown"]
    assert "They withdrew for the item." in draft["markdown"]
    assert INTEREST not in json.dumps(draft)
    # The body's clerk sees the interest itself.
    full = ok(get(client, f"/meetings/{meeting['id']}/minutes", clerk))
    assert full["declarations"][0]["interest"] == INTEREST
    assert full["declarations"][0]["interest_withheld"] is False
    # The meeting as others read it lists the declaration too.
    seen = ok(get(client, f"/meetings/{meeting['id']}", scrutiny))["declarations"]
    assert [(d["person_id"], d["withdrew"], d["interest_withheld"]) for d in seen] == [
        (member["id"], True, True)
    ]


def test_every_public_surface_lists_the_declaration_without_the_interest(
    client: FlaskClient, admin: str, clerk: str, body: Json, body_chair: str
) -> None:
    meeting, _ = _published_with_declaration(client, admin, clerk, body, body_chair)
    m = meeting["id"]
    ok(post(client, f"/meetings/{m}/minutes/publish", clerk))
    public = ok(get(client, f"/meetings/{m}/minutes", None))
    [declaration] = public["declarations"]
    assert (declaration["person_name"], declaration["item_number"]) == ("Dee Declarer", 2)
    assert declaration["withdrew"] is True
    assert "None were declared." not in public["markdown"]
    assert INTEREST not in json.dumps(public)
    for path in (f"/meetings/{m}", f"/meetings/{m}/minutes.html"):
        response = client.get(path)
        assert response.status_code == 200, path
        page = unescape(response.get_data(as_text=True))
        assert "None were declared." not in page, path
        assert "Dee Declarer" in page, path
        assert INTEREST not in page and "Acme" not in page, path
    ocd = ok(get(client, f"/meetings/{m}/minutes/ocd", None))
    [exported] = ocd["extras"]["declarations"]
    assert (exported["person_name"], exported["order"]) == ("Dee Declarer", "2")
    assert exported["withdrew"] is True
    assert INTEREST not in json.dumps(ocd)
