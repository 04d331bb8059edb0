"""The decisions register, ratification by the partner organisations, and referrals."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

import pytest
from flask.testing import FlaskClient

from tests.web.support import (
    add_item,
    at_ten,
    decide,
    get,
    live_meeting,
    make_body,
    make_member,
    make_organisation,
    meeting_command,
    ok,
    post,
    problem,
    schedule,
)

Json = dict[str, Any]
RATIFY = {"outcome": "ratified", "on": "2026-03-20"}


def _session(
    client: FlaskClient, token: str, body_id: str, day: str, **item: Any
) -> tuple[Json, Json]:
    """A meeting of the body at ten on `day` with one item, in session: (meeting, item)."""
    kind = item.pop("meeting_kind", "ordinary")
    meeting = schedule(client, token, body_id, starts_at=at_ten(date.fromisoformat(day)), kind=kind)
    added = add_item(client, token, meeting["id"], **item)
    meeting_command(client, token, meeting["id"], "open")
    return meeting, added


def _decision(
    client: FlaskClient, token: str, body_id: str, day: str, title: str, **decision: Any
) -> Json:
    """A meeting of the body on `day` with one item, and a decision on it."""
    meeting, item = _session(client, token, body_id, day, title=title)
    return decide(client, token, meeting["id"], item["id"], **decision)


def _register(client: FlaskClient, token: str, **query: Any) -> list[str]:
    rows = ok(get(client, "/decisions", token, query_string=query))
    return [r["text"] for r in rows]


@pytest.fixture
def partners(client: FlaskClient, admin: str, body: Json) -> dict[str, str]:
    """The board's member organisations (the parties), and an adviser's (not one)."""
    orgs = {}
    for name, capacity in (("County", "member"), ("Police", "member"), ("NHS", "adviser")):
        orgs[name] = make_organisation(client, admin, name=name)["id"]
        make_member(
            client, admin, body["id"], f"{name} rep", organisation_id=orgs[name], capacity=capacity
        )
    return orgs


@pytest.fixture
def outside_authority(client: FlaskClient, clerk: str, body: Json, partners: Json) -> Json:
    """A decision outside delegated authority: the partners must ratify it."""
    return _decision(
        client,
        clerk,
        body["id"],
        "2026-03-10",
        "Shared services",
        text="Pool the back-office budgets",
        within_delegated_authority=False,
    )


def _ratify(
    client: FlaskClient, token: str | None, decision_id: str, organisation_id: str, **body: Any
) -> Any:
    data = {**RATIFY, "organisation_id": organisation_id, **body}
    return post(client, f"/decisions/{decision_id}/ratifications", token, data)


# The register ------------------------------------------------------------------------


@pytest.fixture
def register(client: FlaskClient, admin: str, clerk: str, body: Json, other_body: Json) -> Json:
    """Three decisions of the board (February, March, April) and one of Safer Bucks."""
    _decision(
        client, clerk, body["id"], "2026-02-10", "Better Care Fund", text="Adopt the BCF plan"
    )
    _decision(
        client,
        clerk,
        body["id"],
        "2026-03-10",
        "Shared services",
        text="Pool the back-office budgets",
        within_delegated_authority=False,
        referred_to=other_body["id"],
    )
    _decision(client, clerk, body["id"], "2026-04-14", "Obesity strategy", text="Consult on it")
    _decision(client, admin, other_body["id"], "2026-03-01", "CCTV", text="Renew the cameras")
    return {"body_id": body["id"], "other_body_id": other_body["id"]}


def test_the_register_lists_newest_first(
    client: FlaskClient, scrutiny: str, register: Json
) -> None:
    rows = ok(get(client, "/decisions", scrutiny))
    assert [r["decided_on"] for r in rows] == [
        "2026-04-14",
        "2026-03-10",
        "2026-03-01",
        "2026-02-10",
    ]
    assert rows[0]["body_name"] == "Health and Wellbeing Board"


def test_the_register_filters_by_body(client: FlaskClient, scrutiny: str, register: Json) -> None:
    assert _register(client, scrutiny, body_id=register["other_body_id"]) == ["Renew the cameras"]
    assert len(_register(client, scrutiny, body_id=register["body_id"])) == 3


def test_the_register_filters_by_meeting_dates_inclusive(
    client: FlaskClient, scrutiny: str, register: Json
) -> None:
    assert _register(client, scrutiny, **{"from": "2026-03-01", "to": "2026-03-10"}) == [
        "Pool the back-office budgets",
        "Renew the cameras",
    ]
    assert _register(client, scrutiny, **{"from": "2026-04-14"}) == ["Consult on it"]
    assert _register(client, scrutiny, to="2026-02-10") == ["Adopt the BCF plan"]


def test_the_register_filters_by_need_for_ratification(
    client: FlaskClient, scrutiny: str, register: Json
) -> None:
    assert _register(client, scrutiny, requires_ratification="true") == [
        "Pool the back-office budgets"
    ]
    assert len(_register(client, scrutiny, requires_ratification="false")) == 3


def test_the_register_searches_decision_text_and_item_title(
    client: FlaskClient, scrutiny: str, register: Json
) -> None:
    assert _register(client, scrutiny, q="BACK-OFFICE") == ["Pool the back-office budgets"]
    assert _register(client, scrutiny, q="obesity") == ["Consult on it"]
    assert _register(client, scrutiny, q="nothing like it") == []


def test_the_register_filters_by_the_body_referred_to(
    client: FlaskClient, scrutiny: str, register: Json
) -> None:
    [row] = ok(
        get(client, "/decisions", scrutiny, query_string={"referred_to": register["other_body_id"]})
    )
    assert (row["text"], row["referred_to_name"]) == (
        "Pool the back-office budgets",
        "Safer Buckinghamshire",
    )


def test_the_register_pages(client: FlaskClient, scrutiny: str, register: Json) -> None:
    response = get(client, "/decisions", scrutiny, query_string={"page_size": 3, "page": 2})
    assert _texts(ok(response)) == ["Adopt the BCF plan"]
    assert json.loads(response.headers["X-Pagination"])["total"] == 4


def _texts(rows: list[Json]) -> list[str]:
    return [r["text"] for r in rows]


def _correct(
    client: FlaskClient, clerk: str, meeting_id: str, entry_id: str, **fields: Any
) -> Json:
    data = {"entry_id": entry_id, "reason": "Minuted wrongly", **fields}
    created: Json = ok(post(client, f"/meetings/{meeting_id}/corrections", clerk, data), 201)
    return created


def test_a_retracted_decision_leaves_the_register(
    client: FlaskClient, clerk: str, scrutiny: str, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    decision = decide(client, clerk, meeting["id"], item["id"], text="Close the library")
    _correct(client, clerk, meeting["id"], decision["id"])
    assert _register(client, scrutiny) == []
    assert get(client, f"/decisions/{decision['id']}", scrutiny).status_code == 404


def test_a_corrected_decisions_new_text_is_searchable(
    client: FlaskClient, clerk: str, scrutiny: str, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    decision = decide(client, clerk, meeting["id"], item["id"], text="Close the library")
    _correct(client, clerk, meeting["id"], decision["id"], replacement={"text": "Keep the library"})
    assert _register(client, scrutiny, q="keep") == ["Keep the library"]
    assert _register(client, scrutiny, q="close") == []


# Ratification ------------------------------------------------------------------------


def test_a_decision_is_ratified_once_every_party_has_ratified(
    client: FlaskClient, clerk: str, scrutiny: str, partners: Json, outside_authority: Json
) -> None:
    decision = outside_authority["id"]
    assert ok(get(client, "/decisions", scrutiny))[0]["ratification_status"] == (
        "awaiting ratification"
    )
    first = ok(_ratify(client, clerk, decision, partners["County"]), 201)
    assert (first["status"], first["outcome"]) == ("awaiting ratification", "ratified")
    assert ok(get(client, "/decisions", scrutiny))[0]["ratification_status"] == (
        "awaiting ratification"
    )
    assert ok(_ratify(client, clerk, decision, partners["Police"]), 201)["status"] == "ratified"
    assert ok(get(client, "/decisions", scrutiny))[0]["ratification_status"] == "ratified"


def test_one_party_declining_declines_the_decision(
    client: FlaskClient, admin: str, scrutiny: str, partners: Json, outside_authority: Json
) -> None:
    decision = outside_authority["id"]
    answer = ok(_ratify(client, admin, decision, partners["Police"], outcome="declined"), 201)
    assert answer["status"] == "declined"
    ok(_ratify(client, admin, decision, partners["County"]), 201)
    assert ok(get(client, "/decisions", scrutiny))[0]["ratification_status"] == "declined"


def test_a_decision_is_read_with_its_parties_and_ratifications(
    client: FlaskClient, clerk: str, scrutiny: str, partners: Json, outside_authority: Json
) -> None:
    decision = outside_authority["id"]
    ok(_ratify(client, clerk, decision, partners["County"]), 201)
    read = ok(get(client, f"/decisions/{decision}", scrutiny))
    assert sorted(read["parties"]) == sorted([partners["County"], partners["Police"]])
    [ratification] = read["ratifications"]
    assert (ratification["organisation_name"], ratification["outcome"], ratification["on"]) == (
        "County",
        "ratified",
        "2026-03-20",
    )
    assert read["ratification_status"] == "awaiting ratification"


@pytest.mark.parametrize("organisation", ["NHS", "stranger"])
def test_an_organisation_that_is_not_a_party_may_not_ratify(
    client: FlaskClient,
    admin: str,
    clerk: str,
    partners: Json,
    outside_authority: Json,
    organisation: str,
) -> None:
    """An adviser's organisation, or one with no seat on the board."""
    org = partners.get(organisation) or make_organisation(client, admin, name="Acme")["id"]
    answer = problem(_ratify(client, clerk, outside_authority["id"], org), 409)
    assert "not a party" in answer["detail"]
    [row] = ok(get(client, "/decisions", clerk))
    assert row["ratification_status"] == "awaiting ratification"


