"""aiogram's inline keyboard builder without its deep copies.

``KeyboardBuilder.export()`` deep-copies every button, and ``add()``/``button()``/``adjust()``
call it each time: a keyboard of n buttons is copied n times over. On the catalogue page
(benchmarks/bench_updates.py) that was ~15 % of a tap. Our buttons are never changed after they
are added, so the rows are copied (the builder still edits its own lists) and the buttons
shared.
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton
from aiogram.utils.keyboard import InlineKeyboardBuilder as _Builder


class InlineKeyboardBuilder(_Builder):
    def export(self) -> list[list[InlineKeyboardButton]]:
        return [list(row) for row in self._markup]
