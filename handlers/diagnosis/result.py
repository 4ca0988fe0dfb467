"""The result with its radar chart, and the history of attempts."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import diagnosis as diag
from domain.access import Actor
from domain.diagnosis import Attempt
from domain.instrument import Instrument
from domain.ports import UnitOfWork
from handlers import charts
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.diagnosis.common import (
    DEFICITS_SHOWN,
    HISTORY_BUTTONS,
    Ctx,
    DiagCb,
    _btn,
    _menu_row,
    fit,
    pct,
)
from handlers.filters import Onboarded
from handlers.routing import Routes
from handlers.views import ack, esc, show

log = logging.getLogger(__name__)
router = Routes("diagnosis-result")


def _change(c: Ctx, delta: float) -> str:
    rounded = pct(abs(delta))
    if rounded == 0:
        return c.t("diag-change-same")
    return c.t("diag-change-up" if delta > 0 else "diag-change-down", delta=rounded)


def result_text(c: Ctx, instrument: Instrument, attempt: Attempt,
                previous: Attempt | None) -> str:
    loc = c.locale
    result = attempt.result
    assert result is not None
    prev = previous.result if previous is not None else None
    deltas = diag.changes(result, prev)
    legend = c.t("diag-result-legend", threshold=pct(result.deficit_below))
    if previous is not None:
        legend += " " + c.t("diag-result-compare", date=c.date(previous.completed_at))
    parts = [
        c.t("diag-result-title", date=c.date(attempt.completed_at)) + "\n"
        + c.t("diag-result-instrument", title=esc(instrument.title.get(loc)),
              version=esc(instrument.version)),
        legend,
    ]
    lines = []
    for g in result.groups:
        group = instrument.group(g.group)
        level = instrument.level(g.level)
        line = c.t("diag-result-group", mark=level.mark or "•", group=esc(group.title.get(loc)),
                   percent=pct(g.percent), level=esc(level.label.get(loc)))
        if g.group in deltas:
            line += " · " + _change(c, deltas[g.group])
        lines.append(line)
        for d in g.deficits[:DEFICITS_SHOWN]:
            _, indicator = instrument.indicator(d.indicator)
            lines.append(c.t("diag-result-deficit", indicator=esc(indicator.title.get(loc)),
                             percent=pct(d.percent)))
        if len(g.deficits) > DEFICITS_SHOWN:
            lines.append(c.t("diag-result-more", count=len(g.deficits) - DEFICITS_SHOWN))
        if not g.deficits:
            lines.append(c.t("diag-result-no-deficits"))
    parts.append("\n".join(lines))
    summary = diag.summarise(result)

    def names(groups: tuple[str, ...]) -> str:
        return ", ".join(c.t("diag-group-quoted", name=esc(instrument.group(g).title.get(loc)))
                         for g in groups)

    said = [c.t("diag-summary-title")]
    if not summary.focus:
        said.append(c.t("diag-summary-none", strong=names(summary.strong)))
    else:
        if summary.strong:
            said.append(c.t("diag-summary-strong", strong=names(summary.strong),
                            count=len(summary.strong)))
        said.append(c.t("diag-summary-focus", focus=names(summary.focus),
                        count=summary.deficit_count))
    parts.append("\n".join(said))
    parts.append(c.t("diag-next"))
    return fit("\n\n".join(parts))



async def render_chart(c: Ctx, instrument: Instrument, attempt: Attempt,
                       previous: Attempt | None) -> bytes | None:
    """The radar chart, drawn in a worker thread; a failure costs the picture, not the result."""
    result = attempt.result
    assert result is not None
    axes = [instrument.group(g.group).short_title(c.locale) for g in result.groups]
    series = []
    if previous is not None and previous.result is not None:
        before = {g.group: g.percent for g in previous.result.groups}
        series.append(charts.Series(c.date(previous.completed_at),
                                    [before.get(g.group, 0.0) for g in result.groups]))
    series.append(charts.Series(c.date(attempt.completed_at), [g.percent for g in result.groups]))
    try:
        return await charts.radar_png(
            axes, series, threshold=result.deficit_below,
            threshold_label=c.t("diag-chart-threshold", threshold=pct(result.deficit_below)),
        )
    except Exception:
        log.exception("radar chart for attempt %s failed", attempt.id)
        return None


def result_keyboard(c: Ctx, attempt: Attempt) -> InlineKeyboardMarkup:
    b = InlineKeyboardBuilder()
    b.row(kb.button(c.t("diag-btn-route"), MenuCb(to="route").pack()),
          kb.button(c.t("menu-events"), MenuCb(to="events").pack()))
    if attempt.person_id == c.actor.person_id:
        b.row(*_btn(c.t("diag-btn-analysis"), DiagCb(act="analysis", a=attempt.id)),
              *_btn(c.t("diag-btn-history"), DiagCb(act="history")))
    b.row(*_btn(c.t("diag-btn-section"), DiagCb(act="home")))
    b.row(*_menu_row(c))
    return b.as_markup()


async def send_result(c: Ctx, attempt: Attempt, bot: Bot) -> None:
    """The chart (a photo) and then the text with what to do next, as new messages."""
    instrument = await diag.instrument_of(c.uow, attempt)
    previous = await diag.previous(c.uow, attempt)
    text = result_text(c, instrument, attempt, previous)
    markup = result_keyboard(c, attempt)
    await c.uow.commit()  # no transaction stays open while the chart renders
    png = await render_chart(c, instrument, attempt, previous)
    chat = c.event.chat if isinstance(c.event, Message) else (
        c.event.message.chat if c.event.message else None)
    if png is not None and chat is not None:
        caption = (c.t("diag-chart-caption-compare", date=c.date(attempt.completed_at),
                       prev=c.date(previous.completed_at)) if previous is not None
                   else c.t("diag-chart-caption", date=c.date(attempt.completed_at)))
        await bot.send_photo(chat.id, BufferedInputFile(png, "diagnosis.png"), caption=caption)
    await show(c.event, text, markup, new=True)


@router.callback_query(DiagCb.filter(F.act == "result"), Onboarded())
async def result(query: CallbackQuery, callback_data: DiagCb, state: FSMContext,
                 i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo,
                 bot: Bot) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    attempt = await diag.attempt_for(uow, actor, callback_data.a)
    await ack(query)
    await send_result(c, attempt, bot)


@router.callback_query(DiagCb.filter(F.act == "history"), Onboarded())
async def history(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                  actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    await ack(query)
    attempts = await diag.history(uow, actor)
    lines = [c.t("diag-history-title")]
    b = InlineKeyboardBuilder()
    if not attempts:
        lines.append(c.t("diag-history-empty"))
    for n, attempt in enumerate(attempts):
        assert attempt.result is not None
        instrument = await diag.instrument_of(uow, attempt)
        groups = ", ".join(
            f"{esc(instrument.group(g.group).short_title(c.locale))} {pct(g.percent)}"
            for g in attempt.result.groups
        )
        lines.append(c.t("diag-history-item", date=c.date(attempt.completed_at),
                         total=pct(attempt.result.total), groups=groups,
                         version=esc(instrument.version)))
        if n < HISTORY_BUTTONS:
            b.row(*_btn(c.t("diag-btn-attempt", date=c.date(attempt.completed_at),
                            total=pct(attempt.result.total)),
                        DiagCb(act="result", a=attempt.id)))
    b.row(*_btn(c.t("btn-back"), DiagCb(act="home")), *_menu_row(c))
    await show(query, fit("\n\n".join(lines)), b.as_markup())
