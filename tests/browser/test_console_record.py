"""The live recording screen in real Chromium: a clerk signs in from a link and records a
whole meeting of a Board as the demo's (16 members, two with named substitutes, 5
advisers, an observer; seven items), counting every click and keystroke, closes it, and the
chair agrees the minutes on a phone before the clerk circulates them; the roll call
survives losing the connection; two clerks see each other's entries within 2 seconds;
axe-core finds nothing at phone and desktop widths; attendance by keyboard alone."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from uuid import UUID

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, expect
from waitress.server import TcpWSGIServer, create_server

from demo import MARKER_SHORT_NAME, load_demo
from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.console_support import link_for, sign_in_page
from tests.web.conftest import _chair_token
from tests.web.support import (
    add_item,
    in_days,
    make_body,
    make_member,
    make_organisation,
    make_person,
    ok,
    post,
    schedule,
)
from web import create_app

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
ITEMS = (
    "Minutes of the last meeting",
    "Matters arising",
    "Better Care Fund plan 2027",
    "Joint strategic needs assessment",
    "Community safety partnership report",
    "Housing and homelessness strategy",
    "Any other business",
)
SURNAMES = (
    *("Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fisher", "Green", "Hughes"),
    *("Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nolan", "Owen", "Patel"),
)
SCREENSHOTS = Path("/tmp/console-record-screens")
PHONE = {"width": 390, "height": 844}


@dataclass
class Board:
    """A board served at `url`: its people by role, a clerk, and a meeting to record."""

    app: MeetingsApplication
    url: str
    clerk: str
    body: dict[str, Any]
    members: list[dict[str, Any]]
    substitutes: list[dict[str, Any]]
    advisers: list[dict[str, Any]]
    observer: dict[str, Any]
    meeting: dict[str, Any]
    items: list[dict[str, Any]]
    other_body: dict[str, Any]
    chair: str = ""
    contexts: list[BrowserContext] = field(default_factory=list)

    @property
    def record_url(self) -> str:
        return f"{self.url}/console/meetings/{self.meeting['id']}/record"

    @property
    def everyone(self) -> list[dict[str, Any]]:
        return [*self.members, *self.advisers, self.observer]


def _build(app: MeetingsApplication, client: Any) -> dict[str, Any]:
    admin = app.tokens.create(Role.ADMIN, "Ada Admin")[1]
    council = make_organisation(client, admin)
    body = make_body(
        client,
        admin,
        name="Buckinghamshire Strategic Partnership Board",
        short_name="BSP Board",
        quorum=6,
    )
    other = make_body(client, admin, name="Health and Wellbeing Board", short_name="HWB")
    members = [
        make_member(client, admin, body["id"], f"Member {n:02d} {name}", seat=f"Seat {n:02d}")
        for n, name in enumerate(
            SURNAMES,
            1,
        )
    ]
    substitutes = []
    for member, name in zip(members[:2], ("Sub Quinn", "Sub Roberts"), strict=True):
        person = make_person(client, admin, name=name, organisation_id=council["id"])
        path = f"/bodies/{body['id']}/memberships/{member['membership']['id']}/substitutes"
        ok(post(client, path, admin, {"person_id": person["id"]}), 201)
        substitutes.append(person)
    advisers = [
        make_member(client, admin, body["id"], f"Adviser {n}", capacity="adviser")
        for n in range(1, 6)
    ]
    observer = make_member(client, admin, body["id"], "Observer Smith", capacity="observer")
    clerk = app.tokens.create(Role.CLERK, "Colin Clerk", [UUID(body["id"])])[1]
    chair = _chair_token(app, client, admin, body["id"], "chair")
    meeting = schedule(client, clerk, body["id"], starts_at=in_days(0))
    items = [
        add_item(
            client,
            clerk,
            meeting["id"],
            title=title,
            papers=[{"title": f"Paper for {title}", "url": "https://example.org/paper.pdf"}],
        )
        for title in ITEMS
    ]
    return {
        "clerk": clerk,
        "body": body,
        "members": members,
        "substitutes": substitutes,
        "advisers": advisers,
        "observer": observer,
        "meeting": meeting,
        "items": items,
        "other_body": other,
        "chair": chair,
    }


@pytest.fixture
def board(app: MeetingsApplication) -> Iterator[Board]:
    flask_app = create_app(app)
    world = _build(app, flask_app.test_client())
    server = create_server(flask_app, host="127.0.0.1", port=0, threads=6)
    assert isinstance(server, TcpWSGIServer)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    board = Board(app, f"http://127.0.0.1:{cast(Any, server).effective_port}", **world)
    try:
        yield board
    finally:
        for context in board.contexts:  # the browsers first, then the server
            context.close()
        server.close()
        for channel in list(cast(Any, server).active_channels.values()):
            channel.close()
        server.task_dispatcher.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def demo_board(app: MeetingsApplication) -> Iterator[Board]:
    """The demo's Board (meetings demo), with a meeting today for its clerk to record."""
    load_demo(app)
    flask_app = create_app(app)
    client = flask_app.test_client()
    bodies, _ = app.list_bodies(1, 1000)
    body = next(b for b in bodies if b.short_name == MARKER_SHORT_NAME)
    clerk = app.tokens.create(Role.CLERK, "Demo Clerk", [UUID(body.id)])[1]
    meeting = schedule(client, clerk, body.id, starts_at=in_days(0))
    items = [add_item(client, clerk, meeting["id"], title=title) for title in ITEMS]
    server = create_server(flask_app, host="127.0.0.1", port=0, threads=6)
    assert isinstance(server, TcpWSGIServer)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    board = Board(
        app,
        f"http://127.0.0.1:{cast(Any, server).effective_port}",
        clerk,
        body,
        [],
        [],
        [],
        {},
        meeting,
        items,
        {},
    )
    try:
        yield board
    finally:
        for context in board.contexts:
            context.close()
        server.close()
        for channel in list(cast(Any, server).active_channels.values()):
            channel.close()
        server.task_dispatcher.shutdown()
        thread.join(timeout=5)


