"""The section's home screen and the introduction to the questionnaire."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from domain import diagnosis as diag
from domain.access import Actor
from domain.instrument import Instrument
from domain.ports import UnitOfWork
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.diagnosis.common import Ctx, DiagCb, _btn, _leave_my_state, _menu_row, pct
from handlers.filters import Onboarded
from handlers.routing import Routes
from handlers.views import ack, esc, show

router = Routes("diagnosis-home")


def intro_text(c: Ctx, instrument: Instrument) -> str:
    loc = c.locale
    groups = ", ".join(esc(g.short_title(loc).lower()) for g in instrument.groups)
    parts = [c.t("diag-title"), c.t("diag-intro-head", count=len(instrument.items),
                                     groups=groups, minutes=instrument.minutes)]
    if instrument.description:
        parts.append(esc(instrument.description.get(loc)))
    scale = [c.t("diag-intro-scale")]
    for point in instrument.scale:
        label = esc(point.label.get(loc))
        if point.hint:
            scale.append(c.t("diag-scale-line", label=label, hint=esc(point.hint.get(loc))))
        else:
            scale.append(c.t("diag-scale-line-plain", label=label))
    parts += ["\n".join(scale), c.t("diag-intro-how"), c.t("diag-intro-privacy")]
    return "\n\n".join(parts)


async def show_home(c: Ctx, notice: str | None = None, new: bool = False) -> None:
    now = c.now
    progress = await diag.in_progress(c.uow, c.actor)
    last = await diag.latest(c.uow, c.actor)
    b = InlineKeyboardBuilder()
    parts = [notice] if notice else []
    if last is None and progress is None:
        active = await diag.active_instrument(c.uow, now)
        parts.append(intro_text(c, active.instrument))
        b.row(*_btn(c.t("diag-btn-start"), DiagCb(act="start")))
    else:
        parts.append(c.t("diag-title"))
    if last is not None and last.result is not None:
        instrument = await diag.instrument_of(c.uow, last)
        lines = [c.t("diag-home-last", date=c.date(last.completed_at),
                     total=pct(last.result.total))]
        for g in last.result.groups:
            group = instrument.group(g.group)
            level = instrument.level(g.level)
            lines.append(c.t("diag-home-group", mark=level.mark or "•",
                             group=esc(group.short_title(c.locale)), percent=pct(g.percent)))
        parts.append("\n".join(lines))
    if progress is not None:
        parts.append(c.t("diag-home-in-progress", n=min(progress.index + 1, progress.total),
                         total=progress.total, answered=progress.answered,
                         date=c.date(progress.attempt.started_at)))
        b.row(*_btn(c.t("diag-btn-continue", n=min(progress.index + 1, progress.total),
                        total=progress.total), DiagCb(act="start")))
    if last is not None:
        b.row(*_btn(c.t("diag-btn-result"), DiagCb(act="result", a=last.id)))
        b.row(*_btn(c.t("diag-btn-history"), DiagCb(act="history")),
              *_btn(c.t("diag-btn-analysis"), DiagCb(act="analysis", a=last.id)))
        if progress is None:
            status = await diag.retake(c.uow, c.actor, now)
            if status.allowed:
                if status.unlocked:
                    parts.append(c.t("diag-home-retake-unlocked"))
                b.row(*_btn(c.t("diag-btn-retake"), DiagCb(act="intro")))
            else:
                parts.append(c.t("diag-home-retake-at", date=c.date(status.available_at)))
    if c.actor.is_admin:
        b.row(*_btn(c.t("diag-btn-admin"), DiagCb(act="admin")))
    b.row(*_menu_row(c))
    await show(c.event, "\n\n".join(parts), b.as_markup(), new=new)


@router.callback_query(MenuCb.filter(F.to == "diagnosis"), Onboarded())
async def section(query: CallbackQuery, state: FSMContext, raw_state: str | None,
                  i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await _leave_my_state(state, raw_state)
    await show_home(Ctx(query, state, i18n, uow, actor, tz))


@router.callback_query(DiagCb.filter(F.act == "home"), Onboarded())
async def home(query: CallbackQuery, state: FSMContext, raw_state: str | None,
               i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await section(query, state, raw_state, i18n, uow, actor, tz)


@router.callback_query(DiagCb.filter(F.act == "intro"), Onboarded())
async def intro(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    await ack(query)
    active = await diag.active_instrument(uow, uow.clock.now())
    b = InlineKeyboardBuilder()
    b.row(*_btn(c.t("diag-btn-start"), DiagCb(act="start")))
    b.row(*_btn(c.t("btn-back"), DiagCb(act="home")))
    await show(query, intro_text(c, active.instrument), b.as_markup())
