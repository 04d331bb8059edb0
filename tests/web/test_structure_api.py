"""The partnership family over HTTP: who sits where, when, and how the record remembers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.web.support import (
    etag,
    get,
    make_body,
    make_membership,
    make_organisation,
    make_person,
    ok,
    post,
    problem,
)

Json = dict[str, Any]


def _members_on(client: FlaskClient, token: str, body_id: str, day: str) -> list[Json]:
    rows: list[Json] = ok(get(client, f"/bodies/{body_id}/memberships?as_at={day}", token))
    return rows


# Organisations, people, bodies -------------------------------------------------------


def test_registering_an_organisation_answers_201_with_it(client: FlaskClient, admin: str) -> None:
    response = post(client, "/organisations", admin, {"name": "Bucks Mind", "sector": "voluntary"})
    org = ok(response, 201)
    assert org["name"] == "Bucks Mind" and org["sector"] == "voluntary"
    assert ok(get(client, f"/organisations/{org['id']}", admin))["name"] == "Bucks Mind"


def test_registering_a_person_keeps_their_organisation(client: FlaskClient, admin: str) -> None:
    org = make_organisation(client, admin)
    person = make_person(
        client, admin, organisation_id=org["id"], email="a@bucks.gov.uk", job_title="Leader"
    )
    assert person["organisation_id"] == org["id"] and person["job_title"] == "Leader"
    assert ok(get(client, f"/people/{person['id']}", admin))["email"] == "a@bucks.gov.uk"


def test_establishing_a_body_applies_the_documented_defaults(
    client: FlaskClient, admin: str
) -> None:
    body = make_body(client, admin)
    assert body["decision_method"] == "consensus"
    assert body["agenda_notice_working_days"] == 5
    assert body["open_to_public"] is True
    assert body["replaces"] == [] and body["members"] == []
    assert body["chair"] is None and body["vice_chair"] is None


def test_a_body_can_report_to_and_replace_other_bodies(client: FlaskClient, admin: str) -> None:
    parent = make_body(client, admin, name="Bucks Partnership", short_name="BP", kind="lsp")
    old = make_body(client, admin, name="Old Board", short_name="OB", kind="board")
    body = make_body(
        client, admin, reports_to=parent["id"], replaces=[old["id"]], decision_method="vote"
    )
    assert body["reports_to"] == parent["id"] and body["replaces"] == [old["id"]]
    assert ok(get(client, f"/bodies/{body['id']}", admin))["decision_method"] == "vote"


# Memberships over time ---------------------------------------------------------------


@pytest.mark.parametrize("capacity", ["member", "adviser", "observer", "co_opted"])
def test_a_membership_is_listed_in_its_capacity(
    client: FlaskClient, admin: str, body: Json, person: Json, capacity: str
) -> None:
    made = make_membership(client, admin, body["id"], person["id"], capacity=capacity)
    [row] = _members_on(client, admin, body["id"], "2025-03-01")
    assert row["id"] == made["id"] and row["capacity"] == capacity
    assert row["person_name"] == "Alice Ahmed"


def test_every_capacity_sits_on_the_body_together(
    client: FlaskClient, admin: str, body: Json
) -> None:
    for capacity in ("member", "adviser", "observer", "co_opted"):
        someone = make_person(client, admin, name=f"Person {capacity}")
        make_membership(client, admin, body["id"], someone["id"], seat=capacity, capacity=capacity)
    rows = _members_on(client, admin, body["id"], "2025-03-01")
    assert sorted(r["capacity"] for r in rows) == ["adviser", "co_opted", "member", "observer"]


def test_a_seat_changing_hands_shows_each_holder_in_their_term(
    client: FlaskClient, admin: str, body: Json
) -> None:
    alice = make_person(client, admin, name="Alice Ahmed")
    bob = make_person(client, admin, name="Bob Brown")
    first = make_membership(client, admin, body["id"], alice["id"], seat="Leader")
    end = {"ends_on": "2025-06-30", "reason": "Lost seat at the election"}
    ended = ok(post(client, f"/bodies/{body['id']}/memberships/{first['id']}/end", admin, end))
    assert ended["ends_on"] == "2025-06-30" and ended["ended"] is True
    make_membership(client, admin, body["id"], bob["id"], seat="Leader", starts_on="2025-07-01")

    def holders(day: str) -> list[str]:
        return [r["person_name"] for r in _members_on(client, admin, body["id"], day)]

    assert holders("2024-12-31") == []
    assert holders("2025-01-01") == ["Alice Ahmed"]
    assert holders("2025-06-30") == ["Alice Ahmed"]
    assert holders("2025-07-01") == ["Bob Brown"]
    assert holders("2030-01-01") == ["Bob Brown"]


def test_a_membership_row_has_the_documented_fields(
    client: FlaskClient, admin: str, body: Json, person: Json
) -> None:
    make_membership(client, admin, body["id"], person["id"], ends_on="2026-12-31")
    [row] = _members_on(client, admin, body["id"], "2025-03-01")
    assert {
        "id",
        "person_id",
        "person_name",
        "seat",
        "capacity",
        "organisation_id",
        "starts_on",
        "ends_on",
        "substitutes",
    } <= set(row)
    assert (row["starts_on"], row["ends_on"]) == ("2025-01-01", "2026-12-31")


def test_a_named_substitute_appears_with_their_name(
    client: FlaskClient, admin: str, body: Json, person: Json
) -> None:
    stand_in = make_person(client, admin, name="Sunita Stand-in")
    membership = make_membership(client, admin, body["id"], person["id"])
    path = f"/bodies/{body['id']}/memberships/{membership['id']}/substitutes"
    named = ok(post(client, path, admin, {"person_id": stand_in["id"]}), 201)
    assert [s["person_name"] for s in named["substitutes"]] == ["Sunita Stand-in"]
    [row] = ok(get(client, f"/bodies/{body['id']}/memberships", admin))
    assert row["substitutes"] == [{"person_id": stand_in["id"], "person_name": "Sunita Stand-in"}]


def test_a_person_on_several_bodies_lists_each_membership(
    client: FlaskClient, admin: str, body: Json, other_body: Json, person: Json
) -> None:
    make_membership(client, admin, body["id"], person["id"])
    make_membership(client, admin, other_body["id"], person["id"], capacity="adviser")
    third = make_body(client, admin, name="Task Group", short_name="TG", kind="task_group")
    make_membership(client, admin, third["id"], person["id"], ends_on="2025-01-31")
    rows = ok(get(client, f"/people/{person['id']}/memberships?as_at=2025-03-01", admin))
    assert sorted((r["body_id"], r["body_name"]) for r in rows) == sorted(
        [(body["id"], body["name"]), (other_body["id"], other_body["name"])]
    )
    assert all(r["person_name"] == "Alice Ahmed" for r in rows)


# Terms of reference and chairs --------------------------------------------------------


def test_every_version_of_the_terms_of_reference_is_kept(
    client: FlaskClient, admin: str, body: Json
) -> None:
    path = f"/bodies/{body['id']}/terms-of-reference"
    ok(post(client, path, admin, {"text": "To improve health.", "adopted_on": "2024-04-01"}), 201)
    second = post(
        client, path, admin, {"text": "To reduce inequality.", "adopted_on": "2025-04-01"}
    )
    assert ok(second, 201)["version"] == 2
    versions = ok(get(client, path, admin))
    assert [(v["version"], v["text"]) for v in versions] == [
        (1, "To improve health."),
        (2, "To reduce inequality."),
    ]


def test_adopting_terms_of_reference_answers_201(
    client: FlaskClient, admin: str, body: Json
) -> None:
    path = f"/bodies/{body['id']}/terms-of-reference"
    adopted = ok(post(client, path, admin, {"text": "Purpose.", "adopted_on": "2024-04-01"}), 201)
    assert adopted == {"version": 1, "text": "Purpose.", "adopted_on": "2024-04-01"}


def test_a_body_shows_its_chair_and_vice_chair(
    client: FlaskClient, admin: str, body: Json, person: Json
) -> None:
    vice = make_person(client, admin, name="Victor Vice")
    path = f"/bodies/{body['id']}/chairs"
    chair = {"person_id": person["id"], "role": "chair", "starts_on": "2025-01-01"}
    ok(post(client, path, admin, chair), 201)
    vice_chair = {"person_id": vice["id"], "role": "vice_chair", "starts_on": "2025-01-01"}
    ok(post(client, path, admin, vice_chair), 201)
    shown = ok(get(client, f"/bodies/{body['id']}", admin))
    assert shown["chair"]["person_name"] == "Alice Ahmed"
    assert shown["vice_chair"]["person_name"] == "Victor Vice"


def test_an_overlapping_chair_term_is_refused_with_409(
    client: FlaskClient, admin: str, body: Json, person: Json, recorded: Any
) -> None:
    rival = make_person(client, admin, name="Rita Rival")
    path = f"/bodies/{body['id']}/chairs"
    term = {"role": "chair", "starts_on": "2025-01-01", "ends_on": "2025-12-31"}
    ok(post(client, path, admin, {"person_id": person["id"], **term}), 201)
    before = recorded()
    clash = {"person_id": rival["id"], "role": "chair", "starts_on": "2025-06-01"}
    refused = problem(post(client, path, admin, clash), 409)
    assert "chair" in refused["detail"]
    assert recorded() == before


# Versions and moments ---------------------------------------------------------------


def test_a_body_read_at_version_1_shows_the_rules_before_a_change(
    client: FlaskClient, admin: str, body: Json
) -> None:
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"quorum": 4, "name": "HWB Board"}))
    then = ok(get(client, f"/bodies/{body['id']}?version=1", admin))
    now = ok(get(client, f"/bodies/{body['id']}", admin))
    assert (then["quorum"], then["name"], then["version"]) == (None, body["name"], 1)
    assert (now["quorum"], now["name"], now["version"]) == (4, "HWB Board", 2)


def test_a_body_read_as_at_a_time_shows_the_rules_then(
    client: FlaskClient, admin: str, body: Json
) -> None:
    moment = datetime.now(UTC).isoformat()
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"quorum": 4}))
    then = ok(get(client, f"/bodies/{body['id']}", admin, query_string={"as_at": moment}))
    assert then["quorum"] is None and then["version"] == 1


def test_a_version_the_body_never_reached_is_404(
    client: FlaskClient, admin: str, body: Json
) -> None:
    problem(get(client, f"/bodies/{body['id']}?version=99", admin), 404)


# History ----------------------------------------------------------------------------


def _history(client: FlaskClient, token: str, path: str) -> list[Json]:
    entries: list[Json] = ok(get(client, f"{path}/history", token))
    for entry in entries:
        assert set(entry) >= {"version", "type", "recorded_at", "recorded_by", "data"}
        datetime.fromisoformat(entry["recorded_at"])
    return entries


def test_body_history_lists_its_events_oldest_first(
    client: FlaskClient, admin: str, body: Json
) -> None:
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"quorum": 4}))
    entries = _history(client, admin, f"/bodies/{body['id']}")
    assert [e["version"] for e in entries] == [1, 2]
    assert entries[0]["data"]["name"] == body["name"]
    assert entries[1]["data"]["changes"] == {"quorum": 4}
    assert entries[0]["recorded_at"] <= entries[1]["recorded_at"]


def test_person_and_organisation_history_show_their_registration(
    client: FlaskClient, admin: str
) -> None:
    org = make_organisation(client, admin, name="Bucks Mind", sector="voluntary")
    person = make_person(client, admin, name="Priya Patel", organisation_id=org["id"])
    [org_event] = _history(client, admin, f"/organisations/{org['id']}")
    [person_event] = _history(client, admin, f"/people/{person['id']}")
    assert org_event["version"] == 1 and org_event["data"]["sector"] == "voluntary"
    assert person_event["version"] == 1 and person_event["data"]["name"] == "Priya Patel"


def test_membership_history_lists_beginning_substitute_and_end(
    client: FlaskClient, admin: str, body: Json, person: Json
) -> None:
    stand_in = make_person(client, admin, name="Sunita Stand-in")
    m = make_membership(client, admin, body["id"], person["id"])
    path = f"/bodies/{body['id']}/memberships/{m['id']}"
    ok(post(client, f"{path}/substitutes", admin, {"person_id": stand_in["id"]}), 201)
    ok(post(client, f"{path}/end", admin, {"ends_on": "2025-12-31"}))
    entries = _history(client, admin, path)
    assert [e["version"] for e in entries] == [1, 2, 3]
    assert entries[1]["data"]["person_id"] == stand_in["id"]
    assert entries[2]["data"]["ends_on"] == "2025-12-31"


def test_events_carry_the_principal_who_recorded_them(
    client: FlaskClient, admin: str, body: Json
) -> None:
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"quorum": 3}))
    entries = _history(client, admin, f"/bodies/{body['id']}")
    assert all("Ada Admin" in e["recorded_by"] for e in entries)


def test_events_carry_the_clerk_who_registered_a_person(
    client: FlaskClient, admin: str, clerk: str
) -> None:
    person = ok(post(client, "/people", clerk, {"name": "Nina New"}), 201)
    [entry] = _history(client, admin, f"/people/{person['id']}")
    assert "Colin Clerk" in entry["recorded_by"]


# ETags and If-Match -----------------------------------------------------------------


def test_reads_and_commands_carry_the_version_as_etag(
    client: FlaskClient, admin: str, body: Json, person: Json
) -> None:
    assert etag(get(client, f"/bodies/{body['id']}", admin)) == '"1"'
    assert etag(get(client, f"/people/{person['id']}", admin)) == '"1"'
    assert etag(post(client, f"/bodies/{body['id']}/rules", admin, {"quorum": 3})) == '"2"'
    m = make_membership(client, admin, body["id"], person["id"])
    path = f"/bodies/{body['id']}/memberships/{m['id']}"
    assert etag(get(client, path, admin)) == '"1"'
    assert etag(post(client, f"{path}/end", admin, {"ends_on": "2025-12-31"})) == '"2"'


def test_creating_answers_carry_etag_1(client: FlaskClient, admin: str) -> None:
    org = post(client, "/organisations", admin, {"name": "Bucks Mind", "sector": "voluntary"})
    body = post(client, "/bodies", admin, {"name": "B", "short_name": "B", "kind": "board"})
    person = post(client, "/people", admin, {"name": "P"})
    assert [etag(r) for r in (org, body, person)] == ['"1"', '"1"', '"1"']


def test_appointing_a_chair_answers_with_the_bodys_etag(
    client: FlaskClient, admin: str, body: Json, person: Json
) -> None:
    chair = {"person_id": person["id"], "role": "chair", "starts_on": "2025-01-01"}
    response = post(client, f"/bodies/{body['id']}/chairs", admin, chair)
    assert response.status_code == 201
    assert etag(response) == '"2"'


def test_adopting_terms_of_reference_answers_with_the_bodys_etag(
    client: FlaskClient, admin: str, body: Json
) -> None:
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"quorum": 3}))
    tor = {"text": "Purpose.", "adopted_on": "2024-04-01"}
    response = post(client, f"/bodies/{body['id']}/terms-of-reference", admin, tor)
    assert response.status_code == 201
    assert etag(response) == '"3"'


def test_a_stale_if_match_on_rules_is_412_and_records_nothing(
    client: FlaskClient, admin: str, body: Json, recorded: Any
) -> None:
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"quorum": 3}))
    before = recorded()
    stale = post(client, f"/bodies/{body['id']}/rules", admin, {"quorum": 5}, {"If-Match": '"1"'})
    problem(stale, 412)
    assert recorded() == before
    assert ok(get(client, f"/bodies/{body['id']}", admin))["quorum"] == 3


def test_a_matching_if_match_on_rules_succeeds(client: FlaskClient, admin: str, body: Json) -> None:
    response = post(
        client, f"/bodies/{body['id']}/rules", admin, {"quorum": 5}, {"If-Match": '"1"'}
    )
    assert ok(response)["quorum"] == 5 and etag(response) == '"2"'


def test_a_stale_if_match_on_ending_a_membership_is_412(
    client: FlaskClient, admin: str, body: Json, person: Json, recorded: Any
) -> None:
    stand_in = make_person(client, admin, name="Sunita Stand-in")
    m = make_membership(client, admin, body["id"], person["id"])
    path = f"/bodies/{body['id']}/memberships/{m['id']}"
    ok(post(client, f"{path}/substitutes", admin, {"person_id": stand_in["id"]}), 201)
    before = recorded()
    stale = post(client, f"{path}/end", admin, {"ends_on": "2025-12-31"}, {"If-Match": '"1"'})
    problem(stale, 412)
    assert recorded() == before
    fresh = post(client, f"{path}/end", admin, {"ends_on": "2025-12-31"}, {"If-Match": '"2"'})
    assert ok(fresh)["ended"] is True


@pytest.mark.parametrize("header", ["three", "1.5", "W/", '"99999999999999999999"', ""])
def test_a_malformed_if_match_is_422(
    client: FlaskClient, admin: str, body: Json, recorded: Any, header: str
) -> None:
    before = recorded()
    bad = post(client, f"/bodies/{body['id']}/rules", admin, {"quorum": 5}, {"If-Match": header})
    problem(bad, 422, "If-Match")
    assert recorded() == before


# Rules of the domain -----------------------------------------------------------------


def test_ending_a_membership_twice_is_409(
    client: FlaskClient, admin: str, body: Json, person: Json, recorded: Any
) -> None:
    m = make_membership(client, admin, body["id"], person["id"])
    path = f"/bodies/{body['id']}/memberships/{m['id']}/end"
    ok(post(client, path, admin, {"ends_on": "2025-06-30"}))
    before = recorded()
    assert (
        "2025-06-30" in problem(post(client, path, admin, {"ends_on": "2025-07-31"}), 409)["detail"]
    )
    assert recorded() == before


def test_a_member_cannot_be_their_own_substitute(
    client: FlaskClient, admin: str, body: Json, person: Json, recorded: Any
) -> None:
    m = make_membership(client, admin, body["id"], person["id"])
    path = f"/bodies/{body['id']}/memberships/{m['id']}/substitutes"
    before = recorded()
    problem(post(client, path, admin, {"person_id": person["id"]}), 409)
    assert recorded() == before


def test_naming_the_same_substitute_twice_is_409(
    client: FlaskClient, admin: str, body: Json, person: Json
) -> None:
    stand_in = make_person(client, admin, name="Sunita Stand-in")
    m = make_membership(client, admin, body["id"], person["id"])
    path = f"/bodies/{body['id']}/memberships/{m['id']}/substitutes"
    ok(post(client, path, admin, {"person_id": stand_in["id"]}), 201)
    problem(post(client, path, admin, {"person_id": stand_in["id"]}), 409)
