"""The published pages: what the public reads, and what it never sees."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.web.conftest import Json
from tests.web.support import (
    add_item,
    get,
    in_days,
    make_body,
    make_member,
    make_membership,
    make_person,
    meeting_command,
    ok,
    post,
    schedule,
)
from tests.web.test_minutes_api import Recorded, _record_everything, _to_approval, step

#: What was recorded under the confidential item of `_record_everything`, and its papers in
#: `_agenda_published`: none of it may reach a public page.
SECRETS = (
    "Contract with Acme Care Ltd",
    "Acme",
    "40%",
    "Extended the Acme contract",
    "Negotiate with Acme",
    "Pricing schedule",
    "secret.example.org",
)


def page(client: FlaskClient, path: str, status: int = 200) -> str:
    """The HTML of a public page (no token), checked to be a whole, well-formed page."""
    response = client.get(path)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert body.startswith("<!doctype html>") and '<html lang="en-GB">' in body
    assert body.count("<h1") == 1
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in body
    return body


def text_of(markup: str) -> str:
    """What a reader sees: the text without tags, spaces collapsed."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())
    return re.sub(r" ([.,:;])", r"\1", text)


def _agenda_published(
    client: FlaskClient, admin: str, clerk: str, chair: str, body_id: str, days: int
) -> Json:
    """A meeting `days` ahead with a public item (with papers) and a confidential one,
    agreed by the chair and published."""
    presenter = make_person(client, admin, name=f"Pat Presenter {days}")
    meeting = schedule(client, clerk, body_id, starts_at=in_days(days), venue="Aylesbury Hub")
    add_item(
        client,
        clerk,
        meeting["id"],
        title="Joint health strategy",
        presenter_id=presenter["id"],
        papers=[
            {"title": "Strategy draft", "url": "https://example.org/strategy.pdf"},
            {"title": "Tabled note", "url": None},
        ],
    )
    add_item(
        client,
        clerk,
        meeting["id"],
        title="Contract with Acme Care Ltd",
        confidential=True,
        confidential_reason="commercially sensitive",
        papers=[{"title": "Pricing schedule", "url": "https://secret.example.org/acme.pdf"}],
    )
    meeting_command(client, chair, meeting["id"], "agenda/agree")
    meeting_command(client, clerk, meeting["id"], "agenda/publish")
    return meeting


def _published(client: FlaskClient, clerk: str, chair: str, r: Recorded, **amend: str) -> str:
    """Take the recorded meeting's minutes to publication; the meeting page's HTML."""
    amendments = [{"item_id": r.items["plan"]["id"], "text": amend["text"]}] if amend else []
    _to_approval(client, clerk, chair, r, amendments)
    step(client, clerk, r.meeting["id"], "publish")
    return page(client, f"/meetings/{r.meeting['id']}")


# The partnership family ---------------------------------------------------------------


def test_the_family_page_lists_public_bodies_with_their_line_and_next_meetings(
    client: FlaskClient, admin: str, clerk: str, body: Json
) -> None:
    group = make_body(
        client, admin, name="Integrated Care Group", short_name="ICG", reports_to=body["id"]
    )
    make_body(client, admin, name="Closed Panel", short_name="CP", open_to_public=False)
    soon = schedule(client, clerk, body["id"], starts_at=in_days(7), venue="The Gateway")
    called_off = schedule(client, clerk, body["id"], starts_at=in_days(14), venue="Room 2")
    meeting_command(client, clerk, called_off["id"], "cancel", {"reason": "Storm"})
    schedule(client, clerk, body["id"], starts_at=in_days(-7), venue="Long Ago Hall")
    markup = page(client, "/")
    text = text_of(markup)
    assert "Health and Wellbeing Board" in text and "Integrated Care Group" in text
    assert "Closed Panel" not in text
    assert f'href="/bodies/{group["id"]}"' in markup
    # The group reports to the board, by link.
    group_section = markup.split('id="body-' + group["id"])[1]
    assert f'Reports to</dt>\n    <dd><a href="/bodies/{body["id"]}">' in group_section
    assert "The Gateway" in text and "Room 2" in text and "Long Ago Hall" not in text
    assert text.index("The Gateway") < text.index("Room 2 Cancelled")
    assert f'datetime="{in_days(7)[:16]}' in markup
    assert soon["id"] not in markup, "an agenda not yet published is not linked"


