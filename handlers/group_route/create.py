"""The school coordinator's list of group routes and the creation wizard: the shared deficit
(suggested from the school's diagnoses, with counts), the members (those with the deficit
pre-ticked), the title, the period. Every step is kept in the conversation state, so a
restart half-way loses nothing."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import group_route as grp
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from domain.route import COMPETENCE_GROUPS, default_period
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import GrCb, MenuCb
from handlers.filters import Onboarded, PlainText
from handlers.formatting import fmt_date
from handlers.group_route.common import Ctx, GroupStates, btn, clip, router, show_card
from handlers.views import ack, error_html, esc, show


def _ctx(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
         uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> Ctx:
    return Ctx(event, state, i18n, uow, actor, tz)


def _warn(c: Ctx, error: DomainError | None) -> str:
    return ("⚠️ " + error_html(c.i18n, error) + "\n\n") if error else ""


async def show_list(c: Ctx) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    routes = await grp.school_list(c.uow, c.actor)
    lines = [c.t("grp-list-title")]
    b = InlineKeyboardBuilder()
    if not routes:
        lines.append(c.t("grp-list-empty"))
    for route in routes[:20]:
        b.row(btn(c.t("grp-list-item", title=clip(route.title, 40),
                      status=c.t(f"grp-status-{route.status.value}")), "open", route.id))
    b.row(btn(c.t("grp-btn-new"), "new"))
    b.row(kb.button(c.t("btn-menu"), MenuCb(to="home").pack()))
    await show(c.event, "\n\n".join(lines), b.as_markup())


@router.message(Command("groupiom"), Onboarded())
async def list_command(message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await show_list(_ctx(message, state, i18n, uow, actor, tz))


@router.callback_query(GrCb.filter(F.a == "list"), Onboarded())
async def list_screen(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                      uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await show_list(_ctx(query, state, i18n, uow, actor, tz))


async def show_deficits(c: Ctx, school: int) -> None:
    suggestions, _ = await grp.suggestions(c.uow, c.actor, school)
    lines = [c.t("grp-new-deficit")]
    b = InlineKeyboardBuilder()
    if suggestions:
        lines.append(c.t("grp-new-suggested"))
    else:
        lines.append(c.t("grp-new-no-suggestions"))
    for s in suggestions:
        b.row(btn(c.t("grp-btn-suggestion", title=clip(s.title, 44), count=s.count), "sug",
                  x=s.indicator))
    b.row(*(btn(c.t(f"route-group-{g}"), "grp", x=g) for g in COMPETENCE_GROUPS[:2]))
    b.row(*(btn(c.t(f"route-group-{g}"), "grp", x=g) for g in COMPETENCE_GROUPS[2:]))
    b.row(btn(c.t("btn-cancel"), "list"))
    await show(c.event, "\n\n".join(lines), b.as_markup())


@router.callback_query(GrCb.filter(F.a == "new"), Onboarded())
async def new(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
              actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    school = grp.coordinated_school(actor)
    await ack(query)
    await state.set_state(GroupStates.create)
    await state.set_data({"school": school, "members": []})
    await show_deficits(c, school)


async def _creating(c: Ctx) -> dict[str, Any] | None:
    """The wizard's data, or None (a button of a finished or abandoned wizard)."""
    data = await c.state.get_data()
    if "school" not in data:
        await ack(c.event, c.t("error-stale-button"))
        return None
    return data