def test_a_refused_first_ratification_records_nothing(
    client: FlaskClient, clerk: str, partners: Json, outside_authority: Json, refused: Any
) -> None:
    refused(lambda: _ratify(client, clerk, outside_authority["id"], partners["NHS"]), 409)


def test_the_same_organisation_ratifying_twice_is_409(
    client: FlaskClient, clerk: str, partners: Json, outside_authority: Json, refused: Any
) -> None:
    decision = outside_authority["id"]
    ok(_ratify(client, clerk, decision, partners["County"]), 201)
    answer = refused(
        lambda: _ratify(client, clerk, decision, partners["County"], outcome="declined"), 409
    )
    assert "already ratified" in answer["detail"]


def test_ratifying_a_decision_that_needs_none_is_409(
    client: FlaskClient, clerk: str, partners: Json, live: tuple[Json, Json], refused: Any
) -> None:
    meeting, item = live
    decision = decide(client, clerk, meeting["id"], item["id"])
    assert decision["requires_ratification"] is False
    answer = refused(lambda: _ratify(client, clerk, decision["id"], partners["County"]), 409)
    assert "no ratification" in answer["detail"]


@pytest.mark.parametrize(
    ("field", "value"), [("outcome", "approved"), ("on", "soon"), ("organisation_id", "acme")]
)
def test_an_invalid_ratification_is_422(
    client: FlaskClient,
    clerk: str,
    partners: Json,
    outside_authority: Json,
    refused: Any,
    field: str,
    value: str,
) -> None:
    path = f"/decisions/{outside_authority['id']}/ratifications"
    body = {**RATIFY, "organisation_id": partners["County"], field: value}
    refused(lambda: post(client, path, clerk, body), 422, field)


