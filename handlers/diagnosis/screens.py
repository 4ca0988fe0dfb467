"""«Самодиагностика»: the section, the questionnaire (one statement per message), the result
with its radar chart, the history, the self-analysis and the instrument's administration.

Answers are stored in the attempt row as the teacher goes, so a pause, /cancel or a restart
loses nothing; the FSM state only says that typed text belongs to the questionnaire.
"""

from __future__ import annotations

import io
import logging
import math
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from domain import diagnosis as diag
from domain import instrument as instruments
from domain.access import Actor, require_admin
from domain.diagnosis import Attempt, Progress, RetakeTooEarly, StaleStep
from domain.errors import DomainError, ValidationError
from domain.instrument import Instrument, InstrumentInvalid, Problem
from domain.ports import UnitOfWork
from handlers import charts, uploads
from handlers import keyboards as kb
from handlers.callbacks import Int32, MenuCb
from handlers.filters import Onboarded
from handlers.formatting import TEXT_LIMIT
from handlers.formatting import fit as fit_text
from handlers.routing import Routes
from handlers.views import FeatureCtx, ack, error_html, esc, show

log = logging.getLogger(__name__)
router = Routes("diagnosis")

MAX_PROBLEMS_SHOWN = 15
#: deficits listed under a group in the result (the rest are counted): the message stays short
DEFICITS_SHOWN = 6
HISTORY_BUTTONS = 10
BAR = 10


class DiagnosisForm(StatesGroup):
    answering = State()
    self_analysis = State()
    upload = State()  # admin: waiting for an instrument file
    reset_search = State()  # admin: waiting for a name or a Telegram id


class DiagCb(CallbackData, prefix="dg"):
    act: str  # home, intro, start, result, history, analysis, write, admin, download, upload, reset
    a: Int32 = 0  # attempt id where one is meant


class DiagAnswerCb(CallbackData, prefix="da"):
    a: Int32  # attempt
    i: Int32  # statement index the message showed
    v: Int32  # scale value


class DiagStepCb(CallbackData, prefix="ds"):
    a: Int32
    i: Int32
    act: str  # back, next, pause, submit


class DiagResetCb(CallbackData, prefix="dr"):
    p: Int32  # person
    ok: Int32 = 0


Ctx = FeatureCtx


def pct(value: float) -> int:
    """Half up, as people round: 72.5 % → 73 %."""
    return math.floor(value + 0.5)


def _btn(text: str, data: CallbackData) -> list[InlineKeyboardButton]:
    return [kb.button(text, data.pack())]


def _menu_row(c: Ctx) -> list[InlineKeyboardButton]:
    return [kb.button(c.t("btn-menu"), MenuCb(to="home").pack())]


async def _leave_my_state(state: FSMContext, raw_state: str | None) -> None:
    if raw_state and raw_state.startswith("DiagnosisForm:"):
        await state.set_state(None)
        await state.set_data({})


# ---- the section ------------------------------------------------------------------------


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


# ---- the questionnaire ------------------------------------------------------------------


def step_view(c: Ctx, progress: Progress, notice: str | None = None
              ) -> tuple[str, InlineKeyboardMarkup]:
    loc = c.locale
    attempt, total, index = progress.attempt, progress.total, progress.index
    b = InlineKeyboardBuilder()
    parts = [notice] if notice else []
    if progress.at_finish:
        parts.append(c.t("diag-finish", total=total))
        b.row(*_btn(c.t("diag-btn-submit"), DiagStepCb(a=attempt.id, i=index, act="submit")))
        b.row(*_btn(c.t("btn-back"), DiagStepCb(a=attempt.id, i=index, act="back")),
              *_btn(c.t("diag-btn-pause"), DiagStepCb(a=attempt.id, i=index, act="pause")))
        return "\n\n".join(parts), b.as_markup()
    item = progress.instrument.items[index]
    filled = BAR * index // total
    header = c.t("diag-q-header", n=index + 1, total=total) + "\n" + "▰" * filled + "▱" * (
        BAR - filled)
    where = c.t("diag-q-where", group=esc(item.group.short_title(loc)),
                indicator=esc(item.indicator.title.get(loc)))
    parts += [header, where, "<b>" + esc(item.statement.text.get(loc)) + "</b>"]
    current = progress.current
    for point in progress.instrument.scale:
        mark = "✅ " if point.value == current else ""
        b.row(*_btn(mark + point.label.get(loc), DiagAnswerCb(a=attempt.id, i=index,
                                                               v=point.value)))
    if current is not None:
        chosen = progress.instrument.scale_point(current)
        parts.append(c.t("diag-q-current", label=esc(chosen.label.get(loc) if chosen else "")))
    nav = []
    if index > 0:
        nav += _btn(c.t("btn-back"), DiagStepCb(a=attempt.id, i=index, act="back"))
    if current is not None:
        nav += _btn(c.t("diag-btn-next"), DiagStepCb(a=attempt.id, i=index, act="next"))
    nav += _btn(c.t("diag-btn-pause"), DiagStepCb(a=attempt.id, i=index, act="pause"))
    b.row(*nav)
    return "\n\n".join(parts), b.as_markup()


