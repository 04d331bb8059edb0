"""Groups and extended meetings, substitution by rule, and joint meetings.

Seeds: ../shared/seeds/000_59fb736cd126e93f.txt (CADEX): "Meetings will take place on a
monthly basis and will alternate between the local authority group and the partnership
group." ../shared/seeds/003_41aa9706322c5908.txt: "Every third meeting of the Leads (i.e.
quarterly) is extended to include representatives from the cross-cutting partnerships".
../shared/seeds/001_ed36dba474c76b46.txt (Gloucestershire): "Alternatives at executive
director level will be acceptable as substitutes." and "The Forest of Dean and Gloucester
LSPs discuss the issue and agree to have a joint meeting with Gloucestershire First".
"""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tests.web.conftest import Json
from tests.web.support import (
    add_item,
    get,
    in_days,
    make_body,
    make_member,
    make_organisation,
    make_person,
    meeting_command,
    ok,
    post,
    record,
    schedule,
)

Refused = Callable[..., Json]
LA, PARTNERS = "Local authority group", "Partnership group"


def _open(client: FlaskClient, token: str, body_id: str, **fields: object) -> Json:
    meeting = schedule(client, token, body_id, starts_at=in_days(-1), **fields)
    add_item(client, token, meeting["id"])
    meeting_command(client, token, meeting["id"], "open", {"at": in_days(-1)})
    return meeting


def test_a_meeting_summons_its_groups_and_only_their_members_count(
    client: FlaskClient, admin: str, refused: Refused
) -> None:
    cadex = make_body(client, admin, name="CADEX", short_name="CADEX", kind="officers", quorum=2)
    ok(post(client, f"/bodies/{cadex['id']}/rules", admin, {"groups": [LA, PARTNERS]}))
    chiefs = [
        make_member(client, admin, cadex["id"], f"Chief {n}", seat=f"CE {n}", groups=[LA, PARTNERS])
        for n in (1, 2)
    ]
    police = make_member(
        client, admin, cadex["id"], "Police lead", seat="Police", groups=[PARTNERS]
    )
    seats = ok(
        get(client, f"/bodies/{cadex['id']}/memberships/{police['membership']['id']}", admin)
    )
    assert seats["groups"] == [PARTNERS]
    bad = {
        "person_id": police["id"],
        "seat": "X",
        "capacity": "member",
        "starts_on": "2025-01-01",
        "groups": ["Everyone"],
    }
    refused(lambda: post(client, f"/bodies/{cadex['id']}/memberships", admin, bad), 422, "groups.0")
    refused(
        lambda: post(
            client,
            f"/bodies/{cadex['id']}/meetings",
            admin,
            {"starts_at": in_days(5), "groups": ["Everyone"]},
        ),
        422,
        "groups.0",
    )
    la_meeting = _open(client, admin, cadex["id"], groups=[LA])
    assert la_meeting["groups"] == [LA]
    m = la_meeting["id"]
    for chief in chiefs:
        ok(record(client, admin, m, "attendance", person_id=chief["id"], status="present"), 201)
    # The police lead is not summoned to the local authority group's meeting.
    refused(
        lambda: record(client, admin, m, "attendance", person_id=police["id"], status="present"),
        409,
    )
    ok(
        record(
            client,
            admin,
            m,
            "attendance",
            person_id=police["id"],
            status="present",
            capacity="observer",
        ),
        201,
    )
    quorum = ok(get(client, f"/meetings/{m}/quorum", admin))
    assert (quorum["members_present"], quorum["quorate"]) == (2, True)
    # The partnership group's meeting summons the police lead as a member.
    partners = _open(client, admin, cadex["id"], groups=[PARTNERS])
    ok(
        record(
            client, admin, partners["id"], "attendance", person_id=police["id"], status="present"
        ),
        201,
    )
    # The attendance report counts the police lead's seat only where it was due.
    report = ok(get(client, f"/people/{police['id']}/attendance", admin))
    as_member = [r["meeting_id"] for r in report["meetings"] if r["as_member"]]
    assert as_member == [partners["id"]]
    assert report["summary"]["other_capacity"] == 1