@dataclass
class Counted:
    """A clerk's hands: every click, every field typed into, every key, counted."""

    page: Page
    clicks: int = 0
    fills: int = 0
    keys: int = 0
    typed: int = 0
    log: list[str] = field(default_factory=list)

    @property
    def interactions(self) -> int:
        return self.clicks + self.fills + self.keys

    def click(self, target: Locator) -> None:
        self.clicks += 1
        target.click()

    def fill(self, target: Locator, text: str) -> None:
        self.fills += 1
        self.typed += len(text)
        target.fill(text)

    def press(self, key: str) -> None:
        self.keys += 1
        self.page.keyboard.press(key)


def _context(browser: Browser, width: int = 1280, height: int = 900) -> BrowserContext:
    return browser.new_context(
        locale="en-GB", timezone_id="Europe/London", viewport={"width": width, "height": height}
    )


def _signed_in(browser: Browser, board: Board, width: int = 1280) -> Page:
    context = _context(browser, width)
    board.contexts.append(context)
    page = context.new_page()
    sign_in_page(page, board.url, link_for(board.app, board.clerk))
    return page


def _open_meeting(page: Page, board: Board) -> None:
    page.goto(board.record_url)
    if page.get_by_role("button", name="Open the meeting").count():
        page.get_by_role("button", name="Open the meeting").click()
    expect(page.locator(".meeting-status")).to_contain_text("in session")
    page.wait_for_selector("#record[data-enhanced]")


def _button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


def _row(page: Page, person: dict[str, Any]) -> Locator:
    return page.locator(f"#row-{person['id']}")


def _in_item(page: Page, item: dict[str, Any], button: str) -> Locator:
    return page.locator(f"#item-{item['id']}").get_by_role("button", name=button)


def _all_sent(page: Page) -> None:
    expect(page.locator("#sync")).to_have_text("All entries sent.", timeout=10_000)


def _meeting(board: Board) -> Any:
    return board.app.get_meeting(UUID(board.meeting["id"]))


def _live(meeting: Any, kind: str) -> list[dict[str, Any]]:
    return [e for e in meeting.entries.values() if e["kind"] == kind and not e["retracted"]]


