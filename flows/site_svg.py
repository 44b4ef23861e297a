"""Charts as inline SVG, drawn by hand: no script, no library, nothing to fetch.

The landing page must open offline and be the same bytes for the same data, so the two chart
shapes it needs are a few rectangles and labels computed here. Each data mark is a
`<rect class="mark">` with a `<title>` tooltip, one per non-empty group, which the tests count.
Sizes are SVG user units; the SVG scales to the page width.
"""
from __future__ import annotations

import html
import math
from collections.abc import Mapping

_WIDTH, _BAR_HEIGHT, _MARGIN, _AXIS, _ROW, _HEADER = 720, 220, 8, 36, 22, 26
_MAX_X_LABELS, _CHAR_WIDTH, _MAX_ROW_LABEL = 12, 7, 28
_GRID, _BACKGROUND, _DARK, _LIGHT = "#d0d7de", "#f6f8fa", "#1b1f24", "#ffffff"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _count(n: int) -> str:
    return f"{n:,}"


def _svg(height: float, content: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {_WIDTH} {height:.0f}" role="img" '
        f'font-family="system-ui, sans-serif" font-size="11">{content}</svg>'
    )


def stacked_bars(labels: list[str], stacks: list[list[tuple[str, int]]], colours: Mapping[str, str]) -> str:
    """One column per label (at least one); one `mark` rect per non-empty (label, series), stacked bottom-up."""
    tallest = max(1, *(sum(n for _, n in stack) for stack in stacks))
    step = _nice_step(tallest)
    top = math.ceil(tallest / step) * step
    left, bottom = _AXIS, _MARGIN + _BAR_HEIGHT
    slot = (_WIDTH - left - _MARGIN) / len(labels)
    scale = _BAR_HEIGHT / top
    parts = [_y_axis(left, bottom, top, step, scale)]
    shown = _labelled(len(labels), math.ceil(len(labels) / _MAX_X_LABELS))
    for index, (label, stack) in enumerate(zip(labels, stacks, strict=True)):
        x, height = left + index * slot, 0.0
        for series, n in stack:
            y = bottom - (height + n) * scale
            parts.append(
                f'<rect class="mark" x="{x + slot * 0.1:.1f}" y="{y:.1f}" width="{slot * 0.8:.1f}" height="{n * scale:.1f}" '
                f'fill="{_e(colours[series])}"><title>{_e(label)} · {_e(series)}: {_count(n)}</title></rect>'
            )
            height += n
        if index in shown:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{bottom + 16}" text-anchor="middle">{_e(label)}</text>')
    return _svg(bottom + 24, "".join(parts))


def _labelled(count: int, every: int) -> set[int]:
    """Every `every`-th axis label, and always the last one (the latest period, or "no year")."""
    last = count - 1
    return {index for index in range(0, count, every) if index <= last - every} | {last}


def _y_axis(left: float, bottom: float, top: int, step: int, scale: float) -> str:
    ticks = []
    for value in range(0, top + 1, step):
        y = bottom - value * scale
        ticks.append(
            f'<line x1="{left}" x2="{_WIDTH - _MARGIN}" y1="{y:.1f}" y2="{y:.1f}" stroke="{_GRID}"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{_count(value)}</text>'
        )
    return "".join(ticks)


def _nice_step(maximum: int, ticks: int = 4) -> int:
    """A 1-2-5 step giving about `ticks` gridlines: 0, 5, 10 rather than 0, 3.25, 6.5."""
    raw = max(1.0, maximum / ticks)
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(int(m * magnitude) for m in (1, 2, 5, 10) if m * magnitude >= raw)


def heatmap(rows: list[str], columns: list[str], grid: list[list[int]], colours: tuple[str, str]) -> str:
    """One `mark` rect per non-zero cell of `grid` (rows × columns, at least one each), shaded by count."""
    room = min(max(len(row) for row in rows), _MAX_ROW_LABEL)  # long labels are cut, not the grid
    left = _MARGIN + _CHAR_WIDTH * room
    cell = min(60.0, (_WIDTH - left - _MARGIN) / len(columns))
    most = max(1, *(max(line) for line in grid))
    shown = _labelled(len(columns), math.ceil(_CHAR_WIDTH * max(len(column) for column in columns) / max(cell - 2, 1.0)))
    last = len(columns) - 1
    parts = [_column_heading(left + index * cell, cell, column, index == last) for index, column in enumerate(columns) if index in shown]
    parts.append(f'<rect x="{left}" y="{_HEADER}" width="{cell * len(columns):.1f}" height="{_ROW * len(rows)}" fill="{_BACKGROUND}"/>')
    for row_index, (row, line) in enumerate(zip(rows, grid, strict=True)):
        y = _HEADER + row_index * _ROW
        parts.append(f'<text x="{left - 6}" y="{y + _ROW / 2 + 4:.1f}" text-anchor="end">{_e(_cut(row, room))}</text>')
        for index, n in enumerate(line):
            if n:
                parts.append(_heat_cell(left + index * cell, y, cell, n / most, f"{row} · {columns[index]}", n, colours))
    return _svg(_HEADER + _ROW * len(rows) + _MARGIN, "".join(parts))


def _column_heading(x: float, width: float, label: str, last: bool) -> str:
    """Centred over its column; the last one right-aligned when wider, so it stays inside the chart."""
    anchor, at = ("end", x + width) if last and _CHAR_WIDTH * len(label) > width else ("middle", x + width / 2)
    return f'<text x="{at:.1f}" y="{_HEADER - 8}" text-anchor="{anchor}">{_e(label)}</text>'


def _heat_cell(x: float, y: float, width: float, share: float, label: str, n: int, colours: tuple[str, str]) -> str:
    shade = 0.15 + 0.85 * share  # the smallest count must still show against the background
    text = (
        f'<text x="{x + width / 2:.1f}" y="{y + _ROW / 2 + 4:.1f}" text-anchor="middle" '
        f'fill="{_LIGHT if shade > 0.55 else _DARK}">{_count(n)}</text>'
        if width >= _CHAR_WIDTH * (len(_count(n)) + 1)
        else ""
    )
    return (
        f'<rect class="mark" x="{x + 1:.1f}" y="{y + 1:.1f}" width="{width - 2:.1f}" height="{_ROW - 2}" '
        f'fill="{_mix(*colours, shade)}"><title>{_e(label)}: {_count(n)}</title></rect>{text}'
    )


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _mix(low: str, high: str, share: float) -> str:
    """The colour `share` of the way from `low` to `high` (both #rrggbb)."""
    channels = [round(int(low[i : i + 2], 16) * (1 - share) + int(high[i : i + 2], 16) * share) for i in (1, 3, 5)]
    return "#" + "".join(f"{channel:02x}" for channel in channels)