def test_a_published_agenda_is_linked_from_the_family_page(
    client: FlaskClient, admin: str, clerk: str, body_chair: str, body: Json
) -> None:
    meeting = _agenda_published(client, admin, clerk, body_chair, body["id"], 10)
    assert f'href="/meetings/{meeting["id"]}"' in page(client, "/")


# A body -------------------------------------------------------------------------------


def test_a_body_page_shows_purpose_members_by_capacity_meetings_and_minutes(
    client: FlaskClient, admin: str, clerk: str, body_chair: str, body: Json
) -> None:
    board = body
    ok(post(client, f"/bodies/{board['id']}/rules", admin, {"purpose": "Keeps Bucks healthy."}))
    leader = make_member(client, admin, board["id"], "Liz Leader", seat="Leader of the Council")
    sub = make_person(client, admin, name="Sam Substitute")
    ok(
        post(
            client,
            f"/bodies/{board['id']}/memberships/{leader['membership']['id']}/substitutes",
            admin,
            {"person_id": sub["id"], "named_on": "2025-01-01"},
        ),
        201,
    )
    for name, capacity, seat in (
        ("Ada Adviser", "adviser", "Chief Executive"),
        ("Otto Observer", "observer", "Government Office"),
        ("Cora Coopted", "co_opted", "Voluntary sector"),
    ):
        person = make_person(client, admin, name=name)
        make_membership(client, admin, board["id"], person["id"], capacity=capacity, seat=seat)
    held = schedule(client, admin, board["id"], starts_at=in_days(-30), venue="Old Hall")
    coming = _agenda_published(client, admin, clerk, body_chair, board["id"], 20)
    markup = page(client, f"/bodies/{board['id']}")
    text = text_of(markup)
    assert "Health and Wellbeing Board (HWB)" in text and "Keeps Bucks healthy." in text
    order = ["Members", "Co-opted members", "Advisers", "Observers"]
    positions = [markup.index(f"<caption>{heading}</caption>") for heading in order]
    assert positions == sorted(positions)
    assert "Liz Leader Leader of the Council Sam Substitute" in text
    assert "Ada Adviser Chief Executive" in text and "Otto Observer Government Office" in text
    assert "Cora Coopted Voluntary sector" in text
    assert '<th scope="row">Liz Leader</th>' in markup
    assert "Old Hall" in text and "Aylesbury Hub" in text
    assert f'href="/meetings/{coming["id"]}"' in markup
    assert held["id"] not in markup, "no page for a meeting with nothing published"
    assert "No minutes have been published yet." in text


def test_a_body_page_links_its_published_minutes(
    client: FlaskClient, admin: str, clerk: str, body_chair: str, body: Json
) -> None:
    r = _record_everything(client, admin, clerk, body)
    _published(client, clerk, body_chair, r)
    markup = page(client, f"/bodies/{body['id']}")
    assert markup.count(f'href="/meetings/{r.meeting["id"]}#minutes"') == 2
    assert "No minutes have been published yet." not in markup


# A meeting ----------------------------------------------------------------------------


def test_a_published_agenda_shows_its_items_and_papers_and_withholds_the_confidential(
    client: FlaskClient, admin: str, clerk: str, body_chair: str, body: Json
) -> None:
    meeting = _agenda_published(client, admin, clerk, body_chair, body["id"], 10)
    markup = page(client, f"/meetings/{meeting['id']}")
    text = text_of(markup)
    assert "Health and Wellbeing Board: meeting on" in text and "Aylesbury Hub" in text
    assert "Status Scheduled" in text
    assert "Joint health strategy" in text and "Presented by Pat Presenter 10." in text
    assert '<a class="paper" href="https://example.org/strategy.pdf">Strategy draft</a>' in markup
    assert "Tabled note" in text
    assert "Confidential item — withheld: commercially sensitive" in text
    for secret in SECRETS:
        assert secret not in markup
    assert 'id="minutes"' not in markup, "no minutes before they are published"


