"""Inline SVG charts built on the server: data in, markup out, every label escaped.

No JavaScript: bars and nodes carry ``<title>`` tooltips, and nodes are links.
Layouts are deterministic, so the same data always draws the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from webapp.ingest.dates import MONTH_NAMES
from webapp.words import plural

#: colour-blind-safe (Okabe–Ito), one per country in alphabetical order; grey when unknown
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442", "#000000")
UNKNOWN_COLOUR = "#999999"
SVG_OPEN = Markup(
    '<svg xmlns="http://www.w3.org/2000/svg" class="{}" viewBox="0 0 {} {}" role="img" '
    'aria-labelledby="{}-title" preserveAspectRatio="xMidYMid meet"><title id="{}-title">{}</title>'
)


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    count: int

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"


@dataclass(frozen=True)
class Node:
    id: int
    name: str
    country: str | None
    meetings: int
    #: the person's page; without one the node is not a link
    href: str | None


@dataclass(frozen=True)
class Edge:
    source: int
    target: int
    weight: int


def svg_open(css_class: str, width: float, height: float, title: str) -> Markup:
    return SVG_OPEN.format(css_class, _num(width), _num(height), css_class, css_class, title)


def _num(value: float) -> str:
    """Coordinates with one decimal, without a trailing ``.0``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def empty_chart(css_class: str, title: str, message: str, width: int = 720) -> Markup:
    return svg_open(css_class, width, 60, title) + Markup(
        '<text x="{}" y="35" text-anchor="middle" class="empty">{}</text></svg>'
    ).format(_num(width / 2), message)