def test_a_clerk_records_a_whole_meeting_in_few_interactions(
    browser: Browser, board: Board
) -> None:
    page = _signed_in(browser, board)
    _open_meeting(page, board)
    hands = Counted(page)
    members, subs = board.members, board.substitutes
    late, leaving = members[4], members[5]
    # The roll call: one tap per person; a substitute in one tap for their member.
    for member, sub in zip(members[:2], subs, strict=True):
        hands.click(_button(page, f"Substitute: {sub['name']} for {member['name']}"))
    hands.click(_button(page, f"Apologies: {members[2]['name']}"))
    hands.click(_button(page, f"Apologies: {members[3]['name']}"))
    hands.click(_button(page, f"Absent: {late['name']}"))
    for person in [*members[5:], *board.advisers, board.observer]:
        hands.click(_button(page, f"Present: {person['name']}"))
    _all_sent(page)
    expect(_row(page, late)).to_contain_text("Absent", timeout=3000)
    hands.click(_button(page, f"Arrived late: {late['name']}"))
    expect(_row(page, leaving)).to_contain_text("Present since", timeout=3000)
    hands.click(_button(page, f"Left: {leaving['name']}"))
    roll_call = hands.interactions
    print(f"\nroll call of {len(board.everyone)} people: {roll_call} interactions")
    assert len(board.everyone) == 22
    assert roll_call <= 25
    # 11 members + 2 substitutes + the late arrival - the departure = 13 (advisers do not count).
    expect(page.locator("#quorum")).to_have_text(
        "Quorate: 13 members present, 6 needed.", timeout=3000
    )

    # Each item: a note; a declaration, three decisions and four actions among them.
    for n, item in enumerate(board.items, 1):
        hands.click(page.get_by_text(f"Note on item {n}", exact=True))
        hands.fill(page.locator(f"#note-{item['id']}-text"), f"Discussed item {n}.")
        hands.click(_in_item(page, item, "Record the note"))
    third, fourth, fifth = board.items[2:5]
    hands.click(page.get_by_text("Declaration of interest on item 3", exact=True))
    hands.fill(page.locator(f"#declare-{third['id']}-name"), members[6]["name"])
    hands.fill(page.locator(f"#declare-{third['id']}-interest"), "Trustee of a care provider")
    hands.click(page.get_by_role("button", name="Record the declaration"))
    for item, n in ((third, 3), (fourth, 4), (fifth, 5)):
        hands.click(page.get_by_text(f"Decision on item {n}", exact=True))
        hands.fill(page.locator(f"#decide-{item['id']}-text"), f"Agreed the plan under item {n}.")
        if n == 5:
            hands.click(page.locator(f"#decide-{item['id']}-noted"))
        hands.click(_in_item(page, item, "Record the decision"))
    owners = (members[6], members[7], board.advisers[0], members[8])
    for k, (item, owner) in enumerate(zip((third, third, fourth, fifth), owners, strict=True)):
        details = page.get_by_text(f"Action on item {board.items.index(item) + 1}", exact=True)
        if page.locator(f"#act-{item['id']}-description").is_hidden():
            hands.click(details)
        hands.fill(page.locator(f"#act-{item['id']}-description"), f"Action {k + 1}")
        hands.fill(page.locator(f"#act-{item['id']}-owner"), owner["name"])
        hands.fill(page.locator(f"#act-{item['id']}-due_on"), "2027-03-31")
        hands.click(_in_item(page, item, "Record the action"))
        _all_sent(page)
    _all_sent(page)

    # A correction, from the same screen: the corrected text shown, its history a click away.
    first = board.items[0]
    entries = page.locator(f"#entries-{first['id']}")
    expect(entries).to_contain_text("Discussed item 1.", timeout=3000)
    hands.click(entries.get_by_text("Correct this note"))
    hands.fill(entries.locator("textarea"), "The minutes of the last meeting were agreed.")
    hands.fill(entries.get_by_label("Reason for the correction"), "Wording agreed by the chair")
    hands.click(entries.get_by_role("button", name="Record the correction"))
    _all_sent(page)
    page.reload()
    expect(entries).to_contain_text("The minutes of the last meeting were agreed.")
    history = entries.get_by_role("link", name="Corrected: see its history (note)", exact=True)
    expect(history).to_be_visible()

    hands.click(_button(page, "Close the meeting"))
    expect(page.locator(".meeting-status")).to_contain_text("closed")
    expect(page.get_by_role("link", name="Go on to the minutes")).to_be_visible()
    _no_violations(page)
    page.get_by_role("link", name="Corrected: see its history (note)", exact=True).click()
    expect(page.locator("main")).to_contain_text("Wording agreed by the chair")
    expect(page.locator("main")).to_contain_text("Discussed item 1.")
    _no_violations(page)
    page.go_back()

    # After the meeting: the draft minutes as they will read; the chair agrees them on a
    # phone, from a sign-in link of their own; the clerk circulates them.
    hands.click(page.get_by_role("link", name="Go on to the minutes"))
    expect(page.get_by_role("status")).to_contain_text("Who: the chair (Carol Chair).")
    hands.click(page.get_by_role("link", name="The minutes", exact=True))
    expect(page.locator(".minutes-text")).to_contain_text("The minutes of the last meeting")
    phone = browser.new_context(
        locale="en-GB",
        timezone_id="Europe/London",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
    )
    board.contexts.append(phone)
    chair = phone.new_page()
    sign_in_page(chair, board.url, link_for(board.app, board.chair))
    thumbs = Counted(chair)
    waiting = chair.locator("section", has_text="Draft minutes")
    expect(waiting.locator(".minutes-text")).to_contain_text("Agreed the plan under item 3.")
    expect(waiting.locator(".minutes-text")).to_contain_text("Trustee of a care provider")
    assert chair.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    thumbs.click(waiting.get_by_role("button", name=re.compile("^Agree these minutes")))
    expect(chair.get_by_text("you agreed the minutes")).to_be_visible()
    _no_violations(chair)
    page.reload()
    expect(page.locator(".next-step")).to_contain_text("Circulate")
    hands.click(page.get_by_role("button", name="Circulate the minutes to the members"))
    expect(page.get_by_text("Stage: Circulated")).to_be_visible()
    print(
        f"whole meeting: {hands.interactions} interactions "
        f"({hands.clicks} clicks, {hands.fills} fields filled with {hands.typed} characters)"
    )
    print(
        f"INTERACTIONS roll_call={roll_call} whole_meeting={hands.interactions} "
        f"clicks={hands.clicks} fields={hands.fills} chars={hands.typed} "
        f"chair={thumbs.interactions}"
    )
    assert thumbs.interactions == 1

    meeting = _meeting(board)
    attendance = _live(meeting, "attendance")
    assert len(attendance) == 22 + 1  # everyone once, and the late arrival's arrival
    by_person = {str(a["person_id"]) for a in attendance}
    assert {p["id"] for p in subs} <= by_person
    assert len(_live(meeting, "departure")) == 1
    assert len(_live(meeting, "note")) == 7
    assert len(_live(meeting, "declaration")) == 1
    assert len(_live(meeting, "decision")) == 3
    assert len(_live(meeting, "action")) == 4
    corrected = [e for e in meeting.entries.values() if e["corrections"]]
    assert len(corrected) == 1 and corrected[0]["text"].startswith("The minutes")
    assert meeting.status == "closed"
    assert meeting.minutes["status"] == "circulated"
    assert meeting.minutes["agreed"]["person_id"] is not None


