"""Mentoring screens of the two sides of a pair: «Наставничество» in the main menu, the pair's
card, the mentee's diagnosis and ИОМ (for the mentor, read-only), the meeting log, ratings and
the end of the pair with the mentor's conclusion."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import mentoring as mnt
from domain import route as rt
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.routing import Routes
from handlers.callbacks import MenuCb, MntPropCb
from handlers.filters import Onboarded, PlainText
from handlers.files import FileRelay
from handlers.formatting import cut_html, fmt_number, shorten
from handlers.mentoring.common import (
    PAGE,
    EndStates,
    MeetingStates,
    MnCb,
    PairingStates,
    cancel_row,
    clip,
    day,
    org_name,
    with_error,
)
from handlers.mentoring.proposals import pair_buttons
from handlers.views import ack, esc, fresh_screen, show, show_screen

router = Routes("mentoring")


def _today(uow: UnitOfWork, tz: ZoneInfo) -> date:
    return uow.clock.now().astimezone(tz).date()


def _menu_row(i18n: I18nContext, back: MnCb | MenuCb | None = None
              ) -> list[InlineKeyboardButton]:
    row = []
    if back is not None:
        row.append(kb.button(i18n.get("btn-back"), back.pack()))
    row.append(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    return row


# ---- the section ----------------------------------------------------------------------------


async def show_home(event: Message | CallbackQuery, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, notice: str | None = None) -> None:
    views = await mnt.my_pairs(uow, actor)
    orgs = await uow.orgs.get_many(
        [i for v in views for i in (v.mentee.school_id, v.mentor.school_id) if i])
    lines = [i18n.get("mnt-home-title")]
    b = InlineKeyboardBuilder()
    mentoring = [v for v in views if v.pair.mentor_id == actor.person_id]
    mentored = [v for v in views if v.pair.mentee_id == actor.person_id]
    if mentored:
        lines.append(i18n.get("mnt-home-my-mentors"))
        for v in mentored:
            lines.append(i18n.get("mnt-home-line", name=esc(v.mentor.name),
                                  school=org_name(orgs, v.mentor.school_id),
                                  start=day(i18n, v.pair.started_on), active=int(v.pair.active)))
            b.row(kb.button(clip("🧑‍🏫 " + v.mentor.name), MnCb(a="pair", id=v.pair.id).pack()))
    if mentoring:
        lines.append(i18n.get("mnt-home-my-mentees"))
        for v in mentoring:
            lines.append(i18n.get("mnt-home-line", name=esc(v.mentee.name),
                                  school=org_name(orgs, v.mentee.school_id),
                                  start=day(i18n, v.pair.started_on), active=int(v.pair.active)))
            b.row(kb.button(clip("🌱 " + v.mentee.name), MnCb(a="pair", id=v.pair.id).pack()))
    if not views:
        lines.append(i18n.get("mnt-home-none"))
    if actor.is_coordinator or actor.is_admin:
        b.row(kb.button(i18n.get("mnt-btn-new-pair"), MnCb(a="new").pack()),
              kb.button(i18n.get("mnt-btn-scope"), MnCb(a="scope").pack()))
    b.row(*_menu_row(i18n))
    await show_screen(event, lines, b.as_markup(), notice)


@router.callback_query(MenuCb.filter(F.to == "mentoring"), Onboarded())
async def home(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
               actor: Actor) -> None:
    await fresh_screen(query, state)
    await show_home(query, i18n, uow, actor)


@router.message(Command("cancel"), StateFilter(MeetingStates, EndStates, PairingStates),
                Onboarded())
async def cancel(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 actor: Actor) -> None:
    await state.set_state(None)
    await state.set_data({})
    await show_home(message, i18n, uow, actor, notice=i18n.get("mnt-cancelled"))


@router.callback_query(MnCb.filter(F.a == "home"), Onboarded())
async def home_again(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                     uow: UnitOfWork, actor: Actor) -> None:
    await home(query, state, i18n, uow, actor)


# ---- a pair's card ----------------------------------------------------------------------------


async def show_pair(event: Message | CallbackQuery, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, pair_id: int, notice: str | None = None) -> None:
    v = await mnt.view(uow, actor, pair_id)
    p = v.pair
    orgs = await uow.orgs.get_many([i for i in (v.mentee.school_id, v.mentor.school_id) if i])
    lines = [i18n.get("mnt-pair-title"),
             i18n.get("mnt-pair-mentor", name=esc(v.mentor.name),
                      school=org_name(orgs, v.mentor.school_id)),
             i18n.get("mnt-pair-mentee", name=esc(v.mentee.name),
                      school=org_name(orgs, v.mentee.school_id)),
             i18n.get("mnt-pair-start", start=day(i18n, p.started_on))]
    if p.goals:
        lines.append(i18n.get("mnt-pair-goals") + "\n" + "\n".join(
            f"• {esc(g.title)}" for g in p.goals))
    lines.append(i18n.get("mnt-pair-meetings", count=len(v.meetings),
                          hours=fmt_number(v.hours, i18n.locale)))
    for m in v.meetings[:10]:
        lines.append(i18n.get(
            "mnt-meeting-line", date=day(i18n, m.held_on), topic=esc(shorten(m.topic, 100)),
            hours=fmt_number(m.hours, i18n.locale),
            rating="⭐" * m.rating if m.rating else "—", file=int(bool(m.file_id))))
    if not p.active:
        lines.append(i18n.get("mnt-pair-ended", date=day(i18n, p.ended_on),
                              conclusion=esc(shorten(p.conclusion or "—", 1500))))
    b = InlineKeyboardBuilder()
    is_mentor = actor.person_id == p.mentor_id
    if is_mentor and p.active:
        b.row(kb.button(i18n.get("mnt-btn-diagnosis"), MnCb(a="diag", id=p.id).pack()),
              kb.button(i18n.get("mnt-btn-route"), MnCb(a="route", id=p.id).pack()))
        b.row(kb.button(i18n.get("mnt-btn-meeting"), MnCb(a="meet", id=p.id).pack()))
    if actor.person_id in (p.mentor_id, p.mentee_id):
        for m in v.meetings[:5]:
            if m.file_id:
                b.row(kb.button(clip(i18n.get("mnt-btn-file", date=day(i18n, m.held_on))),
                                MnCb(a="file", id=m.id).pack()))
    if actor.person_id == p.mentee_id:
        for m in v.meetings[:5]:
            b.row(kb.button(clip(i18n.get("mnt-btn-rate", date=day(i18n, m.held_on),
                                          topic=m.topic)), MnCb(a="rate", id=m.id).pack()))
    if actor.person_id in (p.mentor_id, p.mentee_id):
        b.row(*pair_buttons(i18n, p.id))
    if is_mentor and p.active:
        b.row(kb.button(i18n.get("mnt-btn-end"), MnCb(a="end", id=p.id).pack()))
    b.row(*_menu_row(i18n, MnCb(a="home")))
    await show_screen(event, lines, b.as_markup(), notice)


@router.callback_query(MnCb.filter(F.a == "pair"), Onboarded())
async def pair_card(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await mnt.view(uow, actor, callback_data.id)  # refused before anything is shown
    await fresh_screen(query, state)
    await show_pair(query, i18n, uow, actor, callback_data.id)


@router.callback_query(MnCb.filter(F.a == "diag"), Onboarded())
async def mentee_diagnosis(query: CallbackQuery, callback_data: MnCb, i18n: I18nContext,
                           uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    done_at, deficits = await mnt.mentee_deficits(uow, actor, callback_data.id)
    await ack(query)
    if done_at is None:
        text = i18n.get("mnt-diag-none")
    else:
        lines = [i18n.get("mnt-diag-title", date=day(i18n, done_at.astimezone(tz).date()),
                          count=len(deficits))]
        lines += [f"• {esc(g.title)} <i>({i18n.get(f'mnt-group-{g.group}')})</i>"
                  for g in deficits[:20]]
        text = cut_html("\n".join(lines))
    b = InlineKeyboardBuilder()
    b.row(*_menu_row(i18n, MnCb(a="pair", id=callback_data.id)))
    await show(query, text, b.as_markup())


@router.callback_query(MnCb.filter(F.a == "route"), Onboarded())
async def mentee_route(query: CallbackQuery, callback_data: MnCb, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor) -> None:
    plan = await mnt.mentee_route(uow, actor, callback_data.id)
    await ack(query)
    if plan is None:
        text = i18n.get("mnt-route-none")
    else:
        r = plan.route
        lines = [i18n.get("mnt-route-title", status=i18n.get(f"route-status-{r.status.value}"),
                          start=day(i18n, r.period_start), end=day(i18n, r.period_end))]
        for n, row in enumerate(plan.rows[:15], 1):
            lines.append(f"<b>{n}. {esc(row.title)}</b>")
            for a in plan.of_row(row.id)[:8]:
                lines.append(i18n.get("mnt-route-activity", title=esc(a.title),
                                      status=a.status.value, column=a.column.value))
        text = cut_html("\n".join(lines))
    b = InlineKeyboardBuilder()
    if plan is not None and plan.route.status is not rt.RouteStatus.COMPLETED:
        b.row(kb.button(i18n.get("mnt-prop-btn-new"),
                        MntPropCb(a="new", id=callback_data.id).pack()))
    b.row(*pair_buttons(i18n, callback_data.id))
    b.row(*_menu_row(i18n, MnCb(a="pair", id=callback_data.id)))
    await show(query, text, b.as_markup())


@router.callback_query(MnCb.filter(F.a == "file"), Onboarded())
async def meeting_file(query: CallbackQuery, callback_data: MnCb, uow: UnitOfWork,
                       actor: Actor, files: FileRelay) -> None:
    pair, meeting = await mnt.meeting_of(uow, actor, callback_data.id)
    if meeting.file_id and query.message is not None and query.bot is not None:
        await files.send(query.bot, query.message.chat.id, meeting.file_id,
                        filename=meeting.file_name)
    await ack(query)


# ---- ratings (the mentee) ---------------------------------------------------------------------


@router.callback_query(MnCb.filter(F.a == "rate"), Onboarded())
async def rate_ask(query: CallbackQuery, callback_data: MnCb, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor) -> None:
    pair, meeting = await mnt.meeting_of(uow, actor, callback_data.id)
    if actor.person_id != pair.mentee_id:
        raise DomainError("mnt-error-rate-mentee-only")
    await ack(query)
    b = InlineKeyboardBuilder()
    for n in mnt.RATINGS:
        b.button(text="⭐" * n, callback_data=MnCb(a="rv", id=meeting.id, v=n))
    b.adjust(1)
    b.row(*_menu_row(i18n, MnCb(a="pair", id=pair.id)))
    await show(query, i18n.get("mnt-ask-rating", date=day(i18n, meeting.held_on),
                               topic=esc(meeting.topic)), b.as_markup())


@router.callback_query(MnCb.filter(F.a == "rv"), Onboarded())
async def rate_save(query: CallbackQuery, callback_data: MnCb, i18n: I18nContext,
                    uow: UnitOfWork, actor: Actor) -> None:
    meeting = await mnt.rate_meeting(uow, actor, callback_data.id, callback_data.v,
                                     uow.clock.now())
    await uow.commit()
    await ack(query)
    await show_pair(query, i18n, uow, actor, meeting.pair_id,
                    notice=i18n.get("mnt-rated", stars="⭐" * callback_data.v))


# ---- the end (the mentor) ---------------------------------------------------------------------


@router.callback_query(MnCb.filter(F.a == "end"), Onboarded())
async def end_ask(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                  i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await mnt.can_log(uow, actor, callback_data.id)
    await ack(query)
    await state.set_state(EndStates.conclusion)
    await state.set_data({"mn_pair": callback_data.id})
    b = InlineKeyboardBuilder()
    b.row(*cancel_row(i18n, callback_data.id))
    await show(query, i18n.get("mnt-ask-conclusion"), b.as_markup())


@router.message(StateFilter(EndStates.conclusion), PlainText())
async def end_save(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                   actor: Actor, tz: ZoneInfo) -> None:
    pair_id = (await state.get_data())["mn_pair"]
    try:
        await mnt.end_pair(uow, actor, pair_id, message.text or "", _today(uow, tz),
                           uow.clock.now())
    except ValidationError as err:
        b = InlineKeyboardBuilder()
        b.row(*cancel_row(i18n, pair_id))
        await show(message, with_error(i18n, i18n.get("mnt-ask-conclusion"), err),
                   b.as_markup())
        return
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await show_pair(message, i18n, uow, actor, pair_id, notice=i18n.get("mnt-ended"))


# ---- the coordinator's list -------------------------------------------------------------------


@router.callback_query(MnCb.filter(F.a == "scope"), Onboarded())
async def scope_pairs(query: CallbackQuery, callback_data: MnCb, i18n: I18nContext,
                      uow: UnitOfWork, actor: Actor) -> None:
    views, total = await mnt.pairs_in_scope(uow, actor, callback_data.v, PAGE)
    await ack(query)
    b = InlineKeyboardBuilder()
    if not views:
        text = i18n.get("mnt-scope-empty")
    else:
        text = i18n.get("mnt-scope-title", count=total)
        for v in views:
            mark = "" if v.pair.active else "🏁 "
            b.row(kb.button(clip(f"{mark}{v.mentee.name} ← {v.mentor.name}"),
                            MnCb(a="pair", id=v.pair.id).pack()))
        pages = (total + PAGE - 1) // PAGE
        if nav := kb.pager(callback_data.v, pages, lambda n: MnCb(a="scope", v=n).pack()):
            b.row(*nav)
    b.row(*_menu_row(i18n, MnCb(a="home")))
    await show(query, text, b.as_markup())


def menu_markup(i18n: I18nContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[_menu_row(i18n, MnCb(a="home"))])
