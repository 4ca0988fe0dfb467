"""«Мероприятия» for teachers: the catalogue with filters, an event card, registration and the
waitlist, «Мои записи», .ics files, check-in by code and «Мои часы».

Every id in callback data is re-checked by domain/events.py (visibility, ownership).
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import events as ev
from domain import hours as hours_service
from domain.access import Actor
from domain.errors import ValidationError
from domain.ports import UnitOfWork
from handlers import formatting
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb, NavCb, RouteRowCb, packed
from handlers.events.callbacks import (
    ANY,
    AdmAction,
    CardFrom,
    EvActCb,
    EvAdmCb,
    EvCardCb,
    EvFilterCb,
    EvListCb,
    EvMyCb,
    EvOrgCb,
    FilterWhat,
    MyTab,
    OrgAction,
    RegAction,
)
from handlers.filters import Onboarded, PlainText
from handlers.routing import Routes
from handlers.views import (
    ack,
    error_html,
    error_plain,
    esc,
    fmt_dt,
    fmt_hours,
    fmt_sessions,
    show,
)

router = Routes("events")

class CheckinForm(StatesGroup):
    code = State()




def list_cb(page: int = 0, form: str = ANY, level: str = ANY, month: str = ANY) -> EvListCb:
    return EvListCb(page=page, form=form, level=level, month=month)


def card_cb(event_id: int, src: CardFrom = CardFrom.MINE, cb: EvListCb | None = None
            ) -> EvCardCb:
    cb = cb or list_cb()
    return EvCardCb(event_id=event_id, src=src, page=cb.page, form=cb.form, level=cb.level,
                    month=cb.month)


# ---- rendering --------------------------------------------------------------------------


def fmt_short(event: ev.Event, tz: ZoneInfo, locale: str) -> str:
    """ru «25.12 10:00», en «25 Dec 10:00» (a list line)."""
    local = event.starts_at.astimezone(tz)
    return _short(local.replace(tzinfo=None), locale)


@functools.lru_cache(maxsize=4096)
def _short(wall: datetime, locale: str) -> str:
    """By the wall-clock time: a page lists the same dozen events for everyone, and Babel
    formatted each line's date and time anew (a tenth of the page's cost)."""
    return f"{formatting.fmt_day_month(wall, locale)} {formatting.fmt_time(wall, locale)}"


def hours_text(i18n: I18nContext, hours: ev.Hours) -> str:
    return i18n.get(
        "ev-hours-line",
        in_person=fmt_hours(hours.in_person, i18n.locale),
        remote=fmt_hours(hours.remote, i18n.locale),
        self_study=fmt_hours(hours.self_study, i18n.locale),
        total=fmt_hours(hours.total, i18n.locale),
    )


def seats_text(i18n: I18nContext, event: ev.Event, counts: ev.SeatCounts) -> str:
    left = ev.seats_left(event.capacity, counts)
    if left is None:
        return i18n.get("ev-seats-unlimited", taken=counts.held)
    if left > 0 and counts.waitlisted == 0:
        return i18n.get("ev-seats-left", left=left, capacity=event.capacity or 0)
    return i18n.get("ev-seats-full", capacity=event.capacity or 0, waiting=counts.waitlisted)


def status_text(i18n: I18nContext, reg: ev.Registration | None, position: int | None,
                tz: ZoneInfo) -> str:
    if reg is None:
        return ""
    if reg.attended_at is not None:
        return i18n.get("ev-my-attended")
    if reg.status is ev.RegStatus.WAITLISTED:
        return i18n.get("ev-my-waitlisted", position=position or 0)
    if reg.status is ev.RegStatus.OFFERED:
        return i18n.get("ev-my-offered", until=fmt_dt(reg.offer_expires_at, tz, i18n.locale))
    return i18n.get(f"ev-my-{reg.status.value}")


def sessions_text(event: ev.Event, tz: ZoneInfo, locale: str) -> str:
    return "\n".join("• " + fmt_sessions([s], tz, locale) for s in event.sessions)


def event_text(i18n: I18nContext, event: ev.Event, organiser_name: str, counts: ev.SeatCounts,
               tz: ZoneInfo) -> str:
    """The card body shared by teachers' and organisers' views."""
    parts = [
        f"<b>{esc(event.title)}</b>",
        i18n.get("ev-card-kind", form=i18n.get(f"ev-form-{event.form.value}"),
                 level=i18n.get(f"ev-level-{event.level.value}")),
        i18n.get("ev-card-organiser", org=esc(organiser_name)),
        i18n.get("ev-card-when", sessions=sessions_text(event, tz, i18n.locale)),
    ]
    if event.place:
        parts.append(i18n.get("ev-card-place", place=esc(event.place)))
    if event.online_url:
        parts.append(i18n.get("ev-card-link", link=esc(event.online_url)))
    parts.append(i18n.get("ev-card-hours", hours=hours_text(i18n, event.hours)))
    if event.groups:
        parts.append(i18n.get("ev-card-groups", groups=", ".join(
            i18n.get(f"ev-group-{g}") for g in event.groups)))
    parts.append(i18n.get("ev-card-deadline", deadline=fmt_dt(event.registration_closes_at(),
                                                                tz, i18n.locale)))
    parts.append(seats_text(i18n, event, counts))
    if event.is_cancelled:
        parts.append(i18n.get("ev-card-cancelled"))
    if event.description:
        parts.append("\n" + esc(event.description))
    return "\n".join(parts)


async def render_card(event_or_query: Message | CallbackQuery, i18n: I18nContext,
                      uow: UnitOfWork, actor: Actor, tz: ZoneInfo, cb: EvCardCb,
                      notice: str | None = None, new: bool = False) -> None:
    now = uow.clock.now()
    view = await ev.event_view(uow, actor, cb.event_id, now)
    event = view.event
    text = event_text(i18n, event, view.organiser.name, view.counts, tz)
    mine = status_text(i18n, view.mine, view.position, tz)
    if mine:
        text += "\n\n" + i18n.get("ev-card-mine", status=mine)
    if view.closed_reason and (view.mine is None or not view.mine.is_active):
        text += "\n\n" + i18n.get("ev-card-closed", reason=i18n.get(view.closed_reason))
    if notice:
        text = notice + "\n\n" + text
    b = InlineKeyboardBuilder()

    def act(action: RegAction) -> str:
        return EvActCb(action=action, event_id=event.id, src=cb.src, page=cb.page, form=cb.form,
                       level=cb.level, month=cb.month).pack()

    if view.can_register:
        label = ("ev-btn-register"
                 if ev.place_for_newcomer(event.capacity, view.counts) is ev.RegStatus.CONFIRMED
                 else "ev-btn-waitlist")
        b.row(kb.button(i18n.get(label), act(RegAction.REGISTER)))
    rights = ev.RegistrationRights.of(event, view.mine, now)
    if rights.answer_offer:
        b.row(kb.button(i18n.get("ev-btn-confirm-seat"), act(RegAction.CONFIRM)))
        b.row(kb.button(i18n.get("ev-btn-decline-seat"), act(RegAction.CANCEL)))
    elif rights.leave:
        b.row(kb.button(i18n.get("ev-btn-cancel-reg"), act(RegAction.CANCEL)))
    if rights.calendar:
        b.row(kb.button(i18n.get("ev-btn-ics"), act(RegAction.ICS)))
    if rights.check_in:
        b.row(kb.button(i18n.get("ev-btn-checkin"), act(RegAction.CHECKIN)))
    if view.mine is not None and view.mine.attended_at is not None and not event.is_cancelled:
        from handlers.callbacks import CertCb  # the certificate of participation (documents)

        b.row(kb.button(i18n.get("cert-btn-mine"), CertCb(a="mine", id=event.id).pack()))
    if view.can_manage:
        b.row(kb.button(i18n.get("ev-btn-manage"),
                        EvAdmCb(action=AdmAction.CARD, event_id=event.id, page=0).pack()))
    if cb.src == CardFrom.CATALOGUE:
        back = EvListCb(page=cb.page, form=cb.form, level=cb.level, month=cb.month).pack()
    elif cb.src == CardFrom.ORGANISER:
        back = EvOrgCb(action=OrgAction.MINE, page=cb.page).pack()
    elif cb.src == CardFrom.ROUTE:  # opened from a row of the ИОМ
        back = RouteRowCb(row=cb.page).pack()
    else:
        back = EvMyCb(tab=MyTab.UPCOMING, page=0).pack()
    b.row(kb.button(i18n.get("btn-back"), back),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(event_or_query, text, b.as_markup(), new=new)


def _filter_of(cb: EvListCb | EvFilterCb) -> ev.CatalogueFilter:
    try:
        form = ev.EventForm(cb.form) if cb.form != ANY else None
        level = ev.EventLevel(cb.level) if cb.level != ANY else None
    except ValueError:
        raise ValidationError("error-choice-unknown") from None
    return ev.CatalogueFilter(form=form, level=level,
                              month=cb.month if cb.month != ANY else None)


async def render_catalogue(query: CallbackQuery | Message, i18n: I18nContext, uow: UnitOfWork,
                           actor: Actor, tz: ZoneInfo, cb: EvListCb, new: bool = False) -> None:
    flt = _filter_of(cb)
    result = await ev.catalogue(uow, actor, flt, cb.page, tz, uow.clock.now())
    cb = EvListCb(page=result.page, form=cb.form, level=cb.level, month=cb.month)
    any_label = i18n.get("ev-filter-any")
    lines = [i18n.get("ev-list-title"), i18n.get(
        "ev-list-filters",
        form=i18n.get(f"ev-form-{flt.form.value}") if flt.form else any_label,
        level=i18n.get(f"ev-level-{flt.level.value}") if flt.level else any_label,
        month=f"{flt.month[4:]}.{flt.month[:4]}" if flt.month else any_label,
    )]
    if result.deficits:
        lines.append(i18n.get("ev-list-deficits", groups=", ".join(
            i18n.get(f"ev-group-{g}") for g in result.deficits)))
    b = InlineKeyboardBuilder()
    if not result.items:
        lines.append("\n" + i18n.get("ev-list-empty"))
    else:
        lines.append(i18n.get("ev-list-count", count=result.total))
        for n, item in enumerate(result.items, result.page * ev.CATALOGUE_PAGE + 1):
            e = item.event
            star = "⭐ " if item.matches_deficits else ""
            mark = ""
            if item.mine is not None and item.mine.is_active:
                mark = " · " + i18n.get(f"ev-mark-{item.mine.status.value}")
            left = ev.seats_left(e.capacity, item.counts)
            seats = (i18n.get("ev-list-seats-unlimited") if left is None
                     else i18n.get("ev-list-seats", left=left) if left > 0
                     and item.counts.waitlisted == 0
                     else i18n.get("ev-list-waiting", waiting=item.counts.waitlisted))
            when = fmt_short(e, tz, i18n.locale)
            lines.append(f"\n{n}. {star}<b>{esc(e.title)}</b>\n"
                         f"{when} · {i18n.get(f'ev-form-{e.form.value}')} · {seats}{mark}")
            b.row(kb.button(f"{n}. {star}{when} · {e.title}"[:64], packed(
                EvCardCb, event_id=e.id, src=CardFrom.CATALOGUE, page=cb.page, form=cb.form,
                level=cb.level, month=cb.month)))
    if nav := kb.pager(result.page, result.pages, lambda n: packed(
            EvListCb, page=n, form=cb.form, level=cb.level, month=cb.month)):
        b.row(*nav)
    b.row(*(kb.button(i18n.get(f"ev-filter-{what}"), packed(
        EvFilterCb, what=what, form=cb.form, level=cb.level, month=cb.month))
            for what in FilterWhat))
    if (cb.form, cb.level, cb.month) != (ANY, ANY, ANY):
        b.row(kb.button(i18n.get("ev-filter-reset"), packed(EvListCb, page=0, form=ANY,
                                                            level=ANY, month=ANY)))
    b.row(kb.button(i18n.get("ev-btn-my"), packed(EvMyCb, tab=MyTab.UPCOMING, page=0)),
          kb.button(i18n.get("ev-btn-hours"), packed(EvMyCb, tab=MyTab.HOURS, page=0)))
    b.row(kb.button(i18n.get("btn-menu"), packed(MenuCb, to="home")))
    await show(query, "\n".join(lines), b.as_markup(), new=new)


# ---- the catalogue ----------------------------------------------------------------------


@router.callback_query(MenuCb.filter(F.to == "events"), Onboarded())
async def events_menu(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                      uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await state.set_state(None)
    await render_catalogue(query, i18n, uow, actor, tz, list_cb())


@router.callback_query(EvListCb.filter(), Onboarded())
async def events_page(query: CallbackQuery, callback_data: EvListCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await state.set_state(None)
    await render_catalogue(query, i18n, uow, actor, tz, callback_data)


@router.callback_query(EvFilterCb.filter(), Onboarded())
async def events_filter(query: CallbackQuery, callback_data: EvFilterCb, i18n: I18nContext,
                        tz: ZoneInfo, uow: UnitOfWork) -> None:
    cb = callback_data
    _filter_of(cb)  # refuse forged values
    options: list[tuple[str, str]] = [(ANY, i18n.get("ev-filter-any"))]
    if cb.what == FilterWhat.FORM:
        options += [(f.value, i18n.get(f"ev-form-{f.value}")) for f in ev.EventForm]
    elif cb.what == FilterWhat.LEVEL:
        options += [(lvl.value, i18n.get(f"ev-level-{lvl.value}")) for lvl in ev.EventLevel]
    else:
        options += [(m, f"{m[4:]}.{m[:4]}") for m in ev.next_months(uow.clock.now(), tz)]
    await ack(query)
    b = InlineKeyboardBuilder()
    current = getattr(cb, cb.what.value)
    for value, label in options:
        values = {"form": cb.form, "level": cb.level, "month": cb.month, cb.what.value: value}
        mark = "✅ " if value == current else ""
        b.button(text=mark + label, callback_data=EvListCb(page=0, **values))
    b.adjust(2)
    b.row(kb.button(i18n.get("btn-back"), EvListCb(page=0, form=cb.form, level=cb.level,
                                                    month=cb.month).pack()))
    await show(query, i18n.get(f"ev-filter-ask-{cb.what}"), b.as_markup())


@router.callback_query(EvCardCb.filter(), Onboarded())
async def event_card(query: CallbackQuery, callback_data: EvCardCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await state.set_state(None)
    await render_card(query, i18n, uow, actor, tz, callback_data)


# ---- actions ------------------------------------------------------------------------------


def _on(action: RegAction) -> Any:
    return router.callback_query(EvActCb.filter(F.action == action), Onboarded())


@_on(RegAction.ICS)
async def calendar_file(query: CallbackQuery, callback_data: EvActCb, i18n: I18nContext,
                        uow: UnitOfWork, actor: Actor) -> None:
    event_id = callback_data.event_id
    event, body = await ev.calendar_file(uow, actor, event_id, uow.clock.now())
    await ack(query)
    await query.bot.send_document(  # type: ignore[union-attr]
        query.from_user.id,
        BufferedInputFile(body, filename=f"event-{event_id}.ics"),
        caption=i18n.get("ev-ics-caption", title=esc(event.title)),
    )


@_on(RegAction.CHECKIN)
async def checkin(query: CallbackQuery, callback_data: EvActCb, state: FSMContext,
                  i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    event_id = callback_data.event_id
    await ev.event_view(uow, actor, event_id, uow.clock.now())  # visible and real
    await state.set_state(CheckinForm.code)
    await state.set_data({"event_id": event_id})
    await ack(query)
    markup = InlineKeyboardMarkup(inline_keyboard=[kb.nav_row(i18n, back=False)])
    await show(query, i18n.get("ev-checkin-ask"), markup, new=True)


@_on(RegAction.REGISTER)
async def register(query: CallbackQuery, callback_data: EvActCb, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    async def step() -> str:
        outcome = await ev.register(uow, actor, callback_data.event_id, uow.clock.now())
        if outcome.registration.status is ev.RegStatus.CONFIRMED:
            return i18n.get("ev-done-registered")
        return i18n.get("ev-done-waitlisted", position=outcome.position or 0)

    await _registration_step(query, callback_data, i18n, uow, actor, tz, step)


@_on(RegAction.CANCEL)
async def leave(query: CallbackQuery, callback_data: EvActCb, i18n: I18nContext,
                uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    async def step() -> str:
        await ev.cancel_registration(uow, actor, callback_data.event_id, tz, uow.clock.now())
        return i18n.get("ev-done-cancelled")

    await _registration_step(query, callback_data, i18n, uow, actor, tz, step)


@_on(RegAction.CONFIRM)
async def confirm_offer(query: CallbackQuery, callback_data: EvActCb, i18n: I18nContext,
                        uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    async def step() -> str:
        await ev.confirm_offer(uow, actor, callback_data.event_id, uow.clock.now())
        return i18n.get("ev-done-confirmed")

    await _registration_step(query, callback_data, i18n, uow, actor, tz, step)


async def _registration_step(query: CallbackQuery, callback_data: EvActCb, i18n: I18nContext,
                             uow: UnitOfWork, actor: Actor, tz: ZoneInfo,
                             step: Callable[[], Awaitable[str]]) -> None:
    """Take or leave a seat (``step`` says what was done); a refusal is shown on the card."""
    cb = _card_back(callback_data)
    try:
        notice = await step()
    except ValidationError as err:
        await uow.rollback()
        await ack(query, error_plain(i18n, err), alert=True)
        await render_card(query, i18n, uow, actor, tz, cb, notice="⚠️ " + error_html(i18n, err))
        return
    await uow.commit()
    await ack(query, notice)
    await render_card(query, i18n, uow, actor, tz, cb, notice="✅ " + notice)


def _card_back(cb: EvActCb) -> EvCardCb:
    """The card the button was pressed on, with its way back."""
    return EvCardCb(event_id=cb.event_id, src=cb.src, page=cb.page, form=cb.form,
                    level=cb.level, month=cb.month)


@router.message(StateFilter(CheckinForm.code), PlainText(), Onboarded())
async def checkin_code(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                       actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    event_id = int(data.get("event_id") or 0)
    markup = InlineKeyboardMarkup(inline_keyboard=[kb.nav_row(i18n, back=False)])
    try:
        await ev.check_in(uow, actor, event_id, message.text or "", uow.clock.now())
    except ValidationError as err:
        # a failed attempt is counted even though the step is refused
        await uow.commit()
        if err.key in ("ev-error-checkin-locked", "ev-error-checkin-window",
                       "ev-error-checkin-not-registered", "ev-error-checkin-organiser"):
            await state.set_state(None)
            await state.set_data({})
            await uow.commit()
            await message.answer("⚠️ " + error_html(i18n, err),
                                 reply_markup=kb.to_menu(i18n))
            return
        await message.answer("⚠️ " + error_html(i18n, err) + "\n\n"
                             + i18n.get("ev-checkin-ask"), reply_markup=markup)
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    view = await ev.event_view(uow, actor, event_id, uow.clock.now())
    await render_card(message, i18n, uow, actor, tz, card_cb(event_id, CardFrom.MINE),
                      notice="✅ " + i18n.get("ev-checkin-done",
                                             hours=fmt_hours(view.event.hours.total, i18n.locale)),
                      new=True)


@router.callback_query(NavCb.filter(), StateFilter(CheckinForm.code), Onboarded())
async def checkin_cancel(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    await state.set_state(None)
    await state.set_data({})
    await ack(query)
    event_id = int(data.get("event_id") or 0)
    await render_card(query, i18n, uow, actor, tz, card_cb(event_id, CardFrom.MINE))


@router.message(Command("cancel"), StateFilter(CheckinForm.code), Onboarded())
async def checkin_cancel_command(message: Message, state: FSMContext, i18n: I18nContext,
                                 uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    await state.set_state(None)
    await state.set_data({})
    event_id = int(data.get("event_id") or 0)
    await render_card(message, i18n, uow, actor, tz, card_cb(event_id, CardFrom.MINE), new=True)


@router.message(StateFilter(CheckinForm.code), Onboarded())
async def checkin_not_text(message: Message, i18n: I18nContext) -> None:
    markup = InlineKeyboardMarkup(inline_keyboard=[kb.nav_row(i18n, back=False)])
    await message.answer(i18n.get("ev-checkin-ask"), reply_markup=markup)


# ---- my registrations and hours -----------------------------------------------------------


@router.callback_query(EvMyCb.filter(F.tab == MyTab.HOURS), Onboarded())
async def my_hours(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await state.set_state(None)
    totals = await hours_service.my_hours(uow, actor, tz)
    lines = [i18n.get("ev-hours-title")]
    if not totals:
        lines.append(i18n.get("ev-hours-none"))
    for year in totals:
        lines.append(i18n.get(
            "ev-hours-year", year=str(year.year), total=fmt_hours(year.total, i18n.locale),
            events=year.events,
            in_person=fmt_hours(year.by_kind[ev.HoursKind.IN_PERSON], i18n.locale),
            remote=fmt_hours(year.by_kind[ev.HoursKind.REMOTE], i18n.locale),
            self_study=fmt_hours(year.by_kind[ev.HoursKind.SELF_STUDY], i18n.locale),
        ))
    await show(query, "\n\n".join(lines), _my_tabs(InlineKeyboardBuilder(), i18n, MyTab.HOURS))


@router.callback_query(EvMyCb.filter(F.tab.in_({MyTab.UPCOMING, MyTab.PAST})), Onboarded())
async def my_records(query: CallbackQuery, callback_data: EvMyCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await state.set_state(None)
    tab = callback_data.tab
    b = InlineKeyboardBuilder()
    past = tab == MyTab.PAST
    items = await ev.my_registrations(uow, actor, uow.clock.now(), past)
    size = ev.LIST_PAGE
    pages = max((len(items) + size - 1) // size, 1)
    page = min(max(callback_data.page, 0), pages - 1)
    chunk = items[page * size:(page + 1) * size]
    lines = [i18n.get("ev-my-title-past" if past else "ev-my-title-up")]
    if not items:
        lines.append(i18n.get("ev-my-none"))
    for n, item in enumerate(chunk, page * size + 1):
        e, reg = item.event, item.registration
        status = (i18n.get("ev-my-event-cancelled") if e.is_cancelled
                  else status_text(i18n, reg, item.position, tz))
        lines.append(f"{n}. {fmt_short(e, tz, i18n.locale)} · <b>{esc(e.title)}</b> — {status}")
        b.row(kb.button(f"{n}. {fmt_short(e, tz, i18n.locale)} · {e.title}"[:64],
                        card_cb(e.id, CardFrom.MINE).pack()))
    if nav := kb.pager(page, pages, lambda n: EvMyCb(tab=tab, page=n).pack()):
        b.row(*nav)
    await show(query, "\n".join(lines), _my_tabs(b, i18n, tab))


def _my_tabs(b: InlineKeyboardBuilder, i18n: I18nContext, tab: MyTab) -> InlineKeyboardMarkup:
    """The tabs of «Мои записи» (the shown one marked), the catalogue and the menu."""
    tabs = [(MyTab.UPCOMING, "ev-tab-up"), (MyTab.PAST, "ev-tab-past"),
            (MyTab.HOURS, "ev-tab-hours")]
    b.row(*(kb.button(("• " if t == tab else "") + i18n.get(key), EvMyCb(tab=t, page=0).pack())
            for t, key in tabs))
    b.row(kb.button(i18n.get("ev-btn-catalogue"), list_cb().pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    return b.as_markup()