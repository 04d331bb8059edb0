"""A scrutiny officer in a real Chromium, on the demo's year of meetings: signs in from a
link, opens the Board's June meeting as it stood before its correction and after, reads
the authority of a decision, downloads the attendance CSV and checks it against the page;
every scrutiny page passes axe-core (WCAG 2.2 A/AA) at 390 px and 1280 px and fits the
screen; the "as it stood" picker works from the keyboard alone. Screenshots are kept in
SCRUTINY_SCREENSHOTS (default /tmp/scrutiny-screens) for a person to look at."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from demo import load_demo
from meetings.application import MeetingsApplication
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.values import Role
from tests.application.test_demo import body_id, meetings_of
from tests.console_support import link_for, served, sign_in_page
from tests.web.console.test_scrutiny_screens import FIXED, TYPO, csv_tables
from web import create_app

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
WIDTHS = (390, 1280)
SHOTS = Path(os.environ.get("SCRUTINY_SCREENSHOTS", "") or "/tmp/scrutiny-screens")
#: Every table of the page: rows of cells' text, as a person reads them.
TABLES_JS = (
    "ts => ts.map(t => [...t.rows].map(r => [...r.cells].map("
    "c => c.innerText.split(/\\s+/).filter(Boolean).join(' '))))"
)


@dataclass
class DemoSite:
    url: str
    app: MeetingsApplication
    scrutiny: str
    board: UUID
    june: dict[str, Any]


@pytest.fixture
def demo_site(app: MeetingsApplication) -> Iterator[DemoSite]:
    load_demo(app)
    board = body_id(app, "BSP Board")
    june = next(
        m for m in meetings_of(app, "BSP Board") if m["starts_at"].date() == date(2025, 6, 12)
    )
    scrutiny = app.tokens.create(Role.SCRUTINY, "Sam Scrutiny")[1]
    with served(create_app(app)) as url:
        yield DemoSite(url, app, scrutiny, board, june)


def _context(browser: Browser, site: DemoSite, width: int = 1280) -> BrowserContext:
    context = browser.new_context(
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": width, "height": 900},
        accept_downloads=True,
    )
    sign_in_page(context.new_page(), site.url, link_for(site.app, site.scrutiny))
    return context


def test_a_scrutiny_officer_reads_the_record_as_it_stood_and_the_reports(
    browser: Browser, demo_site: DemoSite
) -> None:
    site = demo_site
    context = _context(browser, site)
    page = context.pages[0]
    try:
        page.get_by_role("link", name="Scrutiny").click()
        page.get_by_role("link", name="Bucks Strategic Partnership Board").click()
        page.get_by_role("link", name="Thursday 12 June 2025, 10:00").click()
        expect(page.locator("main")).to_contain_text(FIXED)
        page.get_by_role("link", name="History of this meeting").click()
        correction = page.locator("ol.timeline > li", has_text="Typing error")
        expect(correction).to_contain_text(f"Before: Members welcomed the draft. {TYPO}")
        expect(correction).to_contain_text(f"After: Members welcomed the draft. {FIXED}")
        version = int(str(correction.get_attribute("id"))[1:])

        # Before the correction: the text as first recorded, with a banner saying so.
        page.locator(f"#v{version - 1}").get_by_role(
            "link", name=re.compile("The record as it stood after this")
        ).click()
        expect(page.locator(".as-at-banner")).to_contain_text(
            f"The record as it stood at version {version - 1}."
        )
        main = page.locator("main")
        expect(main).to_contain_text(TYPO)
        assert FIXED not in main.inner_text()
        # After it: the corrected text, and the correction as before → after.
        page.go_back()
        page.locator(f"#v{version}").get_by_role(
            "link", name=re.compile("The record as it stood after this")
        ).click()
        expect(page.locator(".as-at-banner")).to_contain_text(f"version {version}.")
        expect(main).to_contain_text(FIXED)
        expect(main).to_contain_text("Reason: Typing error: 'Comunity' for 'Community'.")

        # The picker: a moment before the meeting was recorded is told beside the field.
        page.get_by_label("As it stood on").fill("2001-01-01T10:00")
        page.get_by_role("button", name="Show", exact=True).click()
        expect(page.locator("#as_at-error")).to_contain_text("was first recorded at")
        expect(page.get_by_label("As it stood on")).to_have_attribute("aria-invalid", "true")

        # A decision, and on whose authority it was taken.
        page.goto(f"{site.url}/console/scrutiny/meetings/{site.june['id']}")
        expect(page.locator(".as-at-banner")).to_have_count(0)
        page.get_by_role(
            "link", name="The Board noted the report from the Implementation Group."
        ).click()
        page.get_by_role("link", name="On whose authority: the authority report").click()
        expect(page.locator("h1")).to_have_text("The authority of a decision")
        expect(main).to_contain_text("16 members present, 6 needed: quorate")
        expect(main).to_contain_text("Cllr Margaret Ashdown")

        # Attendance of a person over a year, and its CSV against the page.
        page.get_by_role("link", name="Scrutiny", exact=True).first.click()
        page.get_by_label("A person").fill("Geoffrey Lindqvist")
        page.locator("#from-p").fill("2025-04-01")
        page.locator("#to-p").fill("2026-03-31")
        page.get_by_role("button", name="Attendance of this person").click()
        expect(page.locator("h1")).to_contain_text("Attendance of Geoffrey Lindqvist")
        shown = page.locator("table").evaluate_all(TABLES_JS)
        assert [row[3] for row in shown[1][1:]] == [
            "Present",
            "Apologies",
            "Present",
            "Present",
            "Apologies",
        ]
        with page.expect_download() as downloading:
            page.get_by_role("link", name="Download this report as CSV").click()
        text = Path(downloading.value.path()).read_text(encoding="utf-8")
        assert downloading.value.suggested_filename == "attendance.csv"
        assert csv_tables(text) == shown
        # Printed on A4: the report without the header, forms and buttons.
        page.emulate_media(media="print")
        expect(page.locator(".console-header")).to_be_hidden()
        expect(page.locator("form.period-form")).to_be_hidden()
        expect(page.locator("table").first).to_be_visible()
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / "attendance-a4.pdf").write_bytes(pdf)
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        page.screenshot(path=str(SHOTS / "attendance-print.png"), full_page=True)
    finally:
        context.close()


def _paths(site: DemoSite) -> dict[str, str]:
    view = meeting_view(site.app.get_meeting(site.june["id"]))
    decision = view["decisions"][0]["id"]
    [person], _ = site.app.list_people("Lindqvist", 1, 10)
    organisations, _ = site.app.list_organisations(1, 100)
    board, june = site.board, site.june["id"]
    return {
        "scrutiny-home": "/console/scrutiny",
        "body": f"/console/scrutiny/bodies/{board}?on=2026-03-01",
        "body-bad-date": f"/console/scrutiny/bodies/{board}?as_at=2999-01-01T10:00&on=June",
        "body-history": f"/console/scrutiny/bodies/{board}/history",
        "meeting": f"/console/scrutiny/meetings/{june}",
        "meeting-then": f"/console/scrutiny/meetings/{june}?version=40",
        "meeting-history": f"/console/scrutiny/meetings/{june}/history",
        "decision": f"/console/scrutiny/decisions/{decision}",
        "decision-history": f"/console/scrutiny/decisions/{decision}/history",
        "authority": f"/console/scrutiny/decisions/{decision}/authority",
        "attendance": f"/console/scrutiny/people/{person.id}/attendance?from=2025-04-01",
        "organisation-attendance": (
            f"/console/scrutiny/organisations/{organisations[0].id}/attendance?to=2999-01-01"
        ),
        "membership-changes": (
            f"/console/scrutiny/bodies/{board}/membership-changes?from=2025-04-01"
        ),
        "amendments": f"/console/scrutiny/bodies/{board}/minutes-amendments?from=2025-01-01",
        "integrity": "/console/scrutiny/integrity",
    }


def test_every_scrutiny_page_passes_axe_and_fits_the_screen(
    browser: Browser, demo_site: DemoSite
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    failures = []
    for width in WIDTHS:
        context = _context(browser, demo_site, width)
        page = context.pages[0]
        try:
            for name, path in _paths(demo_site).items():
                page.goto(demo_site.url + path)
                if name == "integrity":
                    page.get_by_role("button", name="Check the whole chain now").click()
                    expect(page.locator("main")).to_contain_text("The chain checks out")
                assert page.locator("h1").count() == 1, name
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > width:
                    failures.append(f"{name} at {width}px is {wide}px wide")
                page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
                results = Axe().run(page, options=AXE_OPTIONS)
                if results.violations_count:
                    failures.append(f"{name} at {width}px:\n{results.generate_report()}")
        finally:
            context.close()
    assert not failures, "\n".join(failures)


def _tab_to(page: Page, element_id: str, most: int = 60) -> None:
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def test_the_as_it_stood_picker_by_keyboard_alone(browser: Browser, demo_site: DemoSite) -> None:
    context = _context(browser, demo_site)
    page = context.pages[0]
    try:
        page.goto(f"{demo_site.url}/console/scrutiny/bodies/{demo_site.board}")
        _tab_to(page, "on")
        # A date field's parts follow the browser's locale: 3 March reads the same either way.
        page.keyboard.type("03032026")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"on=2026-03-03"))
        members = page.locator("#members table").evaluate("t => t.innerText")
        assert "Cllr Katherine Blyth" in members
        _tab_to(page, "as_at")
        page.keyboard.type("12122099")
        page.keyboard.press("Tab")  # from the year (it takes up to six digits) to the hour
        page.keyboard.type("1000A")  # hours, minutes (and AM where the clock has 12 hours)
        assert page.evaluate("document.activeElement.value") == "2099-12-12T10:00"
        page.keyboard.press("Enter")
        expect(page.locator("#as_at-error")).to_contain_text("still to come")
    finally:
        context.close()
