"""The implementation group's screens: the action tracker (filters, overdue in words, CSV of
exactly what is shown), an action's page (the owner reports progress and completion, the
clerk gives a new due date or owner), My actions, workplan progress as a chart; each
refusal as the API's, and actions under a confidential item withheld as the API withholds
them, for every role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from meetings.application.access import RECORD_TOOLS
from meetings.domain.values import Role
from tests.console_support import link_for, sign_in
from tests.web.console.test_scrutiny_screens import csv_tables, page_tables
from tests.web.support import (
    add_item,
    agree_action,
    get,
    london_day,
    make_body,
    make_member,
    meeting_command,
    ok,
    post,
    schedule,
)

Json = dict[str, Any]
SECRET = "Renegotiate the home care contract"
REASON = "Commercially sensitive"


@dataclass
class Group:
    app: MeetingsApplication
    client: FlaskClient
    admin: str
    clerk: str
    owner: str
    owner_name: str
    body: Json
    overdue: str
    later: str
    formula: str
    secret: str
    tokens: dict[str, str]

    def signed(self, token: str) -> tuple[FlaskClient, str]:
        client = self.client.application.test_client()
        return client, sign_in(client, link_for(self.app, token))


@pytest.fixture
def group(
    app: MeetingsApplication, client: FlaskClient, admin: str, body: Json, clerk: str
) -> Group:
    owner = make_member(client, admin, body["id"], "Olu Owner")
    other = make_member(client, admin, body["id"], "Nia Next")
    owner_token = app.tokens.create(Role.MEMBER, "Olu Owner", person_id=UUID(owner["id"]))[1]
    meeting = schedule(client, clerk, body["id"])
    item = add_item(client, clerk, meeting["id"], title="Better Care Fund plan")
    hidden = add_item(
        client,
        clerk,
        meeting["id"],
        title="Contract renewal",
        confidential=True,
        confidential_reason=REASON,
    )
    meeting_command(client, clerk, meeting["id"], "open")

    def agree(description: str, days: int, on: Json = item, **fields: Any) -> str:
        made = agree_action(
            client,
            clerk,
            meeting["id"],
            on["id"],
            owner["id"],
            description=description,
            due_on=str(london_day(days)),
            **fields,
        )
        return str(made["id"])

    other_body = make_body(client, admin, name="Safer Bucks", short_name="SB")
    outsider = make_member(client, admin, other_body["id"], "Out Sider")
    return Group(
        app=app,
        client=client,
        admin=admin,
        clerk=clerk,
        owner=owner_token,
        owner_name="Olu Owner",
        body=body,
        overdue=agree("Refresh the JSNA", -10, theme="Health"),
        later=agree("Publish the market position statement", 20, theme="Care"),
        formula=agree('=HYPERLINK("http://x")', 30),
        secret=agree(SECRET, 40, on=hidden),
        tokens={
            "admin": admin,
            "clerk": clerk,
            "owner": owner_token,
            "scrutiny": app.tokens.create(Role.SCRUTINY, "Sam Scrutiny")[1],
            "other_clerk": app.tokens.create(Role.CLERK, "Olive", [UUID(other_body["id"])])[1],
            "member_elsewhere": app.tokens.create(
                Role.MEMBER, "Out Sider", person_id=UUID(outsider["id"])
            )[1],
            "next": app.tokens.create(Role.MEMBER, "Nia Next", person_id=UUID(other["id"]))[1],
        },
    )


def _rows(html: str, table: int = 0) -> list[list[str]]:
    return page_tables(html)[table][1:]


def test_the_tracker_soonest_due_first_overdue_in_words_and_its_csv(group: Group) -> None:
    client, _ = group.signed(group.clerk)
    html = client.get("/console/actions").get_data(as_text=True)
    rows = _rows(html)
    assert [r[2] for r in rows] == [
        "Refresh the JSNA",
        "Publish the market position statement",
        '=HYPERLINK("http://x")',
        SECRET,
    ]
    assert rows[0][1] == "Overdue" and rows[1][1] == "Open"
    assert '<tr class="overdue">' in html
    download = client.get("/console/actions.csv")
    assert download.mimetype == "text/csv"
    cells = csv_tables(download.get_data(as_text=True))[0]
    assert cells[3][2] == '\'=HYPERLINK("http://x")'  # neutralised, never run
    cells[3][2] = cells[3][2][1:]
    assert cells == page_tables(html)[0]


def test_the_trackers_filters(group: Group) -> None:
    client, _ = group.signed(group.clerk)

    def shown(**query: str) -> list[str]:
        answer = client.get("/console/actions", query_string=query)
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return [r[2] for r in _rows(answer.get_data(as_text=True)) if len(r) > 1]

    assert shown(status="overdue") == ["Refresh the JSNA"]
    assert shown(theme="Care") == ["Publish the market position statement"]
    assert shown(owner="olu owner", body_id=group.body["id"])[:2] == [
        "Refresh the JSNA",
        "Publish the market position statement",
    ]
    # Overdue as of a day before the first was due: nothing is overdue then.
    assert shown(status="overdue", as_of=str(london_day(-11))) == []
    csv = client.get("/console/actions.csv", query_string={"status": "overdue"})
    assert [r[2] for r in csv_tables(csv.get_data(as_text=True))[0][1:]] == ["Refresh the JSNA"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"as_of": "2999-01-01"}, "still to come"),
        ({"as_of": "yesterday"}, "Not a date"),
        ({"owner": "Nobody Known"}, "Nobody called “Nobody Known” is registered"),
        ({"status": "late"}, "Must be one of"),
    ],
)
def test_bad_filters_are_told_on_the_page(
    group: Group, query: dict[str, str], message: str
) -> None:
    client, _ = group.signed(group.clerk)
    answer = client.get("/console/actions", query_string=query)
    assert answer.status_code == 422
    assert message in answer.get_data(as_text=True)


def test_the_owner_records_progress_then_completion_and_it_leaves_the_overdue_list(
    group: Group,
) -> None:
    client, csrf = group.signed(group.owner)
    page = client.get(f"/console/actions/{group.overdue}").get_data(as_text=True)
    assert "Overdue" in page and "Record progress" in page
    assert "Give a new due date" not in page  # the clerk's, not the owner's
    sent = client.post(
        f"/console/actions/{group.overdue}/progress",
        data={"csrf_token": csrf, "note": "Draft chapters written", "percent": "60"},
    )
    assert sent.status_code == 303
    page = client.get(f"/console/actions/{group.overdue}").get_data(as_text=True)
    assert "Draft chapters written (60% complete)" in page
    mine = client.get("/console/actions/mine").get_data(as_text=True)
    assert _rows(mine)[0][1:3] == ["Overdue", "Refresh the JSNA"]
    done = client.post(
        f"/console/actions/{group.overdue}/complete",
        data={"csrf_token": csrf, "completion_note": "Published"},
    )
    assert done.status_code == 303
    overdue = client.get("/console/actions", query_string={"status": "overdue"})
    assert "Refresh the JSNA" not in overdue.get_data(as_text=True)
    mine = client.get("/console/actions/mine").get_data(as_text=True)
    assert "Refresh the JSNA" not in mine
    api = ok(get(group.client, f"/actions/{group.overdue}", group.clerk))
    assert api["status"] == "done"
    assert [u["kind"] for u in api["updates"]] == ["progress", "completed"]


def test_bad_progress_is_told_beside_the_field_and_records_nothing(group: Group) -> None:
    client, csrf = group.signed(group.owner)
    before = group.app.get_action(UUID(group.overdue), RECORD_TOOLS).version
    for data, message in (
        (
            {"note": "Halfway", "percent": "150"},
            "Percent complete is a whole number from 0 to 100.",
        ),
        ({"note": "Halfway", "percent": "half"}, "Not a valid integer."),
        ({"note": "   "}, "Length must be between 1 and 5000."),
    ):
        answer = client.post(
            f"/console/actions/{group.overdue}/progress", data={"csrf_token": csrf, **data}
        )
        html = answer.get_data(as_text=True)
        assert answer.status_code == 422, html
        assert message in html
    assert group.app.get_action(UUID(group.overdue), RECORD_TOOLS).version == before
    no_csrf = client.post(f"/console/actions/{group.overdue}/progress", data={"note": "x"})
    assert no_csrf.status_code == 400


def test_the_clerk_gives_a_new_due_date_with_a_reason_and_a_new_owner(group: Group) -> None:
    client, csrf = group.signed(group.clerk)
    path = f"/console/actions/{group.overdue}"
    missing = client.post(f"{path}/due-date", data={"csrf_token": csrf, "due_on": "2027-01-01"})
    assert missing.status_code == 422
    assert "Length must be between 1 and 2000." in missing.get_data(as_text=True)
    new_day = str(london_day(14))
    moved = client.post(
        f"{path}/due-date",
        data={"csrf_token": csrf, "due_on": new_day, "reason": "Waiting for census data"},
    )
    assert moved.status_code == 303
    page = client.get(path).get_data(as_text=True)
    assert "New due date" in page and "Reason: Waiting for census data" in page
    overdue = client.get("/console/actions", query_string={"status": "overdue"})
    assert "Refresh the JSNA" not in overdue.get_data(as_text=True)
    unknown = client.post(f"{path}/reassign", data={"csrf_token": csrf, "owner": "Nobody Known"})
    assert unknown.status_code == 422
    given = client.post(f"{path}/reassign", data={"csrf_token": csrf, "owner": "Nia Next"})
    assert given.status_code == 303
    assert "Olu Owner → Nia Next" in client.get(path).get_data(as_text=True)


def test_only_the_owner_and_the_clerk_may_change_an_action(group: Group) -> None:
    owner, owner_csrf = group.signed(group.owner)
    for verb, data in (
        ("due-date", {"due_on": "2027-01-01", "reason": "Later"}),
        ("reassign", {"owner": "Nia Next"}),
    ):
        answer = owner.post(
            f"/console/actions/{group.overdue}/{verb}", data={"csrf_token": owner_csrf, **data}
        )
        assert answer.status_code == 403
    other, other_csrf = group.signed(group.tokens["next"])
    page = other.get(f"/console/actions/{group.overdue}").get_data(as_text=True)
    assert "Record progress" not in page and "Give a new due date" not in page
    answer = other.post(
        f"/console/actions/{group.overdue}/progress",
        data={"csrf_token": other_csrf, "note": "Not mine"},
    )
    assert answer.status_code == 403
    api = post(
        group.client, f"/actions/{group.overdue}/progress", group.tokens["next"], {"note": "x"}
    )
    assert api.status_code == 403


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("admin", True),
        ("clerk", True),
        ("owner", True),  # sits on the body today
        ("scrutiny", False),
        ("other_clerk", False),
        ("member_elsewhere", False),
    ],
)
def test_an_action_under_a_confidential_item_is_withheld_as_by_the_api(
    group: Group, who: str, sees: bool
) -> None:
    token = group.tokens[who]
    client, _ = group.signed(token)
    tracker = client.get("/console/actions").get_data(as_text=True)
    csv = client.get("/console/actions.csv").get_data(as_text=True)
    page = client.get(f"/console/actions/{group.secret}").get_data(as_text=True)
    api = ok(get(group.client, f"/actions/{group.secret}", token))
    assert (api["description"] == SECRET) is sees
    for shown in (tracker, csv, page):
        assert (SECRET in shown) is sees
        if not sees:
            assert f"Confidential item: {REASON}" in shown
    if not sees:
        assert "Record progress" not in page


def test_an_action_as_it_stood(group: Group) -> None:
    client, csrf = group.signed(group.clerk)
    path = f"/console/actions/{group.overdue}"
    client.post(f"{path}/progress", data={"csrf_token": csrf, "note": "First draft"})
    first = group.app.get_action(UUID(group.overdue), RECORD_TOOLS).version
    then = client.get(path, query_string={"version": first - 1}).get_data(as_text=True)
    assert "First draft" not in then and "The record as it stood at version" in then
    assert "Record progress" not in then  # the past is read, not changed
    for typed, message in (("2999-01-01T10:00", "still to come"), ("soon", "Not a date")):
        answer = client.get(path, query_string={"as_at": typed})
        assert answer.status_code == 422 and message in answer.get_data(as_text=True)
    history = client.get(f"{path}/history").get_data(as_text=True)
    assert "Progress noted" in history or "First draft" in history
    owner, _ = group.signed(group.owner)
    assert owner.get(f"{path}/history").status_code == 403


# Workplan progress -----------------------------------------------------------------------


def _workplan(group: Group) -> Json:
    made: Json = ok(
        post(
            group.client,
            f"/bodies/{group.body['id']}/workplans",
            group.clerk,
            {"title": "Sustainable Community Strategy", "themes": ["Health", "Care", "Safety"]},
        ),
        201,
    )
    statuses = {"Health": ["done", "on_track", "at_risk"], "Care": ["off_track", "done"]}
    for theme, wanted in statuses.items():
        for n, status in enumerate(wanted):
            item = ok(
                post(
                    group.client,
                    f"/workplans/{made['id']}/items",
                    group.clerk,
                    {"theme": theme, "title": f"{theme} item {n}"},
                ),
                201,
            )
            ok(
                post(
                    group.client,
                    f"/workplans/{made['id']}/items/{item['id']}/status",
                    group.clerk,
                    {"status": status},
                )
            )
            if n == 0 and theme == "Health":
                ok(
                    post(
                        group.client,
                        f"/workplans/{made['id']}/items/{item['id']}/actions",
                        group.clerk,
                        {"action_id": group.overdue},
                    )
                )
    return made


def test_workplan_progress_chart_and_table_match_the_api(group: Group) -> None:
    plan = _workplan(group)
    client, _ = group.signed(group.tokens["scrutiny"])
    html = client.get(f"/console/workplans/{plan['id']}").get_data(as_text=True)
    assert 'role="img"' in html and '<title id="progress-chart-title">' in html
    api = ok(get(group.client, f"/workplans/{plan['id']}/progress", group.tokens["scrutiny"]))
    rows = page_tables(html)[0][1:]
    for row, theme in zip(rows, api["themes"], strict=True):
        assert row[:7] == [
            theme["theme"],
            str(theme["items"]),
            str(theme["done"]),
            str(theme["on_track"]),
            str(theme["at_risk"]),
            str(theme["off_track"]),
            str(theme["not_started"]),
        ]
        desc = re.search(r'<desc id="progress-chart-desc">([^<]*)</desc>', html)
        assert desc is not None
        assert (
            f"{theme['theme']}: {theme['done']} done, {theme['on_track']} on track, "
            f"{theme['at_risk']} at risk, {theme['off_track']} off track"
        ) in desc.group(1)
    counts = api["actions"]
    assert f"<dt>Open</dt><dd>{counts['open']}</dd>" in html
    assert f"<dt>Of which overdue</dt><dd>{counts['overdue']}</dd>" in html
    assert "Refresh the JSNA" in html  # the linked action
    download = client.get(f"/console/workplans/{plan['id']}/progress.csv")
    assert csv_tables(download.get_data(as_text=True))[0] == page_tables(html)[0]
    listed = client.get("/console/workplans").get_data(as_text=True)
    assert "Sustainable Community Strategy" in listed


def test_workplan_progress_as_at_a_day_and_bad_days(group: Group) -> None:
    plan = _workplan(group)
    client, _ = group.signed(group.clerk)
    path = f"/console/workplans/{plan['id']}"
    today = client.get(path, query_string={"as_at": str(london_day(0))})
    assert today.status_code == 200 and "As it stood at the end of" in today.get_data(as_text=True)
    for typed, message in (
        ("2999-01-01", "still to come"),
        ("01/01/2026", "Not a date"),
        ("2001-01-01", "was first recorded at"),
    ):
        answer = client.get(path, query_string={"as_at": typed})
        assert answer.status_code == 422, typed
        assert message in answer.get_data(as_text=True), typed
    public = group.client.application.test_client().get(path)
    assert public.status_code == 302 and "/sign-in" in public.headers["Location"]


def test_the_integrity_page_names_the_first_bad_position(group: Group) -> None:
    client, csrf = group.signed(group.tokens["scrutiny"])
    checked = client.post("/console/scrutiny/integrity", data={"csrf_token": csrf})
    assert "The chain checks out" in checked.get_data(as_text=True)
    app = group.app
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    position = "notification_id" if app.postgres else "rowid"
    with app.db.transaction() as tx:
        tx.execute(f"DELETE FROM {table} WHERE {position} = 1")
    broken = client.post("/console/scrutiny/integrity", data={"csrf_token": csrf})
    html = broken.get_data(as_text=True)
    assert broken.status_code == 200
    assert "The chain is broken at position 1:" in html
    api = ok(get(group.client, "/audit/verify", group.tokens["scrutiny"]))
    assert api["first_bad_position"] == 1 and api["problem"] in html