def timeline_svg(
    months: Sequence[MonthCount],
    *,
    width: int = 720,
    height: int = 220,
    max_months: int = 240,
    title: str = "Meetings per month",
) -> Markup:
    """One bar per month that has meetings, on a continuous month axis.

    The axis runs from the first to the last month given, keeping at most the
    last ``max_months`` of it.
    """
    if not months:
        return empty_chart("timeline", title, "No dated meetings yet.", width)
    last = max(m.index for m in months)
    first = max(min(m.index for m in months), last - max_months + 1)
    shown = sorted((m for m in months if m.index >= first), key=lambda m: m.index)
    slots = last - first + 1
    left, right, top, bottom = 40, 10, 14, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    slot_w = plot_w / slots
    bar_w = slot_w * 0.8 if slot_w > 4 else slot_w
    peak = max(m.count for m in shown)
    base = top + plot_h
    parts = [svg_open("timeline", width, height, title)]
    parts.append(
        Markup(
            '<line class="axis" x1="{l}" y1="{b}" x2="{r}" y2="{b}"/>'
            '<line class="grid" x1="{l}" y1="{t}" x2="{r}" y2="{t}"/>'
            '<text class="tick" x="{lx}" y="{ty}" text-anchor="end">{peak}</text>'
            '<text class="tick" x="{lx}" y="{by}" text-anchor="end">0</text>'
        ).format(
            l=left,
            r=width - right,
            b=_num(base),
            t=top,
            lx=left - 6,
            ty=top + 4,
            by=_num(base),
            peak=f"{peak:,}",
        )
    )
    for m in shown:
        bar_h = max(1.0, plot_h * m.count / peak)
        x = left + (m.index - first) * slot_w + (slot_w - bar_w) / 2
        parts.append(
            Markup(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}">'
                "<title>{}: {}</title></rect>"
            ).format(
                _num(x),
                _num(base - bar_h),
                _num(bar_w),
                _num(bar_h),
                m.label,
                plural(m.count, "meeting"),
            )
        )
    parts.extend(_year_labels(first, last, left, slot_w, base + 16))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _year_labels(first: int, last: int, left: float, slot_w: float, y: float) -> list[Markup]:
    """A label at each January (and at the start), thinned so that at most ~12 show."""
    years = range(first // 12, last // 12 + 1)
    step = max(1, math.ceil(len(years) / 12))
    labels = []
    for year in years[::step]:
        index = max(year * 12, first)
        x = left + (index - first) * slot_w
        labels.append(
            Markup('<line class="tick-mark" x1="{x}" y1="{y1}" x2="{x}" y2="{y2}"/>').format(
                x=_num(x), y1=_num(y - 16), y2=_num(y - 11)
            )
        )
        labels.append(
            Markup('<text class="tick" x="{}" y="{}">{}</text>').format(_num(x), _num(y), year)
        )
    return labels


def circle_layout(nodes: Sequence[Node], cx: float, cy: float, radius: float) -> dict[int, tuple]:
    """Nodes on a circle, ordered by country then name, starting at the top, clockwise."""
    ordered = sorted(nodes, key=lambda n: (n.country is None, n.country or "", n.name, n.id))
    count = len(ordered)
    positions = {}
    for i, node in enumerate(ordered):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        positions[node.id] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    return positions


def country_colours(nodes: Sequence[Node]) -> dict[str | None, str]:
    countries = sorted({n.country for n in nodes if n.country})
    colours: dict[str | None, str] = {
        country: PALETTE[i % len(PALETTE)] for i, country in enumerate(countries)
    }
    colours[None] = UNKNOWN_COLOUR
    return colours


def network_svg(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    *,
    width: int = 760,
    height: int = 520,
    title: str = "Who met whom",
) -> Markup:
    """People on a circle, linked by shared meetings; node area and line width grow with counts."""
    if not nodes:
        return empty_chart("network", title, "No meetings with known participants yet.", width)
    colours = country_colours(nodes)
    legend: list[str | None] = sorted({n.country for n in nodes if n.country})
    if any(n.country is None for n in nodes):
        legend.append(None)
    legend_h = 18 * len(legend) + 10
    radius = min(width / 2 - 190, height / 2 - 30)
    positions = circle_layout(nodes, width / 2, height / 2, radius)
    names = {n.id: n.name for n in nodes}
    most_meetings = max(n.meetings for n in nodes)
    heaviest = max((e.weight for e in edges), default=1)
    parts = [svg_open("network", width, height + legend_h, title)]
    for edge in sorted(edges, key=lambda e: (e.weight, e.source, e.target)):
        if edge.source not in positions or edge.target not in positions:
            continue
        (x1, y1, _), (x2, y2, _) = positions[edge.source], positions[edge.target]
        pair = sorted((names[edge.source], names[edge.target]))
        width = 1 + 5 * (edge.weight - 1) / max(1, heaviest - 1)
        parts.append(
            Markup(
                '<line class="edge" x1="{}" y1="{}" x2="{}" y2="{}" stroke-width="{}">'
                "<title>{} – {}: {}</title></line>"
            ).format(
                _num(x1),
                _num(y1),
                _num(x2),
                _num(y2),
                _num(width),
                pair[0],
                pair[1],
                plural(edge.weight, "shared meeting"),
            )
        )
    for node in nodes:
        x, y, angle = positions[node.id]
        r = 4 + 10 * math.sqrt(node.meetings / most_meetings)
        label_x = x + (r + 4) * math.cos(angle)
        label_y = y + (r + 4) * math.sin(angle) + 4
        anchor = (
            "start" if math.cos(angle) > 0.01 else "end" if math.cos(angle) < -0.01 else "middle"
        )
        who = f"{node.name} ({node.country})" if node.country else node.name
        parts.append(
            Markup(
                '{}<title>{}: {}</title><circle cx="{}" cy="{}" r="{}" fill="{}"/>'
                '<text x="{}" y="{}" text-anchor="{}">{}</text>{}'
            ).format(
                Markup('<a class="node" href="{}">').format(node.href)
                if node.href
                else Markup('<g class="node">'),
                who,
                plural(node.meetings, "meeting"),
                _num(x),
                _num(y),
                _num(r),
                colours[node.country],
                _num(label_x),
                _num(label_y),
                anchor,
                node.name,
                Markup("</a>" if node.href else "</g>"),
            )
        )
    for i, country in enumerate(legend):
        y = height + 14 + 18 * i
        parts.append(
            Markup(
                '<g class="legend"><circle cx="16" cy="{}" r="6" fill="{}"/>'
                '<text x="28" y="{}">{}</text></g>'
            ).format(_num(y - 4), colours[country], _num(y), country or "country unknown")
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
