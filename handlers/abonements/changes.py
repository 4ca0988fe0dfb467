"""Changes of a signed agreement: the history of proposals (the volume and the topics) with the
pending one; «change the volume» (new hours by kind → a reason) and «change the topics» (the
competence groups ticked → a reason) for either side; «accept» / «decline» for the other. What
is being proposed lives in FSM data (the database), so a restart loses nothing."""

from __future__ import annotations

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
from domain.events import Hours
from handlers.abonements.common import Ctx, groups_text, hours_text, to_card
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import AbCb
from handlers.filters import Onboarded, PlainText
from handlers.keyboards import button
from handlers.routing import Routes
from handlers.views import ack, cut_html, error_html, esc, fmt_dt, fmt_hours, show

router = Routes("abonements-changes")

SHOWN = 10


class AbChangeSt(StatesGroup):
    hours = State()  # the proposed volume (ab_id in data)
    topics = State()  # the proposed competence groups, ticked (ab_id, groups in data)
    reason = State()  # why (ab_id and hours or groups in data)


def _short(c: Ctx, h: Hours) -> str:
    return " / ".join(fmt_hours(x, c.locale) for x in (h.in_person, h.remote, h.self_study))


def change_error(c: Ctx, err: DomainError) -> str:
    if err.key == "abon-error-change-below-plan":
        p = err.params
        return c.t(err.key, kind=p["kind"], planned=fmt_hours(p["planned"], c.locale),
                   proposed=fmt_hours(p["proposed"], c.locale))
    return error_html(c.i18n, err)


async def render_changes(c: Ctx, abonement_id: int, notice: str | None = None,
                         error: str | None = None) -> None:
    found = await ab.changes(c.uow, c.actor, abonement_id)
    a = found.abonement
    parts = [("✅ " + notice) if notice else None, ("⚠️ " + error) if error else None,
             c.t("abon-change-head", school=esc(found.school)),
             c.t("abon-change-current", hours=hours_text(c, a.ordered)),
             c.t("abon-change-planned", hours=hours_text(c, found.planned)),
             c.t("abon-change-topics", groups=groups_text(c, a.request.groups))]
    pending = found.pending
    if pending is not None:
        parts.append(c.t("abon-change-pending", kind=pending.kind.value,
                         hours=hours_text(c, pending.new),
                         old=groups_text(c, pending.old_groups),
                         new=groups_text(c, pending.new_groups),
                         who=esc(found.names.get(pending.proposed_by or 0, "—")),
                         when=fmt_dt(pending.created_at, c.tz, c.locale),
                         reason=esc(pending.reason)))
    done = [ch for ch in found.changes if ch.status is not ab.ChangeStatus.PENDING]
    if done:
        parts.append("\n".join(_line(c, found, ch) for ch in done[-SHOWN:]))
    elif pending is None:
        parts.append(c.t("abon-changes-empty"))
    kb = InlineKeyboardBuilder()
    if pending is not None and found.may_decide():
        kb.row(button(c.t("abon-btn-change-accept"), AbCb(a="chy", id=pending.id).pack()),
               button(c.t("abon-btn-change-decline"), AbCb(a="chn", id=pending.id).pack()))
    if found.may_propose:
        kb.row(button(c.t("abon-btn-change"), AbCb(a="chp", id=a.id).pack()),
               button(c.t("abon-btn-change-topics"), AbCb(a="ctp", id=a.id).pack()))
    kb.row(to_card(c, a.id))
    await show(c.event, cut_html("\n\n".join(p for p in parts if p)), kb.as_markup(),
               new=isinstance(c.event, Message))


def _line(c: Ctx, found: ab.Changes, ch: ab.Change) -> str:
    topics = ch.kind is ab.ChangeKind.TOPICS
    return c.t("abon-change-line", kind=ch.kind.value,
               when=fmt_dt(ch.created_at, c.tz, c.locale),
               old=groups_text(c, ch.old_groups) if topics else _short(c, ch.old),
               new=groups_text(c, ch.new_groups) if topics else _short(c, ch.new),
               status=c.t("abon-change-status", status=ch.status.value),
               who=esc(found.names.get(ch.proposed_by or 0, "—")), reason=esc(ch.reason))


@router.callback_query(AbCb.filter(F.a == "chg"), Onboarded())
async def history(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                  i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                  tz: ZoneInfo) -> None:
    await state.set_state(None)
    await render_changes(Ctx(query, state, i18n, uow, actor, tz), callback_data.id)
    await ack(query)


async def _prompt(c: Ctx, abonement_id: int, key: str, error: str | None = None) -> None:
    parts = [("⚠️ " + error) if error else None,
             c.t(key, max=ab.COMMENT_MAX) if key == "abon-ask-change-reason" else c.t(key)]
    kb = InlineKeyboardBuilder()
    kb.row(button(c.t("btn-cancel"), AbCb(a="chg", id=abonement_id).pack()))
    await show(c.event, "\n\n".join(p for p in parts if p), kb.as_markup(),
               new=isinstance(c.event, Message))


@router.callback_query(AbCb.filter(F.a.in_({"chp", "ctp"})), Onboarded())
async def propose(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                  i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                  tz: ZoneInfo) -> None:
    """«Change the volume» (chp: the hours are asked) or «change the topics» (ctp: the
    groups in force ticked), once the domain says a proposal may be made."""
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        found = await ab.may_propose(uow, actor, callback_data.id)
    except ValidationError as err:
        await ack(query)
        await render_changes(c, callback_data.id, error=error_html(i18n, err))
        return
    await ack(query)
    if callback_data.a == "chp":
        await state.set_state(AbChangeSt.hours)
        await state.set_data({"ab_id": callback_data.id})
        await _prompt(c, callback_data.id, "abon-ask-change-hours")
        return
    groups = list(found.abonement.request.groups)
    await state.set_state(AbChangeSt.topics)
    await state.set_data({"ab_id": callback_data.id, "groups": groups})
    await _topics(c, callback_data.id, groups)


