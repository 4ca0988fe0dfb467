"""Charts as PNG images: the radar (spider) chart of the competence profile.

Rendering is CPU work of a tenth of a second or more: ``radar_png`` runs it in a worker thread
(``asyncio.to_thread``) so the event loop keeps answering other people meanwhile. Matplotlib is
used through its object-oriented API with the Agg backend (no pyplot, no global figure state);
renders are serialised by a lock, since matplotlib does not promise thread safety.
"""

from __future__ import annotations

import asyncio
import io
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.projections.polar import PolarAxes

_lock = threading.Lock()


def new_figure(**kwargs: Any) -> Figure:
    """A figure on the Agg backend. Matplotlib is imported here, on the first chart, not at
    start-up (it is ~40 MB of a worker's memory: issue 14)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(**kwargs)

CURRENT = "#1f6fb2"
PREVIOUS = "#8c8c8c"
THRESHOLD = "#d0453a"
GRID = "#c9ced6"


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    values: Sequence[float]  # percentages, one per axis


def _wrap(text: str, width: int = 14) -> str:
    """Break a long axis label into lines (a Russian word like «психолого-педагогические»
    is split at its hyphen)."""
    words = text.replace("-", "- ").split()
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + len(word) + 1 <= width and not lines[-1].endswith("-"):
            lines[-1] += " " + word
        elif lines and lines[-1].endswith("-") and len(lines[-1]) + len(word) <= width:
            lines[-1] += word
        else:
            lines.append(word)
    return "\n".join(lines)


def render_radar(
    axes: Sequence[str],
    series: Sequence[Series],
    threshold: float | None = None,
    threshold_label: str | None = None,
    size: tuple[float, float] = (7.8, 6.2),
    dpi: int = 110,
) -> bytes:
    """The last series is the current one (filled); earlier ones are drawn as dashed outlines."""
    n = len(axes)
    if n < 3:
        raise ValueError("a radar chart needs at least three axes")
    angles = [2 * math.pi * i / n for i in range(n)]
    closed = [*angles, angles[0]]
    with _lock:
        fig = new_figure(figsize=size, dpi=dpi)
        fig.patch.set_facecolor("white")
        ax = cast("PolarAxes", fig.add_subplot(projection="polar"))
        ax.set_theta_offset(math.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_ylim(0, 100)
        ax.set_yticks([])
        ax.yaxis.grid(False)
        ax.spines["polar"].set_visible(False)
        ax.set_xticks(angles)
        ax.set_xticklabels([])
        ax.xaxis.grid(True, color=GRID, linewidth=0.8)
        # polygonal grid with its percentages
        for r in (25, 50, 75, 100):
            ax.plot(closed, [r] * (n + 1), color=GRID, linewidth=0.8, zorder=1)
            ax.text(0, r, f" {r} %", color="#7a818c", fontsize=8, ha="left", va="bottom",
                    zorder=2)
        if threshold is not None:
            ax.plot(closed, [threshold] * (n + 1), color=THRESHOLD, linewidth=1.2,
                    linestyle=(0, (4, 3)), zorder=3, label=threshold_label)
        for i, s in enumerate(series):
            values = [max(0.0, min(100.0, float(v))) for v in s.values]
            ring = [*values, values[0]]
            current = i == len(series) - 1
            color = CURRENT if current else PREVIOUS
            ax.plot(closed, ring, color=color, linewidth=2.4 if current else 1.6,
                    linestyle="-" if current else (0, (5, 3)), zorder=5 if current else 4,
                    label=s.label, marker="o" if current else None, markersize=5)
            ax.fill(closed, ring, color=color, alpha=0.22 if current else 0.06,
                    zorder=4)
        current_values = list(series[-1].values) if series else [0.0] * n
        for angle, name, value in zip(angles, axes, current_values, strict=False):
            side = math.sin(angle)  # screen x: the chart starts at the top, clockwise
            ha = "left" if side > 0.3 else "right" if side < -0.3 else "center"
            ax.text(angle, 108 if ha != "center" else 118, f"{_wrap(name)}\n{round(value)} %",
                    ha=ha, va="center", fontsize=10.5, color="#1d2430", fontweight="bold",
                    zorder=6, multialignment="center")
        handles, _labels = ax.get_legend_handles_labels()
        if handles:
            fig.legend(loc="lower center", ncol=min(len(handles), 3), frameon=False,
                       fontsize=9)
        fig.subplots_adjust(left=0.24, right=0.76, top=0.84, bottom=0.2)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", facecolor="white")
        fig.clear()
    return buf.getvalue()


async def radar_png(
    axes: Sequence[str],
    series: Sequence[Series],
    threshold: float | None = None,
    threshold_label: str | None = None,
) -> bytes:
    """Render off the event loop."""
    return await asyncio.to_thread(render_radar, list(axes), list(series), threshold,
                                   threshold_label)