def test_the_demo_boards_roll_call_takes_one_tap_a_person(
    browser: Browser, demo_board: Board
) -> None:
    board = demo_board
    page = _signed_in(browser, board)
    _open_meeting(page, board)
    hands = Counted(page)
    rows = page.locator(".roll-row")
    people = rows.count()
    substituted = 0
    for n in range(people):
        row = rows.nth(n)
        substitute = row.get_by_role("button", name=re.compile("^Substitute: "))
        if substituted < 2 and substitute.count():
            hands.click(substitute.first)
            substituted += 1
        else:
            hands.click(row.get_by_role("button", name=re.compile("^Present: ")))
    _all_sent(page)
    print(f"\nthe demo Board's roll call: {people} people in {hands.interactions} interactions")
    assert substituted == 2 and hands.interactions == people
    sheet = board.app.get_roll_call_sheet(UUID(board.meeting["id"]))
    on_the_sheet = sum(len(rows) for _, rows in sheet.groups)
    attendance = _live(_meeting(board), "attendance")
    assert len(attendance) == people == on_the_sheet
    assert len({str(a["person_id"]) for a in attendance}) == people
    assert sum(1 for a in attendance if a["substitute_for"]) == 2


def test_the_roll_call_survives_losing_the_connection(browser: Browser, board: Board) -> None:
    page = _signed_in(browser, board)
    _open_meeting(page, board)
    first, offline = board.members[2:5], board.members[5:11]
    for person in first:
        _button(page, f"Present: {person['name']}").click()
    _all_sent(page)
    page.context.set_offline(True)
    for person in offline:
        _button(page, f"Present: {person['name']}").click()
    expect(page.locator("#sync")).to_contain_text("waiting to send (6)")
    time.sleep(1.5)  # a retry or two fails while offline, and nothing is lost
    expect(page.locator("#sync")).to_contain_text("waiting to send (6)")
    _button(page, "Close the meeting").click()  # not before what is waiting is sent
    expect(page.locator("#close-error")).to_contain_text("6 entries are still waiting to send")
    page.context.set_offline(False)
    _all_sent(page)
    attendance = _live(_meeting(board), "attendance")
    recorded = [str(a["person_id"]) for a in attendance]
    assert sorted(recorded) == sorted(p["id"] for p in [*first, *offline])
    assert _meeting(board).status == "in_session"


