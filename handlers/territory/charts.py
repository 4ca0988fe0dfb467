"""Bar charts of a scope as PNG (matplotlib, Agg, object-oriented API), rendered in a worker
thread by ``png`` so the event loop keeps answering meanwhile; renders share the lock of
handlers.charts (matplotlib does not promise thread safety)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from handlers.charts import _lock, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SCOPE = "#1f6fb2"
ABOVE = "#8c8c8c"
BAR = "#2e8b57"


def _save(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", facecolor="white")
    fig.clear()
    return buf.getvalue()


def groups_vs_above(title: str, labels: Sequence[str], scope_label: str,
                    scope: Sequence[float], above_label: str | None,
                    above: Sequence[float] | None) -> bytes:
    """Grouped bars: the share with a deficit in each group, the scope against the level
    above."""
    with _lock:
        fig = new_figure(figsize=(8, 4.8), dpi=100)
        ax = fig.add_subplot()
        xs = list(range(len(labels)))
        width = 0.38 if above is not None else 0.6
        shift = width / 2 if above is not None else 0
        bars = ax.bar([x - shift for x in xs], scope, width, label=scope_label, color=SCOPE)
        ax.bar_label(bars, fmt="%d %%", fontsize=9)
        if above is not None:
            more = ax.bar([x + shift for x in xs], above, width, label=above_label, color=ABOVE)
            ax.bar_label(more, fmt="%d %%", fontsize=9)
        ax.set_xticks(xs, [lbl.replace("-", "-\n") for lbl in labels], fontsize=9)
        ax.set_ylim(0, 110)
        ax.set_ylabel("%")
        ax.set_title(title, fontsize=11)
        ax.legend(frameon=False, fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        return _save(fig)


def horizontal(title: str, labels: Sequence[str], values: Sequence[float],
               unit: str = "") -> bytes:
    """One horizontal bar per label (ИОМ statuses, units of the scope)."""
    with _lock:
        height = max(2.6, 0.34 * len(labels) + 1.2)
        fig = new_figure(figsize=(8, height), dpi=100)
        ax = fig.add_subplot()
        ys = list(range(len(labels)))
        bars = ax.barh(ys, values, color=BAR)
        ax.bar_label(bars, fmt=f"%g{unit}", fontsize=8, padding=2)
        ax.set_yticks(ys, [lbl if len(lbl) <= 38 else lbl[:37] + "…" for lbl in labels],
                      fontsize=8)
        ax.invert_yaxis()
        ax.set_title(title, fontsize=11)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        return _save(fig)


async def png(render: Callable[..., bytes], *args: object) -> bytes:
    return await asyncio.to_thread(render, *args)


__all__ = ["groups_vs_above", "horizontal", "png"]