def test_ratifying_for_an_unknown_organisation_is_422(
    client: FlaskClient, clerk: str, outside_authority: Json, refused: Any
) -> None:
    refused(
        lambda: _ratify(client, clerk, outside_authority["id"], str(uuid4())),
        422,
        "organisation_id",
    )


def test_only_admin_and_the_deciding_bodys_clerks_record_ratifications(
    client: FlaskClient,
    other_clerk: str,
    scrutiny: str,
    member: str,
    partners: Json,
    outside_authority: Json,
    refused: Any,
) -> None:
    decision = outside_authority["id"]
    for token in (other_clerk, scrutiny, member):
        refused(lambda t=token: _ratify(client, t, decision, partners["County"]), 403)
    refused(lambda: _ratify(client, None, decision, partners["County"]), 401)


def test_an_unknown_decision_is_404(
    client: FlaskClient, clerk: str, partners: Json, refused: Any
) -> None:
    missing = str(uuid4())
    refused(lambda: _ratify(client, clerk, missing, partners["County"]), 404)
    for path in (f"/decisions/{missing}", f"/decisions/{missing}/chain"):
        assert get(client, path, clerk).status_code == 404
    assert get(client, f"/bodies/{missing}/referred-matters", clerk).status_code == 404


# Referrals (Gloucestershire) ---------------------------------------------------------


