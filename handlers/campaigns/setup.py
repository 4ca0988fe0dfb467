"""Setting a campaign up in the chat, by buttons: what → who (a unit of the scope) → start →
length → anonymity → the summary: the broadcasts' audience filters (roles, positions,
subjects …) with the number of people invited, reminders → launch. The draft lives in FSM
data; ``camp.create`` checks everything again (callback data can be forged)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from bot.settings import Settings
from domain import campaigns as camp
from domain import surveys, territory
from domain.access import Actor
from domain.audience import VOCABULARY
from domain.broadcasts import require_sender
from domain.campaigns.ports import CampaignUnitOfWork
from domain.errors import ValidationError
from handlers.audience import value_label
from handlers.builder import InlineKeyboardBuilder
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


def filters_text(i18n: I18nContext, d: camp.Draft) -> str:
    """The filters chosen, one line a dimension (the broadcasts' labels)."""
    lines = []
    for dim in camp.FILTERS:
        values: tuple[str, ...] = getattr(d.filters, dim)
        if values:
            shown = ", ".join(value_label(i18n, dim, v) for v in values)
            lines.append(i18n.get("bc-aud-line", name=i18n.get(f"bc-dim-{dim}"), values=shown))
    return "\n".join(lines) if lines else i18n.get("camp-filters-none")


def reach_text(i18n: I18nContext, r: camp.Reach) -> str:
    return i18n.get("camp-reach", invited=r.invited, matched=r.matched, blocked=r.blocked)


async def show_summary(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                       tz: ZoneInfo, uow: CampaignUnitOfWork, actor: Actor) -> None:
    raw = await _draft(state)
    d = camp.draft_from(raw)
    r = await camp.reach(uow, actor, d, uow.clock.now())
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
    lines += ["", i18n.get("camp-filters-title"), filters_text(i18n, d), "", reach_text(i18n, r)]
    kb.row(button(i18n.get("camp-btn-filters"), CampCb(a="f").pack()))
    if r.invited:
        kb.row(button(i18n.get("camp-btn-launch"), CampCb(a="go").pack()))
    else:  # nobody to invite: say so and leave the filters to change
        lines.append(i18n.get("camp-reach-nobody"))
    kb.row(button(i18n.get("btn-cancel"), CampCb(a="home").pack()))
    await show(query, "\n".join(lines), kb.as_markup())


@router.callback_query(CampCb.filter(F.a == "f"), Onboarded())
async def filters(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
                  i18n: I18nContext, uow: CampaignUnitOfWork, actor: Actor) -> None:
    """The filters: a dimension to open (``v``), or «Сбросить» (``v`` = "reset")."""
    raw = await _draft(state)
    d = camp.draft_from(raw)
    if callback_data.v == "reset":
        d = replace(d, filters=camp.TEACHERS)
        await _save(state, {**raw, "filters": d.to_dict()["filters"]})
    elif callback_data.v:
        await show_values(query, i18n, d, callback_data.v)
        return
    r = await camp.reach(uow, actor, d, uow.clock.now())
    await ack(query)
    kb = _kb()
    for dim in camp.FILTERS:
        chosen = len(getattr(d.filters, dim))
        kb.button(text=i18n.get(f"bc-dim-{dim}") + (f" ({chosen})" if chosen else ""),
                  callback_data=CampCb(a="f", v=dim))
    kb.adjust(2)
    kb.row(button(i18n.get("bc-btn-reset"), CampCb(a="f", v="reset").pack()),
           button(i18n.get("btn-done"), CampCb(a="sum").pack()))
    text = "\n".join([i18n.get("camp-filters-title"), filters_text(i18n, d), "",
                      reach_text(i18n, r)])
    await show(query, text, kb.as_markup())


async def show_values(query: CallbackQuery, i18n: I18nContext, d: camp.Draft, dim: str
                      ) -> None:
    if dim not in camp.FILTERS:
        raise ValidationError("error-choice-unknown")
    await ack(query)
    kb = _kb()
    chosen = getattr(d.filters, dim)
    for value in VOCABULARY[dim]:
        mark = "✅ " if value in chosen else ""
        kb.button(text=mark + value_label(i18n, dim, value),
                  callback_data=CampCb(a="fv", v=f"{dim}.{value}"))
    kb.adjust(2)
    kb.row(button(i18n.get("btn-done"), CampCb(a="f").pack()))
    await show(query, i18n.get("bc-aud-pick", dim=i18n.get(f"bc-dim-{dim}")), kb.as_markup())


@router.callback_query(CampCb.filter(F.a == "fv"), Onboarded())
async def filter_value(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
                       i18n: I18nContext) -> None:
    """Tick or untick one value (checked against the vocabulary: a forged one is refused)."""
    raw = await _draft(state)
    d = camp.draft_from(raw)
    dim, _, value = callback_data.v.partition(".")
    d = replace(d, filters=camp.with_filter(d.filters, dim, value))
    await _save(state, {**raw, "filters": d.to_dict()["filters"]})
    await show_values(query, i18n, d, dim)


@router.callback_query(CampCb.filter(F.a == "sum"), Onboarded())
async def summary(query: CallbackQuery, state: FSMContext, i18n: I18nContext, tz: ZoneInfo,
                  uow: CampaignUnitOfWork, actor: Actor) -> None:
    await ack(query)
    await show_summary(query, state, i18n, tz, uow, actor)


@router.callback_query(CampCb.filter(F.a == "an"), Onboarded())
async def anonymity(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
                    i18n: I18nContext, tz: ZoneInfo, uow: CampaignUnitOfWork,
                    actor: Actor) -> None:
    raw = await _draft(state)
    draft = {**raw, "anonymous": callback_data.v == "1", "reminders": list(camp.STAGES)}
    await _save(state, draft)
    await ack(query)
    await show_summary(query, state, i18n, tz, uow, actor)


@router.callback_query(CampCb.filter(F.a == "rm"), Onboarded())
async def reminders(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
                    i18n: I18nContext, tz: ZoneInfo, uow: CampaignUnitOfWork,
                    actor: Actor) -> None:
    raw = await _draft(state)
    d = camp.with_reminders(camp.draft_from(raw), callback_data.v)
    await _save(state, {**raw, "reminders": list(d.reminders)})
    await ack(query)
    await show_summary(query, state, i18n, tz, uow, actor)


@router.callback_query(CampCb.filter(F.a == "go"), Onboarded())
async def launch(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                 uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo,
                 settings: Settings) -> None:
    raw = await _draft(state)
    d = camp.draft_from(raw)
    if not d.title and d.kind is camp.CampaignKind.DIAGNOSIS:
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
