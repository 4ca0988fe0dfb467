"""Last router: whatever nothing else took gets a clear answer and a way forward, never silence.

A tap on a button from an older message, text where a button is expected, a command out of
place: the person is told so and shown where they are.
"""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain.access import Actor
from domain.entities import Person
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.keyboards import COMMANDS
from handlers.profile import Ctx, reask_current, start_onboarding
from handlers.routing import Routes
from handlers.start import consent_screen
from handlers.views import ack, show

router = Routes("fallback")


async def _where_am_i(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                      uow: UnitOfWork, person: Person | None, actor: Actor | None,
                      notice: str) -> None:
    if person is None:
        await show(event, i18n.get("fallback-start"), None, new=True)
        return
    if not person.has_consented:
        await consent_screen(event, i18n, uow, state)
        return
    assert actor is not None
    c = Ctx(event, state, i18n, uow, actor, person)
    if await reask_current(c, error=DomainError(notice), new=True):
        return
    if not person.is_onboarded:
        await start_onboarding(c)
        return
    await show(event, i18n.get(notice) + "\n\n" + i18n.get("menu-title"),
               kb.main_menu(i18n, actor), new=True)


@router.callback_query()
async def stale_button(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, person: Person | None, actor: Actor | None) -> None:
    await ack(query, i18n.get("error-stale-button"))
    await _where_am_i(query, state, i18n, uow, person, actor, "error-stale-button")


@router.message()
async def unknown_message(message: Message, state: FSMContext, i18n: I18nContext,
                          uow: UnitOfWork, person: Person | None, actor: Actor | None) -> None:
    text = message.text or ""
    notice = "fallback-unknown-command" if text.startswith("/") else "fallback-not-understood"
    command = text.split()[0].split("@")[0].lstrip("/") if text.startswith("/") else ""
    if command == "cancel":
        notice = "fallback-nothing-to-cancel"
    elif command in COMMANDS:
        notice = "fallback-finish-profile"
    await _where_am_i(message, state, i18n, uow, person, actor, notice)