def test_a_cancelled_or_postponed_meeting_says_so(
    client: FlaskClient, admin: str, clerk: str, body_chair: str, body: Json
) -> None:
    meeting = _agenda_published(client, admin, clerk, body_chair, body["id"], 10)
    meeting_command(client, clerk, meeting["id"], "cancel", {"reason": "Storm damage"})
    assert "Status Cancelled: Storm damage" in text_of(page(client, f"/meetings/{meeting['id']}"))
    moved = _agenda_published(client, admin, clerk, body_chair, body["id"], 12)
    meeting_command(
        client, clerk, moved["id"], "postpone", {"reason": "Not quorate", "starts_at": in_days(40)}
    )
    # Postponing withdraws the agenda until it is published again for the new date.
    page(client, f"/meetings/{moved['id']}", 404)
    meeting_command(client, body_chair, moved["id"], "agenda/agree")
    meeting_command(client, clerk, moved["id"], "agenda/publish")
    assert "Postponed From" in text_of(page(client, f"/meetings/{moved['id']}"))
    assert "Not quorate" in text_of(page(client, f"/meetings/{moved['id']}"))


def test_published_minutes_show_the_record_with_confidential_items_withheld(
    client: FlaskClient, admin: str, clerk: str, body_chair: str, body: Json
) -> None:
    r = _record_everything(client, admin, clerk, body)
    markup = _published(client, clerk, body_chair, r)
    text = text_of(markup)
    assert 'id="minutes"' in markup and "Status Held" in text
    assert "Approved as a correct record on" in text and "Published on" in text
    assert "Liz Leader" in text
    assert "Ian Inspector (Thames Valley Police), substitute for Sid Superintendent" in text
    assert "Ada Adviser (Buckinghamshire Council)" in text
    assert "Olu Officer" in text and "Gita Guest" in text
    for heading in ("Members", "Advisers", "Officers", "Guests, admitted by the chair"):
        assert f"<h4>{heading}</h4>" in markup
    assert "Apologies Ann Apologies" in text and "Absent Abe Absent" in text
    assert "Liz Leader 1 Trustee of a care charity No" in text
    assert "The board discussed the plan." in text
    assert "Decision: Approved the Better Care Fund plan. Agreed by consensus." in text
    assert "Submit the plan to NHS England Ada Adviser Buckinghamshire Council" in text
    assert "2. Confidential item Confidential item — withheld: commercially sensitive" in text
    assert "Deferred to the meeting on" in text and "The strategy paper was not ready." in text
    assert "The meeting closed at 12:00." in text
    for secret in SECRETS:
        assert secret not in markup


def test_amended_minutes_keep_the_original_beside_the_amendment(
    client: FlaskClient, admin: str, clerk: str, body_chair: str, body: Json
) -> None:
    r = _record_everything(client, admin, clerk, body)
    amended = "The board approved the plan, subject to NHS sign-off."
    text = text_of(_published(client, clerk, body_chair, r, text=amended))
    assert f"{amended} Amended when the minutes were approved. As circulated" in text
    assert "this item read: " in text and "Decision: Approved the Better Care Fund plan." in text


def test_minutes_published_without_a_published_agenda_still_have_their_page(
    client: FlaskClient, admin: str, clerk: str, body_chair: str, body: Json
) -> None:
    r = _record_everything(client, admin, clerk, body)
    page(client, f"/meetings/{r.meeting['id']}", 404)
    _to_approval(client, clerk, body_chair, r)
    page(client, f"/meetings/{r.meeting['id']}", 404)
    step(client, clerk, r.meeting["id"], "publish")
    assert "Better Care Fund plan" in page(client, f"/meetings/{r.meeting['id']}")


# What the public never sees ---------------------------------------------------------


def test_no_page_leaks_what_a_confidential_item_recorded(
    client: FlaskClient, admin: str, clerk: str, body_chair: str, body: Json
) -> None:
    r = _record_everything(client, admin, clerk, body)
    _published(client, clerk, body_chair, r)
    coming = _agenda_published(client, admin, clerk, body_chair, body["id"], 10)
    paths = ["/", f"/bodies/{body['id']}", f"/meetings/{r.meeting['id']}"]
    paths.append(f"/meetings/{coming['id']}")
    for path in paths:
        markup = page(client, path)
        for secret in SECRETS:
            assert secret not in markup, (path, secret)


