"""What every screen of «Самодиагностика» shares: the conversation states, the callback
data, the rounding of percentages, the buttons and the fit of a long message.

Answers are stored in the attempt row as the teacher goes, so a pause, /cancel or a restart
loses nothing; the FSM state only says that typed text belongs to the questionnaire.
"""

from __future__ import annotations

import math

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton

from handlers import keyboards as kb
from handlers.callbacks import Int32, MenuCb
from handlers.formatting import TEXT_LIMIT
from handlers.views import FeatureCtx

MAX_PROBLEMS_SHOWN = 15
#: deficits listed under a group in the result (the rest are counted): the message stays short
DEFICITS_SHOWN = 6
HISTORY_BUTTONS = 10
BAR = 10


class DiagnosisForm(StatesGroup):
    answering = State()
    self_analysis = State()
    upload = State()  # admin: waiting for an instrument file
    # admin: "DiagnosisForm:reset_search" (a name or a Telegram id) is ``admin.RESET``'s step


class DiagCb(CallbackData, prefix="dg"):
    act: str  # home, intro, start, result, history, analysis, write, admin, download, upload, reset
    a: Int32 = 0  # attempt id where one is meant


class DiagAnswerCb(CallbackData, prefix="da"):
    a: Int32  # attempt
    i: Int32  # statement index the message showed
    v: Int32  # scale value


class DiagStepCb(CallbackData, prefix="ds"):
    a: Int32
    i: Int32
    act: str  # back, next, pause, submit


class DiagResetCb(CallbackData, prefix="dr"):
    p: Int32  # person
    ok: Int32 = 0


Ctx = FeatureCtx


def pct(value: float) -> int:
    """Half up, as people round: 72.5 % → 73 %."""
    return math.floor(value + 0.5)


def _btn(text: str, data: CallbackData) -> list[InlineKeyboardButton]:
    return [kb.button(text, data.pack())]


def _menu_row(c: Ctx) -> list[InlineKeyboardButton]:
    return [kb.button(c.t("btn-menu"), MenuCb(to="home").pack())]


async def _leave_my_state(state: FSMContext, raw_state: str | None) -> None:
    if raw_state and raw_state.startswith("DiagnosisForm:"):
        await state.set_state(None)
        await state.set_data({})




def fit(text: str) -> str:
    """Within Telegram's limit, cut at a line end (every line closes its own tags)."""
    if len(text) <= TEXT_LIMIT:
        return text
    return text[: text.rfind("\n", 0, TEXT_LIMIT - 2)] + "\n…"
