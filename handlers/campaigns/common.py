"""What the campaign screens share: states, the context, small views."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton

from handlers.callbacks import CampCb, MenuCb
from handlers.keyboards import button
from handlers.views import FeatureCtx

Ctx = FeatureCtx


class CampStates(StatesGroup):
    setup = State()  # a campaign being set up (the draft in FSM data)
    answer = State()  # a number or a free-text answer expected (response, index in data)
    upload = State()  # an admin sends a survey file


def pct(value: float) -> str:
    return f"{round(value)} %"


def to_section(c: Ctx) -> list[InlineKeyboardButton]:
    return [button(c.t("camp-btn-section"), CampCb(a="home").pack()),
            button(c.t("btn-menu"), MenuCb(to="home").pack())]


def bar(share: float, width: int = 10) -> str:
    full = max(0, min(width, round(share / 100 * width)))
    return "▓" * full + "░" * (width - full)


__all__ = ["CampCb", "CampStates", "Ctx", "bar", "pct", "to_section"]