def test_a_queued_entry_survives_a_reload_and_a_lost_answer_and_is_recorded_once(
    browser: Browser, board: Board
) -> None:
    page = _signed_in(browser, board)
    _open_meeting(page, board)
    lost: list[str] = []

    def answer_lost(route: Route) -> None:
        """The server records the tap, but its answer never reaches the browser."""
        if not lost:
            route.fetch()
            lost.append(route.request.url)
        route.abort()

    # A note, which no rule of the domain would stop being recorded twice.
    item = board.items[0]
    page.route("**/record/note", answer_lost)
    page.get_by_text("Note on item 1", exact=True).click()
    page.locator(f"#note-{item['id']}-text").fill("Recorded once, whatever the network does.")
    _in_item(page, item, "Record the note").click()
    expect(page.locator("#sync")).to_contain_text("waiting to send (1)")
    for _ in range(50):  # route handlers run while the test waits
        if lost:
            break
        page.wait_for_timeout(100)
    assert lost, "the tap reached the server"
    expect(page.locator("#sync")).to_contain_text("waiting to send (1)")
    page.reload()
    page.wait_for_selector("#record[data-enhanced]")
    expect(page.locator("#sync")).to_contain_text("waiting to send (1)")
    page.unroute("**/record/note")
    _all_sent(page)
    notes = [n["text"] for n in _live(_meeting(board), "note")]
    assert notes == ["Recorded once, whatever the network does."]


def test_entries_made_after_the_session_ended_wait_for_the_clerk_to_sign_in_again(
    browser: Browser, board: Board
) -> None:
    page = _signed_in(browser, board)
    _open_meeting(page, board)
    page.context.clear_cookies()  # the session is gone (expired, or signed out elsewhere)
    person = board.members[9]
    _button(page, f"Present: {person['name']}").click()
    expect(page.locator("#sync")).to_contain_text("waiting to send (1)")
    expect(page.locator("#sync")).to_contain_text("reload this page")
    assert _live(_meeting(board), "attendance") == []
    sign_in_page(page.context.new_page(), board.url, link_for(board.app, board.clerk))
    page.reload()
    _all_sent(page)
    recorded = [str(a["person_id"]) for a in _live(_meeting(board), "attendance")]
    assert recorded == [person["id"]]


def test_two_clerks_see_each_others_entries_within_two_seconds(
    browser: Browser, board: Board
) -> None:
    one = _signed_in(browser, board)
    _open_meeting(one, board)
    other = _signed_in(browser, board, width=390)
    other.goto(board.record_url)
    other.wait_for_selector("#record[data-enhanced]")
    person = board.members[6]
    focused = _button(other, f"Absent: {board.members[10]['name']}")
    focused.focus()  # the second clerk is about to tap someone else
    _button(one, f"Present: {person['name']}").click()
    expect(_row(other, person)).to_contain_text("Present since", timeout=2000)
    expect(focused).to_be_focused()  # what others record never moves the focus away
    item = board.items[1]
    other.get_by_text("Note on item 2", exact=True).click()
    other.locator(f"#note-{item['id']}-text").fill("Raised by the second clerk.")
    other.locator(f"#item-{item['id']}").get_by_role("button", name="Record the note").click()
    expect(one.locator(f"#entries-{item['id']}")).to_contain_text(
        "Raised by the second clerk.", timeout=2000
    )