# ---- other topics: the competence groups ticked, then the reason ----------------------------


async def _topics(c: Ctx, abonement_id: int, groups: list[str], error: str | None = None
                  ) -> None:
    kb = InlineKeyboardBuilder()
    for g in ab.COMPETENCE_GROUPS:
        kb.row(button(("✅ " if g in groups else "▫️ ") + c.t(f"route-group-{g}"),
                      AbCb(a="ctt", id=abonement_id, v=g).pack()))
    kb.row(button(c.t("btn-done"), AbCb(a="ctd", id=abonement_id).pack()))
    kb.row(button(c.t("btn-cancel"), AbCb(a="chg", id=abonement_id).pack()))
    parts = [("⚠️ " + error) if error else None, c.t("abon-ask-change-topics")]
    await show(c.event, "\n\n".join(p for p in parts if p), kb.as_markup(),
               new=isinstance(c.event, Message))


@router.callback_query(AbCb.filter(F.a.in_({"ctt", "ctd"})), Onboarded())
async def tick_topic(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                     i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                     tz: ZoneInfo) -> None:
    """A group ticked or unticked (ctt), or «Done» (ctd: the reason is asked next); a button
    of another conversation is stale."""
    data = await state.get_data()
    if (await state.get_state() != AbChangeSt.topics.state
            or data.get("ab_id") != callback_data.id):
        await ack(query, i18n.get("error-stale-button"), alert=True)
        return
    c = Ctx(query, state, i18n, uow, actor, tz)
    groups = list(data.get("groups") or [])
    if callback_data.a == "ctt":
        if callback_data.v not in ab.COMPETENCE_GROUPS:  # forged
            await ack(query, i18n.get("error-choice-unknown"), alert=True)
            return
        await ack(query)
        groups = ab.toggle(groups, callback_data.v)
        await state.update_data(groups=groups)
        await _topics(c, callback_data.id, groups)
        return
    await ack(query)
    try:
        found = await ab.may_propose(uow, actor, callback_data.id)
        chosen = ab.check_topics(found.abonement, groups)
    except ValidationError as err:
        await _topics(c, callback_data.id, groups, error_html(i18n, err))
        return
    await state.update_data(groups=chosen)
    await state.set_state(AbChangeSt.reason)
    await _prompt(c, callback_data.id, "abon-ask-change-reason")


@router.message(StateFilter(AbChangeSt.topics), PlainText(), Onboarded())
async def topics_typed(message: Message, state: FSMContext, i18n: I18nContext,
                       uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """Typed text while the groups are ticked: the picker again, nothing ticked is lost."""
    data = await state.get_data()
    await _topics(Ctx(message, state, i18n, uow, actor, tz), int(data.get("ab_id") or 0),
                  list(data.get("groups") or []), i18n.get("abon-error-topics-buttons"))


@router.message(StateFilter(AbChangeSt.hours), PlainText(), Onboarded())
async def got_hours(message: Message, state: FSMContext, i18n: I18nContext,
                    uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    abonement_id = int((await state.get_data()).get("ab_id") or 0)
    try:
        found = await ab.may_propose(uow, actor, abonement_id)
        hours = ab.parse_hours(message.text)
        ab.check_volume(found.abonement, found.planned, hours)
    except ValidationError as err:
        await _prompt(c, abonement_id, "abon-ask-change-hours", change_error(c, err))
        return
    await state.update_data(hours=[hours.in_person, hours.remote, hours.self_study])
    await state.set_state(AbChangeSt.reason)
    await _prompt(c, abonement_id, "abon-ask-change-reason")


@router.message(StateFilter(AbChangeSt.reason), PlainText(), Onboarded())
async def got_reason(message: Message, state: FSMContext, i18n: I18nContext,
                     uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    abonement_id = int(data.get("ab_id") or 0)
    try:
        if data.get("groups"):
            await ab.propose_topics(uow, actor, abonement_id, list(data["groups"]),
                                    message.text or "", c.now)
        else:
            await ab.propose(uow, actor, abonement_id, Hours(*data["hours"]),
                             message.text or "", c.now)
    except ValidationError as err:
        await uow.rollback()
        if err.key.startswith("abon-error-comment"):
            await _prompt(c, abonement_id, "abon-ask-change-reason", error_html(i18n, err))
            return
        await state.set_state(None)
        await state.set_data({})
        await render_changes(c, abonement_id, error=change_error(c, err))
        return
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await render_changes(c, abonement_id, notice=c.t("abon-done-change-proposed"))


@router.message(StateFilter(AbChangeSt), Onboarded())
async def not_text(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("abon-error-need-text"))


@router.callback_query(AbCb.filter(F.a.in_({"chy", "chn"})), Onboarded())
async def decide(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                 i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                 tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    accept = callback_data.a == "chy"
    change = await ab.proposal(uow, actor, callback_data.id)
    try:
        decided = await ab.decide(uow, actor, callback_data.id, accept, c.now)
    except ValidationError as err:
        await uow.rollback()
        await ack(query)
        await render_changes(c, change.abonement_id, error=change_error(c, err))
        return
    await uow.commit()
    await ack(query)
    await render_changes(c, decided.abonement_id, notice=c.t(
        "abon-done-change-accepted" if accept else "abon-done-change-declined",
        kind=decided.kind.value))


__all__ = ["AbChangeSt", "render_changes", "router"]
