"""The scrutiny screens on the demo's year of meetings: any record as it stood, who sat on a
body on a day, each record's history, the reports (with a CSV holding exactly what the page
shows), the integrity check; bad dates told on the page; refusals as the API's."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from demo import load_demo
from meetings.application import MeetingsApplication
from meetings.application.access import RECORD_TOOLS
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.values import Role
from tests.application.test_demo import body_id, meetings_of
from tests.conftest import application_for_tests
from tests.console_support import link_for, sign_in
from web import create_app

TYPO, FIXED = "The Sustainable Comunity Strategy", "The Sustainable Community Strategy"


class Tables(HTMLParser):
    """Every <table> of a page: its rows, each a list of its cells' text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._wrap: str | None = None
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "div" and "table-wrap" in (found.get("class") or ""):
            self._wrap = found.get("id") or f"table-{len(self.tables)}"
        elif tag == "table":
            self._table = []
            self.tables[self._wrap or f"table-{len(self.tables)}"] = self._table
            self._wrap = None
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self._table[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def page_tables(html: str) -> list[list[list[str]]]:
    return list(Tables(html).tables.values())


def csv_tables(text: str) -> list[list[list[str]]]:
    """The CSV's tables (split at blank rows; a lone caption row before each is dropped)."""
    found: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text)):
        if not row:
            found.append([])
        else:
            found[-1].append([" ".join(cell.split()) for cell in row])
    return [t[1:] if len(t) > 1 and len(t[0]) == 1 and len(t[1]) > 1 else t for t in found if t]


@dataclass
class Demo:
    app: MeetingsApplication
    flask: Flask
    board: UUID
    june: dict[str, Any]
    tokens: dict[str, str]

    def signed(self, who: str) -> tuple[FlaskClient, str]:
        client = self.flask.test_client()
        return client, sign_in(client, link_for(self.app, self.tokens[who]))


@pytest.fixture(scope="module")
def demo() -> Iterator[Demo]:
    with application_for_tests() as app:
        load_demo(app)
        board = body_id(app, "BSP Board")
        june = next(
            m for m in meetings_of(app, "BSP Board") if m["starts_at"].date() == date(2025, 6, 12)
        )
        other = body_id(app, "CADEX LA")
        tokens = {
            "admin": app.tokens.create(Role.ADMIN, "Ada Admin")[1],
            "scrutiny": app.tokens.create(Role.SCRUTINY, "Sam Scrutiny")[1],
            "clerk": app.tokens.create(Role.CLERK, "Colin Clerk", [board])[1],
            "other_clerk": app.tokens.create(Role.CLERK, "Olive Other", [other])[1],
            "member": app.tokens.create(Role.MEMBER, "Mo Member")[1],
        }
        yield Demo(app, create_app(app), board, june, tokens)


def _decision(demo: Demo) -> str:
    view = meeting_view(demo.app.get_meeting(demo.june["id"]))
    return str(view["decisions"][0]["id"])


def _correction_version(demo: Demo) -> int:
    history = demo.app.get_meeting_history(demo.june["id"], RECORD_TOOLS)
    return next(e.version for e in history if e.data.get("reason", "").startswith("Typing error"))


def _pages(demo: Demo) -> list[str]:
    june, board = demo.june["id"], demo.board
    decision = _decision(demo)
    return [
        "/console/scrutiny",
        f"/console/scrutiny/bodies/{board}",
        f"/console/scrutiny/bodies/{board}/history",
        f"/console/scrutiny/meetings/{june}",
        f"/console/scrutiny/meetings/{june}/history",
        f"/console/scrutiny/decisions/{decision}",
        f"/console/scrutiny/decisions/{decision}/history",
        f"/console/scrutiny/decisions/{decision}/authority",
        f"/console/scrutiny/decisions/{decision}/authority.csv",
        f"/console/scrutiny/bodies/{board}/membership-changes",
        f"/console/scrutiny/bodies/{board}/membership-changes.csv",
        f"/console/scrutiny/bodies/{board}/minutes-amendments",
        f"/console/scrutiny/bodies/{board}/minutes-amendments.csv",
    ]


def test_the_public_never_reaches_a_scrutiny_page(demo: Demo) -> None:
    client = demo.flask.test_client()
    for path in [*_pages(demo), "/console/scrutiny/integrity", "/console/actions"]:
        answer = client.get(path)
        assert answer.status_code == 302, path
        assert "/sign-in" in answer.headers["Location"], path


