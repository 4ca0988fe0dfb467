"""A plan row: its columns, catalogue offers, picking, accepting and swapping proposals."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from domain import route as rt
from domain.access import Actor
from domain.entities import Person
from domain.ports import UnitOfWork
from domain.route import Plan, PlanRow
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import RouteRowCb
from handlers.filters import Onboarded
from handlers.formatting import cut_html, fmt_number
from handlers.views import ack, esc, show

from handlers.route.common import STATUS_ICON, Ctx, _ctx, activity_line, btn, d, router

@router.callback_query(RouteRowCb.filter(), Onboarded())
async def back_to_row(query: CallbackQuery, callback_data: RouteRowCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """«Назад» on an event card opened from the ИОМ (the row is re-checked by the domain)."""
    await ack(query)
    await show_row(_ctx(query, state, i18n, uow, actor, tz), callback_data.row)


async def _accept_one(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    plan, a, _ = await rt.activity_of(c.uow, c.actor, item)
    await rt.accept(c.uow, c.actor, plan.route.id, None, c.now, activity_id=a.id)
    await c.uow.commit()
    await ack(c.event)
    await show_row(c, a.row_id, notice=c.i18n.get("route-accepted", count=1))


async def _alternatives(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    """Other catalogue activities for the row of a proposal: picking one replaces it."""
    _plan, a, _ = await rt.activity_of(c.uow, c.actor, item)
    await _offer_list(c, a.row_id, swap=a.id)


async def _swap(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    if not x.isdigit() or int(x) >= 2**31:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    activity = await rt.swap(c.uow, c.actor, item, int(x), c.tz, c.now)
    await c.uow.commit()
    await ack(c.event)
    await show_row(c, activity.row_id, notice=c.i18n.get("route-swapped",
                                                         title=esc(activity.title)))


def row_tools(c: Ctx, plan: Plan, row: PlanRow) -> list[Any]:
    """⬆️ ⬇️ inside the row's competence group, 🔗 merge with another row of it, 🗑 remove."""
    group = [x.id for x in rt.siblings(plan, row)]
    i = group.index(row.id)
    out = []
    if i > 0:
        out.append(btn("⬆️", "up", row.id))
    if i < len(group) - 1:
        out.append(btn("⬇️", "dn", row.id))
    if len(group) > 1:
        out.append(btn(c.i18n.get("route-btn-merge"), "mrg", row.id))
    out.append(btn(c.i18n.get("route-btn-remove-row"), "rmrow", row.id))
    return out


async def show_row(c: Ctx, row_id: int, notice: str | None = None, new: bool = False) -> None:
    plan, row, r = await rt.row_of(c.uow, c.actor, row_id)
    i18n = c.i18n
    n = [x.id for x in plan.rows].index(row.id) + 1
    start, end = plan.row_period(row.id)
    parts = []
    if notice:
        parts.append(notice)
    head = [i18n.get("route-row-title", n=n, title=esc(row.title)),
            i18n.get("route-row-group", group=i18n.get(f"route-group-{row.group}"))]
    if row.percent is not None:
        head.append(i18n.get("route-row-percent", percent=fmt_number(row.percent, i18n.locale)))
    head.append(i18n.get("route-row-period", start=d(start, i18n.locale), end=d(end, i18n.locale)))
    parts.append("\n".join(head))
    columns = rt.by_column(plan.of_row(row.id))
    for column in rt.COLUMN_ORDER:
        items = columns[column]
        lines = [i18n.get(f"route-col-{column.value}")]
        period = (plan.route.period_start, plan.route.period_end)
        lines += [activity_line(i18n, a, c.today, period) for a in items] or [
            i18n.get("route-col-empty")]
        parts.append("\n".join(lines))
    b = InlineKeyboardBuilder()
    for a in plan.of_row(row.id):
        b.row(btn(f"{'❔' if a.proposed else STATUS_ICON[a.status]} {a.title}", "act", a.id))
    if r.choose:
        b.row(btn(i18n.get("route-btn-offer"), "offer", row.id))
    for column in rt.COLUMN_ORDER:
        if column in r.columns:
            b.row(btn(i18n.get(f"route-btn-new-{column.value}"), "new", row.id, column.value))
    if rt.may_consult(r, plan):
        b.row(btn(i18n.get("route-btn-consult"), "cons", row.id))
    if r.deficits:
        b.row(btn(i18n.get("route-btn-edit-row"), "editrow", row.id))
    if r.shape:
        b.row(*row_tools(c, plan, row))
    b.row(btn(i18n.get("btn-back"), "route", plan.route.id))
    text = "\n\n".join(parts)
    await show(c.event, cut_html(text), b.as_markup(), new=new)


async def _row(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    await ack(c.event)
    await show_row(c, item)


async def _offer(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await _offer_list(c, item)


async def _offer_list(c: Ctx, item: int, swap: int | None = None) -> None:
    """Catalogue activities for row ``item``; with ``swap`` (an activity id) a pick replaces
    that activity."""
    events = await rt.proposals(c.uow, c.actor, item, c.now)
    await ack(c.event)
    i18n = c.i18n
    b = InlineKeyboardBuilder()
    if not events:
        text = i18n.get("route-offer-empty")
    else:
        lines = [i18n.get("route-offer-title")]
        for e in events:
            column = rt.column_for_event(e)
            lines.append(i18n.get(
                "route-offer-item", title=esc(e.title), form=i18n.get(f"ev-form-{e.form.value}"),
                date=d(e.starts_at.astimezone(c.tz).date(), i18n.locale),
                column=i18n.get(f"route-colshort-{column.value}")))
            if swap is None:
                b.row(btn("➕ " + e.title, "pick", item, str(e.id)))
            else:
                b.row(btn("🔄 " + e.title, "swp", swap, str(e.id)))
        text = "\n\n".join(lines)
    b.row(btn(i18n.get("btn-back"), "row", item) if swap is None else
          btn(i18n.get("btn-back"), "act", swap))
    await show(c.event, text, b.as_markup())


async def _pick(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    if not x.isdigit() or int(x) >= 2**31:  # forged: not an id the database could hold
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    activity = await rt.choose_event(c.uow, c.actor, item, int(x), c.tz, c.now)
    await c.uow.commit()
    await ack(c.event)
    await show_row(c, item, notice=c.i18n.get("route-added", title=esc(activity.title)))
