"""Events for organisers (coordinators inside their scope, admins anywhere): the section, the
list of their events, an event's card, reschedule and cancel, attendance, check-in codes and the
XLSX export. The create / edit conversation is in ``form``, import and the template in
``importing``.
"""

from __future__ import annotations

import asyncio
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import events as ev
from domain.access import Actor, require_coordinator
from domain.errors import ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.events import files
from handlers.events.callbacks import (
    AdmAction,
    CardFrom,
    EvAdmCb,
    EvAttCb,
    EvEditCb,
    EvOrgCb,
    OrgAction,
)
from handlers.events.catalogue import EvCardCb, error_plain, event_text
from handlers.filters import Onboarded
from handlers.formatting import fmt_day_month
from handlers.routing import Routes
from handlers.views import ack, esc, fmt_dt, fmt_hours, fmt_sessions, show

router = Routes("events_admin")


# ---- the organiser's section ------------------------------------------------------------


def organiser_menu(i18n: I18nContext) -> InlineKeyboardMarkup:
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("ev-org-create"), EvOrgCb(action=OrgAction.CREATE, page=0).pack()))
    b.row(kb.button(i18n.get("ev-org-mine"), EvOrgCb(action=OrgAction.MINE, page=0).pack()))
    b.row(kb.button(i18n.get("ev-org-import"), EvOrgCb(action=OrgAction.IMPORT, page=0).pack()),
          kb.button(i18n.get("ev-org-template"), EvOrgCb(action=OrgAction.TEMPLATE, page=0).pack()))
    b.row(kb.button(i18n.get("btn-back"), MenuCb(to="invites-home").pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    return b.as_markup()


@router.callback_query(MenuCb.filter(F.to == "ev-org"), Onboarded())
async def organiser_section(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                            actor: Actor) -> None:
    require_coordinator(actor)
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await show(query, i18n.get("ev-org-title"), organiser_menu(i18n))


@router.callback_query(EvOrgCb.filter(F.action == OrgAction.MENU), Onboarded())
async def back_to_section(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                          actor: Actor) -> None:
    await organiser_section(query, state, i18n, actor)


@router.callback_query(EvOrgCb.filter(F.action == OrgAction.MINE), Onboarded())
async def mine(query: CallbackQuery, callback_data: EvOrgCb, state: FSMContext,
               i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """The organiser's events; «create» is in ``form``, «import» and «template» in
    ``importing``."""
    require_coordinator(actor)
    await ack(query)
    await state.set_state(None)
    await render_mine(query, i18n, uow, actor, tz, callback_data.page)


async def render_mine(event: CallbackQuery | Message, i18n: I18nContext, uow: UnitOfWork,
                      actor: Actor, tz: ZoneInfo, page: int) -> None:
    now = uow.clock.now()
    result = await ev.organised(uow, actor, page, now)
    lines = [i18n.get("ev-org-mine-title")]
    b = InlineKeyboardBuilder()
    if not result.items:
        lines.append(i18n.get("ev-org-mine-none"))
    for n, (e, counts) in enumerate(result.items, result.page * ev.LIST_PAGE + 1):
        state_mark = ("🚫 " if e.is_cancelled else "✔️ " if e.ends_at <= now else "")
        capacity = str(e.capacity) if e.capacity is not None else "∞"
        lines.append(i18n.get(
            "ev-org-mine-line", n=n, mark=state_mark, when=fmt_dt(e.starts_at, tz, i18n.locale),
            title=esc(e.title), taken=counts.held, capacity=capacity, waiting=counts.waitlisted,
        ))
        b.row(kb.button(f"{n}. {state_mark}{fmt_day_month(e.starts_at.astimezone(tz), i18n.locale)} · {e.title}"[:64],
                        EvAdmCb(action=AdmAction.CARD, event_id=e.id, page=result.page).pack()))
    if nav := kb.pager(result.page, result.pages,
                       lambda n: EvOrgCb(action=OrgAction.MINE, page=n).pack()):
        b.row(*nav)
    b.row(kb.button(i18n.get("ev-org-create"), EvOrgCb(action=OrgAction.CREATE, page=0).pack()))
    b.row(kb.button(i18n.get("btn-back"), EvOrgCb(action=OrgAction.MENU, page=0).pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(event, "\n".join(lines), b.as_markup())


# ---- an event, as its organiser sees it -----------------------------------------------------


async def render_admin_card(event: CallbackQuery | Message, i18n: I18nContext, uow: UnitOfWork,
                            actor: Actor, tz: ZoneInfo, event_id: int, page: int = 0,
                            notice: str | None = None, new: bool = False) -> None:
    e, organiser, counts = await ev.manage_view(uow, actor, event_id)
    text = event_text(i18n, e, organiser.name, counts, tz)
    text += "\n\n" + i18n.get("ev-adm-counts", confirmed=counts.confirmed, offered=counts.offered,
                              waiting=counts.waitlisted, attended=counts.attended)
    if notice:
        text = notice + "\n\n" + text
    b = InlineKeyboardBuilder()
    now = uow.clock.now()
    active = not e.is_cancelled and e.ends_at > now

    def adm(action: AdmAction, p: int = 0) -> str:
        return EvAdmCb(action=action, event_id=e.id, page=p).pack()

    if active:
        b.row(kb.button(i18n.get("ev-adm-edit"), adm(AdmAction.EDIT)),
              kb.button(i18n.get("ev-adm-reschedule"),
                        EvEditCb(event_id=e.id, field="sessions").pack()))
    if not e.is_cancelled:
        b.row(kb.button(i18n.get("ev-adm-attendance"), adm(AdmAction.ATTENDANCE)),
              kb.button(i18n.get("ev-adm-code"), adm(AdmAction.CODE)))
    b.row(kb.button(i18n.get("ev-adm-export"), adm(AdmAction.EXPORT)),
          kb.button(i18n.get("ev-adm-history"), adm(AdmAction.HISTORY)))
    if counts.attended and not e.is_cancelled:
        from handlers.callbacks import CertCb, FbCb  # feedback and certificates (documents)

        b.row(kb.button(i18n.get("fb-btn-organiser"), FbCb(a="event", id=e.id).pack()),
              kb.button(i18n.get("cert-btn-issue-all"), CertCb(a="all", id=e.id).pack()))
    b.row(kb.button(i18n.get("ev-adm-as-teacher"),
                    EvCardCb(event_id=e.id, src=CardFrom.ORGANISER, page=page, form="*", level="*",
                             month="*").pack()))
    if active:
        from handlers.callbacks import BcCb  # announce to the audience

        b.row(kb.button(i18n.get("bc-btn-announce"), BcCb(a="ann", id=e.id).pack()))
        b.row(kb.button(i18n.get("ev-adm-cancel"), adm(AdmAction.CANCEL)))
    b.row(kb.button(i18n.get("ev-adm-to-list"), EvOrgCb(action=OrgAction.MINE, page=page).pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(event, text, b.as_markup(), new=new)


def _on(action: AdmAction) -> Any:
    return router.callback_query(EvAdmCb.filter(F.action == action), Onboarded())


def _back_to_card(i18n: I18nContext, event_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[kb.button(
        i18n.get("btn-back"), EvAdmCb(action=AdmAction.CARD, event_id=event_id, page=0).pack())]])


@_on(AdmAction.CARD)
async def card(query: CallbackQuery, callback_data: EvAdmCb, state: FSMContext,
               i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await state.set_state(None)
    await ack(query)
    await render_admin_card(query, i18n, uow, actor, tz, callback_data.event_id,
                            callback_data.page)


@_on(AdmAction.CANCEL)
async def cancel_ask(query: CallbackQuery, callback_data: EvAdmCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await state.set_state(None)
    e, _, counts = await ev.manage_view(uow, actor, callback_data.event_id)
    await ack(query)
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("ev-adm-cancel-yes"),
                    EvAdmCb(action=AdmAction.CANCEL_YES, event_id=e.id, page=0).pack()))
    b.row(kb.button(i18n.get("ev-adm-cancel-no"),
                    EvAdmCb(action=AdmAction.CARD, event_id=e.id, page=0).pack()))
    await show(query, i18n.get("ev-adm-cancel-confirm", title=esc(e.title),
                               people=counts.held + counts.waitlisted), b.as_markup())


@_on(AdmAction.CANCEL_YES)
async def cancel_yes(query: CallbackQuery, callback_data: EvAdmCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await state.set_state(None)
    told = await ev.cancel_event(uow, actor, callback_data.event_id, tz, uow.clock.now())
    await uow.commit()
    await ack(query)
    await render_admin_card(query, i18n, uow, actor, tz, callback_data.event_id,
                            notice="✅ " + i18n.get("ev-adm-cancelled", people=told))


@_on(AdmAction.ATTENDANCE)
async def attendance(query: CallbackQuery, callback_data: EvAdmCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await state.set_state(None)
    await ack(query)
    await render_attendance(query, i18n, uow, actor, tz, callback_data.event_id,
                            callback_data.page)


@_on(AdmAction.CODE)
async def show_code(query: CallbackQuery, callback_data: EvAdmCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await state.set_state(None)
    e, code = await ev.issue_checkin_code(uow, actor, callback_data.event_id)
    await uow.commit()
    await ack(query)
    opens, closes = ev.checkin_window(e)
    await show(query, i18n.get("ev-adm-code-text", title=esc(e.title), code=code,
                               opens=fmt_dt(opens, tz, i18n.locale),
                               closes=fmt_dt(closes, tz, i18n.locale)), _back_to_card(i18n, e.id))


@_on(AdmAction.EXPORT)
async def export(query: CallbackQuery, callback_data: EvAdmCb, state: FSMContext,
                 i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo,
                 bot: Bot) -> None:
    await state.set_state(None)
    e, items = await ev.export_registrants(uow, actor, callback_data.event_id)
    await ack(query)
    body = await asyncio.to_thread(
        files.build_registrants, e.title, export_headers(i18n), export_rows(i18n, items, tz))
    await bot.send_document(query.from_user.id,
                            BufferedInputFile(body, filename=f"registrants-{e.id}.xlsx"),
                            caption=i18n.get("ev-export-caption", title=esc(e.title),
                                             count=len(items)))


@_on(AdmAction.HISTORY)
async def history(query: CallbackQuery, callback_data: EvAdmCb, state: FSMContext,
                  i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await state.set_state(None)
    e, changes = await ev.history(uow, actor, callback_data.event_id)
    await ack(query)
    lines = [i18n.get("ev-hist-title", title=esc(e.title))]
    lines += [describe_change(i18n, ch, tz) for ch in changes]
    await show(query, fit(lines), _back_to_card(i18n, e.id))


def fit(lines: list[str], limit: int = 3900) -> str:
    """Whole lines up to Telegram's limit (a cut inside an HTML entity breaks the message)."""
    out: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit:
            out.append("…")
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


def describe_change(i18n: I18nContext, ch: ev.EventChange, tz: ZoneInfo) -> str:
    when = fmt_dt(ch.at, tz, i18n.locale)
    if ch.kind is ev.ChangeKind.CREATED:
        return i18n.get("ev-hist-created", when=when)
    if ch.kind is ev.ChangeKind.CANCELLED:
        return i18n.get("ev-hist-cancelled", when=when)
    if ch.kind is ev.ChangeKind.RESCHEDULED:
        return i18n.get("ev-hist-rescheduled", when=when, old=_value(ch.field, ch.old, tz, i18n.locale),
                        new=_value(ch.field, ch.new, tz, i18n.locale))
    return i18n.get("ev-hist-edited", when=when, field=i18n.get(f"ev-chg-{ch.field or 'title'}"),
                    old=esc(_value(ch.field, ch.old, tz, i18n.locale)), new=esc(_value(ch.field, ch.new, tz, i18n.locale)))


def _value(field: str | None, value: Any, tz: ZoneInfo, locale: str) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if field == "sessions":
        from datetime import datetime

        return fmt_sessions([ev.Session(datetime.fromisoformat(a), datetime.fromisoformat(b))
                                for a, b in value], tz, locale)
    if field == "deadline":
        from datetime import datetime

        return fmt_dt(datetime.fromisoformat(value), tz, locale)
    if field == "hours":
        return " / ".join(fmt_hours(float(h), locale) for h in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)[:80]


# ---- attendance ---------------------------------------------------------------------------


async def render_attendance(event: CallbackQuery | Message, i18n: I18nContext, uow: UnitOfWork,
                            actor: Actor, tz: ZoneInfo, event_id: int, page: int) -> None:
    e, items, page, pages = await ev.registrants(uow, actor, event_id, page)
    counts = await uow.events.counts(e.id)
    text = i18n.get("ev-att-title", title=esc(e.title), attended=counts.attended,
                    confirmed=counts.confirmed)
    if not items:
        text += "\n\n" + i18n.get("ev-att-none")
    b = InlineKeyboardBuilder()
    for item in items:
        reg = item.registration
        mark = "✅" if reg.attended_at else "⬜"
        label = f"{mark} {item.full_name or '—'}"
        if item.school:
            label += f" · {item.school}"
        b.row(kb.button(label[:64], EvAttCb(event_id=e.id, reg_id=reg.id, page=page).pack()))
    if nav := kb.pager(page, pages, lambda n: EvAdmCb(action=AdmAction.ATTENDANCE,
                                                       event_id=e.id, page=n).pack()):
        b.row(*nav)
    b.row(kb.button(i18n.get("btn-back"),
                    EvAdmCb(action=AdmAction.CARD, event_id=e.id, page=0).pack()))
    await show(event, text, b.as_markup())


@router.callback_query(EvAttCb.filter(), Onboarded())
async def toggle_attendance(query: CallbackQuery, callback_data: EvAttCb, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    try:
        reg = await ev.toggle_attendance(uow, actor, callback_data.event_id,
                                         callback_data.reg_id, uow.clock.now())
    except ValidationError as err:
        await uow.rollback()
        await ack(query, error_plain(i18n, err), alert=True)
        return
    await uow.commit()
    await ack(query, i18n.get("ev-att-marked" if reg.attended_at else "ev-att-unmarked"))
    await render_attendance(query, i18n, uow, actor, tz, callback_data.event_id,
                            callback_data.page)


# ---- export and template ----------------------------------------------------------------


def export_headers(i18n: I18nContext) -> list[str]:
    return [i18n.get(f"ev-xl-{c}") for c in (
        "n", "name", "school", "municipality", "status", "position", "registered", "attended")]


def export_rows(i18n: I18nContext, items: list[ev.Registrant], tz: ZoneInfo) -> list[list[Any]]:
    rows = []
    for n, item in enumerate(items, 1):
        reg = item.registration
        rows.append([
            n, item.full_name or "", item.school or "", item.municipality or "",
            i18n.get(f"ev-status-{reg.status.value}"), item.position or "",
            fmt_dt(reg.created_at, tz, i18n.locale), fmt_dt(reg.attended_at, tz, i18n.locale) if reg.attended_at else "",
        ])
    return rows


