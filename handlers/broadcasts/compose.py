"""Compose, preview, send or schedule, cancel, duplicate: the sender's screens."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.settings import Settings
from domain import broadcasts as bc
from domain import events as ev
from domain.access import Actor
from domain.errors import ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.broadcasts import render
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import BcCb
from handlers.broadcasts.common import (
    Compose,
    cancel_markup,
    local_days,
    render_card,
    section_back,
    snippet,
)
from handlers.filters import Onboarded
from handlers.formatting import fmt_date
from handlers.routing import Router
from handlers.views import ack, error_html, error_plain, esc, fmt_dt, keeping_buttons, show

#: the times a broadcast can be scheduled at (local), outside the default quiet hours
SLOTS = (time(8, 0), time(9, 0), time(10, 0), time(11, 0), time(12, 0), time(13, 0),
         time(14, 0), time(15, 0), time(16, 0), time(17, 0), time(18, 0), time(19, 0),
         time(20, 0))
LIST_GROUPS = (
    ("bc-list-drafts", (bc.BroadcastStatus.DRAFT,), "📝"),
    ("bc-list-scheduled", (bc.BroadcastStatus.SCHEDULED,), "🕒"),
    ("bc-list-running", bc.ACTIVE, "▶️"),
    ("bc-list-done", (bc.BroadcastStatus.DONE, bc.BroadcastStatus.CANCELLED), "✅"),
)


# ---- the list -------------------------------------------------------------------------------


async def home(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
               actor: Actor) -> None:
    bc.require_sender(actor)
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await show_list(query, i18n, uow, actor)


async def show_list(event: Message | CallbackQuery, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, notice: str | None = None, new: bool = False) -> None:
    k = InlineKeyboardBuilder()
    k.row(kb.button(i18n.get("bc-btn-new"), BcCb(a="new").pack()))
    lines = [i18n.get("bc-list-title")]
    for key, statuses, mark in LIST_GROUPS:
        items = await bc.mine(uow, actor, statuses)  # type: ignore[arg-type]
        if not items:
            continue
        lines.append(i18n.get(key, count=len(items)))
        for b in items[:8]:
            k.row(kb.button(f"{mark} #{b.id} {snippet(b)[:40]}", BcCb(a="card", id=b.id).pack()))
    if len(lines) == 1:
        lines.append(i18n.get("bc-list-empty"))
    k.row(kb.button(i18n.get("btn-back"), section_back(actor)))
    text = "\n".join(lines)
    if notice:
        text = notice + "\n\n" + text
    await show(event, text, k.as_markup(), new=new)


# ---- composing ------------------------------------------------------------------------------


async def new(query: CallbackQuery, state: FSMContext, i18n: I18nContext, actor: Actor) -> None:
    bc.require_sender(actor)
    await ack(query)
    await state.set_state(Compose.text)
    await state.set_data({})
    await show(query, i18n.get("bc-ask-text", limit=bc.TEXT_LIMIT),
               cancel_markup(i18n, BcCb(a="home")))


async def edit_text(query: CallbackQuery, callback_data: BcCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    b = await bc.own(uow, actor, callback_data.id)  # type: ignore[arg-type]
    await ack(query)
    await state.set_state(Compose.text)
    await state.set_data({"bc": b.id})
    await show(query, i18n.get("bc-ask-text", limit=bc.TEXT_LIMIT),
               cancel_markup(i18n, BcCb(a="card", id=b.id)), new=True)


def _media_of(message: Message) -> tuple[bc.MediaKind | None, str | None]:
    if message.photo:
        return bc.MediaKind.PHOTO, message.photo[-1].file_id
    if message.document:
        return bc.MediaKind.DOCUMENT, message.document.file_id
    return None, None


async def got_text(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                   actor: Actor, tz: ZoneInfo) -> None:
    """A text (formatting kept), or a photo / file with a caption."""
    data = await state.get_data()
    html = message.html_text if (message.text or message.caption) else ""
    media_kind, file_id = _media_of(message)
    if not html and media_kind is None:
        await message.answer(i18n.get("bc-error-not-text"),
                             reply_markup=cancel_markup(i18n, BcCb(a="home")))
        return
    now = uow.clock.now()
    try:
        if data.get("bc"):
            b = await bc.set_content(uow, actor, int(data["bc"]), html, now)  # type: ignore[arg-type]
        else:
            b = await bc.create_draft(uow, actor, bc.Content(  # type: ignore[arg-type]
                html=html, media_kind=media_kind, media_file_id=file_id), now)
    except ValidationError as err:
        await uow.rollback()
        back = BcCb(a="card", id=int(data["bc"])) if data.get("bc") else BcCb(a="home")
        await message.answer("⚠️ " + error_html(i18n, err) + "\n\n" + i18n.get("bc-ask-again"),
                             reply_markup=cancel_markup(i18n, back))
        return
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await render_card(message, i18n, uow, actor, tz, b.id, notice="✅ " + i18n.get("bc-saved"))


async def ask_media(query: CallbackQuery, callback_data: BcCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    b = await bc.own(uow, actor, callback_data.id)  # type: ignore[arg-type]
    await ack(query)
    await state.set_state(Compose.media)
    await state.set_data({"bc": b.id})
    k = InlineKeyboardBuilder()
    if b.content.media_kind:
        k.row(kb.button(i18n.get("bc-btn-media-remove"), BcCb(a="nomedia", id=b.id).pack()))
    k.row(kb.button(i18n.get("btn-cancel"), BcCb(a="card", id=b.id).pack()))
    await show(query, i18n.get("bc-ask-media", limit=bc.CAPTION_LIMIT), k.as_markup())


async def got_media(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    broadcast_id = int(data.get("bc") or 0)
    media_kind, file_id = _media_of(message)
    if media_kind is None:
        await message.answer(i18n.get("bc-error-not-media"),
                             reply_markup=cancel_markup(i18n, BcCb(a="card", id=broadcast_id)))
        return
    try:
        await bc.set_media(uow, actor, broadcast_id, media_kind, file_id,  # type: ignore[arg-type]
                           uow.clock.now())
    except ValidationError as err:
        await uow.rollback()
        await message.answer("⚠️ " + error_html(i18n, err),
                             reply_markup=cancel_markup(i18n, BcCb(a="card", id=broadcast_id)))
        return
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await render_card(message, i18n, uow, actor, tz, broadcast_id,
                      notice="✅ " + i18n.get("bc-saved"))


async def no_media(query: CallbackQuery, callback_data: BcCb, state: FSMContext,
                   i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await bc.set_media(uow, actor, callback_data.id, None, None, uow.clock.now())  # type: ignore[arg-type]
    await uow.commit()
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await render_card(query, i18n, uow, actor, tz, callback_data.id)


async def compose_cancel(message: Message, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor) -> None:
    await state.set_state(None)
    await state.set_data({})
    await show_list(message, i18n, uow, actor, notice=i18n.get("bc-compose-cancelled"))


# ---- the card and its actions ---------------------------------------------------------------


async def card(query: CallbackQuery, callback_data: BcCb, state: FSMContext, i18n: I18nContext,
               uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await bc.own(uow, actor, callback_data.id)  # type: ignore[arg-type]
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await render_card(query, i18n, uow, actor, tz, callback_data.id)


async def preview(query: CallbackQuery, callback_data: BcCb, i18n: I18nContext,
                  uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """The message exactly as a recipient gets it: the same rendering and sending path,
    addressed with the sender's own name."""
    b = await bc.own(uow, actor, callback_data.id)  # type: ignore[arg-type]
    me = await uow.people.get(actor.person_id)
    await ack(query)
    await query.bot.send_message(query.from_user.id, i18n.get("bc-preview-above"))  # type: ignore[union-attr]
    rendered = render.render(b.content, b.id, me.profile.full_name if me else None,
                             i18n.locale, lambda key, locale, **kw: i18n.core.get(key, locale, **kw))
    with keeping_buttons():  # the preview keeps the buttons recipients get
        await render.send(query.bot, query.from_user.id, rendered)  # type: ignore[arg-type]
    await render_card(query, i18n, uow, actor, tz, b.id, new=True)


