"""The published pages in a real browser: no WCAG 2 A/AA violations that axe-core can
find, and a clean A4 print without the navigation."""

from __future__ import annotations

import io
import re
import string
import unicodedata
from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from pypdf import PdfReader

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
    """Open a public page, checking it loads and breaks none of its Content-Security-Policy
    (nothing the policy refused, in the console or as a violation event)."""
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(
        "window.__csp = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    response = page.goto(site.url + PAGES[name](site))
    assert response is not None
    assert response.status == (404 if name == "not found" else 200)
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert page.evaluate("window.__csp") == []
    assert not [m for m in console if "Content Security Policy" in m], console


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


# Phones and paper (issue 17, item 16) ----------------------------------------------------

#: An iPhone 12-15's viewport width, in CSS pixels.
PHONE = 390
#: What may stand either side of a word: punctuation, and curly quotes.
_MARKS = string.punctuation + "\u2018\u2019\u201c\u201d"
#: A4 in PDF points, either way the renderer rounds it.
A4_POINTS = ((595, 596), (841, 842, 843))


@pytest.mark.parametrize("name", ["family", "body", "minutes", "agenda"])
def test_a_phone_never_scrolls_the_page_sideways(page: Page, site: Site, name: str) -> None:
    page.set_viewport_size({"width": PHONE, "height": 844})
    _open(page, site, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE, f"the page is {width}px wide on a {PHONE}px phone"
    # What does not fit scrolls in its own box, which a keyboard can reach; axe agrees.
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def _pdf(pdf: bytes) -> list[str]:
    """The text of each page, after checking every page is A4."""
    reader = PdfReader(io.BytesIO(pdf))
    for sheet in reader.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert round(width) in A4_POINTS[0] and round(height) in A4_POINTS[1], (width, height)
    # NFKC: the PDF's ligatures (fi, ffi) read as the letters they join.
    return [unicodedata.normalize("NFKC", sheet.extract_text()) for sheet in reader.pages]


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", ["minutes", "body", "agenda"])
def test_printed_on_a4_words_stay_whole_and_nothing_is_stranded(
    page: Page, site: Site, name: str
) -> None:
    _open(page, site, name)
    page.emulate_media(media="print")
    cells = page.evaluate(
        "[...document.querySelectorAll('th, td')].map(e => "
        "[getComputedStyle(e).wordBreak, getComputedStyle(e).overflowWrap, e.innerText])"
    )
    assert cells or name == "agenda", "no table to check"  # an agenda has no table
    assert {(brk, wrap) for brk, wrap, _ in cells} <= {("normal", "normal")}
    headings = set(
        page.evaluate(
            "[...document.querySelectorAll('main h2, main h3, main h4, main caption')]"
            ".map(e => e.innerText.replace(/\\s+/g, ' ').trim())"
        )
    )
    footer = " ".join(page.inner_text("footer").split())
    pages = _pdf(page.pdf(format="A4", prefer_css_page_size=True))
    printed = {w.strip(_MARKS) for t in pages for w in t.split()}
    words = {
        w.strip(_MARKS)
        for _, _, text in cells
        for w in text.split()
        if len(w.strip(string.punctuation)) > 3 and w.isascii()
    }
    assert words - printed == set(), "words broken across lines in a table"
    for number, text in enumerate(pages[:-1], start=1):
        last = _lines(text)[-1]
        assert last not in headings, f"page {number} ends with the heading {last!r}"
    alone = [line for line in _lines(pages[-1]) if line not in footer]
    assert alone, "the last page holds only the footer"


def test_the_standalone_minutes_print_on_a4(page: Page, site: Site) -> None:
    response = page.goto(f"{site.url}/meetings/{site.minuted.meeting['id']}/minutes.html")
    assert response is not None and response.status == 200
    page.emulate_media(media="print")
    # No size asked for: the document's own @page says A4 (the default would be US Letter).
    pages = _pdf(page.pdf(prefer_css_page_size=True))
    text = " ".join(" ".join(pages).split())
    assert "Health and Wellbeing Board (HWB)" in text and "Record check" in text
    cells = page.evaluate(
        "[...document.querySelectorAll('th, td')].map(e => getComputedStyle(e).wordBreak)"
    )
    assert set(cells) == {"normal"}


def test_the_api_explorer_runs_under_its_content_security_policy(page: Page, site: Site) -> None:
    """Swagger UI (served from the installed package) draws the API under a policy that
    allows only its own start-up script, by hash."""
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    response = page.goto(f"{site.url}/api/v1/docs")
    assert response is not None and response.status == 200
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() > 20
    assert violations == []