async def show_step(c: Ctx, progress: Progress, notice: str | None = None,
                    new: bool = False) -> None:
    text, markup = step_view(c, progress, notice)
    await show(c.event, text, markup, new=new)


async def show_current(c: Ctx, notice: str) -> None:
    """After a stray tap or text: the statement the teacher is on, as a new message."""
    progress = await diag.in_progress(c.uow, c.actor)
    if progress is None:
        await _leave_my_state(c.state, await c.state.get_state())
        await show_home(c, new=True)
        return
    await c.state.set_state(DiagnosisForm.answering)
    await show_step(c, progress, notice=notice, new=True)


async def enter_answering(c: Ctx, raw_state: str | None) -> None:
    """The conversation state of a teacher answering the questionnaire (set once; its data
    cleared). Public: a campaign's «Пройти» starts the same questionnaire
    (handlers/campaigns)."""
    if raw_state != DiagnosisForm.answering.state:
        await c.state.set_state(DiagnosisForm.answering)
        await c.state.set_data({})


@router.callback_query(DiagCb.filter(F.act == "start"), Onboarded())
async def start(query: CallbackQuery, state: FSMContext, raw_state: str | None,
                i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        progress = await diag.start(uow, actor, uow.clock.now())
    except RetakeTooEarly as err:
        text = c.t("diag-too-early", date=c.date(err.available_at), days=err.days)
        await ack(query, text, alert=True)
        await show_home(c)
        return
    await ack(query)
    await enter_answering(c, raw_state)
    await uow.commit()
    await show_step(c, progress)


@router.callback_query(DiagAnswerCb.filter(), Onboarded())
async def answered(query: CallbackQuery, callback_data: DiagAnswerCb, state: FSMContext,
                   raw_state: str | None, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                   tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    cb = callback_data
    try:
        progress = await diag.answer(uow, actor, cb.a, cb.i, cb.v, uow.clock.now())
    except StaleStep:
        await ack(query, c.t("diag-error-stale"))
        await show_current(c, c.t("diag-stale"))
        return
    await ack(query)
    if progress is None:  # the same answer tapped twice
        return
    await enter_answering(c, raw_state)
    await uow.commit()
    await show_step(c, progress)


@router.callback_query(DiagStepCb.filter(F.act.in_(("back", "next"))), Onboarded())
async def moved(query: CallbackQuery, callback_data: DiagStepCb, state: FSMContext,
                raw_state: str | None, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    step = -1 if callback_data.act == "back" else 1
    try:
        progress = await diag.move(uow, actor, callback_data.a, callback_data.i, step, uow.clock.now())
    except StaleStep:
        await ack(query, c.t("diag-error-stale"))
        await show_current(c, c.t("diag-stale"))
        return
    await ack(query)
    await enter_answering(c, raw_state)
    await uow.commit()
    await show_step(c, progress)


async def pause(c: Ctx, attempt_id: int | None) -> None:
    """Nothing to store (every answer already is): leave the questionnaire and say so."""
    progress = (await diag.resume(c.uow, c.actor, attempt_id) if attempt_id
                else await diag.in_progress(c.uow, c.actor))
    await _leave_my_state(c.state, DiagnosisForm.answering.state)
    if progress is None:
        await show_home(c)
        return
    b = InlineKeyboardBuilder()
    b.row(*_btn(c.t("diag-btn-section"), DiagCb(act="home")))
    b.row(*_menu_row(c))
    await show(c.event, c.t("diag-paused", answered=progress.answered, total=progress.total),
               b.as_markup())


@router.callback_query(DiagStepCb.filter(F.act == "pause"), Onboarded())
async def paused(query: CallbackQuery, callback_data: DiagStepCb, state: FSMContext,
                 i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        await pause(c, callback_data.a)
    except StaleStep:
        await ack(query, c.t("diag-error-stale"))
        await show_home(c, new=True)
        return
    await ack(query)


@router.callback_query(DiagStepCb.filter(F.act == "submit"), Onboarded())
async def submitted(query: CallbackQuery, callback_data: DiagStepCb, state: FSMContext,
                    raw_state: str | None, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                    tz: ZoneInfo, bot: Bot) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        attempt = await diag.submit(uow, actor, callback_data.a, uow.clock.now())
    except StaleStep:
        await ack(query, c.t("diag-error-stale"))
        await show_current(c, c.t("diag-stale"))
        return
    except ValidationError as err:  # not every statement answered (a forged or stale submit)
        await ack(query, c.t(err.key, **err.params), alert=True)
        await show_current(c, "⚠️ " + error_html(c.i18n, err))
        return
    await ack(query)
    await _leave_my_state(state, raw_state)
    await uow.commit()
    await show(query, c.t("diag-submitted"), None)
    await send_result(c, attempt, bot)


@router.message(Command("cancel"), StateFilter(DiagnosisForm.answering), Onboarded())
async def cancel_answering(message: Message, state: FSMContext, i18n: I18nContext,
                           uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await pause(Ctx(message, state, i18n, uow, actor, tz), None)


@router.message(StateFilter(DiagnosisForm.answering), Onboarded())
async def stray_text(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                     actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    await show_current(c, "⚠️ " + c.t("diag-use-buttons"))


# ---- the result -------------------------------------------------------------------------


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


def fit(text: str) -> str:
    """Within Telegram's limit, cut at a line end (every line closes its own tags)."""
    if len(text) <= TEXT_LIMIT:
        return text
    return text[: text.rfind("\n", 0, TEXT_LIMIT - 2)] + "\n…"


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


# ---- the self-analysis (ИОМ section 3) --------------------------------------------------


async def show_analysis(c: Ctx, attempt: Attempt, notice: str | None = None,
                        new: bool = False) -> None:
    parts = [notice] if notice else []
    parts += [c.t("diag-analysis-title"),
              c.t("diag-analysis-about", date=c.date(attempt.completed_at))]
    written = c.t("diag-analysis-current", date=c.date(attempt.self_analysis_at))

    def screen(analysis: str | None) -> str:
        shown = (written + "\n<blockquote>" + analysis + "</blockquote>" if analysis
                 else c.t("diag-analysis-none"))
        return "\n\n".join([*parts, shown])

    text = fit_text(screen, analysis=attempt.self_analysis or None)
    b = InlineKeyboardBuilder()
    if attempt.person_id == c.actor.person_id:
        key = "diag-btn-edit" if attempt.self_analysis else "diag-btn-write"
        b.row(*_btn(c.t(key), DiagCb(act="write", a=attempt.id)))
    b.row(*_btn(c.t("diag-btn-section"), DiagCb(act="home")), *_menu_row(c))
    await show(c.event, text, b.as_markup(), new=new)


@router.callback_query(DiagCb.filter(F.act == "analysis"), Onboarded())
async def analysis(query: CallbackQuery, callback_data: DiagCb, state: FSMContext,
                   raw_state: str | None, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                   tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    await ack(query)
    await _leave_my_state(state, raw_state)
    await show_analysis(c, await diag.attempt_for(uow, actor, callback_data.a))


@router.callback_query(DiagCb.filter(F.act == "write"), Onboarded())
async def write_analysis(query: CallbackQuery, callback_data: DiagCb, state: FSMContext,
                         i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    attempt = await diag.attempt_for(uow, actor, callback_data.a)
    actor.require_self(attempt.person_id)
    await ack(query)
    await state.set_state(DiagnosisForm.self_analysis)
    await state.set_data({"attempt_id": attempt.id})
    b = InlineKeyboardBuilder()
    b.row(kb.button(c.t("btn-cancel"), DiagCb(act="analysis", a=attempt.id).pack()))
    await show(query, c.t("diag-analysis-ask", max=diag.SELF_ANALYSIS_MAX), b.as_markup())


@router.message(Command("cancel"), StateFilter(DiagnosisForm.self_analysis), Onboarded())
async def cancel_analysis(message: Message, state: FSMContext, i18n: I18nContext,
                          uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    await state.set_state(None)
    await state.set_data({})
    c = Ctx(message, state, i18n, uow, actor, tz)
    await show_analysis(c, await diag.attempt_for(uow, actor, int(data.get("attempt_id") or 0)))


@router.message(StateFilter(DiagnosisForm.self_analysis), Onboarded())
async def got_analysis(message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    attempt_id = int((await state.get_data()).get("attempt_id") or 0)
    try:
        attempt = await diag.save_self_analysis(uow, actor, attempt_id, message.text, uow.clock.now())
    except diag.StaleStep:
        await state.set_state(None)
        await state.set_data({})
        await show_home(c)
        return
    except DomainError as err:
        if err.key.startswith("diag-error-analysis"):
            b = InlineKeyboardBuilder()
            b.row(kb.button(c.t("btn-cancel"), DiagCb(act="analysis", a=attempt_id).pack()))
            await message.answer("⚠️ " + error_html(c.i18n, err) + "\n\n"
                                 + c.t("diag-analysis-ask", max=diag.SELF_ANALYSIS_MAX),
                                 reply_markup=b.as_markup())
            return
        raise
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_analysis(c, attempt, notice=c.t("diag-analysis-saved"))


# ---- administration: the instrument and early retakes -----------------------------------


async def show_admin(c: Ctx, notice: str | None = None, new: bool = False) -> None:
    require_admin(c.actor)
    active = await diag.active_instrument(c.uow, c.now)
    stored = await diag.instruments_list(c.uow, c.actor)
    inst = active.instrument
    groups, indicators, statements = inst.counts()
    parts = [notice] if notice else []
    parts += [
        c.t("diag-admin-title"),
        c.t("diag-admin-active", title=esc(inst.title.get(c.locale)), version=esc(inst.version),
            date=c.date(active.created_at), groups=groups, indicators=indicators,
            statements=statements, threshold=pct(inst.deficit_below), days=inst.retake_days),
        c.t("diag-admin-versions", list=", ".join(esc(s.version) for s in stored[:10])),
        c.t("diag-admin-how"),
    ]
    b = InlineKeyboardBuilder()
    b.row(*_btn(c.t("diag-btn-download"), DiagCb(act="download")))
    b.row(*_btn(c.t("diag-btn-upload"), DiagCb(act="upload")))
    b.row(*_btn(c.t("diag-btn-reset"), DiagCb(act="reset")))
    b.row(*_btn(c.t("btn-back"), DiagCb(act="home")), *_menu_row(c))
    await show(c.event, "\n\n".join(parts), b.as_markup(), new=new)


def _admin_cancel(c: Ctx) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [kb.button(c.t("btn-cancel"), DiagCb(act="admin").pack())]
    ])


@router.callback_query(DiagCb.filter(F.act == "admin"), Onboarded())
async def admin(query: CallbackQuery, state: FSMContext, raw_state: str | None,
                i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    require_admin(actor)
    await ack(query)
    await _leave_my_state(state, raw_state)
    await show_admin(Ctx(query, state, i18n, uow, actor, tz))


@router.callback_query(DiagCb.filter(F.act == "download"), Onboarded())
async def download(query: CallbackQuery, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                   bot: Bot) -> None:
    active, name, source = await diag.active_file(uow, actor, uow.clock.now())
    await uow.commit()
    await ack(query)
    chat_id = query.message.chat.id if query.message else query.from_user.id
    await bot.send_document(
        chat_id, BufferedInputFile(source.encode("utf-8"), filename=name),
        caption=i18n.get("diag-admin-download-caption", version=esc(active.version)),
    )


@router.callback_query(DiagCb.filter(F.act == "upload"), Onboarded())
async def upload(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 actor: Actor, tz: ZoneInfo) -> None:
    require_admin(actor)
    c = Ctx(query, state, i18n, uow, actor, tz)
    await ack(query)
    await state.set_state(DiagnosisForm.upload)
    await show(query, c.t("diag-admin-upload-ask", kb=instruments.MAX_FILE_BYTES // 1024),
               _admin_cancel(c))


def problems_text(c: Ctx, problems: list[Problem]) -> str:
    lines = [c.t("diag-admin-upload-errors", count=len(problems))]
    for p in problems[:MAX_PROBLEMS_SHOWN]:
        text = c.t(p.key, **{k: esc(v) for k, v in p.params.items()})
        where = ", ".join(x for x in (
            c.t("diag-problem-line", line=p.line) if p.line else "",
            f"<code>{esc(p.where)}</code>" if p.where else "",
        ) if x)
        lines.append(c.t("diag-problem", where=where, text=text) if where
                     else c.t("diag-problem-file", text=text))
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(c.t("diag-admin-upload-more", count=len(problems) - MAX_PROBLEMS_SHOWN))
    return fit("\n".join(lines))


@router.message(Command("cancel"), StateFilter(DiagnosisForm.upload, DiagnosisForm.reset_search),
                Onboarded())
async def cancel_admin(message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await state.set_state(None)
    await show_admin(Ctx(message, state, i18n, uow, actor, tz))


@router.message(StateFilter(DiagnosisForm.upload), Onboarded())
async def got_file(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                   actor: Actor, tz: ZoneInfo, bot: Bot) -> None:
    require_admin(actor)
    c = Ctx(message, state, i18n, uow, actor, tz)
    document = message.document
    if document is None:
        await message.answer("⚠️ " + c.t("diag-admin-upload-need-file"),
                             reply_markup=_admin_cancel(c))
        return
    filename = document.file_name or "instrument.yaml"
    try:
        if document.file_size and document.file_size > instruments.MAX_FILE_BYTES:
            raise InstrumentInvalid([Problem(
                "diag-ierr-file-size", {"max": instruments.MAX_FILE_BYTES // 1024})])
        buf = io.BytesIO()
        await bot.download(document, destination=buf)
        instrument, source = await uploads.off_loop(uploads.read_instrument, buf.getvalue(),
                                                    filename)
        outcome = await diag.import_instrument(uow, actor, instrument, source, uow.clock.now())
    except InstrumentInvalid as exc:
        await message.answer(problems_text(c, exc.problems), reply_markup=_admin_cancel(c))
        return
    await state.set_state(None)
    await uow.commit()
    inst = outcome.stored.instrument
    groups, indicators, statements = inst.counts()
    notice = (c.t("diag-admin-upload-ok", title=esc(inst.title.get(c.locale)),
                  version=esc(inst.version), groups=groups, indicators=indicators,
                  statements=statements) if outcome.created
              else c.t("diag-admin-upload-same", version=esc(inst.version)))
    await show_admin(c, notice=notice)


@router.callback_query(DiagCb.filter(F.act == "reset"), Onboarded())
async def reset(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                actor: Actor, tz: ZoneInfo) -> None:
    require_admin(actor)
    c = Ctx(query, state, i18n, uow, actor, tz)
    await ack(query)
    await state.set_state(DiagnosisForm.reset_search)
    await show(query, c.t("diag-admin-reset-ask"), _admin_cancel(c))


@router.message(StateFilter(DiagnosisForm.reset_search), Onboarded())
async def got_search(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                     actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    try:
        found = await diag.find_for_reset(uow, actor, message.text or "")
    except DomainError as err:
        if err.key != "diag-error-search-empty":
            raise
        await message.answer("⚠️ " + c.t(err.key), reply_markup=_admin_cancel(c))
        return
    if not found:
        await message.answer(c.t("diag-admin-reset-none"), reply_markup=_admin_cancel(c))
        return
    b = InlineKeyboardBuilder()
    for person in found:
        b.row(*_btn(c.t("diag-admin-reset-candidate", name=person.full_name[:40],
                        date=c.date(person.last_completed_at)), DiagResetCb(p=person.person_id)))
    b.row(kb.button(c.t("btn-cancel"), DiagCb(act="admin").pack()))
    await message.answer(c.t("diag-admin-reset-found"), reply_markup=b.as_markup())


@router.callback_query(DiagResetCb.filter(), Onboarded())
async def reset_pick(query: CallbackQuery, callback_data: DiagResetCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    candidate = await diag.reset_candidate(uow, actor, callback_data.p)
    await ack(query)
    await state.set_state(None)
    name = esc(candidate.full_name)
    if not callback_data.ok:
        b = InlineKeyboardBuilder()
        b.row(*_btn(c.t("diag-btn-reset-confirm"), DiagResetCb(p=candidate.person_id, ok=1)))
        b.row(kb.button(c.t("btn-cancel"), DiagCb(act="admin").pack()))
        await show(query, c.t("diag-admin-reset-confirm", name=name,
                              date=c.date(candidate.last_completed_at)), b.as_markup())
        return
    await diag.unlock_retake(uow, actor, candidate.person_id, uow.clock.now())
    await uow.commit()
    await show_admin(c, notice=c.t("diag-admin-reset-done", name=name))
