"""The teacher's side of the agreement: submit, start, the self-analysis; the document."""

from __future__ import annotations

import asyncio
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import route as rt
from domain.access import Actor
from domain.entities import Person
from domain.errors import ValidationError
from domain.ports import UnitOfWork
from handlers.filters import Onboarded, PlainText
from handlers.formatting import fit, fmt_number
from handlers.views import ack, error_html, esc, show

from handlers.route.common import Ctx, RouteStates, _ctx, _with_error, btn, d, router
from handlers.route.card import show_route

# ---- agreement, start, self-analysis -------------------------------------------------------


async def _submit(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    try:
        sent = await rt.submit(c.uow, c.actor, item, c.now)
    except rt.RowEmpty as err:
        await ack(c.event)
        await show_route(c, item, notice="⚠️ " + error_html(c.i18n, err))
        return
    await c.uow.commit()
    await ack(c.event)
    key = "route-submitted" if sent.coordinators else "route-submitted-nobody"
    await show_route(c, item, notice=c.i18n.get(key, count=sent.coordinators))


async def _start(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await rt.start(c.uow, c.actor, item, c.now)
    await c.uow.commit()
    await ack(c.event)
    await show_route(c, item, notice=c.i18n.get("route-started"))


async def _analysis(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    _plan, r = await rt.get_plan(c.uow, c.actor, item)
    if not r.self_analysis:
        await rt.save_self_analysis(c.uow, c.actor, item, "", c.now)  # raises the reason
    doc = await rt.document(c.uow, c.actor, item)
    await ack(c.event)
    await c.state.set_state(RouteStates.analysis)
    await c.state.set_data({"rt_route": item})
    none = c.i18n.get("route-analysis-none")
    if doc.diagnosis_kind == "external":  # its basis is the external diagnosis (issue 15)
        loc = c.locale
        basis = {"operator": esc(doc.operator or "—"), "date": d(doc.diagnosed_on, loc),
                 "instrument": esc(doc.instrument.get("ru") or "—"),
                 "groups": "; ".join(c.i18n.get("ext-summary-group",
                                                group=c.i18n.get(f"route-group-{g.group}"),
                                                percent=fmt_number(g.percent, loc))
                                     for g in doc.groups) or "—"}
        text = fit(lambda current: c.i18n.get("route-ask-analysis-external",
                                              current=current or none, **basis),
                   current=doc.self_analysis or None)
    else:
        text = fit(lambda current: c.i18n.get("route-ask-analysis", current=current or none),
                   current=doc.self_analysis or None)
    await show(c.event, text,
               InlineKeyboardMarkup(inline_keyboard=[[btn(c.i18n.get("btn-cancel"), "route",
                                                          item)]]))


@router.message(StateFilter(RouteStates.analysis), PlainText(), Onboarded())
async def got_analysis(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                       actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    c = _ctx(message, state, i18n, uow, actor, tz)
    route_id = int(data["rt_route"])
    try:
        await rt.save_self_analysis(uow, actor, route_id, message.text, c.now)
    except ValidationError as err:
        await message.answer(_with_error(i18n, i18n.get("route-ask-analysis-again"), err))
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_route(c, route_id, notice=i18n.get("route-analysis-saved"))


# ---- the document ------------------------------------------------------------------------


async def _document(c: Ctx, item: int, x: str, person: Person, bot: Bot, pdf: bool) -> None:
    from handlers.route import docx as route_docx

    doc = await rt.document(c.uow, c.actor, item)
    labels = route_docx.labels(c.i18n.get, doc, c.locale)
    if pdf and route_docx.font_path() is None:
        await ack(c.event, c.i18n.get("route-pdf-unavailable"), alert=True)
        return
    await ack(c.event)
    assert isinstance(c.event, CallbackQuery)
    chat = c.event.message.chat.id if c.event.message else c.event.from_user.id
    # the chat shows «sending a file…» while the document is made (not a toast)
    await bot.send_chat_action(chat, "upload_document")
    render = route_docx.render_pdf if pdf else route_docx.render_docx
    data = await asyncio.to_thread(render, doc, labels, c.tz)
    name = f"iom-{item}.{'pdf' if pdf else 'docx'}"
    await bot.send_document(chat, BufferedInputFile(data, filename=name),
                            caption=c.i18n.get("route-doc-caption", name=esc(doc.full_name)))


async def _docx(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await _document(c, item, x, person, bot, pdf=False)


async def _pdf(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await _document(c, item, x, person, bot, pdf=True)
