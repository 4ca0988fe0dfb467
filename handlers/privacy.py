"""/mydata (a file with everything stored) and /forgetme (erasure after confirmation)."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import people, privacy
from domain.access import Actor
from domain.entities import Person
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.callbacks import ForgetCb
from handlers.routing import Routes
from handlers.views import ack, show

router = Routes("privacy")


@router.message(Command("mydata"))
async def my_data(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                  person: Person | None, actor: Actor | None) -> None:
    if person is None or actor is None:
        await message.answer(i18n.get("mydata-nothing"))
        return
    data = await people.export_data(uow, actor, person)
    data["conversation"] = {"state": await state.get_state(), "data": await state.get_data()}
    data["exported_at"] = uow.clock.now().isoformat()
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    await message.answer_document(
        BufferedInputFile(body, filename="marshrut-my-data.json"),
        caption=i18n.get("mydata-caption"),
    )


@router.message(Command("forgetme"))
async def forget_me(message: Message, i18n: I18nContext, person: Person | None) -> None:
    if person is None:
        await message.answer(i18n.get("mydata-nothing"))
        return
    markup = InlineKeyboardMarkup(inline_keyboard=[
        [kb.button(i18n.get("btn-forget-yes"), ForgetCb(answer="yes").pack())],
        [kb.button(i18n.get("btn-forget-no"), ForgetCb(answer="no").pack())],
    ])
    await message.answer(i18n.get("forget-confirm"), reply_markup=markup)


@router.callback_query(ForgetCb.filter())
async def forget_answer(query: CallbackQuery, callback_data: ForgetCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, person: Person | None,
                        actor: Actor | None, tz: ZoneInfo) -> None:
    await ack(query)
    if callback_data.answer != "yes":
        markup = kb.to_menu(i18n) if person is not None and person.is_onboarded else None
        await show(query, i18n.get("forget-kept"), markup)
        return
    if person is None or actor is None:
        await show(query, i18n.get("mydata-nothing"), None)
        return
    await privacy.erase(uow, actor, person, tz, uow.clock.now())
    await state.clear()
    await uow.commit()
    await show(query, i18n.get("forget-done"), None)
