"""Setting a campaign up in the chat, by buttons: what → who (a unit of the scope) → start →
length → anonymity → reminders → launch. The draft lives in FSM data; ``camp.create`` checks
everything again (callback data can be forged)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.settings import Settings
from domain import campaigns as camp
from domain import surveys, territory
from domain.access import Actor
from domain.broadcasts import require_sender
from domain.campaigns.ports import CampaignUnitOfWork
from handlers.campaigns.common import CampCb, CampStates, Ctx, to_section
from handlers.filters import Onboarded
from handlers.keyboards import button
from handlers.routing import Routes
from handlers.views import ack, esc, fmt_date, show

router = Routes("campaigns-setup")

STARTS = (0, 1, 7)
START_KEYS = {0: "camp-start-0", 1: "camp-start-1", 7: "camp-start-7"}
STAGE_KEYS = {"start": "camp-stage-start", "day3": "camp-stage-day3",
              "before_end": "camp-stage-before-end"}
LENGTHS = (7, 14, 30)


async def _draft(state: FSMContext) -> dict[str, Any]:
    return dict((await state.get_data()).get("camp") or {})


async def _save(state: FSMContext, draft: dict[str, Any]) -> None:
    await state.set_state(CampStates.setup)
    await state.set_data({"camp": draft})


def _kb() -> InlineKeyboardBuilder:
    return InlineKeyboardBuilder()


@router.callback_query(CampCb.filter(F.a == "new"), Onboarded())
async def new(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
              uow: CampaignUnitOfWork, actor: Actor) -> None:
    require_sender(actor)
    await ack(query)
    kb = _kb()
    kb.row(button(i18n.get("camp-kind-diagnosis"), CampCb(a="k", v="diagnosis").pack()))
    for s in await surveys.available(uow, uow.clock.now()):
        kb.row(button(f"📋 {s.title}"[:60], CampCb(a="k", v="survey", id=s.id).pack()))
    kb.row(button(i18n.get("btn-cancel"), CampCb(a="home").pack()))
    await uow.commit()  # the shipped surveys, stored on first use
    await _save(state, {})
    await show(query, i18n.get("camp-new-what"), kb.as_markup())


@router.callback_query(CampCb.filter(F.a == "k"), Onboarded())
async def kind(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
               i18n: I18nContext, uow: CampaignUnitOfWork, actor: Actor) -> None:
    require_sender(actor)
    draft = {"kind": callback_data.v if callback_data.v in ("diagnosis", "survey")
             else "diagnosis",
             "survey_id": callback_data.id if callback_data.v == "survey" else None}
    await _save(state, draft)
    await ack(query)
    kb = _kb()
    for org in await territory.scopes(uow, actor):
        kb.row(button(f"🌐 {org.name}"[:60], CampCb(a="u", org=org.id).pack()))
        for child in (await uow.territory.children(org))[:30]:
            kb.row(button(f"   {child.name}"[:60], CampCb(a="u", org=child.id).pack()))
    kb.row(button(i18n.get("btn-cancel"), CampCb(a="home").pack()))
    await show(query, i18n.get("camp-new-who"), kb.as_markup())


@router.callback_query(CampCb.filter(F.a == "u"), Onboarded())
async def unit(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
               i18n: I18nContext, uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    org = await uow.orgs.get(callback_data.org)
    if org is None:
        raise camp_error()
    actor.require_covers(org)  # refused here already, and again by camp.create
    draft = {**await _draft(state), "org_id": org.id, "org_name": org.name}
    await _save(state, draft)
    await ack(query)
    today = uow.clock.now().astimezone(tz).date()
    kb = _kb()
    for offset in STARTS:
        day = today + timedelta(days=offset)
        kb.button(text=i18n.get(START_KEYS[offset], date=fmt_date(
            _noon(day, tz), tz, i18n.locale)), callback_data=CampCb(a="st", v=day.isoformat()))
    kb.adjust(1)
    kb.row(button(i18n.get("btn-cancel"), CampCb(a="home").pack()))
    await show(query, i18n.get("camp-new-when"), kb.as_markup())


def camp_error() -> Exception:
    from domain.errors import NotFound

    return NotFound("camp-error-not-found")


def _noon(day: date, tz: ZoneInfo) -> Any:
    from datetime import datetime, time

    return datetime.combine(day, time(12), tzinfo=tz)


@router.callback_query(CampCb.filter(F.a == "st"), Onboarded())
async def start_day(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
                    i18n: I18nContext) -> None:
    draft = {**await _draft(state), "starts_on": callback_data.v}
    await _save(state, draft)
    await ack(query)
    kb = _kb()
    for days in LENGTHS:
        kb.button(text=i18n.get("camp-days", days=days), callback_data=CampCb(a="dd", v=str(days)))
    kb.adjust(3)
    kb.row(button(i18n.get("btn-cancel"), CampCb(a="home").pack()))
    await show(query, i18n.get("camp-new-length"), kb.as_markup())


@router.callback_query(CampCb.filter(F.a == "dd"), Onboarded())
async def length(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
                 i18n: I18nContext) -> None:
    draft = {**await _draft(state), "days": callback_data.v}
    await _save(state, draft)
    await ack(query)
    kb = _kb()
    kb.button(text=i18n.get("camp-anon-yes"), callback_data=CampCb(a="an", v="1"))
    kb.button(text=i18n.get("camp-anon-no"), callback_data=CampCb(a="an", v="0"))
    kb.adjust(1)
    kb.row(button(i18n.get("btn-cancel"), CampCb(a="home").pack()))
    await show(query, i18n.get("camp-new-anon"), kb.as_markup())


async def show_summary(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                       tz: ZoneInfo) -> None:
    raw = await _draft(state)
    d = camp.draft_from(raw)
    lines = [i18n.get("camp-new-summary", kind=d.kind.value,
                      org=esc(str(raw.get("org_name") or "—")),
                      start=fmt_date(_noon(d.starts_on, tz), tz, i18n.locale),
                      end=fmt_date(_noon(d.ends_on, tz), tz, i18n.locale),
                      anonymous=int(d.anonymous))]
    kb = _kb()
    for stage in camp.STAGES:
        mark = "✅" if stage in d.reminders else "▫️"
        kb.row(button(f"{mark} " + i18n.get(STAGE_KEYS[stage]),
                      CampCb(a="rm", v=stage).pack()))
    kb.row(button(i18n.get("camp-btn-launch"), CampCb(a="go").pack()))
    kb.row(button(i18n.get("btn-cancel"), CampCb(a="home").pack()))
    await show(query, "\n".join(lines), kb.as_markup())


@router.callback_query(CampCb.filter(F.a == "an"), Onboarded())
async def anonymity(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
                    i18n: I18nContext, tz: ZoneInfo) -> None:
    draft = {**await _draft(state), "anonymous": callback_data.v == "1",
             "reminders": list(camp.STAGES)}
    await _save(state, draft)
    await ack(query)
    await show_summary(query, state, i18n, tz)


@router.callback_query(CampCb.filter(F.a == "rm"), Onboarded())
async def reminders(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
                    i18n: I18nContext, tz: ZoneInfo) -> None:
    raw = await _draft(state)
    d = camp.with_reminders(camp.draft_from(raw), callback_data.v)
    await _save(state, {**raw, "reminders": list(d.reminders)})
    await ack(query)
    await show_summary(query, state, i18n, tz)


@router.callback_query(CampCb.filter(F.a == "go"), Onboarded())
async def launch(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                 uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo,
                 settings: Settings) -> None:
    raw = await _draft(state)
    d = camp.draft_from(raw)
    if not d.title and d.kind is camp.CampaignKind.DIAGNOSIS:
        from dataclasses import replace

        d = replace(d, title=i18n.get("camp-title-diagnosis",
                                      start=fmt_date(_noon(d.starts_on, tz), tz, i18n.locale)))
    now = uow.clock.now()
    campaign = await camp.create(uow, actor, d, settings.quiet, tz, now)
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await ack(query)
    key = "camp-launched" if campaign.total or campaign.opened_at else "camp-scheduled"
    kb = _kb()
    kb.row(button(i18n.get("camp-btn-progress"), CampCb(a="view", id=campaign.id).pack()))
    c = Ctx(query, state, i18n, uow, actor, tz)
    kb.row(*to_section(c))
    await show(query, i18n.get(key, id=campaign.id, title=esc(campaign.title),
                               total=campaign.total), kb.as_markup())


__all__ = ["router"]