def test_a_matter_goes_from_gsp_through_abg_to_cseb(
    client: FlaskClient, admin: str, scrutiny: str, refused: Any
) -> None:
    gsp, abg, cseb = (
        make_body(client, admin, name=name, short_name=short, kind=kind)
        for name, short, kind in (
            ("Gloucestershire Strategic Partnership", "GSP", "board"),
            ("Accountable Bodies Group", "ABG", "executive"),
            ("Community Strategy Executive Board", "CSEB", "executive"),
        )
    )
    first = _decision(
        client,
        admin,
        gsp["id"],
        "2026-02-10",
        "Closure of a major employer",
        text="Agree the joint action plan",
        referred_to=abg["id"],
    )
    [matter] = ok(get(client, f"/bodies/{abg['id']}/referred-matters", scrutiny))
    assert (matter["id"], matter["body_name"], matter["taken_up"]) == (
        first["id"],
        "Gloucestershire Strategic Partnership",
        [],
    )

    wrong = {"title": "Not ours", "kind": "decision", "referral_of": first["id"]}
    elsewhere = schedule(client, admin, cseb["id"])
    refused(
        lambda: post(client, f"/meetings/{elsewhere['id']}/agenda-items", admin, wrong),
        422,
        "referral_of",
    )
    special, sign_off = _session(
        client,
        admin,
        abg["id"],
        "2026-02-17",
        meeting_kind="special",
        title="Sign off the action plan",
        referral_of=first["id"],
    )
    assert special["kind"] == "special"
    second = decide(
        client, admin, special["id"], sign_off["id"], text="Signed off", referred_to=cseb["id"]
    )
    implementing, take_up = _session(
        client, admin, cseb["id"], "2026-03-03", title="Action plan", referral_of=second["id"]
    )
    third = decide(client, admin, implementing["id"], take_up["id"], text="Implement and monitor")

    down = ok(get(client, f"/decisions/{first['id']}/chain", scrutiny))
    assert [d["id"] for d in down["downstream"]] == [second["id"], third["id"]]
    assert [d["body_name"] for d in down["downstream"]] == [
        "Accountable Bodies Group",
        "Community Strategy Executive Board",
    ]
    up = ok(get(client, f"/decisions/{third['id']}/chain", scrutiny))
    assert [d["id"] for d in up["upstream"]] == [first["id"], second["id"]]
    assert up["upstream"][1]["origin_decision_id"] == first["id"]
    [matter] = ok(get(client, f"/bodies/{abg['id']}/referred-matters", scrutiny))
    [taken] = matter["taken_up"]
    assert (taken["meeting_id"], taken["item_id"]) == (special["id"], sign_off["id"])


# Confidential items ------------------------------------------------------------------


@pytest.fixture
def secret_decision(client: FlaskClient, clerk: str, body: Json) -> Json:
    meeting, item = live_meeting(
        client,
        clerk,
        body["id"],
        title="Sale of the depot to Acme",
        confidential=True,
        confidential_reason="Commercially sensitive",
    )
    return decide(client, clerk, meeting["id"], item["id"], text="Sell the depot to Acme")


