"""Scorecard charts as server-side SVG (as the brief's, briefs/charts.py): no JavaScript, sharp at
any zoom, each a figure with a title and a description; every label escaped by format_html.
Colour is never the only sign: each mark carries its symbol, and the legend names them."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext_lazy

from scorecards.models import Rating

INK = "#1d2b3a"
MUTED = "#5b6875"
# Colours chosen for contrast with white symbols (≥ 4.5:1) and to be told apart without hue
RATINGS = [
    (Rating.GOOD, pgettext_lazy("scorecard legend", "Yes / good"), "#1e6b43", "✓"),
    (Rating.PARTIAL, pgettext_lazy("scorecard legend", "Partly / modest"), "#8a5a00", "◐"),
    (Rating.POOR, pgettext_lazy("scorecard legend", "No / poor"), "#a4262c", "✗"),
    (Rating.UNKNOWN, pgettext_lazy("scorecard legend", "Not known"), "#5b6875", "?"),
]
COLOURS = {rating: colour for rating, _label, colour, _symbol in RATINGS}
SYMBOLS = {rating: symbol for rating, _label, _colour, symbol in RATINGS}
WIDTH = 640


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _frame(
    title: str, description: str, height: int, body: SafeString, *, key: str, width: int = WIDTH
) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" '
        'role="img" aria-labelledby="{id}-t {id}-d">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>{body}</svg>',
        w=width,
        h=height,
        id=f"chart-{key}",
        title=title,
        desc=description,
        body=body,
    )


def _legend(y: int, *, per_line: int = 4, step: int = 150, size: int = 11) -> SafeString:
    return format_html_join(
        "",
        '<rect x="{x}" y="{y}" width="14" height="14" fill="{c}"/>'
        '<text x="{tx}" y="{ty}" font-size="{small}" fill="#fff" text-anchor="middle">{s}</text>'
        '<text x="{lx}" y="{ty}" font-size="{size}" fill="{ink}">{label}</text>',
        (
            {
                "x": 10 + (i % per_line) * step,
                "y": y + (i // per_line) * 20,
                "c": colour,
                "tx": 17 + (i % per_line) * step,
                "ty": y + (i // per_line) * 20 + 11,
                "s": symbol,
                "lx": 30 + (i % per_line) * step,
                "ink": INK,
                "label": label,
                "size": size,
                "small": size - 1,
            }
            for i, (_rating, label, colour, symbol) in enumerate(RATINGS)
        ),
    )


# The phone's version of the summary chart (issue 23): drawn 360 units wide, so that at a 390 px
# screen its text is at its own size (the 640-unit chart shrank 11-unit text to 6 px).
NARROW = 360


def summary_chart(scorecards, plan, *, narrow: bool = False) -> SafeString:
    """One bar per dimension, split by how the plan's criteria are answered. `narrow`: the
    phone's version, each dimension's name above its bar and the text at 13-14 units."""
    width = NARROW if narrow else WIDTH
    label_width, row = (10, 48) if narrow else (200, 26)
    bar_width = width - label_width - (10 if narrow else 20)
    label_size, mark_size = (14, 13) if narrow else (12, 11)
    bar_top = 20 if narrow else 0
    bars, described = [], []
    for index, group in enumerate(scorecards.groups):
        counts = dict.fromkeys([r for r, *_rest in RATINGS], 0)
        for criterion_row in group.rows:
            for cell in criterion_row.cells:
                if cell.plan.pk == plan.pk:
                    counts[cell.rating] += 1
        total = sum(counts.values()) or 1
        y = 8 + index * row
        x = label_width
        segments = []
        bar_y = y + bar_top
        for rating, _label, colour, symbol in RATINGS:
            segment = bar_width * counts[rating] / total
            if counts[rating]:
                segments.append(
                    format_html(
                        '<rect x="{x}" y="{y}" width="{w}" height="18" fill="{c}"/>'
                        '<text x="{tx}" y="{ty}" font-size="{size}" fill="#fff" '
                        'text-anchor="middle">{s} {n}</text>',
                        x=round(x, 1),
                        y=bar_y,
                        w=round(segment, 1),
                        c=colour,
                        tx=round(x + segment / 2, 1),
                        ty=bar_y + 13,
                        size=mark_size,
                        s=symbol,
                        n=counts[rating],
                    )
                )
            x += segment
        bars.append(
            format_html(
                '<text x="{lx}" y="{ty}" font-size="{size}" fill="{ink}" text-anchor="{anchor}">'
                "{label}</text>{segments}",
                lx=label_width if narrow else label_width - 8,
                ty=y + 13,
                size=label_size,
                anchor="start" if narrow else "end",
                ink=INK,
                label=_truncate(group.label, 44 if narrow else 30),
                segments=format_html_join("", "{}", ((s,) for s in segments)),
            )
        )
        described.append(
            gettext(
                "%(dimension)s: %(good)d good, %(partial)d partial, %(poor)d poor, %(unknown)d not known"
            )
            % {"dimension": group.label, **counts}
        )
    legend_height = 50 if narrow else 30
    height = 8 + len(scorecards.groups) * row + legend_height
    legend = (
        _legend(height - legend_height + 6, per_line=2, step=175, size=13)
        if narrow
        else _legend(height - 22)
    )
    body = format_html("{}{}", format_html_join("", "{}", ((b,) for b in bars)), legend)
    return _frame(
        gettext("How %(plan)s answers the rubric, by dimension") % {"plan": plan.country_name},
        "; ".join(described),
        height,
        body,
        key=f"summary-{plan.slug}{'-narrow' if narrow else ''}",
        width=width,
    )


def grid_chart(scorecards) -> SafeString:
    """Criteria (rows) × plans (columns): each answer as a coloured mark with its symbol."""
    plans = scorecards.plans
    label_width, row, top = 250, 20, 34
    column = (WIDTH - label_width - 10) / max(len(plans), 1)
    heads = format_html_join(
        "",
        '<text x="{x}" y="22" font-size="11" fill="{ink}" text-anchor="middle">{name}</text>',
        (
            {
                "x": round(label_width + column * (i + 0.5), 1),
                "ink": INK,
                "name": _truncate(f"{plan.country_name} {plan.year or ''}".strip(), 18),
            }
            for i, plan in enumerate(plans)
        ),
    )
    marks, described = [], []
    for r, criterion_row in enumerate(scorecards.rows):
        y = top + r * row
        marks.append(
            format_html(
                '<text x="{x}" y="{y}" font-size="11" fill="{ink}" text-anchor="end">{label}</text>',
                x=label_width - 8,
                y=y + 13,
                ink=INK,
                label=_truncate(criterion_row.criterion.label, 38),
            )
        )
        for c, cell in enumerate(criterion_row.cells):
            cx = label_width + column * (c + 0.5)
            marks.append(
                format_html(
                    '<rect x="{x}" y="{y}" width="28" height="16" rx="3" fill="{fill}"/>'
                    '<text x="{cx}" y="{ty}" font-size="11" fill="#fff" text-anchor="middle">{s}'
                    "</text>",
                    x=round(cx - 14, 1),
                    y=y + 1,
                    fill=COLOURS[cell.rating],
                    cx=round(cx, 1),
                    ty=y + 13,
                    s=SYMBOLS[cell.rating],
                )
            )
        described.append(
            f"{criterion_row.criterion.label}: "
            + ", ".join(f"{cell.plan.country_name} {cell.label}" for cell in criterion_row.cells)
        )
    height = top + len(scorecards.rows) * row + 34
    body = format_html(
        "{}{}{}",
        heads,
        format_html_join("", "{}", ((m,) for m in marks)),
        _legend(height - 22),
    )
    return _frame(
        gettext("Criteria by plan"),
        "; ".join(described),
        height,
        body,
        key="grid",
    )
