"""«Шаг n из N», derived from the steps that will really be asked.

A form lists the steps that apply to this person and these answers (prefilled ones left out,
conditional ones in only when they apply); the marker numbers the step among them. Steps the
list does not hold (the summary, a sub-step, a field changed from the summary card) get no
marker, so the counter never shows «шаг 4 из 11» on the first question or «1 из 6» after an
intro that promised 8.
"""

from __future__ import annotations

from collections.abc import Sequence


def position(asked: Sequence[str], step: str) -> tuple[int, int] | None:
    """(n, total) of ``step`` among ``asked``; None when the step is not counted."""
    if step not in asked:
        return None
    return asked.index(step) + 1, len(asked)
