"""Admin in the chat: «Администрирование» without a teacher's profile."""

from __future__ import annotations

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton
from aiogram_i18n import I18nContext

import domain.territory as terr
from domain.access import Actor
from domain.entities import Person
from domain.errors import AccessDenied
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.filters import Consented
from handlers.routing import Router
from handlers.territory.common import TerrCb
from handlers.views import ack, show


def admin_only_row(i18n: I18nContext) -> list[InlineKeyboardButton]:
    return [kb.button(i18n.get("terr-btn-admin-only"), TerrCb(a="adminonly").pack())]


async def admin_only(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                     uow: UnitOfWork, actor: Actor, person: Person | None) -> None:
    if person is None:
        raise AccessDenied()
    name = query.from_user.full_name if query.from_user else ""
    await terr.admin_without_profile(uow, actor, person, name, uow.clock.now())
    await uow.commit()
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    from handlers.invites import section_keyboard

    await show(query, i18n.get("terr-admin-only-done") + "\n\n" + i18n.get("section-admin"),
               section_keyboard(i18n, admin=True))


def build() -> Router:
    r = Router(name="territory_admin")
    r.callback_query(TerrCb.filter(F.a == "adminonly"), Consented())(admin_only)
    return r


__all__ = ["admin_only_row", "build"]
