"""«Мой ИОМ»: the draft built from the diagnosis, the plan rows and activity cards, choosing
catalogue activities, self-education items, carrying the route out, the document.

The same screens serve the coordinators who fill their columns (buttons follow
``domain.route.rights``; every id in a button is re-checked by the domain). The coordinator's
queue, approval, return and conclusion are in handlers/route_review.py.

The screens live in the modules of this package (common, card, rows, items, activity,
agreement, deficits), each registering on the one router of ``common`` in import order; this
module dispatches the buttons and catches stray input last.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain.access import Actor
from domain.entities import Person
from domain.ports import UnitOfWork
from handlers.files import FileRelay
from handlers.filters import Onboarded
from handlers.views import ack

from handlers.route.card import _accept, _build, _route, show_home  # isort: skip
from handlers.route.rows import _accept_one, _alternatives, _offer, _pick, _row, _swap
from handlers.route.items import _form, _new
from handlers.route.activity import _act, _evidence, _file, _remove, _status
from handlers.route.agreement import _analysis, _docx, _pdf, _start, _submit
from handlers.route.deficits import _addrow, _editrow, _group
from handlers.route.shaping import SHAPING_ACTIONS
from handlers.route.consult import CONSULT_ACTIONS
from handlers.route.common import RouteStates, RtCb, _ctx, router

# ---- one router for the buttons of the route screens ----------------------------------


@router.callback_query(RtCb.filter(), Onboarded())
async def route_action(query: CallbackQuery, callback_data: RtCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                       tz: ZoneInfo, bot: Bot, files: FileRelay) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    a, item = callback_data.a, callback_data.id
    if a == "file":  # the evidence file, relayed when it was sent in the other messenger
        await _file(c, item, bot, files)
        return
    handler = ACTIONS.get(a)
    if handler is None:
        await ack(query, i18n.get("error-stale-button"))
        return
    await handler(c, item, callback_data.x, person, bot)


ACTIONS = {
    "route": _route, "build": _build, "row": _row, "offer": _offer, "pick": _pick,
    "new": _new, "form": _form, "act": _act, "st": _status, "del": _remove,
    "ev": _evidence, "submit": _submit, "start": _start,
    "analysis": _analysis, "addrow": _addrow, "grp": _group, "editrow": _editrow,
    "docx": _docx, "pdf": _pdf, "acc": _accept, "acc1": _accept_one, "alt": _alternatives,
    "swp": _swap, **SHAPING_ACTIONS, **CONSULT_ACTIONS,
}


# ---- /cancel and stray input inside the route's conversations -----------------------------


@router.message(StateFilter(*RouteStates.__all_states__), Command("cancel"), Onboarded())
async def cancel(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 actor: Actor, tz: ZoneInfo) -> None:
    await show_home(_ctx(message, state, i18n, uow, actor, tz),
                    notice=i18n.get("route-cancelled"))


@router.message(StateFilter(*RouteStates.__all_states__), Onboarded())
async def not_text(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("route-error-text-only"))