def test_a_stale_screen_never_overwrites_and_shows_the_current_state(
    browser: Browser, board: Board
) -> None:
    one = _signed_in(browser, board)
    _open_meeting(one, board)
    other = _signed_in(browser, board, width=390)
    other.goto(board.record_url)
    other.wait_for_selector("#record[data-enhanced]")
    person = board.members[7]
    other.context.set_offline(True)  # the second screen falls behind
    _button(one, f"Present: {person['name']}").click()
    _all_sent(one)
    _button(other, f"Apologies: {person['name']}").click()
    other.context.set_offline(False)
    error = other.locator(f"#attend-{person['id']}-error")
    expect(error).to_contain_text(
        f"Not recorded (Apologies: {person['name']}): That person's attendance is already recorded"
    )
    expect(_row(other, person)).to_contain_text("Present since", timeout=3000)
    other.wait_for_timeout(1500)  # polls redraw the row; the refusal stays beside it
    expect(error).to_contain_text("Not recorded")
    statuses = [a["status"] for a in _live(_meeting(board), "attendance")]
    assert statuses == ["present"]


def test_a_wrongly_tapped_status_is_corrected_in_two_taps_with_its_history_a_click_away(
    browser: Browser, board: Board
) -> None:
    page = _signed_in(browser, board)
    _open_meeting(page, board)
    person = board.members[2]
    _button(page, f"Absent: {person['name']}").click()
    _all_sent(page)
    state = _row(page, person).locator(".row-state")
    expect(state).to_contain_text("Absent", timeout=3000)
    hands = Counted(page)
    hands.click(_row(page, person).locator("summary", has_text="Correct"))
    expect(_row(page, person).get_by_label("Reason for the correction")).to_have_value(
        "Wrong status tapped"
    )
    hands.click(_button(page, f"Apologies instead: {person['name']}"))
    _all_sent(page)
    expect(state).to_contain_text("Apologies", timeout=3000)
    assert hands.interactions == 2
    print(f"\nINTERACTIONS attendance_correction={hands.interactions}")
    _no_violations(page)
    history = f"Corrected: see its history (attendance of {person['name']})"
    page.get_by_role("link", name=history, exact=True).click()
    main = page.locator("main")
    expect(main).to_contain_text(f"{person['name']}, apologies")
    expect(main).to_contain_text(f"{person['name']}, absent")
    expect(main).to_contain_text("Corrected because: Wrong status tapped")
    _no_violations(page)
    [entry] = _live(_meeting(board), "attendance")
    assert entry["status"] == "apologies"
    assert [c["reason"] for c in entry["corrections"]] == ["Wrong status tapped"]


def test_two_clerks_correcting_one_entry_never_overwrite_each_other(
    browser: Browser, board: Board
) -> None:
    one = _signed_in(browser, board)
    _open_meeting(one, board)
    person = board.members[3]
    _button(one, f"Absent: {person['name']}").click()
    _all_sent(one)
    other = _signed_in(browser, board, width=390)
    other.goto(board.record_url)
    other.wait_for_selector("#record[data-enhanced]")
    for page in (one, other):  # both see the entry as absent, and open its correction
        expect(_row(page, person).locator(".row-state")).to_contain_text("Absent")
        _row(page, person).locator("summary", has_text="Correct").click()
    _button(one, f"Apologies instead: {person['name']}").click()
    _all_sent(one)
    reason = _row(other, person).get_by_label("Reason for the correction")
    reason.fill("Arrived before the roll call")
    _button(other, f"Present instead: {person['name']}").click()
    refusal = _row(other, person).locator("[data-form-error]").last
    expect(refusal).to_contain_text(
        "Someone else corrected this entry while you had the page open, so nothing was "
        "recorded. It now reads: apologies."
    )
    expect(reason).to_have_value("Arrived before the roll call")  # their entry kept
    [entry] = _live(_meeting(board), "attendance")
    assert entry["status"] == "apologies" and len(entry["corrections"]) == 1