def test_pages_of_a_body_not_open_to_the_public_do_not_exist(
    client: FlaskClient, admin: str, clerk: str, body_chair: str, body: Json
) -> None:
    closed = make_body(client, admin, name="Closed Panel", short_name="CP", open_to_public=False)
    hidden = schedule(client, admin, closed["id"], starts_at=in_days(5))
    published = _agenda_published(client, admin, clerk, body_chair, body["id"], 10)
    assert "Page not found" in page(client, f"/bodies/{closed['id']}", 404)
    page(client, f"/meetings/{hidden['id']}", 404)
    # A body that stops meeting in public takes its pages with it.
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"open_to_public": False}))
    page(client, f"/bodies/{body['id']}", 404)
    page(client, f"/meetings/{published['id']}", 404)
    assert "Health and Wellbeing Board" not in page(client, "/")


@pytest.mark.parametrize(
    "path",
    [
        "/bodies/00000000-0000-4000-8000-000000000000",
        "/meetings/00000000-0000-4000-8000-000000000000",
        "/bodies/not-an-id",
        "/meetings/12345",
        "/meetings/%00",
        "/bodies/" + "f" * 300,
    ],
)
def test_unknown_and_malformed_ids_are_a_404_page(client: FlaskClient, path: str) -> None:
    assert "Page not found" in page(client, path, 404)


def test_an_unpublished_agenda_or_another_records_id_is_a_404_page(
    client: FlaskClient, clerk: str, body: Json, meeting: Json
) -> None:
    add_item(client, clerk, meeting["id"])
    page(client, f"/meetings/{meeting['id']}", 404)
    page(client, f"/meetings/{body['id']}", 404)
    page(client, f"/bodies/{meeting['id']}", 404)


