"""A bar chart drawn on the server as SVG: no script, nothing from another host, and
accessible (role="img" with a <title> and a <desc> that say every number; the page shows
the numbers again in a table). Each bar is one row of stacked parts, each part labelled
with its count, so nothing is told by colour alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

#: Width of the drawing (it scales to the page: viewBox), a bar's height, a row's.
WIDTH, BAR, GAP = 640, 28, 40


@dataclass(frozen=True)
class Part:
    """One kind counted in every bar: its name, fill and the colour of its number."""

    name: str
    fill: str
    ink: str


@dataclass(frozen=True)
class Bar:
    label: str
    counts: Sequence[int]


def stacked_bars(
    chart_id: str, title: str, parts: Sequence[Part], bars: Sequence[Bar], unit: str
) -> Markup:
    """Bars of equal length per total (the longest total fills the width), one per row,
    the row's label above it; a legend at the foot."""
    most = max((sum(b.counts) for b in bars), default=0) or 1
    rows = []
    y = 8
    for bar in bars:
        total = sum(bar.counts)
        rows.append(
            f'<text x="0" y="{y + 14}" class="chart-label">{escape(bar.label)} '
            f"({total} {escape(unit)})</text>"
        )
        y += 20
        x = 0.0
        if total == 0:
            rows.append(
                f'<rect x="0" y="{y}" width="{WIDTH}" height="{BAR}" fill="#ffffff" '
                f'stroke="#505a5f" stroke-dasharray="4 3"/>'
                f'<text x="8" y="{y + 19}" class="chart-count" fill="#0b0c0c">none</text>'
            )
        for part, count in zip(parts, bar.counts, strict=True):
            if not count:
                continue
            width = WIDTH * count / most
            rows.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" '
                f'fill="{part.fill}" stroke="#ffffff" stroke-width="1">'
                f"<title>{escape(bar.label)}: {count} {escape(part.name)}</title></rect>"
            )
            if width >= 18:
                rows.append(
                    f'<text x="{x + width / 2:.1f}" y="{y + 19}" text-anchor="middle" '
                    f'class="chart-count" fill="{part.ink}">{count}</text>'
                )
            x += width
        y += GAP
    legend = []
    lx = 0
    for part in parts:
        legend.append(
            f'<rect x="{lx}" y="{y + 4}" width="16" height="16" fill="{part.fill}" '
            f'stroke="#0b0c0c"/><text x="{lx + 22}" y="{y + 17}" class="chart-legend">'
            f"{escape(part.name)}</text>"
        )
        lx += 24 + 9 * len(part.name) + 16
    height = y + 28
    desc = "; ".join(
        f"{bar.label}: "
        + ", ".join(f"{c} {p.name}" for p, c in zip(parts, bar.counts, strict=True))
        for bar in bars
    )
    width = max(WIDTH, lx)
    return Markup(
        f'<svg id="{escape(chart_id)}" class="chart" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
        + "".join(rows)
        + "".join(legend)
        + "</svg>"
    )
