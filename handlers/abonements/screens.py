"""«Методический абонемент» for coordinators and the centre: the section, the list (the
centre's bank of requests with filters by status and municipality, paged), a request's card
with what the reader may do (agree, return with a comment, accept, sign, start, complete, the
agreement's DOCX), and the return's comment."""

from __future__ import annotations

import asyncio
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import abonements as ab
from domain.abonements import AbonementUnitOfWork
from domain.access import Actor
from domain.enums import Role
from domain.errors import AccessDenied, ValidationError
from handlers.abonements.common import (
    Ctx,
    history_comment,
    hours_text,
    request_text,
    school_year,
    staff_text,
    to_card,
    to_section,
)
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import AbCb, CampCb, MenuCb
from handlers.filters import Onboarded, PlainText
from handlers.keyboards import button, pager
from handlers.routing import Routes
from handlers.views import ack, cut_html, error_html, esc, fmt_dt, show

router = Routes("abonements-screens")

HISTORY_SHOWN = 6
#: why a launcher cannot launch the final diagnosis yet, said on the card under the campaigns
HINTS = ("abon-error-diag-start-running", "abon-error-diag-final-early")


class AbReturnSt(StatesGroup):
    comment = State()  # the municipality's or the centre's comment (ab_id in data)


def _ctx(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
         uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> Ctx:
    return Ctx(event, state, i18n, uow, actor, tz)


# ---- the section -------------------------------------------------------------------------


@router.callback_query(AbCb.filter(F.a == "home"), Onboarded())
async def home(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
               uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    schools = await ab.my_schools(uow, actor)
    if not (schools or actor.is_coordinator or actor.is_admin):
        raise AccessDenied("abon-error-no-access")
    await ack(query)
    await state.set_state(None)
    kb = InlineKeyboardBuilder()
    for school, found in schools:
        if found is None:
            kb.row(button(c.t("abon-btn-new", school=school.name[:40]),
                          AbCb(a="new", id=school.id).pack()))
        else:
            kb.row(button(c.t("abon-btn-school", school=school.name[:40],
                              status=c.t(f"abon-status-{found.status.value}")),
                          AbCb(a="card", id=found.id).pack()))
    kb.row(button(c.t("abon-btn-bank" if actor.is_admin else "abon-btn-list"),
                  AbCb(a="list").pack()))
    if actor.is_admin or {Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_COORDINATOR} & actor.roles:
        kb.row(button(c.t("abon-btn-figures"), AbCb(a="fig").pack()))
    kb.row(button(c.t("btn-back"), MenuCb(to="admin" if actor.is_admin and not
                                            actor.is_coordinator else "coordinator").pack()))
    await show(query, c.t("abon-home"), kb.as_markup())


# ---- the list and the bank -----------------------------------------------------------------


async def render_list(c: Ctx, status: str, municipality_id: int, page: int) -> None:
    found = await ab.listing(c.uow, c.actor, status or None, municipality_id or None, page)
    lines = [c.t("abon-bank-title" if c.actor.is_admin else "abon-list-title",
                 total=found.total)]
    if c.actor.is_admin:
        mun = next((m.name for m in found.municipalities if m.id == found.municipality_id),
                   None)
        lines.append(c.t("abon-bank-filters",
                         status=c.t(f"abon-status-{found.status.value}") if found.status
                         else c.t("abon-filter-any"),
                         municipality=esc(mun) if mun else c.t("abon-filter-any")))
    if not found.rows:
        lines.append(c.t("abon-list-empty"))
    kb = InlineKeyboardBuilder()
    for row in found.rows:
        kb.row(button(c.t("abon-row", school=row.school[:40],
                          status=c.t(f"abon-status-{row.status.value}"),
                          date=c.date(row.updated_at)), AbCb(a="card", id=row.id).pack()))
    v = found.status.value if found.status else ""
    mid = found.municipality_id or 0
    if nav := pager(found.page, found.pages,
                    lambda n: AbCb(a="list", v=v, id=mid, page=n).pack()):
        kb.row(*nav)
    if c.actor.is_admin:
        kb.row(button(c.t("abon-btn-filter-status"), AbCb(a="fs", v=v, id=mid).pack()),
               button(c.t("abon-btn-filter-mun"), AbCb(a="fm", v=v, id=mid).pack()))
    kb.row(*to_section(c))
    await show(c.event, "\n".join(lines), kb.as_markup())


@router.callback_query(AbCb.filter(F.a == "list"), Onboarded())
async def listing(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                  i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                  tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    await render_list(c, callback_data.v, callback_data.id, callback_data.page)
    await ack(query)


@router.callback_query(AbCb.filter(F.a.in_({"fs", "fm"})), Onboarded())
async def filters(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                  i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                  tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    if not actor.is_admin:
        raise AccessDenied("abon-error-no-access")
    found = await ab.listing(uow, actor, callback_data.v or None, callback_data.id or None, 0)
    await ack(query)
    kb = InlineKeyboardBuilder()
    if callback_data.a == "fs":
        kb.button(text=c.t("abon-filter-any"), callback_data=AbCb(a="list", id=callback_data.id))
        for s in ab.Status:
            kb.button(text=c.t(f"abon-status-{s.value}"),
                      callback_data=AbCb(a="list", v=s.value, id=callback_data.id))
    else:
        kb.button(text=c.t("abon-filter-any"), callback_data=AbCb(a="list", v=callback_data.v))
        for m in found.municipalities[:40]:
            kb.button(text=m.name[:50], callback_data=AbCb(a="list", v=callback_data.v, id=m.id))
    kb.adjust(1)
    await show(query, c.t("abon-filter-choose"), kb.as_markup())


# ---- a request's card ----------------------------------------------------------------------


async def render_card(c: Ctx, abonement_id: int, notice: str | None = None,
                      error: str | None = None) -> None:
    card = await ab.card(c.uow, c.actor, abonement_id)
    a, r = card.abonement, card.rights
    parts = []
    if notice:
        parts.append("✅ " + notice)
    if error:
        parts.append("⚠️ " + error)
    parts.append(c.t("abon-card-head", id=a.id, school=esc(card.school.name),
                     status=c.t(f"abon-status-{a.status.value}"),
                     parties=c.t("abon-parties-three" if a.three_party else "abon-parties-two",
                                 municipality=esc(card.municipality.name)
                                 if card.municipality else "—"),
                     author=esc(card.author) if card.author else "—"))
    parts.append(request_text(c, a.request))
    if a.curator_id is not None:
        parts.append(c.t("abon-card-agreement", curator=esc(card.curator or "—"),
                         hours=hours_text(c, a.ordered), year=school_year(c, a.school_year)))
        parts.append(c.t("abon-threshold-card", percent=a.threshold))
    if a.status is ab.Status.RETURNED and a.comment:
        parts.append(c.t("abon-returned-comment", comment=esc(a.comment)))
    diag = None
    if a.status in (ab.Status.AGREED, ab.Status.RUNNING, ab.Status.COMPLETED):
        diag = await ab.diagnostics(c.uow, c.actor, a.id, c.tz, c.now)
        fallback = a.status is not ab.Status.AGREED and diag.staff.change is None
        block = staff_text(c, diag.staff, await ab.shift(c.uow, a, c.tz) if fallback else None)
        hints = ["ℹ️ " + error_html(c.i18n, err) for err in diag.refusals.values()
                 if err is not None and err.key in HINTS]
        if block or hints:
            parts.append("\n".join([*([block] if block else []), *hints]))
    if card.history:
        lines = [c.t("abon-history-head")]
        for h in card.history[-HISTORY_SHOWN:]:
            when, action = fmt_dt(h.at, c.tz, c.locale), c.t(f"abon-action-{h.action.value}")
            lines.append(c.t("abon-history-line-comment", when=when, action=action,
                             comment=history_comment(c, h)) if h.comment
                         else c.t("abon-history-line", when=when, action=action))
        parts.append("\n".join(lines))
    kb = InlineKeyboardBuilder()
    if r.municipal:
        kb.row(button(c.t("abon-btn-notice-agree"), AbCb(a="agree", id=a.id).pack()),
               button(c.t("abon-btn-notice-return"), AbCb(a="return", id=a.id).pack()))
    if r.centre:
        kb.row(button(c.t("abon-btn-accept"), AbCb(a="acc", id=a.id).pack()),
               button(c.t("abon-btn-notice-return"), AbCb(a="return", id=a.id).pack()))
    if r.edit:
        kb.row(button(c.t("abon-btn-edit"), AbCb(a="edit", id=a.id).pack()))
    if r.document:
        kb.row(button(c.t("abon-btn-docx"), AbCb(a="docx", id=a.id).pack()))
    if a.curator_id is not None:
        kb.row(button(c.t("abon-btn-plan"), AbCb(a="plan", id=a.id).pack()))
    if a.status in ab.CHANGEABLE or a.status is ab.Status.COMPLETED:
        kb.row(button(c.t("abon-btn-changes"), AbCb(a="chg", id=a.id).pack()),
               button(c.t("abon-btn-report"), AbCb(a="rep", id=a.id).pack()))
    if r.plan:
        kb.row(button(c.t("abon-btn-threshold", percent=a.threshold),
                      AbCb(a="thr", id=a.id).pack()))
    if r.sign:
        kb.row(button(c.t("abon-btn-sign"), AbCb(a="sign", id=a.id).pack()))
    if r.start:
        kb.row(button(c.t("abon-btn-start"), AbCb(a="start", id=a.id).pack()))
    if r.complete:
        kb.row(button(c.t("abon-btn-complete"), AbCb(a="done", id=a.id).pack()))
    if diag is not None:
        for stage in ab.Stage:
            if diag.may(stage):
                kb.row(button(c.t(f"abon-btn-diag-{stage.value}"),
                              AbCb(a="dg", id=a.id, v=stage.value).pack()))
        linked = [x for x in (diag.staff.start, diag.staff.final) if x is not None]
        if linked:
            kb.row(*(button(c.t("abon-btn-diag-progress", stage=x.stage.value),
                            CampCb(a="view", id=x.campaign.id).pack()) for x in linked))
    kb.row(*to_section(c))
    await show(c.event, cut_html("\n\n".join(parts)), kb.as_markup(),
               new=isinstance(c.event, Message))


@router.callback_query(AbCb.filter(F.a.in_({"card", "open"})), Onboarded())
async def open_card(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                    i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                    tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    await state.set_state(None)
    await render_card(c, callback_data.id)
    await ack(query)


STEPS = {"agree": (ab.agree_municipal, "abon-done-agreed"),
         "sign": (ab.sign, "abon-done-signed"),
         "start": (ab.start, "abon-done-started")}


@router.callback_query(AbCb.filter(F.a.in_(set(STEPS))), Onboarded())
async def step(query: CallbackQuery, callback_data: AbCb, state: FSMContext, i18n: I18nContext,
               uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    service, done = STEPS[callback_data.a]
    try:
        await service(uow, actor, callback_data.id, c.now)
    except ValidationError as err:  # already decided (a second tap, an old notice)
        await uow.rollback()
        await ack(query)
        await render_card(c, callback_data.id, error=error_html(i18n, err))
        return
    await uow.commit()
    await ack(query)
    await render_card(c, callback_data.id, notice=c.t(done))


# ---- returning with a comment ------------------------------------------------------------


@router.callback_query(AbCb.filter(F.a == "return"), Onboarded())
async def ask_comment(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                      i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                      tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    try:
        found = await ab.may_return(uow, actor, callback_data.id)
    except ValidationError as err:
        await ack(query)
        await render_card(c, callback_data.id, error=error_html(i18n, err))
        return
    await ack(query)
    await state.set_state(AbReturnSt.comment)
    await state.set_data({"ab_id": found.id})
    kb = InlineKeyboardBuilder()
    kb.row(button(c.t("btn-cancel"), AbCb(a="card", id=found.id).pack()))
    await show(query, c.t("abon-ask-comment", max=ab.COMMENT_MAX), kb.as_markup())


@router.message(StateFilter(AbReturnSt.comment), Command("cancel"), Onboarded())
async def comment_cancel(message: Message, state: FSMContext, i18n: I18nContext,
                         uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    await state.set_state(None)
    await state.set_data({})
    await render_card(_ctx(message, state, i18n, uow, actor, tz), int(data.get("ab_id") or 0))


@router.message(StateFilter(AbReturnSt.comment), PlainText(), Onboarded())
async def got_comment(message: Message, state: FSMContext, i18n: I18nContext,
                      uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    abonement_id = int((await state.get_data()).get("ab_id") or 0)
    try:
        await ab.give_back(uow, actor, abonement_id, message.text or "", c.now)
    except ValidationError as err:
        await uow.rollback()
        if err.key == "abon-error-wrong-status":  # decided meanwhile: nothing to return
            await state.set_state(None)
            await state.set_data({})
            await render_card(c, abonement_id, error=error_html(i18n, err))
            return
        kb = InlineKeyboardBuilder()
        kb.row(button(c.t("btn-cancel"), AbCb(a="card", id=abonement_id).pack()))
        await show(message, "⚠️ " + error_html(i18n, err) + "\n\n"
                   + c.t("abon-ask-comment", max=ab.COMMENT_MAX), kb.as_markup(), new=True)
        return
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await render_card(c, abonement_id, notice=c.t("abon-done-returned"))


@router.message(StateFilter(AbReturnSt.comment), Onboarded())
async def comment_not_text(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await message.answer(i18n.get("abon-error-need-text") + "\n\n"
                         + i18n.get("abon-ask-comment", max=ab.COMMENT_MAX))


# ---- the agreement's document ------------------------------------------------------------


@router.callback_query(AbCb.filter(F.a == "docx"), Onboarded())
async def document(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                   i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo,
                   bot: Bot) -> None:
    from handlers.abonements import docx

    c = _ctx(query, state, i18n, uow, actor, tz)
    agreement = await ab.agreement(uow, actor, callback_data.id, c.now)
    labels = docx.labels(i18n.get, agreement, c.locale)
    await ack(query)
    chat = query.message.chat.id if query.message else query.from_user.id
    await bot.send_chat_action(chat, "upload_document")
    data = await asyncio.to_thread(docx.render_docx, agreement, labels, tz)
    await bot.send_document(chat, BufferedInputFile(data, filename=f"abonement-{agreement.abonement.id}.docx"),
                            caption=c.t("abon-doc-caption", school=esc(agreement.school.name)))


__all__ = ["AbReturnSt", "render_card", "render_list", "router", "to_card"]
