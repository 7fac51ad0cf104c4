"""Charts for the brief, drawn as SVG on the server: no JavaScript, sharp at any zoom, tagged as figures.

Each function returns markup built with format_html, so every label is escaped.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext_lazy

from scorecards.charts import grid_chart, summary_chart

INK = "#1d2b3a"
MUTED = "#5b6875"
GRID = "#d9dee3"
BAR = "#1f5f8b"
# The legend's words, in the brief's language: "High severity".
SEVERITY_COLOURS = [
    ("high", pgettext_lazy("chart legend", "High severity"), "#a4262c"),
    ("medium", pgettext_lazy("chart legend", "Medium severity"), "#d98c1f"),
    ("low", pgettext_lazy("chart legend", "Low severity"), "#9fb3c8"),
]

WIDTH = 640
LABEL_WIDTH = 250
ROW = 26
BAR_HEIGHT = 16
TOP = 8


def _truncate(text: str, limit: int = 46) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ticks(maximum: int) -> list[int]:
    if maximum <= 5:
        return list(range(0, maximum + 1))
    step = next(s for s in (2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000) if maximum / s <= 6)
    return list(range(0, maximum + step, step))


def _frame(title: str, description: str, height: int, body: SafeString, *, key: str) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="{w}" '
        'height="{h}" role="img" aria-labelledby="{id}-t {id}-d">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=height,
        id=f"chart-{key}",
        title=title,
        desc=description,
        body=body,
    )


def _axis(maximum: int, top: int, bottom: int) -> tuple[SafeString, float]:
    ticks = _ticks(maximum)
    scale = (WIDTH - LABEL_WIDTH - 40) / (ticks[-1] or 1)
    lines = format_html_join(
        "",
        '<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="{g}" stroke-width="1"/>'
        '<text x="{x}" y="{ty}" font-size="10" fill="{m}" text-anchor="middle">{v}</text>',
        (
            {
                "x": round(LABEL_WIDTH + v * scale, 1),
                "t": top,
                "b": bottom,
                "ty": bottom + 13,
                "g": GRID,
                "m": MUTED,
                "v": v,
            }
            for v in ticks
        ),
    )
    return lines, scale


def bar_chart(
    title: str, description: str, items: list[tuple[str, int]], *, key: str
) -> SafeString:
    """One horizontal bar per (label, value), with the value written at the bar's end."""
    if not items:
        return SafeString("")
    height = TOP + ROW * len(items) + 22
    axis, scale = _axis(max(v for _l, v in items), TOP - 4, TOP + ROW * len(items))
    bars = format_html_join(
        "",
        '<text x="{lx}" y="{ty}" font-size="11" fill="{ink}" text-anchor="end">{label}</text>'
        '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{bar}"/>'
        '<text x="{vx}" y="{ty}" font-size="11" fill="{ink}" font-weight="bold">{value}</text>',
        (
            {
                "lx": LABEL_WIDTH - 8,
                "ty": TOP + ROW * i + 5 + BAR_HEIGHT / 2 + 4,
                "ink": INK,
                "label": _truncate(label),
                "x": LABEL_WIDTH,
                "y": TOP + ROW * i + 5,
                "w": round(value * scale, 1),
                "h": BAR_HEIGHT,
                "bar": BAR,
                "vx": round(LABEL_WIDTH + value * scale + 5, 1),
                "value": value,
            }
            for i, (label, value) in enumerate(items)
        ),
    )
    return _frame(title, description, height, format_html("{}{}", axis, bars), key=key)


def stacked_severity_chart(
    title: str, description: str, rows: list[dict], *, key: str
) -> SafeString:
    """One bar per category, split by severity (high, medium, low), with a legend below."""
    if not rows:
        return SafeString("")
    body_bottom = TOP + ROW * len(rows)
    height = body_bottom + 48
    axis, scale = _axis(max(r["total"] for r in rows), TOP - 4, body_bottom)
    parts = [axis]
    for i, r in enumerate(rows):
        y = TOP + ROW * i + 5
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="end">{}</text>',
                LABEL_WIDTH - 8,
                y + BAR_HEIGHT / 2 + 4,
                INK,
                _truncate(r["label"]),
            )
        )
        x = LABEL_WIDTH
        for key, _label, colour in SEVERITY_COLOURS:
            if r[key]:
                width = round(r[key] * scale, 1)
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                        round(x, 1),
                        y,
                        width,
                        BAR_HEIGHT,
                        colour,
                    )
                )
                x += width
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" fill="{}" font-weight="bold">{}</text>',
                round(x + 5, 1),
                y + BAR_HEIGHT / 2 + 4,
                INK,
                r["total"],
            )
        )
    legend_y = body_bottom + 34
    for i, (_key, label, colour) in enumerate(SEVERITY_COLOURS):
        x = LABEL_WIDTH + i * 120
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>',
                x,
                legend_y - 10,
                colour,
                x + 17,
                legend_y,
                INK,
                label,
            )
        )
    return _frame(title, description, height, SafeString("".join(parts)), key=key)


def brief_charts(brief) -> dict[str, SafeString]:
    """The brief's charts, in the active language (render_brief_html sets the brief's)."""
    glance = brief.glance()
    categories = brief.by_category()
    return {
        "indicators_by_pillar": bar_chart(
            gettext("Indicators encoded, by pillar"),
            "; ".join(f"{r['pillar'].display_name}: {r['indicators']}" for r in glance),
            [(r["pillar"].display_name, r["indicators"]) for r in glance],
            key="indicators-encoded-by-pillar",
        ),
        "critiques_by_category": stacked_severity_chart(
            gettext("Published critiques, by category and severity"),
            "; ".join(
                gettext("%(category)s: %(total)d (%(high)d high, %(medium)d medium, %(low)d low)")
                % {
                    "category": r["label"],
                    "total": r["total"],
                    "high": r["high"],
                    "medium": r["medium"],
                    "low": r["low"],
                }
                for r in categories
            ),
            categories,
            key="published-critiques-by-category-and-severity",
        ),
        # How the plan compares (issue 12): the rubric's answers, criteria × plans and by dimension
        **(
            {
                "comparison_grid": grid_chart(brief.scorecards),
                "scorecard_summary": summary_chart(brief.scorecards, brief.plan),
            }
            if brief.scorecards is not None and brief.scorecards.rubric is not None
            else {}
        ),
    }