@router.callback_query(GrCb.filter(F.a.in_({"sug", "grp"})), Onboarded())
async def pick_deficit(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    data = await _creating(c)
    if data is None:
        return
    suggestions, who = await grp.suggestions(uow, actor, data["school"])
    if callback_data.a == "sug":
        found = next((s for s in suggestions if s.indicator == callback_data.x), None)
        if found is None:
            await ack(query, i18n.get("error-stale-button"))
            return
        data.update(group=found.group, indicator=found.indicator, deficit=found.title,
                    members=sorted(who.get(found.indicator, ())))
    else:
        if callback_data.x not in COMPETENCE_GROUPS:
            await ack(query, i18n.get("error-stale-button"))
            return
        group = callback_data.x
        having = {pid for s in suggestions if s.group == group for pid in who[s.indicator]}
        data.update(group=group, indicator=None,
                    deficit=i18n.get("grp-deficit-group", group=i18n.get(f"route-group-{group}")),
                    members=sorted(having))
    await ack(query)
    await state.set_state(GroupStates.create)
    await state.set_data(data)
    await show_members(c, data)


async def show_members(c: Ctx, data: dict[str, Any]) -> None:
    people = await grp.candidates(c.uow, c.actor, data["school"])
    ticked = set(data["members"])
    b = InlineKeyboardBuilder()
    for pid, name in people[:40]:
        b.row(btn(("✅ " if pid in ticked else "⬜ ") + clip(name, 50), "tgl", v=pid))
    b.row(btn(c.t("grp-btn-next", count=len(ticked)), "next"))
    b.row(btn(c.t("btn-cancel"), "list"))
    text = c.t("grp-new-members", deficit=esc(data["deficit"]), count=len(ticked))
    if not people:
        text += "\n\n" + c.t("grp-new-no-teachers")
    await show(c.event, text, b.as_markup())


@router.callback_query(GrCb.filter(F.a == "tgl"), Onboarded())
async def toggle(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                 i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    data = await _creating(c)
    if data is None or "deficit" not in data:
        return
    allowed = {pid for pid, _ in await grp.candidates(uow, actor, data["school"])}
    if callback_data.v not in allowed:  # forged: not a teacher of this school
        await ack(query, i18n.get("error-stale-button"))
        return
    members = set(data["members"]) ^ {callback_data.v}
    data["members"] = sorted(members)
    await state.set_data(data)
    await ack(query)
    await show_members(c, data)


@router.callback_query(GrCb.filter(F.a == "next"), Onboarded())
async def to_title(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    data = await _creating(c)
    if data is None or "deficit" not in data:
        return
    if not data["members"]:
        await ack(query, i18n.get("grp-error-no-members"), alert=True)
        return
    await ack(query)
    await ask_title(c, data)


async def ask_title(c: Ctx, data: dict[str, Any], error: DomainError | None = None) -> None:
    await c.state.set_state(GroupStates.title)
    b = InlineKeyboardBuilder()
    b.row(btn(c.t("grp-btn-title-deficit", title=clip(data["deficit"], 40)), "dtitle"))
    b.row(btn(c.t("btn-cancel"), "list"))
    await show(c.event, _warn(c, error) + c.t("grp-new-title"), b.as_markup())


@router.callback_query(GrCb.filter(F.a == "dtitle"), Onboarded())
async def title_from_deficit(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                             uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    data = await _creating(c)
    if data is None or "deficit" not in data:
        return
    await ack(query)
    data["title"] = clip(data["deficit"], 200)
    await state.set_data(data)
    await ask_period(c)


@router.message(StateFilter(GroupStates.title), PlainText())
async def got_title(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    try:
        from domain.route import parse_title

        data["title"] = parse_title(message.text)
    except ValidationError as e:
        await ask_title(c, data, e)
        return
    await state.set_data(data)
    await ask_period(c)


async def ask_period(c: Ctx, error: DomainError | None = None) -> None:
    await c.state.set_state(GroupStates.period)
    start, end = default_period(c.today)
    b = InlineKeyboardBuilder()
    b.row(btn(c.t("grp-btn-period-default", start=fmt_date(start, c.locale),
                  end=fmt_date(end, c.locale)), "per"))
    b.row(btn(c.t("btn-cancel"), "list"))
    await show(c.event, _warn(c, error) + c.t("grp-new-period"), b.as_markup())


PERIOD_RE = re.compile(r"\s*(\S+)\s*[-–—]\s*(\S+)\s*")


def parse_period(text: str) -> tuple[date, date]:
    """«01.09.2026 – 31.05.2027»: two dates дд.мм.гггг."""
    m = PERIOD_RE.fullmatch(text or "")
    if not m:
        raise ValidationError("grp-error-period-format")
    out = []
    for part in m.groups():
        dm = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", part)
        if not dm:
            raise ValidationError("grp-error-period-format")
        try:
            out.append(date(int(dm[3]), int(dm[2]), int(dm[1])))
        except ValueError:
            raise ValidationError("grp-error-period-format") from None
    return out[0], out[1]


async def _create(c: Ctx, period: tuple[date, date]) -> None:
    data = await c.state.get_data()
    if "title" not in data:
        await ack(c.event, c.t("error-stale-button"))
        return
    try:
        route = await grp.create(c.uow, c.actor, data["school"], data["group"],
                                 data.get("indicator"), data["deficit"], data["title"], period,
                                 data["members"], c.today, c.now)
    except ValidationError as e:
        await ask_period(c, e)
        return
    await c.uow.commit()
    await ack(c.event)
    await show_card(c, route.id, notice=c.t("grp-created", count=len(data["members"])))


@router.callback_query(GrCb.filter(F.a == "per"), Onboarded())
async def default(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                  uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    await _create(c, default_period(c.today))


@router.message(StateFilter(GroupStates.period), PlainText())
async def got_period(message: Message, state: FSMContext, i18n: I18nContext,
                     uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    try:
        period = parse_period(message.text or "")
    except ValidationError as e:
        await ask_period(c, e)
        return
    await _create(c, period)