def test_scrutiny_and_admin_and_the_bodys_clerk_read_every_page(demo: Demo) -> None:
    for who in ("scrutiny", "admin", "clerk"):
        client, _ = demo.signed(who)
        for path in _pages(demo):
            if who == "clerk" and path == "/console/scrutiny":
                continue
            assert client.get(path).status_code == 200, (who, path)


def test_a_member_and_another_bodys_clerk_are_refused_as_by_the_api(demo: Demo) -> None:
    for who in ("member", "other_clerk"):
        client, _ = demo.signed(who)
        for path in _pages(demo)[1:]:
            answer = client.get(path)
            assert answer.status_code == 403, (who, path)
            assert "Not allowed" in answer.get_data(as_text=True)
    # The API says the same.
    api = demo.flask.test_client()
    headers = {"Authorization": f"Bearer {demo.tokens['member']}"}
    assert (
        api.get(f"/api/v1/meetings/{demo.june['id']}/history", headers=headers).status_code == 403
    )


def test_an_unknown_record_is_not_found(demo: Demo) -> None:
    client, _ = demo.signed("scrutiny")
    unknown = "00000000-0000-4000-8000-000000000000"
    for path in (
        f"/console/scrutiny/meetings/{unknown}",
        f"/console/scrutiny/decisions/{unknown}",
        f"/console/scrutiny/bodies/{unknown}",
        f"/console/actions/{unknown}",
        f"/console/scrutiny/decisions/{unknown}/authority",
    ):
        assert client.get(path).status_code == 404, path


def test_the_june_meeting_before_its_correction_and_after(demo: Demo) -> None:
    client, _ = demo.signed("scrutiny")
    version = _correction_version(demo)
    path = f"/console/scrutiny/meetings/{demo.june['id']}"
    before = client.get(path, query_string={"version": version - 1}).get_data(as_text=True)
    assert TYPO in before and FIXED not in before
    assert f"The record as it stood at version {version - 1}." in before
    after = client.get(path, query_string={"version": version}).get_data(as_text=True)
    assert FIXED in after
    assert "Typing error: &#39;Comunity&#39; for &#39;Community&#39;." in after
    now = client.get(path).get_data(as_text=True)
    assert FIXED in now and "as it stood" not in now.split("<h2>")[0]
    # The history shows who, when, the reason, and the correction as before → after.
    history = client.get(f"{path}/history").get_data(as_text=True)
    assert "Entry corrected" in history and "demo loader" in history
    assert f"Before:</span> Members welcomed the draft. {TYPO}" in history
    assert f"After:</span> Members welcomed the draft. {FIXED}" in history
    assert f'href="{path}?version={version - 1}"' in history


def test_as_it_stood_on_a_date_and_time(demo: Demo) -> None:
    client, _ = demo.signed("scrutiny")
    path = f"/console/scrutiny/meetings/{demo.june['id']}"
    created = demo.app.get_meeting(demo.june["id"]).created_on
    from meetings.domain.rules import LONDON

    moment = created.astimezone(LONDON).replace(second=0, microsecond=0)
    typed = moment.strftime("%Y-%m-%dT%H:%M")
    answer = client.get(path, query_string={"as_at": typed})
    html = answer.get_data(as_text=True)
    if moment < created:  # the minute it was scheduled in began before it: nothing then
        assert answer.status_code == 422 and "was first recorded at" in html
    later = client.get(path, query_string={"as_at": date.today().isoformat()})
    assert later.status_code == 200
    assert "The record as it stood on" in later.get_data(as_text=True)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2999-12-31T10:00", "That is still to come"),
        ("last tuesday", "Not a date and time"),
        ("2026-02-30T10:00", "Not a date and time"),
        ("1800-01-01T10:00", "Give a date between 1900-01-01 and 2999-12-31"),
        ("2001-01-01T10:00", "was first recorded at"),
    ],
)
def test_a_bad_moment_is_told_on_the_page(demo: Demo, typed: str, message: str) -> None:
    client, _ = demo.signed("scrutiny")
    for path in (
        f"/console/scrutiny/meetings/{demo.june['id']}",
        f"/console/scrutiny/bodies/{demo.board}",
        f"/console/scrutiny/decisions/{_decision(demo)}",
    ):
        answer = client.get(path, query_string={"as_at": typed})
        html = answer.get_data(as_text=True)
        assert answer.status_code == 422, (path, typed)
        assert message in html, (path, typed)
        assert 'aria-invalid="true"' in html


