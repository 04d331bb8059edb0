"""The implementation group in a real Chromium: an action's owner signs in from a link,
records progress on an overdue action and marks it done, and sees it leave the overdue
list; the workplan chart's numbers match the API's progress; every tracker and workplan
page passes axe-core (WCAG 2.2 A/AA) at 390 px and 1280 px and fits the screen; progress
is recorded by keyboard alone. Screenshots go to SCRUTINY_SCREENSHOTS (default
/tmp/scrutiny-screens)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.test_console_scrutiny import AXE_OPTIONS, SHOTS, TABLES_JS, WIDTHS, _tab_to
from tests.console_support import link_for, served, sign_in_page
from tests.web.conftest import admin, body, clerk, client  # noqa: F401 (fixtures)
from tests.web.console.test_tracker_screens import Group, _workplan, group  # noqa: F401
from tests.web.support import get, ok


@pytest.fixture
def site(group: Group) -> Iterator[str]:  # noqa: F811
    with served(group.client.application) as url:
        yield url


def _context(
    browser: Browser, url: str, world: Group, token: str, width: int = 1280
) -> BrowserContext:
    context = browser.new_context(
        locale="en-GB", timezone_id="Europe/London", viewport={"width": width, "height": 900}
    )
    sign_in_page(context.new_page(), url, link_for(world.app, token))
    return context


def _overdue_descriptions(page: Page) -> list[str]:
    rows = page.locator("#tracker table").evaluate_all(TABLES_JS)[0][1:]
    return [r[2] for r in rows if len(r) > 2 and r[1] == "Overdue"]


def test_an_owner_records_progress_on_an_overdue_action_and_sees_it_leave_the_list(
    browser: Browser,
    site: str,
    group: Group,  # noqa: F811
) -> None:
    context = _context(browser, site, group, group.owner)
    page = context.pages[0]
    try:
        page.get_by_role("link", name="My actions").click()
        mine = page.locator("#mine table").evaluate_all(TABLES_JS)[0]
        assert mine[1][1:3] == ["Overdue", "Refresh the JSNA"]
        page.get_by_role("link", name="Actions", exact=True).click()
        page.get_by_label("Status").select_option("overdue")
        page.get_by_role("button", name="Show actions").click()
        assert _overdue_descriptions(page) == ["Refresh the JSNA"]

        page.get_by_role("link", name="Refresh the JSNA").click()
        expect(page.locator("main")).to_contain_text("Overdue")
        page.get_by_label("What has been done").fill("Draft chapters written")
        page.get_by_label("Percent complete (optional)").fill("80")
        page.get_by_role("button", name="Record progress").click()
        expect(page.locator("ol.timeline")).to_contain_text("Draft chapters written (80% complete)")
        # Progress alone does not make it less overdue: it is still due, and late.
        page.goto(f"{site}/console/actions?status=overdue")
        assert _overdue_descriptions(page) == ["Refresh the JSNA"]

        page.get_by_role("link", name="Refresh the JSNA").click()
        page.get_by_label("How it was done (optional)").fill("Published on the website")
        page.get_by_role("button", name="Mark as done").click()
        expect(page.locator(".facts")).to_contain_text("Done")
        page.goto(f"{site}/console/actions?status=overdue")
        assert _overdue_descriptions(page) == []
        expect(page.get_by_role("status")).to_contain_text("0 actions")
        page.get_by_role("link", name="My actions").click()
        expect(page.locator("main")).not_to_contain_text("Refresh the JSNA")
    finally:
        context.close()


def test_the_workplan_chart_shows_the_apis_numbers(
    browser: Browser,
    site: str,
    group: Group,  # noqa: F811
) -> None:
    plan = _workplan(group)
    scrutiny = group.tokens["scrutiny"]
    api = ok(get(group.client, f"/workplans/{plan['id']}/progress", scrutiny))
    context = _context(browser, site, group, scrutiny)
    page = context.pages[0]
    try:
        page.goto(f"{site}/console/workplans")
        page.get_by_role("link", name="Sustainable Community Strategy").click()
        chart = page.get_by_role("img", name=re.compile("items by theme and status"))
        expect(chart).to_be_visible()
        described = page.locator("#progress-chart-desc").text_content() or ""
        table = page.locator("#progress-table table").evaluate_all(TABLES_JS)[0]
        for theme, row in zip(api["themes"], table[1:], strict=True):
            counts = [theme[k] for k in ("done", "on_track", "at_risk", "off_track")]
            assert row[:7] == [
                theme["theme"],
                str(theme["items"]),
                *map(str, counts),
                str(theme["not_started"]),
            ]
            assert (
                f"{theme['theme']}: {counts[0]} done, {counts[1]} on track, "
                f"{counts[2]} at risk, {counts[3]} off track, {theme['not_started']} not started"
            ) in described
            # Each bar's parts are as long as their counts (the longest total fills the width).
            for part, count in zip(
                ("done", "on track", "at risk", "off track"), counts, strict=True
            ):
                found = chart.locator(
                    "rect", has=page.locator(f"title:text-is('{theme['theme']}: {count} {part}')")
                )
                assert found.count() == (1 if count else 0)
        counts_shown = page.locator("#action-counts").inner_text()
        assert f"Open\n{api['actions']['open']}" in counts_shown
    finally:
        context.close()


def test_progress_is_recorded_by_keyboard_alone(browser: Browser, site: str, group: Group) -> None:  # noqa: F811
    context = _context(browser, site, group, group.owner)
    page = context.pages[0]
    try:
        page.goto(f"{site}/console/actions/{group.later}")
        _tab_to(page, "note")
        page.keyboard.type("Market survey sent out")
        _tab_to(page, "percent_complete", most=3)
        page.keyboard.type("25")
        page.keyboard.press("Enter")
        expect(page.locator("ol.timeline")).to_contain_text("Market survey sent out (25% complete)")
    finally:
        context.close()


def test_every_tracker_page_passes_axe_and_fits_the_screen(
    browser: Browser,
    site: str,
    group: Group,  # noqa: F811
) -> None:
    plan = _workplan(group)
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "tracker": ("clerk", "/console/actions"),
        "tracker-bad-filters": ("clerk", "/console/actions?as_of=2999-01-01&owner=Nobody"),
        "my-actions": ("owner", "/console/actions/mine"),
        "action-owner": ("owner", f"/console/actions/{group.overdue}"),
        "action-clerk": ("clerk", f"/console/actions/{group.overdue}"),
        "action-bad-input": ("clerk", f"/console/actions/{group.overdue}@bad"),
        "action-withheld": ("scrutiny", f"/console/actions/{group.secret}"),
        "action-history": ("clerk", f"/console/actions/{group.overdue}/history"),
        "workplans": ("scrutiny", "/console/workplans"),
        "workplan": ("scrutiny", f"/console/workplans/{plan['id']}"),
        "workplan-bad-day": ("scrutiny", f"/console/workplans/{plan['id']}?as_at=2999-01-01"),
    }
    failures = []
    for width in WIDTHS:
        contexts = {
            who: _context(browser, site, group, group.tokens[who], width)
            for who in ("clerk", "owner", "scrutiny")
        }
        try:
            for name, (who, path) in pages.items():
                page = contexts[who].pages[0]
                if path.endswith("@bad"):
                    page.goto(site + path.removesuffix("@bad"))
                    page.get_by_label("New due date").fill("2001-02-03")
                    page.get_by_role("button", name="Give the new due date").click()
                    expect(page.locator(".error-summary")).to_be_visible()
                else:
                    page.goto(site + path)
                assert page.locator("h1").count() == 1, name
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > width:
                    failures.append(f"{name} at {width}px is {wide}px wide")
                page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
                results = Axe().run(page, options=AXE_OPTIONS)
                if results.violations_count:
                    failures.append(f"{name} at {width}px:\n{results.generate_report()}")
        finally:
            for context in contexts.values():
                context.close()
    assert not failures, "\n".join(failures)
