"""A teacher's side: open campaigns in the menu, the card with «Пройти», the survey steps
(saved at every step: a restart resumes where it stopped)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import campaigns as camp
from domain.access import Actor
from domain.campaigns.ports import CampaignUnitOfWork
from domain.errors import ValidationError
from domain.surveys import Survey
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.campaigns.common import CampCb, CampStates, Ctx, to_section
from handlers.filters import Onboarded
from handlers.keyboards import button
from handlers.routing import Routes
from handlers.views import ack, esc, fmt_date, show

router = Routes("campaigns-teacher")
_DAY = timedelta(days=1)


class SvCb(CallbackData, prefix="sv"):
    """A survey step: o (an option / a scale point), t (tick a multi option), d (done with
    the ticks), s (skip an optional question), b (back)."""

    a: str
    r: int
    i: int
    v: str = ""


def _ctx(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext, uow: Any,
         actor: Actor, tz: ZoneInfo) -> Ctx:
    return Ctx(event, state, i18n, uow, actor, tz)


# ---- the section ---------------------------------------------------------------------------


async def show_home(c: Ctx, uow: CampaignUnitOfWork) -> None:
    mine = await camp.mine(uow, c.actor, c.now)
    kb = InlineKeyboardBuilder()
    lines = [c.t("camp-home-title")]
    if not mine:
        lines.append(c.t("camp-home-none"))
    for campaign, done in mine:
        mark = "✅" if done else "📝"
        kb.row(button(f"{mark} {campaign.title}"[:60], CampCb(a="card", id=campaign.id).pack()))
    if c.actor.is_admin or c.actor.is_coordinator:
        kb.row(button(c.t("camp-btn-new"), CampCb(a="new").pack()),
               button(c.t("camp-btn-list"), CampCb(a="list").pack()))
    if c.actor.is_admin:
        kb.row(button(c.t("camp-btn-upload"), CampCb(a="upload").pack()))
    kb.row(button(c.t("btn-menu"), MenuCb(to="home").pack()))
    await show(c.event, "\n".join(lines), kb.as_markup())


@router.callback_query(MenuCb.filter(F.to == "campaigns"), Onboarded())
async def from_menu(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                    uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await state.set_state(None)
    await show_home(_ctx(query, state, i18n, uow, actor, tz), uow)


@router.callback_query(CampCb.filter(F.a == "home"), Onboarded())
async def home(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
               uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await from_menu(query, state, i18n, uow, actor, tz)


# ---- a participant's card --------------------------------------------------------------------


async def show_card(c: Ctx, uow: CampaignUnitOfWork, campaign_id: int,
                    notice: str | None = None) -> None:
    campaign, done, is_open = await camp.card(uow, c.actor, campaign_id, c.now)
    text = c.t("camp-card", title=esc(campaign.title), kind=campaign.kind.value,
               start=fmt_date(campaign.starts_at, c.tz, c.locale),
               end=fmt_date(campaign.ends_at.replace(microsecond=0) - _DAY, c.tz, c.locale),
               anonymous=int(campaign.anonymous),
               state="done" if done else ("open" if is_open else "closed"))
    if notice:
        text = f"{notice}\n\n{text}"
    kb = InlineKeyboardBuilder()
    if is_open and not done:
        kb.row(button(c.t("camp-btn-take"), CampCb(a="take", id=campaign.id).pack()))
        kb.row(button(c.t("camp-btn-optout"), CampCb(a="optout", id=campaign.id).pack()))
    kb.row(*to_section(c))
    await show(c.event, text, kb.as_markup())


@router.callback_query(CampCb.filter(F.a == "card"), Onboarded())
async def open_card(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
                    i18n: I18nContext, uow: CampaignUnitOfWork, actor: Actor,
                    tz: ZoneInfo) -> None:
    await ack(query)
    await show_card(_ctx(query, state, i18n, uow, actor, tz), uow, callback_data.id)


@router.callback_query(CampCb.filter(F.a == "optout"), Onboarded())
async def opt_out(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
                  i18n: I18nContext, uow: CampaignUnitOfWork, actor: Actor,
                  tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    await camp.opt_out(uow, actor, callback_data.id, c.now)
    await uow.commit()
    await ack(query, c.t("camp-opted-out"))
    await show_card(c, uow, callback_data.id, c.t("camp-opted-out"))


@router.callback_query(CampCb.filter(F.a == "take"), Onboarded())
async def take(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
               raw_state: str | None, i18n: I18nContext, uow: CampaignUnitOfWork,
               actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    campaign, done, is_open = await camp.card(uow, actor, callback_data.id, c.now)
    if done or not is_open:
        await ack(query)
        await show_card(c, uow, campaign.id)
        return
    if campaign.kind is camp.CampaignKind.DIAGNOSIS:
        from handlers import diagnosis as diag_screens  # the diagnosis's own step screen

        progress = await camp.take_diagnosis(uow, actor, campaign.id, c.now)
        await ack(query)
        await diag_screens.enter_answering(c, raw_state)
        await uow.commit()
        await diag_screens.show_step(c, progress)
        return
    _, survey, response = await camp.start_survey(uow, actor, campaign.id, c.now)
    await uow.commit()
    await ack(query)
    await show_question(c, survey, response)


# ---- survey steps ----------------------------------------------------------------------------


def question_view(c: Ctx, survey: Survey, r: camp.Response, notice: str | None = None
                  ) -> tuple[str, InlineKeyboardMarkup]:
    q = survey.questions[r.position]
    shown = len(r.path) + 1
    lines = [c.t("camp-q-head", title=esc(survey.title), n=shown,
                 total=len(survey.questions)), "", f"<b>{esc(q.text)}</b>"]
    hint = {"multi": "camp-q-hint-multi", "number": "camp-q-hint-number",
            "text": "camp-q-hint-text"}.get(q.kind)
    if hint:
        lines.append(c.t(hint, min=q.min, max=q.max))
    if notice:
        lines.insert(0, notice)
    kb = InlineKeyboardBuilder()
    if q.kind == "single":
        for o in q.options:
            mark = "● " if r.answers.get(q.code) == o.code else ""
            kb.row(button(mark + o.label, SvCb(a="o", r=r.id, i=r.position, v=o.code).pack()))
    elif q.kind == "multi":
        chosen = camp.drafted(r, q.code)
        for o in q.options:
            mark = "✅ " if o.code in chosen else ""
            kb.row(button(mark + o.label, SvCb(a="t", r=r.id, i=r.position, v=o.code).pack()))
        kb.row(button(c.t("btn-done"), SvCb(a="d", r=r.id, i=r.position).pack()))
    elif q.kind == "scale":
        kb.row(*(button(str(v), SvCb(a="o", r=r.id, i=r.position, v=str(v)).pack())
                 for v in range(q.min, q.max + 1)))
    nav = []
    if r.path:
        nav.append(button(c.t("btn-back"), SvCb(a="b", r=r.id, i=r.position).pack()))
    if q.optional:
        nav.append(button(c.t("camp-btn-skip"), SvCb(a="s", r=r.id, i=r.position).pack()))
    nav.append(button(c.t("camp-btn-pause"), CampCb(a="home").pack()))
    kb.row(*nav)
    return "\n".join(lines), kb.as_markup()


async def show_question(c: Ctx, survey: Survey, r: camp.Response, notice: str | None = None,
                        new: bool = False) -> None:
    if r.completed_at is not None:
        await c.state.set_state(None)
        kb = InlineKeyboardMarkup(inline_keyboard=[to_section(c)])
        await show(c.event, c.t("camp-survey-done", title=esc(survey.title)), kb, new=new)
        return
    q = survey.questions[r.position]
    if q.kind in ("number", "text"):
        await c.state.set_state(CampStates.answer)
        await c.state.set_data({"response": r.id, "index": r.position})
    else:
        await c.state.set_state(None)
    text, markup = question_view(c, survey, r, notice)
    await show(c.event, text, markup, new=new)


async def _current(c: Ctx, uow: CampaignUnitOfWork, response_id: int, notice: str) -> None:
    r = await uow.campaigns.response_by_id(response_id)
    if r is None or r.person_id != c.actor.person_id:
        await show_home(c, uow)
        return
    campaign, survey, r = await camp.start_survey(uow, c.actor, r.campaign_id, c.now)
    await show_question(c, survey, r, notice)


@router.callback_query(SvCb.filter(), Onboarded())
async def step(query: CallbackQuery, callback_data: SvCb, state: FSMContext,
               i18n: I18nContext, uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    cb = callback_data
    try:
        if cb.a == "o":
            _, survey, r = await camp.answer(uow, actor, cb.r, cb.i, cb.v, c.now)
        elif cb.a == "t":
            _, survey, r = await camp.toggle(uow, actor, cb.r, cb.i, cb.v, c.now)
        elif cb.a == "d":
            _, survey, r = await camp.confirm_ticks(uow, actor, cb.r, cb.i, c.now)
        elif cb.a == "s":
            _, survey, r = await camp.answer(uow, actor, cb.r, cb.i, None, c.now)
        elif cb.a == "b":
            _, survey, r = await camp.back(uow, actor, cb.r, cb.i, c.now)
        else:
            raise camp.StaleQuestion()
    except camp.StaleQuestion:
        await uow.rollback()
        await ack(query, c.t("camp-error-stale"))
        await _current(c, uow, cb.r, c.t("camp-error-stale"))
        return
    except ValidationError as err:
        await uow.rollback()
        await ack(query, c.t(err.key, **err.params), alert=True)
        return
    await uow.commit()
    await ack(query)
    await show_question(c, survey, r)


@router.message(StateFilter(CampStates.answer), Onboarded())
async def typed(message: Message, state: FSMContext, i18n: I18nContext,
                uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    response_id, index = int(data.get("response", 0)), int(data.get("index", -1))
    try:
        _, survey, r = await camp.answer(uow, actor, response_id, index, message.text or "",
                                         c.now)
    except camp.StaleQuestion:
        await uow.rollback()
        await _current(c, uow, response_id, c.t("camp-error-stale"))
        return
    except ValidationError as err:
        await uow.rollback()
        # the text typed is kept: asked again, nothing saved is lost
        campaign_survey = await camp.start_survey(uow, actor, (await uow.campaigns
                                                  .response_by_id(response_id)).campaign_id,
                                                  c.now)
        await show_question(c, campaign_survey[1], campaign_survey[2],
                            c.t(err.key, **err.params), new=True)
        return
    await uow.commit()
    await show_question(c, survey, r, new=True)


__all__ = ["SvCb", "router", "show_home"]