def test_the_stylesheet_prints_on_a4_without_navigation(client: FlaskClient) -> None:
    response = client.get("/static/site.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    css = response.get_data(as_text=True)
    response.close()
    assert "@page { size: A4;" in css
    assert re.search(r"@media print \{[^@]*\.site-header nav[^{]*\{ display: none; \}", css)


def test_every_page_carries_the_chain_head(client: FlaskClient, admin: str, body: Json) -> None:
    position, digest = client.application.extensions["meetings"].get_chain_head()
    page = " ".join(client.get("/").get_data(as_text=True).split())
    assert f"position {position} with the hash <code>{digest}</code>" in page
    feed = client.get("/feeds/minutes.atom").get_data(as_text=True)
    assert digest in feed and f"position {position}" in feed


# Security headers ---------------------------------------------------------------------

STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def _csp(answer: TestResponse) -> dict[str, str]:
    value = answer.headers.get("Content-Security-Policy", "")
    return {d.split(" ", 1)[0]: d.split(" ", 1)[1] for d in value.split("; ") if " " in d}


def test_every_response_carries_the_security_headers(
    client: FlaskClient, admin: str, body: Json
) -> None:
    for path in (
        "/",
        f"/bodies/{body['id']}",
        "/bodies/not-an-id",
        "/static/site.css",
        "/feeds/minutes.atom",
        f"/bodies/{body['id']}/meetings.ics",
        "/api/v1/bodies",
        "/api/v1/openapi.json",
        "/api/v1/no-such-thing",
    ):
        answer = client.get(path)
        assert answer.headers.get("X-Content-Type-Options") == "nosniff", path
        assert answer.headers.get("Referrer-Policy") == "same-origin", path
        assert answer.headers.get("Content-Security-Policy") == STRICT_CSP, path
        answer.close()
    answer = post(client, "/bodies", admin, {"name": ""})
    assert answer.status_code == 422 and answer.headers["Content-Security-Policy"] == STRICT_CSP


def test_the_standalone_minutes_allow_only_their_own_stylesheet(
    client: FlaskClient, admin: str, clerk: str, body: Json, body_chair: str
) -> None:
    r = _record_everything(client, admin, clerk, body)
    _published(client, clerk, body_chair, r)
    answer = client.get(f"/meetings/{r.meeting['id']}/minutes.html")
    assert answer.status_code == 200
    csp = _csp(answer)
    [css] = re.findall(r"<style>(.*?)</style>", answer.get_data(as_text=True), re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert csp["style-src"] == f"'sha256-{digest}'"
    assert csp["script-src"] == "'self'" and csp["frame-ancestors"] == "'none'"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_the_api_explorer_may_run_only_its_own_start_up_script(client: FlaskClient) -> None:
    answer = client.get("/api/v1/docs")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    inline = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    allowed = {
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline
    }
    csp = _csp(answer)
    assert set(csp["script-src"].split()) == {"'self'", *allowed}
    assert csp["default-src"] == "'self'" and csp["frame-ancestors"] == "'none'"


# What clerks typed, in HTML -------------------------------------------------------------

HOSTILE_NOTE = (
    "<script>alert('note')</script> <img src=x onerror=alert(1)> "
    "[the plan](javascript:alert(document.cookie)) [the paper](https://example.org/p.pdf) "
    '<a href="javascript:alert(2)">here</a>'
)


class _Active(HTMLParser):
    """What in a piece of HTML could act: scripts, frames, images, inline styles, event
    handlers, and links anywhere but the web or mail."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.found: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "img", "object", "embed", "style", "form", "base"):
            self.found.append(tag)
        for name, value in attrs:
            if name == "style" or name.startswith("on") or name == "src":
                self.found.append(f"{tag} {name}")
            if name == "href" and not (value or "").startswith(("https:", "http:", "mailto:")):
                self.found.append(f"{tag} href={value}")


def render_markdown(client: FlaskClient, markdown: str) -> str:
    return client.application.jinja_env.from_string("{{ m | markdown }}").render(m=markdown)


def test_markdown_the_minutes_quote_reaches_html_only_as_text(
    client: FlaskClient, admin: str, clerk: str, body: Json, body_chair: str
) -> None:
    r = _record_everything(client, admin, clerk, body)
    shown = _published(client, clerk, body_chair, r, text=HOSTILE_NOTE)  # amended on approval
    markdown = ok(get(client, f"/meetings/{r.meeting['id']}/minutes", clerk))["markdown"]
    assert "<script>" in markdown  # the record keeps what was typed, verbatim
    rendered = render_markdown(client, markdown)
    export = client.get(f"/meetings/{r.meeting['id']}/minutes.html").get_data(as_text=True)
    for html_text in (rendered, shown, export):
        assert "<script" not in html_text and "<img" not in html_text
        assert not re.search(r"<a [^>]*href=.?\s*javascript:", html_text, re.IGNORECASE)
        assert "&lt;script&gt;" in html_text
    assert _Active(rendered).found == []
    assert '<a href="https://example.org/p.pdf" rel="noopener noreferrer nofollow">' in rendered
    assert "<h1>Health and Wellbeing Board (HWB)</h1>" in rendered


@pytest.mark.parametrize(
    "markdown",
    [
        "[x](JavaScript:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        '<iframe src="https://evil.example"></iframe>',
        "![x](https://tracker.example/p.gif)",
        '<p style="background:url(x)" onclick="alert(1)">styled</p>',
        "| a |\n|:-|\n| b |",
        "[x]: javascript:alert(1)\n\n[click][x]",
    ],
)
def test_the_markdown_filter_leaves_nothing_active(client: FlaskClient, markdown: str) -> None:
    assert _Active(render_markdown(client, markdown)).found == []


# Pages link what they offer (issue 17, item 17) -------------------------------------------


def _links(markup: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', markup)


def _feed_links(markup: str) -> list[str]:
    head = markup.split("</head>")[0]
    return re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head
    )


def test_every_page_offers_its_feed_for_discovery(
    client: FlaskClient, admin: str, clerk: str, body: Json, body_chair: str
) -> None:
    r = _record_everything(client, admin, clerk, body)
    _published(client, clerk, body_chair, r)
    assert _feed_links(page(client, "/")) == ["/feeds/minutes.atom"]
    narrowed = f"/feeds/minutes.atom?body_id={body['id']}"
    assert _feed_links(page(client, f"/bodies/{body['id']}")) == [narrowed]
    assert _feed_links(page(client, f"/meetings/{r.meeting['id']}")) == [narrowed]
    assert "/feeds/minutes.atom" in _links(page(client, "/"))
    for path in ("/feeds/minutes.atom", narrowed):
        assert client.get(path).mimetype == "application/atom+xml"


def test_a_body_page_links_its_calendar_and_feed(client: FlaskClient, body: Json) -> None:
    links = _links(page(client, f"/bodies/{body['id']}"))
    calendar = f"/bodies/{body['id']}/meetings.ics"
    feed = f"/feeds/minutes.atom?body_id={body['id']}"
    assert calendar in links and feed in links
    assert client.get(calendar).mimetype == "text/calendar"


def test_a_meeting_page_links_its_minutes_in_every_format(
    client: FlaskClient, admin: str, clerk: str, body: Json, body_chair: str
) -> None:
    r = _record_everything(client, admin, clerk, body)
    m = r.meeting["id"]
    links = _links(_published(client, clerk, body_chair, r))
    expected = {
        f"/meetings/{m}/minutes.html": "text/html",
        f"/api/v1/meetings/{m}/minutes/ocd": "application/json",
        f"/bodies/{body['id']}/meetings.ics": "text/calendar",
    }
    for path, mimetype in expected.items():
        assert path in links, path
        answer = client.get(path)
        assert answer.status_code == 200 and answer.mimetype == mimetype, path


def test_an_agenda_links_no_minutes_before_they_exist(
    client: FlaskClient, admin: str, clerk: str, body: Json, body_chair: str
) -> None:
    meeting = _agenda_published(client, admin, clerk, body_chair, body["id"], 10)
    links = _links(page(client, f"/meetings/{meeting['id']}"))
    assert f"/bodies/{body['id']}/meetings.ics" in links
    assert not [link for link in links if "minutes" in link]


def test_a_body_page_shows_its_chair_vice_chair_and_terms_of_reference(
    client: FlaskClient,
    admin: str,
    body: Json,
    body_chair: str,
    body_vice_chair: str,
) -> None:
    terms = {"text": "To join up health and care.\nTo agree the Better Care Fund plan."}
    ok(
        post(
            client,
            f"/bodies/{body['id']}/terms-of-reference",
            admin,
            {**terms, "adopted_on": "2025-04-01"},
        ),
        201,
    )
    chairs = ok(get(client, f"/bodies/{body['id']}/chairs", admin))
    names = {c["role"]: c["person_name"] for c in chairs}
    shown = text_of(page(client, f"/bodies/{body['id']}"))
    assert f"Chair {names['chair']}" in shown and names["chair"] == "Carol Chair"
    assert f"Vice-chair {names['vice_chair']}" in shown
    assert "Terms of reference Adopted on Tuesday 1 April 2025 (version 1)." in shown
    assert "To join up health and care. To agree the Better Care Fund plan." in shown


def test_a_body_page_says_when_no_chair_or_terms_are_recorded(
    client: FlaskClient, body: Json
) -> None:
    shown = text_of(page(client, f"/bodies/{body['id']}"))
    assert "Chair Not recorded Vice-chair Not recorded" in shown
    assert "No terms of reference have been adopted." in shown


def test_a_held_meeting_without_published_minutes_says_they_are_to_follow(
    client: FlaskClient, admin: str, clerk: str, body: Json, body_chair: str
) -> None:
    meeting = schedule(client, clerk, body["id"], starts_at=in_days(-2), venue="Aylesbury Hub")
    add_item(client, clerk, meeting["id"], title="Joint health strategy")
    meeting_command(client, body_chair, meeting["id"], "agenda/agree")
    meeting_command(client, clerk, meeting["id"], "agenda/publish")
    meeting_command(client, clerk, meeting["id"], "open", {"at": in_days(-2)})
    meeting_command(
        client, clerk, meeting["id"], "close", {"at": in_days(-2).replace("10:00", "11:00")}
    )
    shown = text_of(page(client, f"/meetings/{meeting['id']}"))
    assert "Status Held" in shown
    assert "Minutes Minutes to follow: they are published once the HWB approves them" in shown
    listed = text_of(page(client, f"/bodies/{body['id']}"))
    assert "Held Agenda for" in listed and "; minutes to follow" in listed


def test_the_standalone_minutes_carry_the_chain_head(
    client: FlaskClient, admin: str, clerk: str, body: Json, body_chair: str
) -> None:
    r = _record_everything(client, admin, clerk, body)
    _published(client, clerk, body_chair, r)
    position, digest = client.application.extensions["meetings"].get_chain_head()
    export = " ".join(
        client.get(f"/meetings/{r.meeting['id']}/minutes.html").get_data(as_text=True).split()
    )
    assert f"position {position} with the hash <code>{digest}</code>" in export


def test_what_people_typed_never_doubles_the_punctuation(
    client: FlaskClient, admin: str, clerk: str, body: Json, body_chair: str
) -> None:
    """Reasons, interests, venues, names, titles and descriptions typed with a closing
    full stop."""
    presenter = make_person(client, admin, name="Sam Smith Jr.")
    meeting = schedule(client, clerk, body["id"], starts_at=in_days(-40), venue="County Hall.")
    add_item(
        client,
        clerk,
        meeting["id"],
        title="Depot sale",
        confidential=True,
        confidential_reason="commercially sensitive.",
    )
    plan = add_item(
        client, clerk, meeting["id"], title="Plan for 2027.", presenter_id=presenter["id"]
    )
    meeting_command(client, clerk, meeting["id"], "open", {"at": in_days(-40)})
    person = make_member(client, admin, body["id"], "Dee Declarer")
    ok(
        post(
            client,
            f"/meetings/{meeting['id']}/declarations",
            clerk,
            {
                "person_id": person["id"],
                "item_id": plan["id"],
                "interest": "Trustee of a care charity.",
                "withdrew": False,
            },
        ),
        201,
    )
    ok(
        post(
            client,
            f"/meetings/{meeting['id']}/items/{plan['id']}/actions",
            clerk,
            {"description": "Write it up.", "owner_id": person["id"], "due_on": "2026-03-01"},
        ),
        201,
    )
    meeting_command(
        client, clerk, meeting["id"], "close", {"at": in_days(-40).replace("10:00", "11:00")}
    )
    later = schedule(client, clerk, body["id"], starts_at=in_days(-33))
    meeting_command(client, clerk, later["id"], "open", {"at": in_days(-33)})
    step(client, body_chair, meeting["id"], "agree")
    step(client, clerk, meeting["id"], "circulate")
    amendment = {"item_id": plan["id"], "text": "Adopted the plan."}
    step(
        client,
        clerk,
        meeting["id"],
        "approve",
        {"approved_at": later["id"], "amendments": [amendment]},
    )
    step(client, clerk, meeting["id"], "publish")
    outputs = {
        "page": client.get(f"/meetings/{meeting['id']}").get_data(as_text=True),
        "body page": client.get(f"/bodies/{body['id']}").get_data(as_text=True),
        "standalone": client.get(f"/meetings/{meeting['id']}/minutes.html").get_data(as_text=True),
        "atom": html.unescape(client.get("/feeds/minutes.atom").get_data(as_text=True)),
        "ocd": client.get(f"/api/v1/meetings/{meeting['id']}/minutes/ocd").get_data(as_text=True),
    }
    assert "Presented by Sam Smith Jr." in text_of(outputs["page"])
    assert "item 2 (Plan for 2027)" in outputs["atom"]
    for name, output in outputs.items():
        shown = text_of(output)
        for doubled in ("..", ".).", ".,", ".:"):
            assert doubled not in shown, (name, doubled, shown[shown.find(doubled) - 80 :][:160])


def test_markdown_headings_can_sit_below_a_pages_own() -> None:
    from web.pages.safe_html import markdown_html

    shifted = str(markdown_html("# Board\n\n## 1. Plan\n\n###### Deep", shift_headings=1))
    assert "<h2>Board</h2>" in shifted and "<h3>1. Plan</h3>" in shifted
    assert "<h6>Deep</h6>" in shifted and "<h1" not in shifted
