"""What the screens of «Моя территория» share: callback data, states, the context."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup

from handlers.callbacks import TerrCb  # noqa: F401  (other features link to the figures)
from handlers.views import FeatureCtx


class TerrStates(StatesGroup):
    search = State()
    people = State()  # an admin looks for a person to grant a role
    orgs = State()  # an admin sends the organisations file


Ctx = FeatureCtx


def pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value)} %"


__all__ = ["Ctx", "TerrCb", "TerrStates", "pct"]