def test_confidential_decisions_are_withheld_from_scrutiny_and_shown_to_admin(
    client: FlaskClient, admin: str, scrutiny: str, secret_decision: Json
) -> None:
    [row] = ok(get(client, "/decisions", scrutiny))
    assert row["text"] == "Confidential item: Commercially sensitive"
    assert "Acme" not in json.dumps(row)
    assert _register(client, admin) == ["Sell the depot to Acme"]


def test_searching_does_not_find_words_withheld_from_the_reader(
    client: FlaskClient, admin: str, scrutiny: str, secret_decision: Json
) -> None:
    assert _register(client, admin, q="acme") == ["Sell the depot to Acme"]
    assert _register(client, scrutiny, q="acme") == []


# History and as it stood -------------------------------------------------------------


def test_a_decision_reads_as_it_stood_before_a_correction_and_ratification(
    client: FlaskClient, clerk: str, scrutiny: str, partners: Json, outside_authority: Json
) -> None:
    decision = outside_authority["id"]
    meeting_id = ok(get(client, f"/decisions/{decision}", clerk))["meeting_id"]
    ok(_ratify(client, clerk, decision, partners["County"]), 201)
    before = datetime.now(UTC).isoformat()
    version = ok(get(client, f"/meetings/{meeting_id}", clerk))["version"]
    _correct(client, clerk, meeting_id, decision, replacement={"text": "Pool half the budgets"})
    ok(_ratify(client, clerk, decision, partners["Police"]), 201)
    now = ok(get(client, f"/decisions/{decision}", scrutiny))
    assert (now["text"], now["ratification_status"]) == ("Pool half the budgets", "ratified")
    then = ok(get(client, f"/decisions/{decision}", scrutiny, query_string={"as_at": before}))
    assert then["text"] == "Pool the back-office budgets"
    assert then["ratification_status"] == "awaiting ratification"
    assert [r["organisation_name"] for r in then["ratifications"]] == ["County"]
    at_version = ok(
        get(client, f"/decisions/{decision}", scrutiny, query_string={"version": version})
    )
    assert at_version["text"] == "Pool the back-office budgets"
    problem(
        get(client, f"/decisions/{decision}", scrutiny, query_string={"as_at": "2000-01-01"}),
        404,
    )
    problem(get(client, f"/decisions/{decision}", scrutiny, query_string={"as_at": "x"}), 422)


def test_a_decisions_history_shows_who_recorded_corrected_and_ratified_it(
    client: FlaskClient,
    clerk: str,
    scrutiny: str,
    member: str,
    partners: Json,
    outside_authority: Json,
) -> None:
    decision = outside_authority["id"]
    meeting_id = ok(get(client, f"/decisions/{decision}", clerk))["meeting_id"]
    _correct(client, clerk, meeting_id, decision, replacement={"text": "Pool half the budgets"})
    ok(_ratify(client, clerk, decision, partners["County"]), 201)
    history = ok(get(client, f"/decisions/{decision}/history", scrutiny))
    assert [h["type"] for h in history] == [
        "Meeting.DecisionRecorded",
        "Meeting.EntryCorrected",
        "Ratifications.Opened",
        "Ratifications.Recorded",
    ]
    assert history[0]["recorded_by"].startswith("Colin Clerk")
    assert history[1]["data"]["reason"]
    problem(get(client, f"/decisions/{decision}/history", member), 403)
    problem(get(client, f"/decisions/{decision}/history", None), 401)
    problem(get(client, f"/decisions/{uuid4()}/history", scrutiny), 404)


def test_a_confidential_decisions_history_is_withheld_from_scrutiny(
    client: FlaskClient, clerk: str, scrutiny: str, body: Json
) -> None:
    meeting, item = live_meeting(
        client, clerk, body["id"], confidential=True, confidential_reason="legal advice"
    )
    decision = decide(client, clerk, meeting["id"], item["id"], text="Settle the claim")
    seen = ok(get(client, f"/decisions/{decision['id']}/history", scrutiny))
    assert "Settle" not in json.dumps(seen)
    assert seen[0]["data"] == {"withheld": "Confidential item: legal advice"}
    whole = ok(get(client, f"/decisions/{decision['id']}/history", clerk))
    assert whole[0]["data"]["text"] == "Settle the claim"
