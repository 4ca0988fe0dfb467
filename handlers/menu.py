"""The main menu by role and /help; each section has its own router."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain.access import Actor
from domain.entities import Person
from handlers import keyboards as kb
from handlers.callbacks import MenuCb
from handlers.filters import Onboarded
from handlers.routing import Routes
from handlers.views import ack, show

router = Routes("menu")

def back_to_menu(i18n: I18nContext) -> InlineKeyboardMarkup:
    return kb.to_menu(i18n)


@router.message(Command("menu"), Onboarded())
async def menu_command(message: Message, state: FSMContext, i18n: I18nContext,
                       actor: Actor) -> None:
    await state.set_state(None)
    await state.set_data({})
    await message.answer(i18n.get("menu-title"), reply_markup=kb.main_menu(i18n, actor))


@router.callback_query(MenuCb.filter(F.to == "home"), Onboarded())
async def menu_home(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                    actor: Actor) -> None:
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await show(query, i18n.get("menu-title"), kb.main_menu(i18n, actor))


@router.callback_query(MenuCb.filter(F.to == "help"))
async def menu_help(query: CallbackQuery, i18n: I18nContext, person: Person | None) -> None:
    await ack(query)
    markup = back_to_menu(i18n) if person is not None and person.is_onboarded else None
    await show(query, i18n.get("help-text"), markup)


@router.message(Command("help"))
async def help_command(message: Message, i18n: I18nContext, person: Person | None) -> None:
    markup = back_to_menu(i18n) if person is not None and person.is_onboarded else None
    await message.answer(i18n.get("help-text"), reply_markup=markup)