async def ask_send(query: CallbackQuery, callback_data: BcCb, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor) -> None:
    b = await bc.own(uow, actor, callback_data.id)  # type: ignore[arg-type]
    count = await bc.count(uow, actor, b.id)  # type: ignore[arg-type]
    await ack(query)
    k = InlineKeyboardBuilder()
    if count.recipients:
        k.row(kb.button(i18n.get("bc-btn-send-confirm", count=count.recipients),
                        BcCb(a="go", id=b.id).pack()))
    k.row(kb.button(i18n.get("btn-back"), BcCb(a="card", id=b.id).pack()))
    from handlers.broadcasts.common import count_text

    key = "bc-send-confirm" if count.recipients else "bc-send-nobody"
    await show(query, i18n.get(key) + "\n\n" + count_text(i18n, count), k.as_markup())


async def go(query: CallbackQuery, callback_data: BcCb, i18n: I18nContext, uow: UnitOfWork,
             actor: Actor, settings: Settings, tz: ZoneInfo) -> None:
    now = uow.clock.now()
    b = await bc.send_now(uow, actor, callback_data.id, settings.quiet, now)  # type: ignore[arg-type]
    await uow.commit()
    await ack(query, i18n.get("bc-started"))
    from handlers.broadcasts.progress import progress_text

    p = await uow.broadcasts.progress(b.id)  # type: ignore[attr-defined]
    text = progress_text(lambda key, locale, **kw: i18n.core.get(key, locale, **kw),
                         i18n.locale, b, p, settings.send_rate)
    await show(query, text, None)
    if isinstance(query.message, Message):
        await uow.broadcasts.set_report_message(b.id, query.message.message_id)  # type: ignore[attr-defined]
        await uow.commit()
    k = InlineKeyboardBuilder()
    k.row(kb.button(i18n.get("bc-btn-open"), BcCb(a="card", id=b.id).pack()),
          kb.button(i18n.get("bc-btn-to-list"), BcCb(a="home").pack()))
    await query.bot.send_message(query.from_user.id, i18n.get("bc-started-hint"),  # type: ignore[union-attr]
                                 reply_markup=k.as_markup())