def test_who_sat_on_the_board_on_a_day(demo: Demo) -> None:
    client, _ = demo.signed("scrutiny")
    path = f"/console/scrutiny/bodies/{demo.board}"
    march = Tables(client.get(path, query_string={"on": "2026-03-01"}).get_data(as_text=True))
    rows = {r[1]: r[0] for r in march.tables["members"][1:]}
    assert rows["Leader of Wycombe District Council"] == "Cllr Katherine Blyth"
    may = Tables(client.get(path, query_string={"on": "2025-05-01"}).get_data(as_text=True))
    rows = {r[1]: r[0] for r in may.tables["members"][1:]}
    assert rows["Leader of Wycombe District Council"] == "Cllr David Farrant"
    for bad, message in (("2999-01-01", "still to come"), ("01/03/2026", "Not a date")):
        answer = client.get(path, query_string={"on": bad})
        assert answer.status_code == 422 and message in answer.get_data(as_text=True)


def test_attendance_of_a_person_page_and_csv_agree(demo: Demo) -> None:
    client, _ = demo.signed("scrutiny")
    [person], _ = demo.app.list_people("Lindqvist", 1, 10)
    found = client.get(
        "/console/scrutiny/attendance",
        query_string={"person": "Geoffrey Lindqvist", "from": "2025-04-01", "to": "2026-03-31"},
    )
    assert found.status_code == 302
    page = client.get(found.headers["Location"])
    html = page.get_data(as_text=True)
    assert "Attendance of Geoffrey Lindqvist" in html
    tables = page_tables(html)
    meetings = tables[1]
    assert [r[3] for r in meetings[1:]] == [
        "Present",
        "Apologies",
        "Present",
        "Present",
        "Apologies",
    ]
    download = client.get(
        f"/console/scrutiny/people/{person.id}/attendance.csv?from=2025-04-01&to=2026-03-31"
    )
    assert download.mimetype == "text/csv"
    assert csv_tables(download.get_data(as_text=True)) == tables
    api = demo.flask.test_client().get(
        f"/api/v1/people/{person.id}/attendance?from=2025-04-01&to=2026-03-31",
        headers={"Authorization": f"Bearer {demo.tokens['scrutiny']}"},
    )
    assert len(api.get_json()["meetings"]) == len(meetings) - 1


def test_attendance_of_an_organisation_and_bad_periods(demo: Demo) -> None:
    client, _ = demo.signed("scrutiny")
    organisations, _ = demo.app.list_organisations(1, 100)
    tvpa = next(o for o in organisations if o.name == "Thames Valley Police Authority")
    path = f"/console/scrutiny/organisations/{tvpa.id}/attendance"
    page = client.get(path, query_string={"from": "2025-06-01", "to": "2025-06-30"})
    tables = page_tables(page.get_data(as_text=True))
    assert tables[1][1][3] == "Geoffrey Lindqvist"
    download = client.get(f"{path}.csv?from=2025-06-01&to=2025-06-30")
    assert csv_tables(download.get_data(as_text=True)) == tables
    for query, message in (
        ({"from": "2025-06-30", "to": "2025-06-01"}, "is before the start date"),
        ({"to": "2999-01-01"}, "still to come"),
        ({"from": "June"}, "Not a date"),
    ):
        answer = client.get(path, query_string=query)
        assert answer.status_code == 422 and message in answer.get_data(as_text=True)


def test_a_decisions_authority(demo: Demo) -> None:
    client, _ = demo.signed("scrutiny")
    decision = _decision(demo)
    page = client.get(f"/console/scrutiny/decisions/{decision}/authority")
    html = page.get_data(as_text=True)
    assert "16 members present, 6 needed: quorate" in html
    assert "Cllr Margaret Ashdown" in html
    tables = page_tables(html)
    download = client.get(f"/console/scrutiny/decisions/{decision}/authority.csv")
    assert csv_tables(download.get_data(as_text=True)) == tables
    # A clerk of another body may not; the API says the same.
    other, _ = demo.signed("other_clerk")
    assert other.get(f"/console/scrutiny/decisions/{decision}/authority").status_code == 403