def test_a_substitute_of_the_members_organisation_needs_no_naming_under_that_rule(
    client: FlaskClient, admin: str, refused: Refused
) -> None:
    county = make_organisation(client, admin, name="Gloucestershire County Council")
    other = make_organisation(client, admin, name="Gloucester City Council")
    cseb = make_body(
        client,
        admin,
        name="Community Strategy Executive Board",
        short_name="CSEB",
        kind="executive",
    )
    chief = make_member(
        client, admin, cseb["id"], "County Chief Executive", organisation_id=county["id"]
    )
    director = make_person(client, admin, name="Executive Director", organisation_id=county["id"])
    outsider = make_person(client, admin, name="City Director", organisation_id=other["id"])
    m = _open(client, admin, cseb["id"])["id"]
    sub = {"status": "present", "substitute_for": chief["id"]}
    # Named substitutes only (the default): the director needs the chair's admission.
    refused(lambda: record(client, admin, m, "attendance", person_id=director["id"], **sub), 409)
    ok(post(client, f"/bodies/{cseb['id']}/rules", admin, {"substitutes": "member_organisation"}))
    refused(lambda: record(client, admin, m, "attendance", person_id=outsider["id"], **sub), 409)
    entry = ok(record(client, admin, m, "attendance", person_id=director["id"], **sub), 201)
    assert entry["substitute_for"] == chief["id"] and entry["admitted_by_chair"] is False


def test_a_joint_meeting_is_listed_by_every_body_and_shows_each_quorum(
    client: FlaskClient, admin: str, refused: Refused
) -> None:
    fod = make_body(
        client, admin, name="Forest of Dean LSP", short_name="FoD", kind="lsp", quorum=1
    )
    glos = make_body(client, admin, name="Gloucester LSP", short_name="Glos", kind="lsp", quorum=2)
    first = make_body(client, admin, name="Gloucestershire First", short_name="GF", kind="board")
    path = f"/bodies/{fod['id']}/meetings"
    unknown = "00000000-0000-4000-8000-000000000000"
    for bad, field in (
        ([unknown], "joint_with.0"),
        ([glos["id"], glos["id"]], "joint_with"),
        ([fod["id"]], "joint_with.0"),
    ):
        refused(
            lambda b=bad: post(client, path, admin, {"starts_at": in_days(5), "joint_with": b}),
            422,
            field,
        )
    fod_member = make_member(client, admin, fod["id"], "Forest member")
    glos_member = make_member(client, admin, glos["id"], "Gloucester member")
    joint = _open(client, admin, fod["id"], joint_with=[glos["id"], first["id"]])
    assert joint["joint_with"] == [glos["id"], first["id"]]
    for body in (fod, glos, first):
        listed = ok(get(client, f"/bodies/{body['id']}/meetings", admin))
        assert joint["id"] in [row["id"] for row in listed], body["short_name"]
    for person in (fod_member, glos_member):
        ok(
            record(
                client, admin, joint["id"], "attendance", person_id=person["id"], status="present"
            ),
            201,
        )
    quorum = ok(get(client, f"/meetings/{joint['id']}/quorum", admin))
    by_body = {
        q["body_id"]: (q["members_present"], q["required"], q["quorate"]) for q in quorum["bodies"]
    }
    assert by_body == {
        fod["id"]: (1, 1, True),
        glos["id"]: (1, 2, False),
        first["id"]: (0, None, True),
    }
    # The attendance report of a Gloucester member counts the joint meeting for their seat.
    report = ok(get(client, f"/people/{glos_member['id']}/attendance", admin))
    [row] = report["meetings"]
    assert (row["meeting_id"], row["as_member"], row["outcome"]) == (joint["id"], True, "present")


def test_a_roll_call_counts_only_the_members_due_and_takes_the_meetings_start(
    client: FlaskClient, admin: str, refused: Refused
) -> None:
    council = make_organisation(client, admin, name="Buckinghamshire County Council")
    cadex = make_body(client, admin, name="CADEX", short_name="CADEX", kind="officers")
    rules = {"groups": [LA, PARTNERS], "substitutes": "member_organisation"}
    ok(post(client, f"/bodies/{cadex['id']}/rules", admin, rules))
    chief = make_member(
        client, admin, cadex["id"], "County Chief", organisation_id=council["id"], groups=[LA]
    )
    police = make_member(
        client, admin, cadex["id"], "Police lead", seat="Police", groups=[PARTNERS]
    )
    director = make_person(client, admin, name="County Director", organisation_id=council["id"])
    m = _open(client, admin, cadex["id"], groups=[LA])
    path = f"/meetings/{m['id']}/roll-call"
    detail = refused(
        lambda: post(
            client, path, admin, {"entries": [{"person_id": police["id"], "status": "present"}]}
        ),
        409,
    )["detail"]
    assert "entry 0 (Police lead)" in detail and "not summoned" in detail
    entries = [{"person_id": director["id"], "status": "present", "substitute_for": chief["id"]}]
    [entry] = ok(post(client, path, admin, {"entries": entries}), 201)["entries"]
    assert entry["substitute_for"] == chief["id"]
    assert entry["at"].startswith(in_days(-1)[:16])  # typed up: the meeting's start
