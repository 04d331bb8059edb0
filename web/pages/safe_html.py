"""Markdown the record holds (the minutes' `markdown`, which quotes what clerks typed) turned
into HTML that is safe to put in any page: raw HTML in the text stays text, and only
http(s) and mailto links survive. Templates use it as the `markdown` filter."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

#: The tags Markdown makes of ordinary text; anything else is removed by the sanitiser.
ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
#: No `style` attributes: the Content-Security-Policy forbids inline styles.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

# CommonMark with tables, and raw HTML in the text treated as text (escaped), not markup.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


def markdown_html(text: str, shift_headings: int = 0) -> Markup:
    """Safe HTML for Markdown: escaped raw HTML, no scripts, no `javascript:` links.
    `shift_headings` sets its headings that many levels lower (under a page's own h1)."""
    tokens = _MARKDOWN.parse(text)
    for token in tokens:
        if shift_headings and token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift_headings)}"
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(cleaned)  # sanitised just above
