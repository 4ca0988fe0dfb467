"""Certificates of participation: the attendee's download (from the event card or the notice),
the organiser's «issue to all», and the check by number (/verify or a button) for anyone."""

from __future__ import annotations

import asyncio
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.enums import ChatAction
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import certificates as certs
from domain.access import Actor
from domain.errors import ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import CertCb, MenuCb
from handlers.certificates import pdf as cert_pdf
from handlers.events import EvAdmCb
from handlers.filters import Onboarded, PlainText
from handlers.formatting import fmt_date
from handlers.routing import Routes
from handlers.views import ack, error_html, esc, show

router = Routes("certificates")


class VerifyStates(StatesGroup):
    number = State()


async def send_certificate(event: Message | CallbackQuery, bot: Bot, i18n: I18nContext,
                           cert: certs.Certificate, tz: ZoneInfo) -> None:
    """The PDF, with the chat showing «sending a file…» while it is made."""
    chat = (event.chat.id if isinstance(event, Message) else
            event.message.chat.id if event.message else event.from_user.id)
    await bot.send_chat_action(chat, ChatAction.UPLOAD_DOCUMENT)
    lb = cert_pdf.labels(i18n.get, cert, i18n.locale, tz)
    data = await asyncio.to_thread(cert_pdf.render, lb)
    await bot.send_document(chat, BufferedInputFile(data, filename=f"certificate-{cert.number}.pdf"),
                            caption=i18n.get("cert-caption", title=esc(cert.event_title),
                                             number=cert.number))


@router.callback_query(CertCb.filter(F.a == "mine"), Onboarded())
async def mine(query: CallbackQuery, callback_data: CertCb, bot: Bot, i18n: I18nContext,
               uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    cert = await certs.mine(uow, actor, callback_data.id, tz, uow.clock.now())
    await uow.commit()
    await ack(query)
    await send_certificate(query, bot, i18n, cert, tz)


@router.callback_query(CertCb.filter(F.a == "get"), Onboarded())
async def download(query: CallbackQuery, callback_data: CertCb, bot: Bot, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    cert = await certs.download(uow, actor, callback_data.id)
    await ack(query)
    await send_certificate(query, bot, i18n, cert, tz)


@router.callback_query(CertCb.filter(F.a == "all"), Onboarded())
async def issue_all(query: CallbackQuery, callback_data: CertCb, i18n: I18nContext,
                    uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    issued, attendees = await certs.issue_all(uow, actor, callback_data.id, tz, uow.clock.now())
    await uow.commit()
    await ack(query)
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("btn-back"), EvAdmCb(action="card", event_id=callback_data.id,
                                                   page=0).pack()))
    await show(query, i18n.get("cert-issued-all", issued=issued, attendees=attendees),
               b.as_markup())


# ---- checking a number ---------------------------------------------------------------------


def _verdict(i18n: I18nContext, cert: certs.Certificate | None, number: str, tz: ZoneInfo
             ) -> str:
    """Only what the certificate itself shows."""
    if cert is None:
        return i18n.get("cert-verify-unknown", number=esc(number))
    return i18n.get(
        "cert-verify-valid", number=esc(cert.number), name=esc(cert.full_name or "—"),
        title=esc(cert.event_title), dates=esc(cert_pdf.dates_line(i18n.get, cert, i18n.locale)),
        hours=esc(cert_pdf.hours_line(i18n.get, cert, i18n.locale)),
        organiser=esc(cert.organiser),
        issued=fmt_date(cert.issued_at.astimezone(tz).date(), i18n.locale))


def _again(i18n: I18nContext):  # type: ignore[no-untyped-def]
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("cert-btn-verify-again"), CertCb(a="verify").pack()))
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    return b.as_markup()


async def _check(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 tz: ZoneInfo, text: str) -> None:
    try:
        cert = await certs.verify(uow, text)
    except ValidationError as err:
        await state.set_state(VerifyStates.number)
        await message.answer("⚠️ " + error_html(i18n, err) + "\n\n" + i18n.get("cert-verify-ask"))
        return
    await state.set_state(None)
    await message.answer(_verdict(i18n, cert, certs.parse_number(text), tz),
                         reply_markup=_again(i18n))


@router.message(Command("verify"))
async def verify_command(message: Message, command: CommandObject, state: FSMContext,
                         i18n: I18nContext, uow: UnitOfWork, tz: ZoneInfo) -> None:
    if not (command.args or "").strip():
        await state.set_state(VerifyStates.number)
        await message.answer(i18n.get("cert-verify-ask"))
        return
    await _check(message, state, i18n, uow, tz, command.args or "")


@router.callback_query(CertCb.filter(F.a == "verify"))
async def verify_button(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await ack(query)
    await state.set_state(VerifyStates.number)
    assert query.message is not None
    await query.message.answer(i18n.get("cert-verify-ask"))


@router.message(Command("cancel"), StateFilter(VerifyStates.number))
async def verify_cancel(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(None)
    await message.answer(i18n.get("cert-verify-cancelled"), reply_markup=_again(i18n))


@router.message(StateFilter(VerifyStates.number), PlainText())
async def verify_typed(message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, tz: ZoneInfo) -> None:
    await _check(message, state, i18n, uow, tz, message.text or "")