def test_a_refusal_is_shown_beside_the_control_and_keeps_what_was_typed(
    browser: Browser, board: Board
) -> None:
    page = _signed_in(browser, board)
    _open_meeting(page, board)
    item = board.items[2]
    page.get_by_text("Action on item 3", exact=True).click()
    page.locator(f"#act-{item['id']}-description").fill("Write the plan")
    page.locator(f"#act-{item['id']}-owner").fill("Nobody Known")
    page.locator(f"#act-{item['id']}-due_on").fill("2027-01-31")
    page.locator(f"#item-{item['id']}").get_by_role("button", name="Record the action").click()
    error = page.locator(f"#act-{item['id']}-error")
    expect(error).to_contain_text("Nobody called 'Nobody Known' is known")
    expect(page.locator(f"#act-{item['id']}-description")).to_have_value("Write the plan")
    expect(page.locator(f"#act-{item['id']}-owner")).to_have_value("Nobody Known")
    assert _live(_meeting(board), "action") == []


def test_attendance_is_recorded_by_keyboard_alone(browser: Browser, board: Board) -> None:
    page = _signed_in(browser, board)
    _open_meeting(page, board)
    first, second = board.members[2], board.members[3]
    _button(page, f"Present: {first['name']}").focus()
    page.keyboard.press("Enter")
    # Focus moves to the next person's first button: a key records them too.
    expect(_button(page, f"Present: {second['name']}")).to_be_focused()
    page.keyboard.press("a")
    _all_sent(page)
    expect(_row(page, second)).to_contain_text("Apologies", timeout=3000)
    statuses = {str(a["person_id"]): a["status"] for a in _live(_meeting(board), "attendance")}
    assert statuses == {first["id"]: "present", second["id"]: "apologies"}


def test_without_javascript_every_control_is_a_plain_form(browser: Browser, board: Board) -> None:
    context = browser.new_context(
        locale="en-GB", timezone_id="Europe/London", java_script_enabled=False
    )
    board.contexts.append(context)
    page = context.new_page()
    sign_in_page(page, board.url, link_for(board.app, board.clerk))
    page.goto(board.record_url)
    _button(page, "Open the meeting").click()
    _button(page, f"Present: {board.members[2]['name']}").click()
    expect(_row(page, board.members[2])).to_contain_text("Present since")
    expect(page.locator("#quorum")).to_have_text("Not quorate: 1 member present, 6 needed.")
    item = board.items[1]
    page.get_by_text("Note on item 2", exact=True).click()
    _in_item(page, item, "Record the note").click()
    expect(page.locator(".error-summary")).to_contain_text("Nothing was recorded")
    expect(page.locator(f"#note-{item['id']}-error")).to_contain_text("cannot be left empty")
    refused = page.content()
    page.locator(f"#note-{item['id']}-text").fill("Typed without a script.")
    _in_item(page, item, "Record the note").click()
    expect(page.locator(f"#entries-{item['id']}")).to_contain_text("Typed without a script.")
    assert [n["text"] for n in _live(_meeting(board), "note")] == ["Typed without a script."]
    # axe needs a script: the refused page, as served, checked in a page that runs one.
    checker = _signed_in(browser, board)
    checker.goto(board.record_url)
    checker.set_content(refused)
    expect(checker.locator(".error-summary")).to_be_visible()
    _no_violations(checker)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_screen_has_no_accessibility_violations(
    browser: Browser, board: Board, width: int
) -> None:
    page = _signed_in(browser, board, width)
    _open_meeting(page, board)
    _button(page, f"Present: {board.members[2]['name']}").click()
    _all_sent(page)
    page.get_by_text("Decision on item 3", exact=True).click()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"record-{width}.png"), full_page=False)
    _no_violations(page)
    row = _row(page, board.members[2])
    row.locator("summary", has_text="Correct").click()  # a correction open beside a person
    _no_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The header's links sit apart on every console screen, not only on scrutiny's.
    nav = page.get_by_role("navigation", name="Console").get_by_role("link")
    first, second = (nav.nth(n).bounding_box() for n in (0, 1))
    assert first and second
    apart = second["x"] - (first["x"] + first["width"])
    assert apart >= 12 or second["y"] >= first["y"] + first["height"], (first, second)


def _no_violations(page: Page) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
