"""Who may do what, over every operation the API serves, for every kind of caller.

One realistic world (a board with its clerk, chair and members; a meeting in session and
an earlier one with published minutes; a workplan, a decision, an action) is built once
per module. Each operation of the served OpenAPI document is called by each role, and
the answer must fall in the class the matrix states: `ALLOWED` (2xx, or a 4xx other than
401/403, because the bodies sent are deliberately minimal), `401` or `403`. An operation
that nobody has classified fails the run: add it to `MATRIX`.

Roles that may not use a command send it twice: with `{}` (authorisation must come before
validation: a 422 there tells a stranger how to shape a request they may not make) and
with a body that passes validation (so the role check itself is reached). Roles that may
use it send only `{}`, which records nothing for commands that need fields.

A second table says where the confidential item's content may appear: only for admin,
the body's clerks and the body's members.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from meetings.application.commands import AppointChair
from meetings.domain.values import Role
from tests.conftest import _sqlite_app, application_for_tests
from tests.web.conftest import SINCE, Json
from tests.web.support import (
    API,
    add_item,
    agree_action,
    bearer,
    decide,
    in_days,
    make_body,
    make_member,
    make_organisation,
    meeting_command,
    ok,
    post,
    record,
    schedule,
)
from tests.web.test_minutes_api import Recorded, _record_everything, _to_approval, step
from web import create_app

ALLOWED = "allowed"
ROLES = (
    "admin",
    "clerk",
    "other_clerk",
    "chair",
    "other_chair",
    "scrutiny",
    "member",
    "other_member",
    "public",
)
TOKENS = tuple(r for r in ROLES if r != "public")
Expect = dict[str, str | int]


def only(*roles: str) -> Expect:
    """Allowed for these roles; refused (403) to every other token, and 401 without one."""
    return {r: ALLOWED if r in roles else 401 if r == "public" else 403 for r in ROLES}


ANY_TOKEN = only(*TOKENS)
ANYONE: Expect = dict.fromkeys(ROLES, ALLOWED)
ADMIN = only("admin")
ANY_CLERK = only("admin", "clerk", "other_clerk")
RECORDER = only("admin", "clerk")
HISTORY = only("admin", "scrutiny", "clerk")
HISTORY_ANY_CLERK = only("admin", "scrutiny", "clerk", "other_clerk")
CHAIR = only("chair")
AUDITOR = only("admin", "scrutiny")
RECORDER_OR_OWNER = only("admin", "clerk", "member")
BODY_REPORT = only("admin", "scrutiny", "clerk")

#: (METHOD, path as in the OpenAPI document) -> the outcome class for each role.
MATRIX: dict[tuple[str, str], Expect] = {
    ("GET", "/organisations"): ANY_TOKEN,
    ("POST", "/organisations"): ADMIN,
    ("GET", "/organisations/{org_id}"): ANY_TOKEN,
    ("GET", "/organisations/{org_id}/history"): HISTORY_ANY_CLERK,
    ("GET", "/people"): ANY_TOKEN,
    ("POST", "/people"): ANY_CLERK,
    ("GET", "/people/{person_id}"): ANY_TOKEN,
    ("GET", "/people/{person_id}/memberships"): ANY_TOKEN,
    ("GET", "/people/{person_id}/history"): HISTORY_ANY_CLERK,
    ("GET", "/bodies"): ANY_TOKEN,
    ("POST", "/bodies"): ADMIN,
    ("GET", "/bodies/{body_id}"): ANY_TOKEN,
    ("POST", "/bodies/{body_id}/rules"): ADMIN,
    ("POST", "/bodies/{body_id}/end"): ADMIN,
    ("GET", "/bodies/{body_id}/history"): HISTORY,
    ("GET", "/bodies/{body_id}/terms-of-reference"): ANY_TOKEN,
    ("POST", "/bodies/{body_id}/terms-of-reference"): ADMIN,
    ("GET", "/bodies/{body_id}/chairs"): ANY_TOKEN,
    ("POST", "/bodies/{body_id}/chairs"): ADMIN,
    ("POST", "/bodies/{body_id}/chairs/{appointment_id}/end"): ADMIN,
    ("GET", "/bodies/{body_id}/memberships"): ANY_TOKEN,
    ("POST", "/bodies/{body_id}/memberships"): ADMIN,
    ("GET", "/bodies/{body_id}/memberships/{membership_id}"): ANY_TOKEN,
    ("POST", "/bodies/{body_id}/memberships/{membership_id}/end"): ADMIN,
    ("POST", "/bodies/{body_id}/memberships/{membership_id}/substitutes"): RECORDER,
    (
        "POST",
        "/bodies/{body_id}/memberships/{membership_id}/substitutes/{person_id}/withdraw",
    ): RECORDER,
    ("GET", "/bodies/{body_id}/memberships/{membership_id}/history"): HISTORY,
    ("GET", "/bodies/{body_id}/meetings"): ANY_TOKEN,
    ("POST", "/bodies/{body_id}/meetings"): RECORDER,
    # The meeting in session has a published agenda and its body is open to the public.
    ("GET", "/meetings/{meeting_id}"): ANYONE,
    ("GET", "/meetings/{meeting_id}/history"): HISTORY,
    ("POST", "/meetings/{meeting_id}/postpone"): RECORDER,
    ("POST", "/meetings/{meeting_id}/cancel"): RECORDER,
    ("POST", "/meetings/{meeting_id}/agenda-items"): RECORDER,
    ("POST", "/meetings/{meeting_id}/agenda/standing-items"): RECORDER,
    ("POST", "/meetings/{meeting_id}/agenda/reorder"): RECORDER,
    ("POST", "/meetings/{meeting_id}/agenda/agree"): CHAIR,
    ("POST", "/meetings/{meeting_id}/agenda/publish"): RECORDER,
    ("GET", "/meetings/{meeting_id}/matters-arising"): ANY_TOKEN,
    ("POST", "/meetings/{meeting_id}/open"): RECORDER,
    ("POST", "/meetings/{meeting_id}/close"): RECORDER,
    ("POST", "/meetings/{meeting_id}/attendance"): RECORDER,
    ("POST", "/meetings/{meeting_id}/departures"): RECORDER,
    ("POST", "/meetings/{meeting_id}/roll-call"): RECORDER,
    ("GET", "/meetings/{meeting_id}/quorum"): ANY_TOKEN,
    ("POST", "/meetings/{meeting_id}/chair"): RECORDER,
    ("POST", "/meetings/{meeting_id}/declarations"): RECORDER,
    ("POST", "/meetings/{meeting_id}/items/{item_id}/notes"): RECORDER,
    ("POST", "/meetings/{meeting_id}/items/{item_id}/decisions"): RECORDER,
    ("POST", "/meetings/{meeting_id}/items/{item_id}/actions"): RECORDER,
    ("POST", "/meetings/{meeting_id}/items/{item_id}/defer"): RECORDER,
    ("POST", "/meetings/{meeting_id}/corrections"): RECORDER,
    ("GET", "/bodies/{body_id}/forward-plan"): ANY_TOKEN,
    ("POST", "/bodies/{body_id}/forward-plan"): RECORDER,
    ("GET", "/actions"): ANY_TOKEN,
    ("GET", "/actions.csv"): ANY_TOKEN,
    ("GET", "/actions/{action_id}"): ANY_TOKEN,
    ("GET", "/actions/{action_id}/history"): HISTORY,
    # The action is owned by the person who holds the member token.
    ("POST", "/actions/{action_id}/progress"): RECORDER_OR_OWNER,
    ("POST", "/actions/{action_id}/due-date"): RECORDER,
    ("POST", "/actions/{action_id}/reassign"): RECORDER,
    ("POST", "/actions/{action_id}/complete"): RECORDER_OR_OWNER,
    ("POST", "/actions/{action_id}/drop"): RECORDER,
    ("GET", "/decisions"): ANY_TOKEN,
    ("GET", "/decisions/{decision_id}"): ANY_TOKEN,
    ("GET", "/decisions/{decision_id}/history"): HISTORY,
    ("GET", "/decisions/{decision_id}/chain"): ANY_TOKEN,
    ("POST", "/decisions/{decision_id}/ratifications"): RECORDER,
    ("GET", "/bodies/{body_id}/referred-matters"): ANY_TOKEN,
    ("GET", "/bodies/{body_id}/workplans"): ANY_TOKEN,
    ("POST", "/bodies/{body_id}/workplans"): RECORDER,
    ("GET", "/workplans/{workplan_id}"): ANY_TOKEN,
    ("POST", "/workplans/{workplan_id}/items"): RECORDER,
    ("POST", "/workplans/{workplan_id}/items/{item_id}/status"): RECORDER,
    # Also a clerk of the action's body: tests/web/test_governance_workplan_links.py.
    ("POST", "/workplans/{workplan_id}/items/{item_id}/actions"): RECORDER,
    ("GET", "/workplans/{workplan_id}/progress"): ANY_TOKEN,
    ("GET", "/workplans/{workplan_id}/history"): HISTORY,
    # Minutes operations are sent to the earlier meeting, whose minutes are published.
    ("GET", "/meetings/{meeting_id}/minutes"): ANYONE,
    ("POST", "/meetings/{meeting_id}/minutes/agree"): CHAIR,
    ("POST", "/meetings/{meeting_id}/minutes/circulate"): RECORDER,
    ("POST", "/meetings/{meeting_id}/minutes/approve"): RECORDER,
    ("POST", "/meetings/{meeting_id}/minutes/publish"): RECORDER,
    ("GET", "/minutes"): ANYONE,
    ("GET", "/meetings/{meeting_id}/minutes/ocd"): ANYONE,
    ("GET", "/meetings/{meeting_id}/minutes.pdf"): ANYONE,
    ("GET", "/events"): AUDITOR,
    ("GET", "/audit/verify"): AUDITOR,
    ("GET", "/audit/head"): ANYONE,
    # Scrutiny reports (issue #6): admin and scrutiny; per-body ones also the body's clerks.
    ("GET", "/people/{person_id}/attendance"): AUDITOR,
    ("GET", "/organisations/{organisation_id}/attendance"): AUDITOR,
    ("GET", "/bodies/{body_id}/membership-changes"): BODY_REPORT,
    # A decision's authority is a report on its body: the deciding body's clerks read it too.
    ("GET", "/decisions/{decision_id}/authority"): BODY_REPORT,
    ("GET", "/bodies/{body_id}/minutes-amendments"): BODY_REPORT,
}


def _served_operations(spec: Json) -> list[tuple[str, str]]:
    return [
        (method.upper(), path.removeprefix(API))
        for path, operations in spec["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    ]


def _spec_now() -> Json:
    """The OpenAPI document as served today, read once to name the test cases."""
    application = _sqlite_app()
    try:
        served = create_app(application).test_client().get(f"{API}/openapi.json")
        assert served.status_code == 200, f"the OpenAPI document is not served: {served.text}"
        spec: Json = served.get_json()
    finally:
        application.close()
    return spec


SERVED = _served_operations(_spec_now())


# The world ----------------------------------------------------------------------------


@dataclass
class World:
    client: FlaskClient
    app: MeetingsApplication
    tokens: dict[str, str | None]
    ids: dict[str, str]
    recorded: Recorded
    secrets: dict[str, str]


@pytest.fixture(scope="module")
def application() -> Iterator[MeetingsApplication]:
    """An application for this module only, on the backend under test (as `app` does)."""
    with application_for_tests() as built:
        yield built


def _chair_of(
    app: MeetingsApplication, client: FlaskClient, admin: str, body_id: str, name: str
) -> tuple[str, Json]:
    """A person who sits on the body and chairs it since 2025: their chair token and term."""
    person = make_member(client, admin, body_id, name, seat="Chair")
    term = app.appoint_chair(
        AppointChair(
            body_id=UUID(body_id), person_id=UUID(person["id"]), role="chair", starts_on=SINCE
        )
    )
    token = app.tokens.create(Role.CHAIR, name, person_id=UUID(person["id"]))[1]
    return token, {"id": str(term.id), "person_id": person["id"]}


@pytest.fixture(scope="module")
def world(application: MeetingsApplication) -> World:
    app = application
    client = create_app(app).test_client()
    admin = app.tokens.create(Role.ADMIN, "Ada Admin")[1]
    body = make_body(client, admin)
    other = make_body(client, admin, name="Safer Buckinghamshire", short_name="SB", kind="thematic")
    clerk = app.tokens.create(Role.CLERK, "Colin Clerk", [body["id"]])[1]
    chair, chair_term = _chair_of(app, client, admin, body["id"], "Carol Chair")
    other_chair, _ = _chair_of(app, client, admin, other["id"], "Oscar Otherchair")
    r = _record_everything(client, admin, clerk, body)
    _to_approval(client, clerk, chair, r)
    step(client, clerk, r.meeting["id"], "publish")
    leader = r.people["leader"]
    outsider = make_member(client, admin, other["id"], "Oona Outsider")
    tokens: dict[str, str | None] = {
        "admin": admin,
        "clerk": clerk,
        "other_clerk": app.tokens.create(Role.CLERK, "Olive Otherclerk", [other["id"]])[1],
        "chair": chair,
        "other_chair": other_chair,
        "scrutiny": app.tokens.create(Role.SCRUTINY, "Sam Scrutiny")[1],
        "member": app.tokens.create(Role.MEMBER, "Liz Leader", person_id=UUID(leader["id"]))[1],
        "other_member": app.tokens.create(
            Role.MEMBER, "Oona Outsider", person_id=UUID(outsider["id"])
        )[1],
        "public": None,
    }
    organisation = make_organisation(client, admin, name="Buckinghamshire Healthcare NHS Trust")
    live = schedule(client, clerk, body["id"], venue="The Gateway")
    m = live["id"]
    plan = add_item(client, clerk, m, title="Winter pressures plan")
    secret = add_item(
        client,
        clerk,
        m,
        title="Sale of the depot at Aston Clinton",
        confidential=True,
        confidential_reason="commercially sensitive",
    )
    ok(post(client, f"/meetings/{m}/agenda/agree", chair))
    ok(post(client, f"/meetings/{m}/agenda/publish", clerk))
    meeting_command(client, clerk, m, "open")
    ok(
        record(client, clerk, m, f"items/{plan['id']}/notes", text="Beds are short in January."),
        201,
    )
    plan_decision = decide(client, clerk, m, plan["id"], text="Adopted the winter plan.")
    action = agree_action(
        client, clerk, m, plan["id"], leader["id"], description="Open twenty step-down beds"
    )
    ok(
        record(client, clerk, m, f"items/{secret['id']}/notes", text="The offer is 2.1 million."),
        201,
    )
    secret_decision = decide(
        client, clerk, m, secret["id"], text="Accepted the offer for the depot."
    )
    secret_action = agree_action(
        client, clerk, m, secret["id"], leader["id"], description="Instruct solicitors on the sale"
    )
    workplan = ok(
        post(
            client,
            f"/bodies/{body['id']}/workplans",
            clerk,
            {"title": "Plan", "themes": ["Health"]},
        ),
        201,
    )
    workplan_item = ok(
        post(
            client,
            f"/workplans/{workplan['id']}/items",
            clerk,
            {"theme": "Health", "title": "Beds"},
        ),
        201,
    )
    seat = r.people["superintendent"]["membership"]
    ids = {
        "body": body["id"],
        "org": organisation["id"],
        "person": leader["id"],
        "appointment": chair_term["id"],
        "membership": seat["id"],
        "substitute": r.people["inspector"]["id"],
        "meeting": m,
        "closed_meeting": r.meeting["id"],
        "item": plan["id"],
        "secret_item": secret["id"],
        "action": str(action["action_id"]),
        "secret_action": str(secret_action["action_id"]),
        "decision": plan_decision["id"],
        "secret_decision": secret_decision["id"],
        "workplan": workplan["id"],
        "workplan_item": workplan_item["id"],
    }
    secrets = {
        "title": "Sale of the depot at Aston Clinton",
        "note": "The offer is 2.1 million.",
        "decision": "Accepted the offer for the depot.",
        "action": "Instruct solicitors on the sale",
        "closed title": "Contract with Acme Care Ltd",
        "closed note": "Acme's price rose by 40%.",
        "closed decision": "Extended the Acme contract.",
        "closed action": "Negotiate with Acme",
    }
    return World(client, app, tokens, ids, r, secrets)


# Filling a path and a body ------------------------------------------------------------

_PARAM = re.compile(r"\{[^}]+\}")
#: Which record of the world a path parameter names, by the segment before it.
_BY_SEGMENT = {
    "organisations": "org",
    "people": "person",
    "bodies": "body",
    "chairs": "appointment",
    "memberships": "membership",
    "substitutes": "substitute",
    "meetings": "meeting",
    "actions": "action",
    "decisions": "decision",
    "workplans": "workplan",
}


def _concrete(path: str, ids: dict[str, str]) -> str:
    """The path with real ids: the minutes of the earlier meeting, the rest of the live one."""
    segments = path.strip("/").split("/")
    out = []
    for i, segment in enumerate(segments):
        if not _PARAM.fullmatch(segment):
            out.append(segment)
            continue
        before = segments[i - 1]
        if before == "items":
            kind = "workplan_item" if segments[0] == "workplans" else "item"
        elif before == "meetings" and "minutes" in segments:
            kind = "closed_meeting"
        else:
            kind = _BY_SEGMENT.get(before, "")
        assert kind in ids, f"no record of the world fills {segment} in {path}: add one"
        out.append(ids[kind])
    return "/" + "/".join(out)


def _valid_body(path: str, w: World) -> Json:
    """A body that passes validation for the command at `path` (sent only by roles that
    must be refused, so it is never recorded while permissions hold)."""
    i = w.ids
    person = i["person"]
    day = "2026-01-15"
    bodies: dict[str, Json] = {
        "/organisations": {"name": "Acme", "sector": "business"},
        "/people": {"name": "Pat Probe"},
        "/bodies": {"name": "Probe Board", "short_name": "PB", "kind": "board"},
        "/rules": {"quorum": 99},
        "/terms-of-reference": {"text": "To probe.", "adopted_on": day},
        "/chairs": {"person_id": person, "role": "vice_chair", "starts_on": day},
        "/end": {"ends_on": day, "reason": "Probe."},
        "/memberships": {
            "person_id": person,
            "seat": "Probe",
            "capacity": "member",
            "starts_on": day,
        },
        "/substitutes": {"person_id": i["substitute"]},
        "/withdraw": {"withdrawn_on": day},
        "/bodies/{}/meetings": {"starts_at": in_days(40)},
        "/postpone": {"reason": "Probe.", "starts_at": in_days(50)},
        "/cancel": {"reason": "Probe."},
        "/agenda-items": {"title": "Probe", "kind": "decision"},
        "/reorder": {"item_ids": [i["item"], i["secret_item"]]},
        "/open": {"at": in_days(0)},
        "/close": {"at": in_days(0)},
        "/attendance": {"person_id": person, "status": "present"},
        "/departures": {"person_id": person, "at": in_days(0)},
        "/roll-call": {"entries": [{"person_id": person, "status": "present"}]},
        "/meetings/{}/chair": {"person_id": person},
        "/declarations": {"person_id": person, "item_id": i["item"], "interest": "Probe"},
        "/notes": {"text": "Probe."},
        "/decisions": {"text": "Probe.", "method": "consensus"},
        "/items/{}/actions": {"description": "Probe", "owner_id": person, "due_on": day},
        "/defer": {"reason": "Probe."},
        "/corrections": {"entry_id": "probe", "reason": "Probe."},
        "/forward-plan": {"subject": "Probe", "notified_on": day},
        "/progress": {"note": "Probe.", "percent_complete": 10},
        "/due-date": {"due_on": day, "reason": "Probe."},
        "/reassign": {"owner_id": person},
        "/complete": {"note": "Probe."},
        "/drop": {"reason": "Probe."},
        "/bodies/{}/workplans": {"title": "Probe", "themes": ["Probe"]},
        "/workplans/{}/items": {"theme": "Health", "title": "Probe"},
        "/status": {"status": "on_track"},
        "/workplans/{}/items/{}/actions": {"action_id": i["action"]},
        "/ratifications": {"organisation_id": i["org"], "outcome": "ratified", "on": day},
        "/approve": {"approved_at": i["meeting"]},
    }
    generic = _PARAM.sub("{}", path)
    matches = [suffix for suffix in bodies if generic.endswith(suffix)]
    return bodies[max(matches, key=len)] if matches else {}


def _send(w: World, method: str, path: str, role: str, json: Json | None = None) -> Any:
    headers = bearer(w.tokens[role])
    url = API + _concrete(path, w.ids)
    if method == "GET":
        return w.client.get(url, headers=headers)
    return w.client.open(url, method=method, headers=headers, json={} if json is None else json)


def _outcome(status: int) -> str | int:
    if status in (401, 403):
        return status
    assert status < 500, f"a server error ({status}) is never an answer to a client"
    return ALLOWED


# Confidential content ------------------------------------------------------------------

#: Those who may see the confidential items' content: admin, the body's clerk, and people
#: who sit on the body (the member, and the chair, who sits on it too).
SEES = frozenset({"admin", "clerk", "chair", "member"})
LIVE = ("title", "note", "decision", "action")
EARLIER = ("closed title", "closed note", "closed decision", "closed action")

#: Where confidential content could show: (what, address, the secrets it holds, who sees).
CONFIDENTIAL: list[tuple[str, str, tuple[str, ...], frozenset[str]]] = [
    ("meeting", "{api}/meetings/{meeting}", LIVE, SEES),
    ("earlier meeting", "{api}/meetings/{closed_meeting}", EARLIER, SEES),
    ("meeting history", "{api}/meetings/{meeting}/history", LIVE, frozenset({"admin", "clerk"})),
    ("draft minutes", "{api}/meetings/{meeting}/minutes", LIVE, SEES),
    ("published minutes", "{api}/meetings/{closed_meeting}/minutes", EARLIER, SEES),
    ("matters arising", "{api}/meetings/{meeting}/matters-arising", ("closed action",), SEES),
    ("actions", "{api}/actions", ("action", "closed action"), SEES),
    ("actions as CSV", "{api}/actions.csv", ("action", "closed action"), SEES),
    ("one action", "{api}/actions/{secret_action}", ("action",), SEES),
    (
        "action history",
        "{api}/actions/{secret_action}/history",
        ("action",),
        frozenset({"admin", "clerk"}),
    ),
    ("decisions register", "{api}/decisions", ("decision", "closed decision"), SEES),
    ("one decision", "{api}/decisions/{secret_decision}", ("decision",), SEES),
    ("decision chain", "{api}/decisions/{secret_decision}/chain", ("decision",), SEES),
    (
        "decision history",
        "{api}/decisions/{secret_decision}/history",
        ("decision",),
        frozenset({"admin", "clerk"}),
    ),
    ("the whole log", "{api}/events?limit=1000", LIVE + EARLIER, frozenset({"admin"})),
    ("agenda page", "/meetings/{meeting}", (), frozenset()),
    ("minutes page", "/meetings/{closed_meeting}", (), frozenset()),
    ("minutes document", "/meetings/{closed_meeting}/minutes.html", (), frozenset()),
    ("minutes feed", "/feeds/minutes.atom", (), frozenset()),
    ("calendar", "/bodies/{body}/meetings.ics", (), frozenset()),
    ("Open Civic Data export", "{api}/meetings/{closed_meeting}/minutes/ocd", (), frozenset()),
    ("published minutes list", "{api}/minutes", (), frozenset()),
]


def _text(response: Any) -> str:
    """What a reader gets, with HTML entities undone (so an escaped leak is still found)."""
    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("what", "address", "holds", "sees"), CONFIDENTIAL, ids=[c[0] for c in CONFIDENTIAL]
)
def test_confidential_content_is_shown_only_to_the_body_and_its_clerks(
    world: World, what: str, address: str, holds: tuple[str, ...], sees: frozenset[str], role: str
) -> None:
    url = address.format(api=API, **world.ids)
    response = world.client.get(url, headers=bearer(world.tokens[role]))
    text = _text(response)
    if role in sees:
        assert response.status_code == 200, f"{what} as {role}: {response.status_code}"
        missing = [world.secrets[s] for s in holds if world.secrets[s] not in text]
        assert not missing, f"{what} as {role} should show {missing}"
        return
    leaked = [secret for secret in world.secrets.values() if secret in text]
    assert not leaked, f"{what} shows {role} confidential content: {leaked}"
    if response.status_code == 200 and holds:
        assert "Confidential item" in text, f"{what} as {role}: the item is not shown withheld"


def test_a_revoked_token_is_refused_at_once(world: World) -> None:
    token_id, secret = world.app.tokens.create(
        Role.CLERK, "Rita Revoked", [UUID(world.ids["body"])]
    )
    meeting = f"{API}/meetings/{world.ids['meeting']}"
    assert world.client.get(meeting, headers=bearer(secret)).status_code == 200
    assert world.app.tokens.revoke(token_id)
    for response in (
        world.client.get(meeting, headers=bearer(secret)),
        world.client.post(
            f"{meeting}/items/{world.ids['item']}/notes",
            headers=bearer(secret),
            json={"text": "Too late."},
        ),
        world.client.get(f"/meetings/{world.ids['meeting']}", headers=bearer(secret)),
    ):
        assert response.status_code == 401, response.get_data(as_text=True)
        assert response.mimetype == "application/problem+json"


# The matrix ----------------------------------------------------------------------------


def test_every_served_operation_is_in_the_matrix(world: World) -> None:
    spec = world.client.get(f"{API}/openapi.json").get_json()
    served = set(_served_operations(spec))
    missing = sorted(served - set(MATRIX))
    assert not missing, (
        "these operations are served but nobody said who may use them: add each to MATRIX "
        f"in tests/web/test_permissions_matrix.py: {missing}"
    )
    stale = sorted(set(MATRIX) - served)
    assert not stale, f"MATRIX names operations that are no longer served: {stale}"


def test_the_matrix_gives_every_role_an_expectation() -> None:
    for operation, expect in MATRIX.items():
        assert set(expect) == set(ROLES), operation
        assert expect["public"] in (ALLOWED, 401), operation


def _cases(refused_posts: bool = False) -> list[Any]:
    """Every served operation with every role (or, for `refused_posts`, every command with
    the roles that must be refused it)."""
    cases = []
    for method, path in SERVED:
        for role in ROLES:
            if refused_posts and (
                method == "GET" or MATRIX.get((method, path), {}).get(role) == ALLOWED
            ):
                continue
            cases.append(pytest.param(method, path, role, id=f"{method} {path} {role}"))
    return cases


def _expected(method: str, path: str, role: str) -> str | int:
    expect = MATRIX.get((method, path))
    assert expect is not None, (
        f"{method} {path} is served but not classified: add it to MATRIX in "
        "tests/web/test_permissions_matrix.py"
    )
    return expect[role]


@pytest.mark.parametrize(("method", "path", "role"), _cases())
def test_each_role_gets_what_the_matrix_says(
    world: World, method: str, path: str, role: str
) -> None:
    """Reads as they are; commands with a valid body for the roles that must be refused
    (so the role check is reached), with `{}` for the roles that may use them."""
    wanted = _expected(method, path, role)
    body = _valid_body(path, world) if method != "GET" and wanted != ALLOWED else None
    answer = _send(world, method, path, role, body)
    got = _outcome(answer.status_code)
    assert got == wanted, f"{method} {path} as {role}: expected {wanted}, got {answer.status_code}"


@pytest.mark.parametrize(("method", "path", "role"), _cases(refused_posts=True))
def test_refusal_comes_before_validation(world: World, method: str, path: str, role: str) -> None:
    """A caller who may not use a command is refused whatever they send: an empty body is
    401/403, not a 422 that tells them how to shape the request."""
    wanted = _expected(method, path, role)
    answer = _send(world, method, path, role, {})
    got = answer.status_code
    assert got == wanted, f"{method} {path} as {role} with {{}}: expected {wanted}, got {got}"
