"""The published pages in a real browser: no WCAG 2 A/AA violations that axe-core can
find, and a clean A4 print without the navigation."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import Site

#: WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
PAGES: dict[str, Callable[[Site], str]] = {
    "family": lambda s: "/",
    "body": lambda s: f"/bodies/{s.body['id']}",
    "minutes": lambda s: f"/meetings/{s.minuted.meeting['id']}",
    "agenda": lambda s: f"/meetings/{s.coming['id']}",
    "not found": lambda s: "/meetings/not-a-meeting",
}


def _open(page: Page, site: Site, name: str) -> None:
    response = page.goto(site.url + PAGES[name](site))
    assert response is not None
    assert response.status == (404 if name == "not found" else 200)
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_has_no_accessibility_violations(page: Page, site: Site, name: str) -> None:
    _open(page, site, name)
    assert page.evaluate("document.styleSheets.length") == 1, "the stylesheet did not load"
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_the_minutes_read_as_published_with_confidential_items_withheld(
    page: Page, site: Site
) -> None:
    _open(page, site, "minutes")
    text = page.inner_text("main")
    assert "Ian Inspector (Thames Valley Police), substitute for Sid Superintendent" in text
    assert "Confidential item — withheld: commercially sensitive" in text
    assert "Acme" not in page.content()
    assert page.locator("h1").count() == 1


def test_the_skip_link_is_first_and_moves_focus_to_the_main_content(page: Page, site: Site) -> None:
    _open(page, site, "body")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


@pytest.mark.parametrize("name", ["minutes", "agenda"])
def test_the_page_prints_on_a4_without_navigation(page: Page, site: Site, name: str) -> None:
    _open(page, site, name)
    assert page.locator("nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("nav").is_visible()
    assert not page.locator(".skip-link").is_visible()
    # Nothing wider than the printable width of A4 (210 mm less 2 x 16 mm margins).
    printable = round((210 - 32) / 25.4 * 96)
    page.set_viewport_size({"width": printable, "height": 1000})
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('main *')].map(e => e.scrollWidth))"
    )
    assert widest <= printable, f"something is {widest}px wide; A4 prints {printable}px"
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    # A4 is 595 x 842 points.
    assert boxes and all(
        round(float(w)) in (595, 596) and round(float(h)) in (842, 843) for w, h in boxes
    ), boxes


def test_printed_papers_show_their_addresses(page: Page, site: Site) -> None:
    _open(page, site, "agenda")
    page.emulate_media(media="print")
    after = page.evaluate(
        "[...document.querySelectorAll('a.paper')]"
        ".map(a => getComputedStyle(a, '::after').content).join(' ')"
    )
    assert "(https://example.org/strategy.pdf)" in after
