"""Mentoring screens of the two sides of a pair: «Наставничество» in the main menu, the pair's
card, the mentee's diagnosis and ИОМ (for the mentor, read-only), the meeting log, ratings and
the end of the pair with the mentor's conclusion."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from domain import mentoring as mnt
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.callbacks import MenuCb
from handlers.filters import Onboarded, PlainText
from handlers.formatting import cut_html, fmt_number, shorten
from handlers.mentoring.common import (
    PAGE,
    EndStates,
    MeetingStates,
    MnCb,
    PairingStates,
    clip,
    day,
    org_name,
    parse_day,
    with_error,
)
from handlers.views import ack, esc, show

router = Router(name="mentoring")


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
    text = "\n\n".join(lines)
    await show(event, cut_html(notice + "\n\n" + text if notice else text), b.as_markup())


@router.callback_query(MenuCb.filter(F.to == "mentoring"), Onboarded())
async def home(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
               actor: Actor) -> None:
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
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
    if is_mentor and p.active:
        b.row(kb.button(i18n.get("mnt-btn-end"), MnCb(a="end", id=p.id).pack()))
    b.row(*_menu_row(i18n, MnCb(a="home")))
    text = "\n\n".join(lines)
    await show(event, cut_html(notice + "\n\n" + text if notice else text), b.as_markup())


@router.callback_query(MnCb.filter(F.a == "pair"), Onboarded())
async def pair_card(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await mnt.view(uow, actor, callback_data.id)  # refused before anything is shown
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
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
    b.row(*_menu_row(i18n, MnCb(a="pair", id=callback_data.id)))
    await show(query, text, b.as_markup())


@router.callback_query(MnCb.filter(F.a == "file"), Onboarded())
async def meeting_file(query: CallbackQuery, callback_data: MnCb, uow: UnitOfWork,
                       actor: Actor) -> None:
    pair, meeting = await mnt.meeting_of(uow, actor, callback_data.id)
    await ack(query)
    if meeting.file_id and query.message is not None and query.bot is not None:
        await query.bot.send_document(query.message.chat.id, meeting.file_id)


# ---- the meeting log (the mentor) -------------------------------------------------------------


def _cancel_row(i18n: I18nContext, pair_id: int) -> list[InlineKeyboardButton]:
    return [kb.button(i18n.get("btn-cancel"), MnCb(a="pair", id=pair_id).pack())]


async def _ask_day(event: Message | CallbackQuery, i18n: I18nContext, pair_id: int,
                   error: DomainError | None = None) -> None:
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("mnt-btn-today"), MnCb(a="day", id=pair_id, v=0).pack()),
          kb.button(i18n.get("mnt-btn-yesterday"), MnCb(a="day", id=pair_id, v=1).pack()))
    b.row(*_cancel_row(i18n, pair_id))
    await show(event, with_error(i18n, i18n.get("mnt-ask-day"), error), b.as_markup())


@router.callback_query(MnCb.filter(F.a == "meet"), Onboarded())
async def meeting_start(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await mnt.can_log(uow, actor, callback_data.id)
    await ack(query)
    await state.set_state(MeetingStates.day)
    await state.set_data({"mn_pair": callback_data.id})
    await _ask_day(query, i18n, callback_data.id)


async def _take_day(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                    uow: UnitOfWork, actor: Actor, tz: ZoneInfo, held_on: date) -> None:
    data = await state.get_data()
    pair = await mnt.can_log(uow, actor, data["mn_pair"])
    try:
        mnt.check_meeting_day(held_on, pair.started_on, _today(uow, tz))
    except ValidationError as err:
        await _ask_day(event, i18n, pair.id, err)
        return
    await state.update_data(mn_day=held_on.isoformat())
    await state.set_state(MeetingStates.topic)
    b = InlineKeyboardBuilder()
    b.row(*_cancel_row(i18n, pair.id))
    await show(event, i18n.get("mnt-ask-topic", date=day(i18n, held_on)), b.as_markup())


@router.callback_query(MnCb.filter(F.a == "day"), StateFilter(MeetingStates.day), Onboarded())
async def meeting_day_button(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                             i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                             tz: ZoneInfo) -> None:
    await ack(query)
    held_on = _today(uow, tz) - timedelta(days=min(max(callback_data.v, 0), 1))
    await _take_day(query, state, i18n, uow, actor, tz, held_on)


@router.message(StateFilter(MeetingStates.day), PlainText())
async def meeting_day_typed(message: Message, state: FSMContext, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    try:
        held_on = parse_day(message.text or "")
    except ValidationError as err:
        await _ask_day(message, i18n, (await state.get_data())["mn_pair"], err)
        return
    await _take_day(message, state, i18n, uow, actor, tz, held_on)


async def _ask_hours(event: Message | CallbackQuery, i18n: I18nContext, pair_id: int,
                     error: DomainError | None = None) -> None:
    b = InlineKeyboardBuilder()
    for quarters in (4, 6, 8):
        b.button(text=fmt_number(Decimal(quarters) / 4, i18n.locale),
                 callback_data=MnCb(a="hours", id=pair_id, v=quarters))
    b.adjust(3)
    b.row(*_cancel_row(i18n, pair_id))
    await show(event, with_error(i18n, i18n.get("mnt-ask-hours"), error), b.as_markup())


@router.message(StateFilter(MeetingStates.topic), PlainText())
async def meeting_topic(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    data = await state.get_data()
    try:
        topic = mnt.check_topic(message.text or "")
    except ValidationError as err:
        b = InlineKeyboardBuilder()
        b.row(*_cancel_row(i18n, data["mn_pair"]))
        await show(message, with_error(i18n, i18n.get("mnt-ask-topic-again"), err),
                   b.as_markup())
        return
    await state.update_data(mn_topic=topic)
    await state.set_state(MeetingStates.hours)
    await _ask_hours(message, i18n, data["mn_pair"])


async def _take_hours(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                      hours: Decimal) -> None:
    data = await state.get_data()
    await state.update_data(mn_hours=str(hours))
    await state.set_state(MeetingStates.file)
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("mnt-btn-no-file"), MnCb(a="nofile", id=data["mn_pair"]).pack()))
    b.row(*_cancel_row(i18n, data["mn_pair"]))
    await show(event, i18n.get("mnt-ask-file"), b.as_markup())


@router.callback_query(MnCb.filter(F.a == "hours"), StateFilter(MeetingStates.hours),
                       Onboarded())
async def meeting_hours_button(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                               i18n: I18nContext) -> None:
    await ack(query)
    data = await state.get_data()
    try:
        hours = mnt.parse_hours(str(Decimal(callback_data.v) / 4))
    except ValidationError as err:
        await _ask_hours(query, i18n, data["mn_pair"], err)
        return
    await _take_hours(query, state, i18n, hours)


@router.message(StateFilter(MeetingStates.hours), PlainText())
async def meeting_hours_typed(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    try:
        hours = mnt.parse_hours(message.text or "")
    except ValidationError as err:
        await _ask_hours(message, i18n, (await state.get_data())["mn_pair"], err)
        return
    await _take_hours(message, state, i18n, hours)


async def _save_meeting(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                        uow: UnitOfWork, actor: Actor, tz: ZoneInfo, file_id: str | None,
                        file_name: str | None) -> None:
    data = await state.get_data()
    meeting = await mnt.log_meeting(
        uow, actor, data["mn_pair"], date.fromisoformat(data["mn_day"]), data["mn_topic"],
        Decimal(data["mn_hours"]), file_id, file_name, _today(uow, tz), tz, uow.clock.now())
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    notice = i18n.get("mnt-meeting-saved", hours=fmt_number(meeting.hours, i18n.locale))
    await show_pair(event, i18n, uow, actor, meeting.pair_id, notice=notice)


@router.callback_query(MnCb.filter(F.a == "nofile"), StateFilter(MeetingStates.file),
                       Onboarded())
async def meeting_no_file(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                          uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await _save_meeting(query, state, i18n, uow, actor, tz, None, None)


@router.message(StateFilter(MeetingStates.file))
async def meeting_file_sent(message: Message, state: FSMContext, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    if message.document is not None:
        file_id, name = message.document.file_id, message.document.file_name or "file"
    elif message.photo:
        file_id, name = message.photo[-1].file_id, "photo.jpg"
    else:
        data = await state.get_data()
        b = InlineKeyboardBuilder()
        b.row(kb.button(i18n.get("mnt-btn-no-file"), MnCb(a="nofile", id=data["mn_pair"]).pack()))
        b.row(*_cancel_row(i18n, data["mn_pair"]))
        await show(message, i18n.get("mnt-ask-file-again"), b.as_markup())
        return
    await _save_meeting(message, state, i18n, uow, actor, tz, file_id[:200], name[:200])


@router.callback_query(MnCb.filter(F.a.in_({"day", "hours", "nofile"})), Onboarded())
async def stale_step(query: CallbackQuery, i18n: I18nContext) -> None:
    """A button of a step already passed (a second tap on «Без файла»): nothing is saved
    twice."""
    await ack(query, i18n.get("mnt-stale"), alert=True)


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
    b.row(*_cancel_row(i18n, callback_data.id))
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
        b.row(*_cancel_row(i18n, pair_id))
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