async def ask_day(query: CallbackQuery, callback_data: BcCb, i18n: I18nContext,
                  uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    b = await bc.own(uow, actor, callback_data.id)  # type: ignore[arg-type]
    await ack(query)
    now = uow.clock.now()
    k = InlineKeyboardBuilder()
    for day in local_days(now, tz):
        if _slots(day, now, tz):
            k.button(text=fmt_date(day.date(), i18n.locale) + " " + i18n.get(f"bc-wd-{day.weekday()}"),
                     callback_data=BcCb(a="schd", id=b.id, v=day.date().isoformat()))
    k.adjust(2)
    k.row(kb.button(i18n.get("btn-back"), BcCb(a="card", id=b.id).pack()))
    await show(query, i18n.get("bc-ask-day"), k.as_markup())


def _slots(day: datetime, now: datetime, tz: ZoneInfo) -> list[datetime]:
    base = day.astimezone(tz).date()
    out = []
    for slot in SLOTS:
        at = datetime.combine(base, slot, tzinfo=tz)
        if at > now + timedelta(minutes=5):
            out.append(at)
    return out


def _parse_day(value: str, tz: ZoneInfo) -> datetime:
    from datetime import date as date_cls

    try:
        return datetime.combine(date_cls.fromisoformat(value), time(0), tzinfo=tz)
    except ValueError:
        raise ValidationError("error-choice-unknown") from None


async def ask_time(query: CallbackQuery, callback_data: BcCb, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    b = await bc.own(uow, actor, callback_data.id)  # type: ignore[arg-type]
    day = _parse_day(callback_data.v, tz)
    await ack(query)
    k = InlineKeyboardBuilder()
    for at in _slots(day, uow.clock.now(), tz):
        k.button(text=at.strftime("%H:%M"),
                 callback_data=BcCb(a="scht", id=b.id, v=at.strftime("%Y%m%d%H%M")))
    k.adjust(4)
    k.row(kb.button(i18n.get("btn-back"), BcCb(a="sch", id=b.id).pack()))
    await show(query, i18n.get("bc-ask-time", day=fmt_date(day.date(), i18n.locale)), k.as_markup())


async def set_time(query: CallbackQuery, callback_data: BcCb, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    try:
        at = datetime.strptime(callback_data.v, "%Y%m%d%H%M").replace(tzinfo=tz)
    except ValueError:
        raise ValidationError("error-choice-unknown") from None
    try:
        b = await bc.schedule(uow, actor, callback_data.id, at, uow.clock.now())  # type: ignore[arg-type]
    except ValidationError as err:
        await uow.rollback()
        await ack(query, error_plain(i18n, err), alert=True)
        await render_card(query, i18n, uow, actor, tz, callback_data.id,
                          notice="⚠️ " + error_html(i18n, err))
        return
    await uow.commit()
    await ack(query)
    await render_card(query, i18n, uow, actor, tz, b.id,
                      notice="✅ " + i18n.get("bc-scheduled", at=fmt_dt(at, tz, i18n.locale)))


async def simple_action(query: CallbackQuery, callback_data: BcCb, i18n: I18nContext,
                        uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """unsch, cancel (asks first), cancel!, dup, del (asks first), del!"""
    a, broadcast_id, now = callback_data.a, callback_data.id, uow.clock.now()
    if a in ("cancel", "del"):
        b = await bc.own(uow, actor, broadcast_id)  # type: ignore[arg-type]
        await ack(query)
        k = InlineKeyboardBuilder()
        k.row(kb.button(i18n.get(f"bc-btn-{a}-yes"), BcCb(a=a + "!", id=b.id).pack()),
              kb.button(i18n.get("btn-back"), BcCb(a="card", id=b.id).pack()))
        await show(query, i18n.get(f"bc-{a}-confirm", id=b.id, text=esc(snippet(b))),
                   k.as_markup())
        return
    try:
        if a == "unsch":
            b = await bc.unschedule(uow, actor, broadcast_id, now)  # type: ignore[arg-type]
            notice = i18n.get("bc-unscheduled")
        elif a == "cancel!":
            b = await bc.cancel(uow, actor, broadcast_id, now)  # type: ignore[arg-type]
            notice = i18n.get("bc-cancelled")
        elif a == "dup":
            b = await bc.duplicate(uow, actor, broadcast_id, now)  # type: ignore[arg-type]
            notice = i18n.get("bc-duplicated", source=broadcast_id)
        elif a == "del!":
            await bc.delete_draft(uow, actor, broadcast_id)  # type: ignore[arg-type]
            await uow.commit()
            await ack(query)
            await show_list(query, i18n, uow, actor, notice="✅ " + i18n.get("bc-deleted"))
            return
        else:
            raise ValidationError("error-choice-unknown")
    except ValidationError as err:
        await uow.rollback()
        await ack(query, error_plain(i18n, err), alert=True)
        await render_card(query, i18n, uow, actor, tz, broadcast_id,
                          notice="⚠️ " + error_html(i18n, err))
        return
    await uow.commit()
    await ack(query, notice)
    await render_card(query, i18n, uow, actor, tz, b.id, notice="✅ " + notice)


# ---- buttons under the message --------------------------------------------------------------


async def buttons_screen(query: CallbackQuery, callback_data: BcCb, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor) -> None:
    b = await bc.own(uow, actor, callback_data.id)  # type: ignore[arg-type]
    await ack(query)
    k = InlineKeyboardBuilder()
    chosen = set(b.content.buttons)
    for section in bc.SECTIONS:
        mark = "✅ " if bc.Button(bc.ButtonKind.SECTION, section) in chosen else ""
        k.row(kb.button(mark + i18n.get("bc-open-section", section=i18n.get(
            f"bc-section-{section}")), BcCb(a="bsec", id=b.id, v=section).pack()))
    page = await ev.organised(uow, actor, 0, uow.clock.now())
    for event, _counts in page.items:
        if event.is_cancelled:
            continue
        mark = "✅ " if bc.Button(bc.ButtonKind.REGISTER, event.id) in chosen else ""
        k.row(kb.button(mark + i18n.get("bc-register-on", title=event.title[:40]),
                        BcCb(a="bev", id=b.id, v=str(event.id)).pack()))
    k.row(kb.button(i18n.get("btn-done"), BcCb(a="card", id=b.id).pack()))
    await show(query, i18n.get("bc-buttons-title", limit=3), k.as_markup())


async def toggle_button(query: CallbackQuery, callback_data: BcCb, i18n: I18nContext,
                        uow: UnitOfWork, actor: Actor) -> None:
    try:
        if callback_data.a == "bsec":
            button = bc.Button.from_dict({"kind": "section", "value": callback_data.v})
        else:
            button = bc.Button(bc.ButtonKind.REGISTER, int(callback_data.v))
            e = await uow.events.get(button.value)  # type: ignore[arg-type]
            if e is None:
                raise ValidationError("error-choice-unknown")
            await ev.require_manage(uow, actor, e)
    except ValueError:
        raise ValidationError("error-choice-unknown") from None
    try:
        await bc.toggle_button(uow, actor, callback_data.id, button, uow.clock.now())  # type: ignore[arg-type]
    except ValidationError as err:
        await uow.rollback()
        await ack(query, error_plain(i18n, err), alert=True)
        return
    await uow.commit()
    await buttons_screen(query, BcCb(a="btns", id=callback_data.id), i18n, uow, actor)


def make_router() -> Router:
    r = Router(name="broadcasts-compose")
    cq = r.callback_query
    cq.register(home, BcCb.filter(F.a == "home"), Onboarded())
    cq.register(new, BcCb.filter(F.a == "new"), Onboarded())
    cq.register(edit_text, BcCb.filter(F.a == "text"), Onboarded())
    cq.register(ask_media, BcCb.filter(F.a == "media"), Onboarded())
    cq.register(no_media, BcCb.filter(F.a == "nomedia"), Onboarded())
    cq.register(card, BcCb.filter(F.a == "card"), Onboarded())
    cq.register(preview, BcCb.filter(F.a == "prev"), Onboarded())
    cq.register(ask_send, BcCb.filter(F.a == "send"), Onboarded())
    cq.register(go, BcCb.filter(F.a == "go"), Onboarded())
    cq.register(ask_day, BcCb.filter(F.a == "sch"), Onboarded())
    cq.register(ask_time, BcCb.filter(F.a == "schd"), Onboarded())
    cq.register(set_time, BcCb.filter(F.a == "scht"), Onboarded())
    cq.register(simple_action, BcCb.filter(F.a.in_({"unsch", "cancel", "cancel!", "dup", "del",
                                                     "del!"})), Onboarded())
    cq.register(buttons_screen, BcCb.filter(F.a == "btns"), Onboarded())
    cq.register(toggle_button, BcCb.filter(F.a.in_({"bsec", "bev"})), Onboarded())
    r.message.register(compose_cancel, Command("cancel"),
                       StateFilter(Compose.text, Compose.media), Onboarded())
    r.message.register(got_text, StateFilter(Compose.text), Onboarded())
    r.message.register(got_media, StateFilter(Compose.media), Onboarded())
    return r
