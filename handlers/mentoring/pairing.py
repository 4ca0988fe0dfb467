"""The coordinator pairs a mentee with a mentor: suggestions first (young specialists without a
mentor; mentors of the same subject with the fewest mentees), a name typed finds anyone of the
scope; then the start date, the goals from the mentee's deficits, and a confirmation."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, Message
from aiogram_i18n import I18nContext

from domain import mentoring as mnt
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.routing import Routes
from handlers.filters import Onboarded, PlainText
from handlers.mentoring.common import (
    PAGE,
    MnCb,
    PairingStates,
    clip,
    day,
    org_name,
    parse_day,
    with_error,
)
from handlers.mentoring.screens import show_pair
from handlers.views import ack, esc, show

router = Routes("mentoring_pairing")


def _cancel(i18n: I18nContext) -> list[InlineKeyboardButton]:
    return [kb.button(i18n.get("btn-cancel"), MnCb(a="home").pack())]


def _today(uow: UnitOfWork, tz: ZoneInfo) -> date:
    return uow.clock.now().astimezone(tz).date()


async def _mentees(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor, page: int, query: str | None = None) -> None:
    found, total = await mnt.suggest_mentees(uow, actor, query, page, PAGE)
    await state.set_state(PairingStates.mentee)
    await state.set_data({})
    orgs = await uow.orgs.get_many([m.school_id for m in found if m.school_id])
    b = InlineKeyboardBuilder()
    if query:
        text = i18n.get("mnt-pick-mentee-found", count=len(found), query=esc(query))
    else:
        text = i18n.get("mnt-pick-mentee", count=total)
    for m in found:
        school = orgs.get(m.school_id or 0)
        b.row(kb.button(clip(f"{m.name} · {school.name if school else '—'}"),
                        MnCb(a="mentee", id=m.person_id).pack()))
    pages = (total + PAGE - 1) // PAGE
    if not query and (nav := kb.pager(page, pages, lambda n: MnCb(a="new", v=n).pack())):
        b.row(*nav)
    b.row(*_cancel(i18n))
    await show(event, text, b.as_markup())


@router.callback_query(MnCb.filter(F.a == "new"), Onboarded())
async def new_pair(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                   i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await mnt.require_pairing_scope(uow, actor)
    await ack(query)
    await _mentees(query, state, i18n, uow, actor, callback_data.v)


@router.message(StateFilter(PairingStates.mentee), PlainText())
async def mentee_by_name(message: Message, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor) -> None:
    await _mentees(message, state, i18n, uow, actor, 0, (message.text or "").strip()[:100])


async def _mentors(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor, mentee_id: int,
                   query: str | None = None) -> None:
    mentee = await mnt.mentee_for_pairing(uow, actor, mentee_id)
    await state.set_state(PairingStates.mentor)
    await state.set_data({"mn_mentee": mentee_id})
    b = InlineKeyboardBuilder()
    if query:
        found = await mnt.find_mentors(uow, actor, mentee_id, query, PAGE)
        members = [(m, None) for m in found]
        text = i18n.get("mnt-pick-mentor-found", name=esc(mentee.name), count=len(found),
                        query=esc(query))
    else:
        ranked = await mnt.suggest_mentors(uow, actor, mentee_id, PAGE)
        members = [(c.member, c) for c in ranked]
        text = i18n.get("mnt-pick-mentor", name=esc(mentee.name), count=len(ranked))
    orgs = await uow.orgs.get_many([m.school_id for m, _ in members if m.school_id])
    for m, c in members:
        school = orgs.get(m.school_id or 0)
        tail = f" · {c.mentees}" if c is not None else ""
        mark = "📘 " if c is not None and c.same_subject else ""
        b.row(kb.button(clip(f"{mark}{m.name} · {school.name if school else '—'}{tail}"),
                        MnCb(a="mentor", id=m.person_id).pack()))
    b.row(kb.button(i18n.get("btn-back"), MnCb(a="new").pack()), *_cancel(i18n))
    await show(event, text, b.as_markup())


@router.callback_query(MnCb.filter(F.a == "mentee"), Onboarded())
async def mentee_picked(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await mnt.mentee_for_pairing(uow, actor, callback_data.id)
    await ack(query)
    await _mentors(query, state, i18n, uow, actor, callback_data.id)


@router.message(StateFilter(PairingStates.mentor), PlainText())
async def mentor_by_name(message: Message, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor) -> None:
    mentee_id = (await state.get_data())["mn_mentee"]
    await _mentors(message, state, i18n, uow, actor, mentee_id,
                   (message.text or "").strip()[:100])


async def _ask_start(event: Message | CallbackQuery, i18n: I18nContext,
                     error: DomainError | None = None) -> None:
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("mnt-btn-today"), MnCb(a="start").pack()))
    b.row(*_cancel(i18n))
    await show(event, with_error(i18n, i18n.get("mnt-ask-start"), error), b.as_markup())


@router.callback_query(MnCb.filter(F.a == "mentor"), StateFilter(PairingStates.mentor),
                       Onboarded())
async def mentor_picked(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    data = await state.get_data()
    if callback_data.id == data["mn_mentee"]:
        raise ValidationError("mnt-error-self-pair")
    await mnt.check_mentor(uow, actor, callback_data.id)
    await ack(query)
    await state.update_data(mn_mentor=callback_data.id)
    await state.set_state(PairingStates.start)
    await _ask_start(query, i18n)


async def _take_start(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                      uow: UnitOfWork, actor: Actor, tz: ZoneInfo, started_on: date) -> None:
    try:
        mnt.check_start(started_on, _today(uow, tz))
    except ValidationError as err:
        await _ask_start(event, i18n, err)
        return
    await state.update_data(mn_start=started_on.isoformat(), mn_goals=[])
    await state.set_state(PairingStates.goals)
    await _show_goals(event, state, i18n, uow, actor)


@router.callback_query(MnCb.filter(F.a == "start"), StateFilter(PairingStates.start),
                       Onboarded())
async def start_today(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                      uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await _take_start(query, state, i18n, uow, actor, tz, _today(uow, tz))


@router.message(StateFilter(PairingStates.start), PlainText())
async def start_typed(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                      actor: Actor, tz: ZoneInfo) -> None:
    try:
        started_on = parse_day(message.text or "")
    except ValidationError as err:
        await _ask_start(message, i18n, err)
        return
    await _take_start(message, state, i18n, uow, actor, tz, started_on)


async def _show_goals(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                      uow: UnitOfWork, actor: Actor, notice: str | None = None) -> None:
    data = await state.get_data()
    options = await mnt.goal_options(uow, actor, data["mn_mentee"])
    chosen = set(data.get("mn_goals", []))
    mentee = await uow.mentoring.member(data["mn_mentee"])
    mentor = await uow.mentoring.member(data["mn_mentor"])
    orgs = await uow.orgs.get_many(
        [m.school_id for m in (mentee, mentor) if m is not None and m.school_id])
    lines = [i18n.get(
        "mnt-confirm", mentee=esc(mentee.name if mentee else "—"),
        mentee_school=org_name(orgs, mentee.school_id if mentee else None),
        mentor=esc(mentor.name if mentor else "—"),
        mentor_school=org_name(orgs, mentor.school_id if mentor else None),
        start=day(i18n, date.fromisoformat(data["mn_start"])))]
    lines.append(i18n.get("mnt-pick-goals", max=mnt.GOALS_MAX) if options
                 else i18n.get("mnt-no-deficits"))
    b = InlineKeyboardBuilder()
    for n, goal in enumerate(options[:12]):
        mark = "✅ " if goal.indicator in chosen else ""
        b.row(kb.button(clip(mark + goal.title), MnCb(a="goal", v=n).pack()))
    b.row(kb.button(i18n.get("mnt-btn-create"), MnCb(a="ok").pack()))
    b.row(*_cancel(i18n))
    text = "\n\n".join(lines)
    await show(event, notice + "\n\n" + text if notice else text, b.as_markup())


@router.callback_query(MnCb.filter(F.a == "goal"), StateFilter(PairingStates.goals),
                       Onboarded())
async def goal_toggle(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    data = await state.get_data()
    options = await mnt.goal_options(uow, actor, data["mn_mentee"])
    if not 0 <= callback_data.v < len(options):
        raise ValidationError("mnt-error-goal-unknown")
    chosen = list(data.get("mn_goals", []))
    indicator = options[callback_data.v].indicator
    notice = None
    if indicator in chosen:
        chosen.remove(indicator)
    elif len(chosen) >= mnt.GOALS_MAX:
        notice = "⚠️ " + i18n.get("mnt-error-goals-max", max=mnt.GOALS_MAX)
    else:
        chosen.append(indicator)
    await ack(query)
    await state.update_data(mn_goals=chosen)
    await _show_goals(query, state, i18n, uow, actor, notice)


@router.callback_query(MnCb.filter(F.a == "ok"), StateFilter(PairingStates.goals), Onboarded())
async def create(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    pair = await mnt.create_pair(
        uow, actor, data["mn_mentee"], data["mn_mentor"], date.fromisoformat(data["mn_start"]),
        data.get("mn_goals", []), _today(uow, tz), uow.clock.now())
    await uow.commit()
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await show_pair(query, i18n, uow, actor, pair.id, notice=i18n.get("mnt-created"))


@router.callback_query(MnCb.filter(F.a.in_({"mentor", "start", "goal", "ok"})), Onboarded())
async def stale(query: CallbackQuery, i18n: I18nContext) -> None:
    await ack(query, i18n.get("mnt-stale"), alert=True)
