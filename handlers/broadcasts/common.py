"""Shared pieces of the broadcasts screens: the card, the list, the states."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import broadcasts as bc
from domain.access import Actor
from domain.broadcasts.text import plain
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.audience import PREFIX, audience_summary, describe_audience, value_label
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import BcAudCb, BcCb, MenuCb
from handlers.views import esc, fmt_dt, show

SNIPPET = 60


__all__ = ["PREFIX", "audience_summary", "describe_audience", "value_label"]  # moved, shared


class Compose(StatesGroup):
    text = State()  # a new broadcast's text (or photo/file with a caption), or new text
    media = State()  # a photo or file for a draft


def snippet(b: bc.Broadcast) -> str:
    text = " ".join(plain(b.content.html).split())
    return text[:SNIPPET] + ("…" if len(text) > SNIPPET else "") or "—"


def section_back(actor: Actor) -> str:
    return MenuCb(to="admin" if actor.is_admin else "coordinator").pack()


def cancel_markup(i18n: I18nContext, to: BcCb) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[kb.button(i18n.get("btn-cancel"), to.pack())]])


def count_text(i18n: I18nContext, c: bc.AudienceCount) -> str:
    return i18n.get("bc-count", recipients=c.recipients, matched=c.matched,
                    opted=c.opted_out, blocked=c.blocked)


async def render_card(event: Message | CallbackQuery, i18n: I18nContext, uow: UnitOfWork,
                      actor: Actor, tz: ZoneInfo, broadcast_id: int, notice: str | None = None,
                      new: bool = False) -> None:
    b = await bc.own(uow, actor, broadcast_id)  # type: ignore[arg-type]
    lines = [i18n.get("bc-card-title", id=b.id, status=i18n.get(f"bc-status-{b.status.value}"),
                      kind=i18n.get(f"bc-kind-{b.kind.value}"))]
    lines.append(i18n.get("bc-card-text", text=esc(snippet(b))))
    if b.content.media_kind:
        lines.append(i18n.get(f"bc-card-media-{b.content.media_kind.value}"))
    if b.content.buttons:
        labels = []
        for x in b.content.buttons:
            if x.kind is bc.ButtonKind.REGISTER:
                e = await uow.events.get(int(x.value))
                labels.append(i18n.get("bc-btn-register") + " «" + esc(e.title if e else "—")
                              + "»")
            else:
                labels.append(i18n.get(f"bc-section-{x.value}"))
        lines.append(i18n.get("bc-card-buttons", buttons="; ".join(labels)))
    lines.append(i18n.get("bc-card-audience")
                 + "\n" + await describe_audience(i18n, uow, b.audience))
    if b.scheduled_at and b.status is bc.BroadcastStatus.SCHEDULED:
        lines.append(i18n.get("bc-card-scheduled", at=fmt_dt(b.scheduled_at, tz, i18n.locale)))
    if b.status is bc.BroadcastStatus.DRAFT:
        lines.append(count_text(i18n, await bc.count(uow, actor, b.id)))  # type: ignore[arg-type]
    else:
        p = await bc.progress(uow, actor, b.id)  # type: ignore[arg-type]
        if p.total:
            lines.append(i18n.get("bc-card-stats", total=p.total, sent=p.sent,
                                  blocked=p.blocked, failed=p.failed, queued=p.queued))
    if b.status is bc.BroadcastStatus.PAUSED and b.paused_until:
        lines.append(i18n.get("bc-card-paused", until=fmt_dt(b.paused_until, tz, i18n.locale)))
    text = "\n\n".join(lines)
    if notice:
        text = notice + "\n\n" + text
    await show(event, text, card_markup(i18n, b), new=new)


def card_markup(i18n: I18nContext, b: bc.Broadcast) -> InlineKeyboardMarkup:
    k = InlineKeyboardBuilder()

    def cb(action: str) -> str:
        return BcCb(a=action, id=b.id).pack()

    s = bc.BroadcastStatus
    if b.status is s.DRAFT:
        k.row(kb.button(i18n.get("bc-btn-preview"), cb("prev")),
              kb.button(i18n.get("bc-btn-edit-text"), cb("text")))
        k.row(kb.button(i18n.get("bc-btn-media"), cb("media")),
              kb.button(i18n.get("bc-btn-buttons"), cb("btns")))
        k.row(kb.button(i18n.get("bc-btn-audience"), BcAudCb(id=b.id, d="").pack()))
        k.row(kb.button(i18n.get("bc-btn-send"), cb("send")),
              kb.button(i18n.get("bc-btn-schedule"), cb("sch")))
        k.row(kb.button(i18n.get("bc-btn-delete"), cb("del")))
    elif b.status is s.SCHEDULED:
        k.row(kb.button(i18n.get("bc-btn-preview"), cb("prev")))
        k.row(kb.button(i18n.get("bc-btn-unschedule"), cb("unsch")),
              kb.button(i18n.get("bc-btn-cancel"), cb("cancel")))
    elif b.status in bc.ACTIVE:
        k.row(kb.button(i18n.get("bc-btn-refresh"), cb("card")),
              kb.button(i18n.get("bc-btn-cancel"), cb("cancel")))
    if b.status is not s.DRAFT:
        k.row(kb.button(i18n.get("bc-btn-duplicate"), cb("dup")))
    k.row(kb.button(i18n.get("bc-btn-to-list"), BcCb(a="home").pack()))
    return k.as_markup()


def local_days(now: datetime, tz: ZoneInfo, count: int = 7) -> list[datetime]:
    from datetime import timedelta

    start = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    return [start + timedelta(days=n) for n in range(count)]
