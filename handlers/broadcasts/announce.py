"""Event announcements: the organiser announces a published event to its audience (all of
it, or only teachers whose latest deficits match the event's groups) with «Записаться»."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from domain import broadcasts as bc
from domain import events as ev
from domain.access import Actor
from domain.errors import ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import BcCb
from handlers.broadcasts.common import render_card
from handlers.filters import Onboarded
from handlers.routing import Router
from handlers.views import ack, error_plain, esc, fmt_sessions, show


async def announce(query: CallbackQuery, callback_data: BcCb, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """v: "" asks whom; "all" or "match" creates the draft and opens it."""
    e, _organiser, _counts = await ev.manage_view(uow, actor, callback_data.id)
    if not callback_data.v:
        await ack(query)
        k = InlineKeyboardBuilder()
        k.row(kb.button(i18n.get("bc-ann-all"), BcCb(a="ann", id=e.id, v="all").pack()))
        if e.groups:
            k.row(kb.button(i18n.get("bc-ann-match"), BcCb(a="ann", id=e.id, v="match").pack()))
        from handlers.events.callbacks import EvAdmCb

        k.row(kb.button(i18n.get("btn-back"),
                        EvAdmCb(action="card", event_id=e.id, page=0).pack()))
        await show(query, i18n.get("bc-ann-ask", title=esc(e.title)), k.as_markup())
        return
    if callback_data.v not in ("all", "match"):
        raise ValidationError("error-choice-unknown")
    now = uow.clock.now()
    try:
        audience, kind = await bc.announcement_audience(  # type: ignore[arg-type]
            uow, actor, e.id, callback_data.v == "match")
        html = i18n.get("bc-ann-text", title=esc(e.title), when=esc(fmt_sessions(e.sessions, tz, i18n.locale)),
                        place=esc(e.place or e.online_url or "—"))
        b = await bc.create_draft(uow, actor, bc.Content(  # type: ignore[arg-type]
            html=html, buttons=(bc.Button(bc.ButtonKind.REGISTER, e.id),)), now,
            event_id=e.id, kind=kind, audience=audience)
    except ValidationError as err:
        await uow.rollback()
        await ack(query, error_plain(i18n, err), alert=True)
        return
    await uow.commit()
    await ack(query)
    await render_card(query, i18n, uow, actor, tz, b.id, notice="✅ " + i18n.get("bc-ann-draft"))


def make_router() -> Router:
    r = Router(name="broadcasts-announce")
    r.callback_query.register(announce, BcCb.filter(F.a == "ann"), Onboarded())
    return r
