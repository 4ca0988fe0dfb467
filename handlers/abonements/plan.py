"""The school's plan: ordered / planned / delivered hours by kind for the school and the
curator; the curator adds events held at the school (with their hours or others), for the
whole staff or one target group of the request, removes them and transfers one to another
day; transfers are listed with their history."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import abonements as ab
from domain.abonements import AbonementUnitOfWork
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.events import Event, Hours
from handlers.abonements.common import Ctx, hours_text, school_year, subgroup_label, to_card
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import AbCb, MenuCb
from handlers.filters import Onboarded, PlainText
from handlers.keyboards import button
from handlers.routing import Routes
from handlers.views import ack, cut_html, error_html, esc, fmt_date, fmt_dt, fmt_hours, show

router = Routes("abonements-plan")


class AbPlanSt(StatesGroup):
    hours = State()  # other hours for an event being added (ab_id, event_id in data)
    move = State()  # the new day of a plan event (item_id in data)


def _short(c: Ctx, h: Hours) -> str:
    return " / ".join(fmt_hours(x, c.locale) for x in (h.in_person, h.remote, h.self_study))


async def render_plan(c: Ctx, abonement_id: int, notice: str | None = None,
                      error: str | None = None) -> None:
    p = await ab.plan(c.uow, c.actor, abonement_id, c.now)
    a = p.abonement
    parts = []
    if notice:
        parts.append("✅ " + notice)
    if error:
        parts.append("⚠️ " + error)
    parts.append(c.t("abon-plan-head", school=esc(p.school.name),
                     year=school_year(c, a.school_year),
                     status=c.t(f"abon-status-{a.status.value}")))
    parts.append(c.t("abon-plan-hours", ordered=hours_text(c, p.ordered),
                     planned=hours_text(c, p.planned), delivered=hours_text(c, p.delivered)))
    kb = InlineKeyboardBuilder()
    if not p.items:
        parts.append(c.t("abon-plan-empty"))
    lines = []
    for v in p.items:
        line = c.t("abon-plan-item", title=esc(v.event.title),
                   when=fmt_dt(v.event.starts_at, c.tz, c.locale), hours=_short(c, v.item.hours),
                   attended=v.attended, held=int(v.delivered(c.now)),
                   moved=len(v.transfers), cancelled=int(v.event.is_cancelled))
        if v.event.subgroup is not None:
            line += "\n" + c.t("abon-plan-item-for", group=subgroup_label(
                c.t, v.event.subgroup.code))
        lines.append(line)
        if p.rights.plan:
            kb.row(button(f"{v.event.title[:40]} · {fmt_date(v.event.starts_at, c.tz, c.locale)}",
                          AbCb(a="item", id=v.item.id).pack()))
    if lines:
        parts.append("\n".join(lines))
    if p.rights.plan:
        kb.row(button(c.t("abon-btn-add"), AbCb(a="add", id=a.id).pack()))
    if any(v.transfers for v in p.items):
        kb.row(button(c.t("abon-btn-moves"), AbCb(a="moves", id=a.id).pack()))
    kb.row(to_card(c, a.id))
    await show(c.event, cut_html("\n\n".join(parts)), kb.as_markup(),
               new=isinstance(c.event, Message))


@router.callback_query(AbCb.filter(F.a == "plan"), Onboarded())
async def plan(query: CallbackQuery, callback_data: AbCb, state: FSMContext, i18n: I18nContext,
               uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await state.set_state(None)
    await render_plan(Ctx(query, state, i18n, uow, actor, tz), callback_data.id)
    await ack(query)


# ---- adding an event ---------------------------------------------------------------------


@router.callback_query(AbCb.filter(F.a == "add"), Onboarded())
async def candidates(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                     i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                     tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    found, events = await ab.candidates(uow, actor, callback_data.id, tz, c.now)
    await ack(query)
    await state.set_state(None)
    kb = InlineKeyboardBuilder()
    for e in events:
        kb.row(button(f"{e.title[:40]} · {fmt_date(e.starts_at, tz, c.locale)}",
                      AbCb(a="pick", id=found.id, v=str(e.id)).pack()))
    kb.row(button(c.t("abon-btn-create-event"), MenuCb(to="ev-org").pack()))
    kb.row(button(c.t("btn-back"), AbCb(a="plan", id=found.id).pack()))
    text = c.t("abon-add-choose" if events else "abon-add-none")
    await show(query, text, kb.as_markup())


def _event_text(c: Ctx, e: Event) -> str:
    return c.t("abon-add-event", title=esc(e.title), when=fmt_dt(e.starts_at, c.tz, c.locale),
               hours=hours_text(c, e.hours))


@dataclass(frozen=True, slots=True)
class Target:
    """The event being put into the plan and whom for: ``n`` is the place of the request's
    target group in ``Request.subgroups()`` counted from 1 (0: the whole staff), so the
    button stays short; the domain checks the group again."""

    abonement: ab.Abonement
    event: Event
    n: int

    @property
    def subgroup(self) -> str | None:
        groups = self.abonement.request.subgroups()
        return groups[self.n - 1] if 0 < self.n <= len(groups) else None

    def value(self, n: int | None = None) -> str:
        return f"{self.event.id}~{self.n if n is None else n}"


async def _pick_screen(c: Ctx, t: Target, error: str | None = None) -> None:
    parts = []
    if error:
        parts.append("⚠️ " + error)
    parts.append(_event_text(c, t.event))
    a = t.abonement
    kb = InlineKeyboardBuilder()
    groups = a.request.subgroups()
    if groups:  # the request names target groups: the event may be for one of them
        parts.append(c.t("abon-add-for", group=subgroup_label(c.t, t.subgroup)))
        for n, code in enumerate([None, *groups]):
            mark = "✅ " if n == t.n else "▫️ "
            kb.row(button(mark + subgroup_label(c.t, code),
                          AbCb(a="pick", id=a.id, v=t.value(n)).pack()))
    kb.row(button(c.t("abon-btn-put"), AbCb(a="put", id=a.id, v=t.value()).pack()))
    kb.row(button(c.t("abon-btn-other-hours"), AbCb(a="hrs", id=a.id, v=t.value()).pack()))
    kb.row(button(c.t("btn-back"), AbCb(a="add", id=a.id).pack()))
    await show(c.event, "\n\n".join(parts), kb.as_markup(), new=isinstance(c.event, Message))


async def _target(c: Ctx, abonement_id: int, raw: str) -> Target:
    """``<event id>~<target group>`` from a button (an old button names the event alone)."""
    event_raw, _, n_raw = raw.partition("~")
    if not event_raw.isdigit() or len(event_raw) > 9 or len(n_raw) > 3 or (
            n_raw and not n_raw.isdigit()):
        raise ValidationError("ev-error-not-found")
    found, event = await ab.plan_event(c.uow, c.actor, abonement_id, int(event_raw))
    return Target(found, event, int(n_raw or 0))


@router.callback_query(AbCb.filter(F.a == "pick"), Onboarded())
async def pick(query: CallbackQuery, callback_data: AbCb, state: FSMContext, i18n: I18nContext,
               uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    t = await _target(c, callback_data.id, callback_data.v)
    await ack(query)
    await state.set_state(None)
    await _pick_screen(c, t)


def _chosen(t: Target) -> str | None:
    """The target group picked; a forged place is refused by the domain, not widened to all."""
    if t.n and t.subgroup is None:
        raise ValidationError("abon-error-subgroup")
    return t.subgroup


async def _put(c: Ctx, t: Target) -> None:
    try:
        await ab.add_item(c.uow, c.actor, t.abonement.id, t.event.id, None, c.tz, c.now,
                          subgroup=_chosen(t))
    except ValidationError as err:
        await c.uow.rollback()
        await _pick_screen(c, t, error=_error(c, err))
        return
    await c.uow.commit()
    await render_plan(c, t.abonement.id, notice=c.t("abon-done-added",
                                                    title=esc(t.event.title)))


def _error(c: Ctx, err: DomainError) -> str:
    if err.key == "abon-error-over-volume":
        p = err.params
        return c.t(err.key, kind=p["kind"], planned=fmt_hours(p["planned"], c.locale),
                   ordered=fmt_hours(p["ordered"], c.locale),
                   free=fmt_hours(p["free"], c.locale))
    return error_html(c.i18n, err)


@router.callback_query(AbCb.filter(F.a == "put"), Onboarded())
async def put(query: CallbackQuery, callback_data: AbCb, state: FSMContext, i18n: I18nContext,
              uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    t = await _target(c, callback_data.id, callback_data.v)
    await ack(query)
    await _put(c, t)


@router.callback_query(AbCb.filter(F.a == "hrs"), Onboarded())
async def ask_hours(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                    i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                    tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    t = await _target(c, callback_data.id, callback_data.v)
    p = await ab.plan(uow, actor, callback_data.id, c.now)
    await ack(query)
    await state.set_state(AbPlanSt.hours)
    await state.set_data({"ab_id": callback_data.id, "target": t.value()})
    await _hours_prompt(c, t, p.left)


async def _prompt(c: Ctx, texts: list[str], cancel: AbCb, error: str | None) -> None:
    """A question typed in answer to, with «Cancel» back to where it was asked."""
    kb = InlineKeyboardBuilder()
    kb.row(button(c.t("btn-cancel"), cancel.pack()))
    await show(c.event, "\n\n".join([*(["⚠️ " + error] if error else []), *texts]),
               kb.as_markup(), new=isinstance(c.event, Message))


async def _hours_prompt(c: Ctx, t: Target, left: Hours, error: str | None = None) -> None:
    texts = [_event_text(c, t.event)]
    if t.abonement.request.subgroups():
        texts.append(c.t("abon-add-for", group=subgroup_label(c.t, t.subgroup)))
    texts.append(c.t("abon-ask-item-hours", left=hours_text(c, left)))
    await _prompt(c, texts, AbCb(a="pick", id=t.abonement.id, v=t.value()), error)


@router.message(StateFilter(AbPlanSt.hours), PlainText(), Onboarded())
async def got_hours(message: Message, state: FSMContext, i18n: I18nContext,
                    uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    abonement_id = int(data["ab_id"])
    t = await _target(c, abonement_id, str(data.get("target") or data.get("event_id")))
    try:
        hours = ab.parse_hours(message.text)
    except ValidationError as err:
        p = await ab.plan(uow, actor, abonement_id, c.now)
        await _hours_prompt(c, t, p.left, error=error_html(i18n, err))
        return
    try:
        await ab.add_item(uow, actor, abonement_id, t.event.id, hours, tz, c.now,
                          subgroup=_chosen(t))
    except ValidationError as err:
        await uow.rollback()
        p = await ab.plan(uow, actor, abonement_id, c.now)
        await _hours_prompt(c, t, p.left, error=_error(c, err))
        return
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await render_plan(c, abonement_id, notice=c.t("abon-done-added", title=esc(t.event.title)))


# ---- an item: remove, transfer -------------------------------------------------------------


async def render_item(c: Ctx, item_id: int, error: str | None = None) -> None:
    a, item, event, transfers = await ab.item_card(c.uow, c.actor, item_id)
    parts = []
    if error:
        parts.append("⚠️ " + error)
    parts.append(c.t("abon-item-card", title=esc(event.title),
                     when=fmt_dt(event.starts_at, c.tz, c.locale),
                     planned=fmt_date_only(c, item.planned_on),
                     hours=hours_text(c, item.hours)))
    if transfers:
        parts.append("\n".join(c.t("abon-move-line", title=esc(event.title),
                                   old=fmt_date_only(c, t.old_on),
                                   new=fmt_date_only(c, t.new_on),
                                   at=fmt_dt(t.at, c.tz, c.locale)) for t in transfers))
    kb = InlineKeyboardBuilder()
    kb.row(button(c.t("abon-btn-move"), AbCb(a="mv", id=item.id).pack()))
    kb.row(button(c.t("abon-btn-remove"), AbCb(a="rm", id=item.id).pack()))
    kb.row(button(c.t("btn-back"), AbCb(a="plan", id=a.id).pack()))
    await show(c.event, "\n\n".join(parts), kb.as_markup(), new=isinstance(c.event, Message))


def fmt_date_only(c: Ctx, day: object) -> str:
    from handlers.formatting import fmt_date as fmt_day

    return fmt_day(day, c.locale)  # type: ignore[arg-type]


@router.callback_query(AbCb.filter(F.a == "item"), Onboarded())
async def item(query: CallbackQuery, callback_data: AbCb, state: FSMContext, i18n: I18nContext,
               uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await state.set_state(None)
    await render_item(Ctx(query, state, i18n, uow, actor, tz), callback_data.id)
    await ack(query)


@router.callback_query(AbCb.filter(F.a == "rm"), Onboarded())
async def remove_ask(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                     i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                     tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    _, _, event, _ = await ab.item_card(uow, actor, callback_data.id)
    await ack(query)
    kb = InlineKeyboardBuilder()
    kb.row(button(c.t("abon-btn-remove-yes"), AbCb(a="rmy", id=callback_data.id).pack()),
           button(c.t("btn-back"), AbCb(a="item", id=callback_data.id).pack()))
    await show(query, c.t("abon-remove-ask", title=esc(event.title)), kb.as_markup())


@router.callback_query(AbCb.filter(F.a == "rmy"), Onboarded())
async def remove(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                 i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                 tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        found = await ab.remove_item(uow, actor, callback_data.id, c.now)
    except ValidationError as err:
        await uow.rollback()
        await ack(query)
        await render_item(c, callback_data.id, error=error_html(i18n, err))
        return
    await uow.commit()
    await ack(query)
    await render_plan(c, found.id, notice=c.t("abon-done-removed"))


@router.callback_query(AbCb.filter(F.a == "mv"), Onboarded())
async def move_ask(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                   i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                   tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    a, _, event, _ = await ab.item_card(uow, actor, callback_data.id)
    await ack(query)
    await state.set_state(AbPlanSt.move)
    await state.set_data({"item_id": callback_data.id})
    await _move_prompt(c, callback_data.id, event, a)


async def _move_prompt(c: Ctx, item_id: int, event: Event, a: ab.Abonement,
                       error: str | None = None) -> None:
    earliest, latest = ab.transfer_bounds(a, c.today)
    await _prompt(c, [c.t("abon-ask-move", title=esc(event.title),
                          when=fmt_dt(event.starts_at, c.tz, c.locale),
                          earliest=fmt_date_only(c, earliest),
                          latest=fmt_date_only(c, latest))],
                  AbCb(a="item", id=item_id), error)


@router.message(StateFilter(AbPlanSt.move), PlainText(), Onboarded())
async def got_move(message: Message, state: FSMContext, i18n: I18nContext,
                   uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    item_id = int((await state.get_data()).get("item_id") or 0)
    a, _, event, _ = await ab.item_card(uow, actor, item_id)
    try:
        await ab.transfer(uow, actor, item_id, message.text or "", tz, c.now)
    except ValidationError as err:
        await uow.rollback()
        await _move_prompt(c, item_id, event, a, error=error_html(i18n, err))
        return
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await render_plan(c, a.id, notice=c.t("abon-done-moved", title=esc(event.title)))


@router.message(StateFilter(AbPlanSt), Onboarded())
async def not_text(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("abon-error-need-text"))


@router.callback_query(AbCb.filter(F.a == "moves"), Onboarded())
async def moves(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    p, names = await ab.transfers(uow, actor, callback_data.id, c.now)
    await ack(query)
    lines = [c.t("abon-moves-head", school=esc(p.school.name))]
    for v in p.items:
        for t in v.transfers:
            who = names.get(t.by or 0)
            lines.append(c.t("abon-move-line", title=esc(v.event.title),
                             old=fmt_date_only(c, t.old_on), new=fmt_date_only(c, t.new_on),
                             at=fmt_dt(t.at, c.tz, c.locale))
                         + (" · " + esc(who) if who else ""))
        if v.transfers:
            lines.append(c.t("abon-move-agreement", planned=fmt_date_only(c, v.item.planned_on)))
    kb = InlineKeyboardBuilder()
    kb.row(button(c.t("btn-back"), AbCb(a="plan", id=p.abonement.id).pack()))
    await show(query, cut_html("\n".join(lines)), kb.as_markup())


__all__ = ["AbPlanSt", "render_plan", "router"]