def test_membership_changes_and_minutes_amendments(demo: Demo) -> None:
    client, _ = demo.signed("clerk")
    path = f"/console/scrutiny/bodies/{demo.board}/membership-changes"
    html = client.get(path, query_string={"from": "2025-05-01", "to": "2026-03-01"}).get_data(
        as_text=True
    )
    rows = page_tables(html)[0][1:]
    assert [(r[1], r[2]) for r in rows] == [
        ("Left", "Cllr David Farrant"),
        ("Joined", "Cllr Katherine Blyth"),
        ("Substitute named", "Cllr Katherine Blyth"),
    ]
    assert "Stood down as Leader of Wycombe District Council" in html
    amended = client.get(
        f"/console/scrutiny/bodies/{demo.board}/minutes-amendments",
        query_string={"from": "2025-01-01"},
    ).get_data(as_text=True)
    assert "record its thanks to the officers" in amended
    download = client.get(
        f"/console/scrutiny/bodies/{demo.board}/minutes-amendments.csv?from=2025-01-01"
    )
    assert csv_tables(download.get_data(as_text=True)) == page_tables(amended)


def test_the_integrity_page_checks_the_chain_on_demand(demo: Demo) -> None:
    client, csrf = demo.signed("scrutiny")
    page = client.get("/console/scrutiny/integrity").get_data(as_text=True)
    position, digest = demo.app.get_chain_head()
    assert digest in page and "meetings verify --export" in page
    refused = client.post("/console/scrutiny/integrity", data={})
    assert refused.status_code == 400
    checked = client.post("/console/scrutiny/integrity", data={"csrf_token": csrf})
    html = checked.get_data(as_text=True)
    assert checked.status_code == 200 and "The chain checks out" in html
    assert f"{position}." in html and "Last checked" in html and "Sam Scrutiny" in html
    again = client.get("/console/scrutiny/integrity").get_data(as_text=True)
    assert "Last checked" in again
    for who in ("clerk", "member"):
        other, other_csrf = demo.signed(who)
        assert other.get("/console/scrutiny/integrity").status_code == 403
        assert (
            other.post("/console/scrutiny/integrity", data={"csrf_token": other_csrf}).status_code
            == 403
        )


SHARED = "Shared services: business case for a joint revenues and benefits service"
SHARED_REASON = "Contains staffing proposals not yet consulted on"


@pytest.mark.parametrize(("who", "sees"), [("admin", True), ("clerk", True), ("scrutiny", False)])
def test_a_confidential_item_is_withheld_on_every_scrutiny_page_as_by_the_api(
    demo: Demo, who: str, sees: bool
) -> None:
    september = next(
        m for m in meetings_of(demo.app, "BSP Board") if m["starts_at"].date() == date(2025, 9, 11)
    )
    view = meeting_view(demo.app.get_meeting(september["id"]))
    [shared] = [i for i in view["agenda"] if i["title"] == SHARED]
    decisions = [d for d in view["decisions"] if d["item_id"] == shared["id"]]
    assert decisions, "the demo decides on the confidential item"
    secret_words = decisions[0]["text"]
    client, _ = demo.signed(who)
    headers = {"Authorization": f"Bearer {demo.tokens[who]}"}
    api = demo.flask.test_client()
    api_meeting = api.get(f"/api/v1/meetings/{september['id']}", headers=headers).get_json()
    assert (SHARED in [i["title"] for i in api_meeting["agenda"]]) is sees
    pages = [
        f"/console/scrutiny/meetings/{september['id']}",
        f"/console/scrutiny/meetings/{september['id']}?version=30",
        f"/console/scrutiny/meetings/{september['id']}/history",
        f"/console/scrutiny/decisions/{decisions[0]['id']}",
        f"/console/scrutiny/decisions/{decisions[0]['id']}/history",
        f"/console/scrutiny/decisions/{decisions[0]['id']}/authority",
        f"/console/scrutiny/decisions/{decisions[0]['id']}/authority.csv",
    ]
    for path in pages:
        answer = client.get(path)
        assert answer.status_code == 200, path
        html = answer.get_data(as_text=True)
        if not sees or not path.endswith("/history"):  # a history names no item's title
            assert (SHARED in html) is sees, path
        if "version=30" not in path:  # the decision came later than version 30
            assert (secret_words in html) is sees, path
        assert not sees or "version=30" in path or secret_words in html, path
        if not sees and "version=30" not in path and "authority" not in path:
            assert SHARED_REASON in html, path
    api_decision = api.get(f"/api/v1/decisions/{decisions[0]['id']}", headers=headers).get_json()
    assert (api_decision["text"] == secret_words) is sees
