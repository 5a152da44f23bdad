"""The office report's charts, drawn at build time as SVG with pygal and inlined in the page.

Nothing is fetched from another host: pygal's tooltip script (which it links from its own
web site by default) is switched off with ``js=[]``, and the small configuration script,
the generator comments (they carry the day of the build) and the random chart id are taken
out, so that the same figures always give the same bytes.
"""

from __future__ import annotations

import pygal
from pygal.style import Style

from .report import Interpretation, Scope

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
ON_TIME, LATE, WAITING, LIMIT = "#2e7d32", "#c62828", "#6a1b1a", "#bdbdbd"
# Tableau 10 (chosen to stay apart for colour-blind readers too), then two darker extras.
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#e15759", "#edc948", "#9c755f",
           "#ff9da7", "#bab0ac", "#1f3b73", "#7a5c00")
MOST_DELAYS_SHOWN = 20
LABEL_CHARS = 16

_STYLE = Style(font_family=FONT, background="#ffffff", plot_background="#ffffff", foreground="#212121",
               foreground_strong="#212121", foreground_subtle="#757575", colors=PALETTE,
               label_font_size=12, major_label_font_size=12, legend_font_size=13, title_font_size=15,
               value_font_size=11, opacity="0.95", opacity_hover="1", tooltip_font_size=12, no_data_font_size=16)


# The delay chart's legend: the grey of the limits, the green of a delay in time (late and waiting bars are
# coloured one by one).
_DELAY_STYLE = _STYLE.__class__(**{**_STYLE.__dict__, "colors": (LIMIT, ON_TIME)})


def _strip_scripts_and_comments(root):
    """An XML filter: the inline configuration script and the dated comments go."""
    # Collected first: removing while walking skips elements under lxml (which pygal uses when installed).
    doomed = [(parent, child) for parent in root.iter() for child in parent
              if not isinstance(child.tag, str) or child.tag.rsplit("}", 1)[-1] == "script"]
    for parent, child in doomed:
        parent.remove(child)
    return root


def _render(chart, chart_id: str) -> str:
    chart.uuid = chart_id                  # pygal picks a random one; ids must be stable and unique
    chart.xml_filters.append(_strip_scripts_and_comments)
    return chart.render(is_unicode=True)


def _options(title: str, height: int) -> dict:
    return dict(title=title, style=_STYLE, js=[], disable_xml_declaration=True, width=960, height=height, legend_at_bottom=True,
                legend_at_bottom_columns=4, print_values=False, no_data_text="暂无数据",
                show_y_guides=True, truncate_legend=-1, truncate_label=-1)


def publications_chart(scope: Scope, months: list[str]) -> str | None:
    """Publications per month, stacked by column (the calendar table beside it has the numbers);
    None when nothing was published (pygal cannot stack no series)."""
    if not any(sum(column.per_month) for column in scope.columns):
        return None
    chart = pygal.StackedBar(x_label_rotation=0, x_labels_major_every=3, show_minor_x_labels=False,
                             **_options("各栏目每月发布信息数", 420))
    chart.x_labels = months
    chart.y_labels = _whole_numbers(max((sum(month) for month in zip(*(c.per_month for c in scope.columns))), default=0))
    for column in scope.columns:
        if sum(column.per_month):
            chart.add(column.name, column.per_month)
    return _render(chart, f"{scope.id}-publications")


def delay_chart(scope: Scope, today: str = "") -> str | None:
    """解读时滞 per policy, the longest first, each bar beside a grey one for its time limit: in time green,
    late red, and the policies still without an interpretation (days since published) a darker red.
    Labels keep the start and the end of each title, and a 索引号 when two would still read alike.
    None when there is neither a delay nor a policy waiting."""
    interpretation: Interpretation = scope.interpretation
    rows = [(delay, False) for delay in interpretation.delays] + [(delay, True) for delay in interpretation.waiting]
    if not rows:
        return None
    rows = sorted(rows, key=lambda row: (-row[0].days, row[0].policy.index_no or ""))[:MOST_DELAYS_SHOWN]
    height = 160 + 40 * max(len(rows), 3)
    labels = _distinct_labels([delay.policy for delay, _ in reversed(rows)])
    chart = pygal.HorizontalBar(**{**_options("解读时滞（天）" + (f"，统计日 {today}" if today else ""), height),
                                   "print_values": True, "legend_at_bottom_columns": 3, "style": _DELAY_STYLE,
                                   "margin_left": _wide_text_room(labels, _STYLE.label_font_size)})
    chart.x_labels = labels
    chart.y_labels = _whole_numbers(max((max(delay.days, delay.limit) for delay, _ in rows), default=0))
    chart.add("时限（天）", [{"value": delay.limit, "color": LIMIT} for delay, _ in reversed(rows)])
    chart.add("解读时滞（天；无解读的为发布至今）", [
        {"value": delay.days, "color": WAITING if waiting else LATE if delay.late else ON_TIME,
         "label": ("尚无解读，" if waiting else "") + f"时限 {delay.limit} {delay.unit}"} for delay, waiting in reversed(rows)])
    return _render(chart, f"{scope.id}-delays")


def _distinct_labels(policies) -> list[str]:
    labels = [_short(policy.title) for policy in policies]
    repeated = {label for label in labels if labels.count(label) > 1}
    return [f"{label}（{policy.index_no}）" if label in repeated and policy.index_no else label
            for label, policy in zip(labels, policies)]


def _wide_text_room(labels: list[str], font_size: int) -> int:
    """pygal sizes labels as if every character were 0.6 em wide; a Chinese character is 1 em.
    The difference becomes extra left margin, or long titles are cut off at the edge."""
    wide = max((sum(1 for ch in label if ord(ch) >= 0x2E80) for label in labels), default=0)
    return 10 + int(0.4 * font_size * wide + 0.5)


def _whole_numbers(top: int, most: int = 10) -> list[int]:
    """Axis marks for counts: whole numbers only, at most about `most` of them."""
    step = max(1, -(-top // most))
    return list(range(0, max(top, 1) + step, step))


def _short(title: str) -> str:
    """The start and the end of a long title: 《…》政策解读 and 关于…的通知 differ in the middle."""
    if len(title) <= LABEL_CHARS:
        return title
    head = (LABEL_CHARS - 1) // 2
    return title[:head] + "…" + title[-(LABEL_CHARS - 1 - head):]
