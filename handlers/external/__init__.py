"""External diagnostics (domain/external): the teacher enters their own result, a coordinator
one for a teacher of their scope (/external: a list of teachers, typed text filters it). The
entry is a form of the form engine: date (the date picker or typed), operator, instrument, a
percent per competence group (buttons or typed), the deficit indicators of the groups under
the threshold, the summary. A result already entered is corrected through the same form, each
step offering «Оставить как есть» (``start_edit``): by whoever entered it or a coordinator
whose scope holds the teacher; /external lists the results one may correct beside «new»."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import external as ext
from domain.access import Actor
from domain.competences import COMPETENCE_GROUPS
from domain.dates import parse_day
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import ChoiceCb, ExtCb, MenuCb, NavCb
from handlers.filters import Onboarded, PlainText
from handlers.forms.engine import Form, FormCtx, Kind, Next, Step, text_view
from handlers.formatting import fmt_date, fmt_number
from handlers.routing import Routes
from handlers.views import ack, error_plain, esc, fmt_dt, show
from handlers.widgets import dates

router = Routes("external")
QUICK = ("30", "40", "50", "60", "70", "80", "90", "100")
TEACHERS_SHOWN = 8


class Search(StatesGroup):
    teacher = State()  # a coordinator types part of a teacher's name


def _today(c: FormCtx) -> date:
    tz = c.extra.get("tz")
    return c.uow.clock.now().astimezone(tz).date() if tz else c.uow.clock.now().date()


# ---- the steps ------------------------------------------------------------------------------


def _has(key: str) -> Callable[[FormCtx], bool]:
    """The step has an answer (a correction starts with every answer there)."""
    def has_value(c: FormCtx) -> bool:
        return bool(c.data.get(key))

    return has_value


async def _date_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    today = _today(c)
    chosen = date.fromisoformat(c.data["taken_on"]) if c.data.get("taken_on") else None
    shown = dates.read_month(c.data.get("month", ""))
    rows = dates.date_picker(
        c.i18n.get, c.i18n.locale, today=today, selected=chosen, latest=today, shown=shown,
        quick=False, pick=lambda day: ChoiceCb(value="d" + dates.day_value(day)).pack(),
        show=lambda month: ChoiceCb(value="m" + dates.month_value(month)).pack())
    current = fmt_date(chosen, c.i18n.locale) if chosen else None
    return text_view(c.i18n, c.i18n.get("ext-ask-date"), current, back, above=rows)


async def _date_typed(c: FormCtx, text: str) -> None:
    today = _today(c)
    day = parse_day(text, today, latest=today)
    await c.update(taken_on=ext.parse_taken_on(day, today).isoformat())


async def _date_picked(c: FormCtx, value: str) -> Next:
    if value[:1] == "m" and dates.read_month(value[1:]) is not None:
        await c.update(month=value[1:])
        return Next.STAY
    day = dates.read_day(value[1:]) if value[:1] == "d" else None
    if day is None:
        raise DomainError("error-stale-button")
    await c.update(taken_on=ext.parse_taken_on(day, _today(c)).isoformat())
    return Next.GO


async def _operator_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return text_view(c.i18n, c.i18n.get("ext-ask-operator", max=ext.OPERATOR_MAX),
                     esc(c.data.get("operator") or "") or None, back)


async def _operator_typed(c: FormCtx, text: str) -> None:
    await c.update(operator=ext.parse_operator(text))


async def _instrument_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return text_view(c.i18n, c.i18n.get("ext-ask-instrument", max=ext.INSTRUMENT_MAX),
                     esc(c.data.get("instrument") or "") or None, back)


async def _instrument_typed(c: FormCtx, text: str) -> None:
    await c.update(instrument=ext.parse_instrument(text))


def _percent_step(group: str) -> Step:
    async def view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
        b = InlineKeyboardBuilder()
        for value in QUICK:
            b.button(text=value, callback_data=ChoiceCb(value=value))
        b.adjust(4)
        value = (c.data.get("percents") or {}).get(group)
        current = fmt_number(value, c.i18n.locale) + " %" if value is not None else None
        return text_view(c.i18n, c.i18n.get("ext-ask-percent",
                                            group=c.i18n.get(f"route-group-{group}")),
                         current, back, above=b.export())

    async def save(c: FormCtx, text: str) -> None:
        percents = dict(c.data.get("percents") or {})
        percents[group] = ext.parse_percent(text)
        await c.update(percents=percents)

    async def pick(c: FormCtx, value: str) -> Next:
        await save(c, value)
        return Next.GO

    def has_value(c: FormCtx) -> bool:
        return (c.data.get("percents") or {}).get(group) is not None

    return Step(f"pct_{group}", Kind.TEXT, view, parse=save, pick=pick, has_value=has_value)


async def _deficit_indicators(c: FormCtx) -> list[tuple[str, str, str]]:
    """(group, code, title) of the indicators of the groups under the threshold."""
    instrument = await ext.instrument_of(c.uow)
    if instrument is None:
        return []
    out = []
    for group in ext.below(instrument, c.data.get("percents") or {}):
        for i in instrument.group(group).indicators:
            out.append((group, i.code, i.title.get(c.i18n.locale)))
    return out


async def _indicators_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    picked = c.data.get("indicators") or []
    b = InlineKeyboardBuilder()
    found = await _deficit_indicators(c)
    for group, code, title in found:
        mark = "✅ " if code in picked else ""
        b.row(kb.button(mark + title[:60], ChoiceCb(value=code).pack()))
    b.row(kb.button(c.i18n.get("btn-done"), NavCb(action="done").pack()))
    b.row(*kb.nav_row(c.i18n))
    key = "ext-ask-indicators" if found else "ext-no-indicators"
    return c.i18n.get(key), b.as_markup()


async def _indicator_toggled(c: FormCtx, value: str) -> Next:
    codes = {code for _, code, _ in await _deficit_indicators(c)}
    if value not in codes:
        raise ValidationError("ext-error-indicator")
    picked = list(c.data.get("indicators") or [])
    picked = [x for x in picked if x != value] if value in picked else picked + [value]
    await c.update(indicators=picked)
    return Next.STAY


def summary(i18n: I18nContext, data: dict[str, Any], name: str) -> str:
    loc = i18n.locale
    lines = [i18n.get("ext-summary", name=esc(name),
                      date=fmt_date(date.fromisoformat(data["taken_on"]), loc),
                      operator=esc(data.get("operator") or ""),
                      instrument=esc(data.get("instrument") or ""))]
    for group in COMPETENCE_GROUPS:
        value = (data.get("percents") or {}).get(group)
        if value is not None:
            lines.append(i18n.get("ext-summary-group", group=i18n.get(f"route-group-{group}"),
                                  percent=fmt_number(value, loc)))
    if data.get("indicators"):
        lines.append(i18n.get("ext-summary-indicators", count=len(data["indicators"])))
    return "\n".join(lines)


async def _confirm_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    person = await ext.target(c.uow, c.actor, int(c.data["person_id"]))
    b = InlineKeyboardBuilder()
    b.row(kb.button(c.i18n.get("btn-confirm"), NavCb(action="confirm").pack()))
    b.row(*kb.nav_row(c.i18n))
    text = summary(c.i18n, c.data, person.profile.full_name or "—")
    if c.data.get("edit_id"):
        text = c.i18n.get("ext-summary-correcting") + "\n" + text
    return text, b.as_markup()


async def _finish(c: FormCtx) -> None:
    data = c.data
    instrument = await ext.instrument_of(c.uow)
    below = {code for _, code, _ in await _deficit_indicators(c)}  # groups still under it
    by_group: dict[str, list[str]] = {}
    if instrument is not None:
        for group in COMPETENCE_GROUPS:
            known = {i.code for i in instrument.group(group).indicators}
            by_group[group] = [x for x in data.get("indicators") or []
                               if x in known and x in below]
    entry = ext.Entry(date.fromisoformat(data["taken_on"]), data.get("operator") or "",
                      data.get("instrument") or "", dict(data.get("percents") or {}), by_group)
    edit_id = data.get("edit_id")
    try:
        if edit_id:
            saved = await ext.correct(c.uow, c.actor, int(edit_id), entry, _today(c),
                                      c.uow.clock.now())
        else:
            saved = await ext.record(c.uow, c.actor, int(data["person_id"]), entry, _today(c),
                                     c.uow.clock.now())
    except DomainError as err:
        await ack(c.event, error_plain(c.i18n, err), alert=True)
        await FORM.ask(c, "confirm", error=err)
        return
    await c.state.set_state(None)
    await c.state.set_data({})
    await c.uow.commit()
    await ack(c.event)
    own = saved.person_id == c.actor.person_id
    b = InlineKeyboardBuilder()
    if own:
        b.row(kb.button(c.i18n.get("ext-btn-route"), MenuCb(to="route").pack()))
    b.row(kb.button(c.i18n.get("btn-menu"), MenuCb(to="home").pack()))
    if edit_id:
        key = "ext-corrected" if own else "ext-corrected-for"
    else:
        key = "ext-saved" if own else "ext-saved-for"
    await show(c.event, c.i18n.get(key), b.as_markup())


async def _cancel(c: FormCtx) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    await show(c.event, c.i18n.get("ext-cancelled"), InlineKeyboardMarkup(inline_keyboard=[
        [kb.button(c.i18n.get("btn-menu"), MenuCb(to="home").pack())]]))


FORM = Form(
    name="ExternalForm",
    steps=[
        Step("date", Kind.TEXT, _date_view, parse=_date_typed, pick=_date_picked,
             has_value=_has("taken_on")),
        Step("operator", Kind.TEXT, _operator_view, parse=_operator_typed,
             has_value=_has("operator")),
        Step("instrument", Kind.TEXT, _instrument_view, parse=_instrument_typed,
             has_value=_has("instrument")),
        *(_percent_step(g) for g in COMPETENCE_GROUPS),
        Step("indicators", Kind.MULTI, _indicators_view, pick=_indicator_toggled),
        Step("confirm", Kind.CONFIRM, _confirm_view),
    ],
    on_finish=_finish, on_cancel=_cancel, filters=(Onboarded(),),
    need_text="ext-error-text",
)
FORM.register(router)


async def start_form(c: FormCtx, person_id: int) -> None:
    await ext.target(c.uow, c.actor, person_id)  # a forged id is refused here
    await c.state.set_data({"person_id": person_id})
    await c.load()
    await FORM.ask(c, "date", intro=c.i18n.get("ext-intro"))


async def start_edit(c: FormCtx, diagnosis_id: int) -> None:
    """The same form over the stored result: every step offers «Оставить как есть»."""
    found, _ = await ext.correctable(c.uow, c.actor, diagnosis_id)  # a forged id is refused
    await c.state.set_data({
        "person_id": found.person_id, "edit_id": found.id,
        "taken_on": found.taken_on.isoformat(), "operator": found.operator,
        "instrument": found.instrument,
        "percents": {r.group: r.percent for r in found.results},
        "indicators": [code for r in found.results for code in r.indicators],
    })
    await c.load()
    intro = c.i18n.get("ext-intro-edit", date=fmt_date(found.taken_on, c.i18n.locale),
                       operator=esc(found.operator))
    if found.edited_at is not None:
        intro += "\n" + await edited_line(c, found.edited_by, found.edited_at)
    await FORM.ask(c, "date", intro=intro)


async def edited_line(c: FormCtx, person_id: int | None, at: datetime) -> str:
    """«Исправлено: кто, когда»."""
    people = await c.uow.people.get_many([person_id] if person_id else [])
    who = people[person_id].profile.full_name if person_id in people else None
    return c.i18n.get("ext-edited", who=esc(who or "—"),
                      at=fmt_dt(at, c.extra.get("tz") or ZoneInfo("UTC"), c.i18n.locale))


async def start_for(c: FormCtx, person_id: int) -> None:
    """A teacher's results the actor may correct, beside «Новый результат»; with none, the
    form for a new one at once."""
    found = await ext.mine(c.uow, c.actor, person_id, RESULTS_SHOWN)
    if not found:
        await start_form(c, person_id)
        return
    b = InlineKeyboardBuilder()
    b.row(kb.button(c.i18n.get("ext-btn-new"), ExtCb(a="n", id=person_id).pack()))
    for item in found:
        label = c.i18n.get("ext-btn-correct", date=fmt_date(item.taken_on, c.i18n.locale),
                           operator=item.operator)
        b.row(kb.button(label[:60], ExtCb(a="ed", id=item.id).pack()))
    b.row(kb.button(c.i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await c.state.set_state(None)
    await c.state.set_data({})
    await show(c.event, c.i18n.get("ext-pick-result"), b.as_markup(),
               new=isinstance(c.event, Message))


RESULTS_SHOWN = 5


# ---- entry points ---------------------------------------------------------------------------


async def teacher_list(c: FormCtx, query: str = "", notice: str | None = None) -> None:
    found = await ext.teachers(c.uow, c.actor, query, TEACHERS_SHOWN)
    b = InlineKeyboardBuilder()
    for person_id, name in found:
        b.row(kb.button(name[:60], ExtCb(a="t", id=person_id).pack()))
    b.row(kb.button(c.i18n.get("ext-btn-own"), ExtCb(a="new").pack()))
    b.row(kb.button(c.i18n.get("btn-menu"), MenuCb(to="home").pack()))
    text = c.i18n.get("ext-pick-teacher" if found else "ext-no-teachers")
    await c.state.set_state(Search.teacher)
    await show(c.event, (notice + "\n\n" if notice else "") + text, b.as_markup(),
               new=isinstance(c.event, Message))


@router.message(Command("external"), Onboarded())
async def external_command(message: Message, state: FSMContext, i18n: I18nContext,
                           uow: UnitOfWork, actor: Actor, **kw: Any) -> None:
    c = FormCtx(message, state, i18n, uow, actor, kw.get("person"), kw)
    await state.set_state(None)
    await state.set_data({})
    if actor.is_coordinator or actor.is_admin:
        await teacher_list(c)
        return
    await start_for(c, actor.person_id)


@router.message(StateFilter(Search.teacher), PlainText(), Onboarded())
async def teacher_typed(message: Message, state: FSMContext, i18n: I18nContext,
                        uow: UnitOfWork, actor: Actor, **kw: Any) -> None:
    c = FormCtx(message, state, i18n, uow, actor, kw.get("person"), kw)
    await teacher_list(c, " ".join((message.text or "").split())[:60])


@router.callback_query(ExtCb.filter(), Onboarded())
async def external_action(query: CallbackQuery, callback_data: ExtCb, state: FSMContext,
                          i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                          **kw: Any) -> None:
    c = FormCtx(query, state, i18n, uow, actor, kw.get("person"), kw)
    try:
        if callback_data.a == "t":
            await start_for(c, callback_data.id)
        elif callback_data.a == "n":
            await start_form(c, callback_data.id)
        elif callback_data.a == "ed":
            await start_edit(c, callback_data.id)
        elif callback_data.a == "pick":
            await teacher_list(c)
        else:
            await start_for(c, actor.person_id)
    except DomainError as err:
        await ack(query, error_plain(i18n, err), alert=True)
        return
    await ack(query)
