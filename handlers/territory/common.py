"""What the screens of «Моя территория» share: callback data, states, the context."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup

from handlers.callbacks import Int32
from handlers.views import FeatureCtx


class TerrCb(CallbackData, prefix="ter"):
    """a: home, dash, units, charts, xlsx, list, card, nudge, search, reset.
    Every id is re-checked in the domain (a forged one is refused)."""

    a: str
    org: Int32 = 0
    id: Int32 = 0
    f: str = "all"
    page: Int32 = 0


class TerrStates(StatesGroup):
    search = State()
    people = State()  # an admin looks for a person to grant a role


Ctx = FeatureCtx


def pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value)} %"


__all__ = ["Ctx", "TerrCb", "TerrStates", "pct"]
