"""The abonement's results: completion by the curator (certificates issued to the listeners),
the report screen (hours ordered / planned / held, listeners, the staff's diagnosis: the change
from the start and the final campaigns, or the fallback before and after)
with the report as DOCX and XLSX, and the territory's figures per municipality."""

from __future__ import annotations

import asyncio
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram_i18n import I18nContext

from domain import abonements as ab
from domain.abonements import AbonementUnitOfWork
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.feedback.model import Figures
from handlers.abonements import report_docs
from handlers.abonements.common import Ctx, hours_text, staff_text, to_card
from handlers.abonements.screens import render_card
from handlers.abonements.threshold import threshold_text
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import AbCb, MenuCb
from handlers.filters import Onboarded
from handlers.formatting import fmt_date as fmt_day
from handlers.formatting import fmt_number
from handlers.keyboards import button
from handlers.routing import Routes
from handlers.views import ack, cut_html, error_html, esc, show

router = Routes("abonements-report")

LISTENERS_SHOWN = 15


def _error(c: Ctx, err: DomainError) -> str:
    if err.key == "abon-error-complete-early":
        return c.t(err.key, end=fmt_day(err.params["end"], c.locale))
    return error_html(c.i18n, err)


@router.callback_query(AbCb.filter(F.a == "done"), Onboarded())
async def complete(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                   i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                   tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        _, issued = await ab.complete(uow, actor, callback_data.id, tz, c.now)
    except ValidationError as err:
        await uow.rollback()
        await ack(query)
        await render_card(c, callback_data.id, error=_error(c, err))
        return
    await uow.commit()
    await ack(query)
    await render_card(c, callback_data.id, notice=c.t("abon-done-completed") + " "
                      + c.t("abon-done-certificates", count=issued))


@router.callback_query(AbCb.filter(F.a == "rep"), Onboarded())
async def report(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                 i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                 tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    rep = await ab.report(uow, actor, callback_data.id, tz, c.now)
    await ack(query)
    p = rep.plan
    parts = [c.t("abon-rep-screen-head", school=esc(p.school.name),
                 status=c.t(f"abon-status-{p.abonement.status.value}")),
             c.t("abon-plan-hours", ordered=hours_text(c, p.ordered),
                 planned=hours_text(c, p.planned), delivered=hours_text(c, p.delivered))]
    held = sum(1 for v in p.items if v.delivered(c.now))
    parts.append(c.t("abon-rep-screen-events", held=held, total=len(p.items),
                     attended=sum(v.attended for v in p.items)))
    parts.append(threshold_text(c, p))
    if rep.listeners:
        lines = [c.t("abon-rep-screen-listeners", count=len(rep.listeners),
                     met=sum(x.met for x in rep.listeners))]
        lines += [c.t("abon-rep-screen-listener" if x.met else "abon-rep-screen-listener-below",
                      name=esc(x.name), hours=hours_text(c, x.hours))
                  for x in rep.listeners[:LISTENERS_SHOWN]]
        parts.append("\n".join(lines))
    else:
        parts.append(c.t("abon-rep-screen-no-listeners"))
    parts.append(feedback_text(c, rep))
    parts.append(staff_text(c, rep.staff, rep.shift))
    kb = InlineKeyboardBuilder()
    kb.row(button(c.t("abon-btn-report-docx"), AbCb(a="rdocx", id=p.abonement.id).pack()),
           button(c.t("abon-btn-report-xlsx"), AbCb(a="rxlsx", id=p.abonement.id).pack()))
    kb.row(to_card(c, p.abonement.id))
    await show(query, cut_html("\n\n".join(parts)), kb.as_markup())


def _score(c: Ctx, f: Figures) -> str:
    return fmt_number(round(f.average, 1), c.locale) if f.average is not None else "—"


def feedback_text(c: Ctx, rep: ab.Report) -> str:
    """The feedback of the plan's events: the overall average, then each scored event's."""
    total = rep.feedback_total
    if not total.answered:
        return c.t("abon-rep-screen-no-feedback")
    lines = [c.t("abon-rep-screen-feedback", average=_score(c, total), answered=total.answered,
                 asked=total.asked)]
    lines += [c.t("abon-rep-screen-feedback-event", title=esc(title), average=_score(c, f),
                  answered=f.answered) for title, f in rep.feedback if f.answered]
    return "\n".join(lines)


@router.callback_query(AbCb.filter(F.a.in_({"rdocx", "rxlsx"})), Onboarded())
async def document(query: CallbackQuery, callback_data: AbCb, i18n: I18nContext,
                   uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo, bot: Bot) -> None:
    now = uow.clock.now()
    rep = await ab.report(uow, actor, callback_data.id, tz, now)
    labels = report_docs.labels(i18n.get, rep, i18n.locale)
    await ack(query)
    chat = query.message.chat.id if query.message else query.from_user.id
    await bot.send_chat_action(chat, "upload_document")
    xlsx = callback_data.a == "rxlsx"
    render = report_docs.render_xlsx if xlsx else report_docs.render_docx
    data = await asyncio.to_thread(render, rep, labels, tz, now)
    name = f"abonement-{rep.abonement.id}-report.{'xlsx' if xlsx else 'docx'}"
    await bot.send_document(chat, BufferedInputFile(data, filename=name),
                            caption=i18n.get("abon-rep-caption",
                                             school=esc(rep.plan.school.name)))


@router.callback_query(AbCb.filter(F.a == "fig"), Onboarded())
async def figures(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                  uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    found = await ab.figures(uow, actor, c.now)
    await ack(query)
    lines = [c.t("abon-fig-head")]
    shown = [m for m in found if m.total]
    for m in shown:
        statuses = ", ".join(f"{c.t(f'abon-status-{s.value}')}: {m.by_status[s.value]}"
                             for s in ab.Status if m.by_status[s.value])
        lines.append(c.t("abon-fig-line", municipality=esc(m.municipality.name),
                         total=m.total, statuses=statuses, schools=len(m.schools),
                         agreed=hours_text(c, m.agreed), held=hours_text(c, m.held),
                         covered=len(m.covered)))
    if not shown:
        lines.append(c.t("abon-fig-empty", units=len(found)))
    kb = InlineKeyboardBuilder()
    kb.row(button(c.t("abon-btn-section"), AbCb(a="home").pack()),
           button(c.t("btn-back"), MenuCb(to="coordinator").pack()))
    await show(query, cut_html("\n\n".join(lines)), kb.as_markup())


__all__ = ["router"]
