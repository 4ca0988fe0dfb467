"""The mentor's proposals to the mentee's ИОМ: an activity in a form of self-education or
«Консультации наставника» (title, the deficit it addresses, the month, the hours); the mentee
accepts (it goes into their ИОМ) or declines with an optional reason; both sides see the
pair's proposals and their answers."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import mentoring as mnt
from domain import route as rt
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb, MntPropCb
from handlers.filters import Onboarded, PlainText
from handlers.formatting import fmt_number, shorten
from handlers.mentoring.common import MnCb, clip, with_error
from handlers.routing import Routes
from handlers.views import ack, esc, fresh_screen, show, show_screen
from handlers.widgets.dates import month_title, month_value, read_month

router = Routes("mentoring_proposals")

MARK = {mnt.ProposalStatus.PROPOSED: "⏳", mnt.ProposalStatus.ACCEPTED: "✅",
        mnt.ProposalStatus.DECLINED: "✖️"}
CONSULT = "consult"


class ProposalStates(StatesGroup):
    choice = State()  # the kind, the deficit, the month: buttons
    title = State()
    hours = State()
    reason = State()  # the mentee's optional reason to decline


def _today(uow: UnitOfWork, tz: ZoneInfo) -> date:
    return uow.clock.now().astimezone(tz).date()


def _cancel(i18n: I18nContext, pair_id: int) -> list:
    return [kb.button(i18n.get("btn-cancel"), MntPropCb(a="list", id=pair_id).pack())]


def _kind_label(i18n: I18nContext, p: mnt.Proposal) -> str:
    if p.kind is mnt.ProposalKind.CONSULTATIONS:
        return i18n.get("mnt-prop-kind-consultations")
    return i18n.get(f"route-form-{p.form}")


async def show_list(event: Message | CallbackQuery, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, pair_id: int, notice: str | None = None) -> None:
    pair, items = await mnt.proposals_of(uow, actor, pair_id)
    lines = [i18n.get("mnt-prop-title", count=len(items))]
    if not items:
        lines.append(i18n.get("mnt-prop-none"))
    b = InlineKeyboardBuilder()
    mentee = actor.person_id == pair.mentee_id
    for p in items[:15]:
        lines.append(i18n.get(
            "mnt-prop-line", mark=MARK[p.status], kind=_kind_label(i18n, p),
            title=esc(shorten(p.title, 150)), month=month_title(p.month, i18n.locale),
            hours=fmt_number(p.hours, i18n.locale), status=p.status.value))
        if p.reason:
            lines.append(i18n.get("mnt-prop-reason", reason=esc(shorten(p.reason, 300))))
        if mentee and p.pending and pair.active:
            b.row(kb.button(clip(i18n.get("mnt-prop-btn-accept-title", title=p.title)),
                            MntPropCb(a="ok", id=p.id).pack()),
                  kb.button(i18n.get("mnt-prop-btn-decline"), MntPropCb(a="no", id=p.id).pack()))
    if actor.person_id == pair.mentor_id and pair.active:
        b.row(kb.button(i18n.get("mnt-prop-btn-new"), MntPropCb(a="new", id=pair.id).pack()))
    b.row(kb.button(i18n.get("btn-back"), MnCb(a="pair", id=pair.id).pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show_screen(event, lines, b.as_markup(), notice)


@router.callback_query(MntPropCb.filter(F.a == "list"), Onboarded())
async def listing(query: CallbackQuery, callback_data: MntPropCb, state: FSMContext,
                  i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await mnt.proposals_of(uow, actor, callback_data.id)  # refused before anything is shown
    await fresh_screen(query, state)
    await show_list(query, i18n, uow, actor, callback_data.id)


@router.message(Command("cancel"), StateFilter(ProposalStates), Onboarded())
async def cancel(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 actor: Actor) -> None:
    data = await state.get_data()
    await state.set_state(None)
    await state.set_data({})
    await show_list(message, i18n, uow, actor, int(data.get("mp_pair", 0)),
                    notice=i18n.get("mnt-cancelled"))


# ---- the mentor proposes ----------------------------------------------------------------------


@router.callback_query(MntPropCb.filter(F.a == "new"), Onboarded())
async def new(query: CallbackQuery, callback_data: MntPropCb, state: FSMContext,
              i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    pair, _ = await mnt.can_propose(uow, actor, callback_data.id)
    await ack(query)
    await state.set_state(ProposalStates.choice)
    await state.set_data({"mp_pair": pair.id, "mp_step": "kind"})
    b = InlineKeyboardBuilder()
    for form in rt.SelfForm:
        b.row(kb.button(i18n.get(f"route-form-{form.value}"),
                        MntPropCb(a="kind", id=pair.id, v=form.value).pack()))
    b.row(kb.button(i18n.get("mnt-prop-kind-consultations"),
                    MntPropCb(a="kind", id=pair.id, v=CONSULT).pack()))
    b.row(*_cancel(i18n, pair.id))
    await show(query, i18n.get("mnt-prop-ask-kind"), b.as_markup())


async def _step(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                callback_data: MntPropCb, step: str) -> dict | None:
    """The FSM data if the button is of the step being asked, for this pair; else «stale»."""
    data = await state.get_data()
    if await state.get_state() != ProposalStates.choice.state or data.get("mp_step") != step \
            or data.get("mp_pair") != callback_data.id:
        await ack(query, i18n.get("mnt-prop-stale"), alert=True)
        return None
    return data


async def _ask_title(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                     pair_id: int, error: DomainError | None = None) -> None:
    await state.set_state(ProposalStates.title)
    data = await state.get_data()
    b = InlineKeyboardBuilder()
    b.row(*_cancel(i18n, pair_id))
    await show(event, with_error(i18n, i18n.get(
        "mnt-prop-ask-title", kind=data.get("mp_kind", "")), error), b.as_markup())


@router.callback_query(MntPropCb.filter(F.a == "kind"), Onboarded())
async def kind(query: CallbackQuery, callback_data: MntPropCb, state: FSMContext,
               i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    if (await _step(query, state, i18n, callback_data, "kind")) is None:
        return
    if callback_data.v == CONSULT:
        chosen = {"mp_kind": mnt.ProposalKind.CONSULTATIONS.value, "mp_form": None}
    elif callback_data.v in {f.value for f in rt.SelfForm}:
        chosen = {"mp_kind": mnt.ProposalKind.ACTIVITY.value, "mp_form": callback_data.v}
    else:
        await ack(query, i18n.get("mnt-prop-stale"), alert=True)
        return
    await mnt.can_propose(uow, actor, callback_data.id)
    await ack(query)
    await state.update_data(chosen)
    await _ask_title(query, state, i18n, callback_data.id)


@router.message(StateFilter(ProposalStates.title), PlainText(), Onboarded())
async def title(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                actor: Actor) -> None:
    pair_id = int((await state.get_data())["mp_pair"])
    try:
        text = rt.parse_title(message.text or "")
    except ValidationError as err:
        await _ask_title(message, state, i18n, pair_id, err)
        return
    _, plan = await mnt.can_propose(uow, actor, pair_id)
    await state.update_data(mp_title=text, mp_step="row")
    await state.set_state(ProposalStates.choice)
    b = InlineKeyboardBuilder()
    for n, row in enumerate(sorted(plan.rows, key=lambda r: r.position)[:20], 1):
        b.row(kb.button(clip(f"{n}. {row.title}"),
                        MntPropCb(a="row", id=pair_id, v=str(row.id)).pack()))
    b.row(kb.button(i18n.get("mnt-prop-no-row"), MntPropCb(a="row", id=pair_id, v="0").pack()))
    b.row(*_cancel(i18n, pair_id))
    await show(message, i18n.get("mnt-prop-ask-row"), b.as_markup())


@router.callback_query(MntPropCb.filter(F.a == "row"), Onboarded())
async def row(query: CallbackQuery, callback_data: MntPropCb, state: FSMContext,
              i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    if (await _step(query, state, i18n, callback_data, "row")) is None:
        return
    _, plan = await mnt.can_propose(uow, actor, callback_data.id)
    row_id = int(callback_data.v) if callback_data.v.isdigit() else -1
    if row_id != 0 and row_id not in {r.id for r in plan.rows}:
        await ack(query, i18n.get("mnt-prop-stale"), alert=True)
        return
    await ack(query)
    await state.update_data(mp_row=row_id, mp_step="month")
    b = InlineKeyboardBuilder()
    for month in mnt.proposal_months(plan, _today(uow, tz)):
        b.button(text=month_title(month, i18n.locale),
                 callback_data=MntPropCb(a="month", id=callback_data.id, v=month_value(month)))
    b.adjust(3)
    b.row(*_cancel(i18n, callback_data.id))
    await show(query, i18n.get("mnt-prop-ask-month"), b.as_markup())


async def _ask_hours(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                     pair_id: int, error: DomainError | None = None) -> None:
    await state.set_state(ProposalStates.hours)
    data = await state.get_data()
    b = InlineKeyboardBuilder()
    b.row(*_cancel(i18n, pair_id))
    await show(event, with_error(i18n, i18n.get("mnt-prop-ask-hours",
                                                kind=data.get("mp_kind", "")), error),
               b.as_markup())


@router.callback_query(MntPropCb.filter(F.a == "month"), Onboarded())
async def month(query: CallbackQuery, callback_data: MntPropCb, state: FSMContext,
                i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    if (await _step(query, state, i18n, callback_data, "month")) is None:
        return
    _, plan = await mnt.can_propose(uow, actor, callback_data.id)
    picked = read_month(callback_data.v)
    if picked is None or picked not in mnt.proposal_months(plan, _today(uow, tz)):
        await ack(query, i18n.get("mnt-prop-stale"), alert=True)
        return
    await ack(query)
    await state.update_data(mp_month=picked.isoformat(), mp_step="hours")
    await _ask_hours(query, state, i18n, callback_data.id)


@router.message(StateFilter(ProposalStates.hours), PlainText(), Onboarded())
async def hours(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    pair_id = int(data["mp_pair"])
    try:
        value = mnt.parse_proposal_hours(message.text or "")
    except ValidationError as err:
        await _ask_hours(message, state, i18n, pair_id, err)
        return
    await mnt.propose(uow, actor, pair_id, mnt.ProposalKind(data["mp_kind"]), data["mp_title"],
                      data.get("mp_form"), int(data.get("mp_row") or 0) or None,
                      date.fromisoformat(data["mp_month"]), value, _today(uow, tz),
                      uow.clock.now())
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await show_list(message, i18n, uow, actor, pair_id, notice=i18n.get("mnt-prop-sent"))


# ---- the mentee answers -----------------------------------------------------------------------


@router.callback_query(MntPropCb.filter(F.a == "ok"), Onboarded())
async def accept(query: CallbackQuery, callback_data: MntPropCb, state: FSMContext,
                 i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    proposal, added = await mnt.accept_proposal(uow, actor, callback_data.id, _today(uow, tz),
                                                uow.clock.now())
    await uow.commit()
    await fresh_screen(query, state)
    await show_list(query, i18n, uow, actor, proposal.pair_id, notice=i18n.get(
        "mnt-prop-accepted" if added else "mnt-prop-accepted-before", title=esc(proposal.title)))


@router.callback_query(MntPropCb.filter(F.a == "no"), Onboarded())
async def decline_ask(query: CallbackQuery, callback_data: MntPropCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    proposal = await mnt.check_decline(uow, actor, callback_data.id)
    await ack(query)
    await state.set_state(ProposalStates.reason)
    await state.set_data({"mp_pair": proposal.pair_id, "mp_prop": proposal.id})
    await _ask_reason(query, i18n, proposal)


async def _ask_reason(event: Message | CallbackQuery, i18n: I18nContext,
                      proposal: mnt.Proposal, error: DomainError | None = None) -> None:
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("mnt-prop-btn-no-reason"),
                    MntPropCb(a="nor", id=proposal.id).pack()))
    b.row(*_cancel(i18n, proposal.pair_id))
    await show(event, with_error(i18n, i18n.get("mnt-prop-ask-reason",
                                                title=esc(proposal.title)), error),
               b.as_markup())


async def _decline(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor, proposal_id: int, reason: str | None) -> None:
    proposal = await mnt.decline_proposal(uow, actor, proposal_id, reason, uow.clock.now())
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await show_list(event, i18n, uow, actor, proposal.pair_id,
                    notice=i18n.get("mnt-prop-declined", title=esc(proposal.title)))


@router.callback_query(MntPropCb.filter(F.a == "nor"), Onboarded())
async def decline_without_reason(query: CallbackQuery, callback_data: MntPropCb,
                                 state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                                 actor: Actor) -> None:
    await mnt.check_decline(uow, actor, callback_data.id)
    await ack(query)
    await _decline(query, state, i18n, uow, actor, callback_data.id, None)


@router.message(StateFilter(ProposalStates.reason), PlainText(), Onboarded())
async def reason(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 actor: Actor) -> None:
    proposal_id = int((await state.get_data())["mp_prop"])
    try:
        text = mnt.check_reason(message.text)
    except ValidationError as err:
        _, proposal = await mnt.proposal_for_mentee(uow, actor, proposal_id)
        await _ask_reason(message, i18n, proposal, err)
        return
    await _decline(message, state, i18n, uow, actor, proposal_id, text)


def pair_buttons(i18n: I18nContext, pair_id: int) -> list:
    """«Предложения в ИОМ» on the pair's card and the mentee's ИОМ view."""
    return [kb.button(i18n.get("mnt-prop-btn-list"), MntPropCb(a="list", id=pair_id).pack())]
