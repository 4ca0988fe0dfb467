"""«Профактивность»: the teacher's records of competitions, expert work and practice, the
coordinator's verification in scope, and the bank of practice («как это делают коллеги»)."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, Message
from aiogram_i18n import I18nContext

from domain import activity as act
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.routing import Routes
from handlers.callbacks import Int32, MenuCb
from handlers.filters import Onboarded, PlainText
from handlers.files import FileRelay
from handlers.formatting import cut_html, fmt_date
from handlers.views import ack, error_html, esc, fresh_screen, show, show_screen

router = Routes("activity")

PAGE = 6
BANK_PAGE = 4  # an item is up to ~700 characters: four fit one message
MARK = {act.RecordStatus.SUBMITTED: "⏳", act.RecordStatus.ACCEPTED: "✅",
        act.RecordStatus.RETURNED: "↩️"}


class AcCb(CallbackData, prefix="ac"):
    """a: home, new, level, outcome, role, practice, group, today, skip, card, file, again,
    del, ok, back, queue, bank, mine; id: a record; v: a value; p: a page."""

    a: str
    id: Int32 = 0
    v: str = ""
    p: Int32 = 0


class ActivityStates(StatesGroup):
    title = State()
    choice = State()  # level / outcome / role / practice / group buttons
    abstract = State()
    day = State()
    evidence = State()
    comment = State()  # the coordinator's return comment
    diploma = State()  # the diploma of a result added to an event's record


_DATE = re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{2}|\d{4})$")


def _parse_day(text: str) -> date:
    """A day typed as dd.mm.yyyy (or dd.mm.yy)."""
    match = _DATE.match("".join(text.split()))
    if not match:
        raise ValidationError("act-error-date-format")
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        raise ValidationError("act-error-date-format") from None


def _today(uow: UnitOfWork, tz: ZoneInfo) -> date:
    return uow.clock.now().astimezone(tz).date()


def _nav(i18n: I18nContext, back: AcCb | None = None) -> list[InlineKeyboardButton]:
    row = []
    if back is not None:
        row.append(kb.button(i18n.get("btn-back"), back.pack()))
    row.append(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    return row


def _cancel(i18n: I18nContext) -> list[InlineKeyboardButton]:
    return [kb.button(i18n.get("btn-cancel"), AcCb(a="home").pack())]


def _err(i18n: I18nContext, text: str, error: DomainError | None) -> str:
    return text if error is None else "⚠️ " + error_html(i18n, error) + "\n\n" + text


def _clip(text: str, size: int = 56) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


# ---- the section ------------------------------------------------------------------------------


async def show_home(event: Message | CallbackQuery, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, notice: str | None = None) -> None:
    records = await act.my_records(uow, actor)
    lines = [i18n.get("act-home-title")]
    b = InlineKeyboardBuilder()
    if records:
        lines.append(i18n.get("act-home-records", count=len(records)))
        for r in records[:10]:
            linked = "🎫 " if r.from_event else ""
            b.row(kb.button(_clip(f"{MARK[r.status]} {linked}"
                                  f"{fmt_date(r.draft.held_on, i18n.locale)} {r.draft.title}"),
                            AcCb(a="card", id=r.id).pack()))
    else:
        lines.append(i18n.get("act-home-none"))
    for kind in act.Kind:
        b.row(kb.button(i18n.get(f"act-btn-new-{kind.value}"), AcCb(a="new", v=kind.value).pack()))
    b.row(kb.button(i18n.get("act-btn-bank"), AcCb(a="bank").pack()))
    if actor.is_coordinator or actor.is_admin:
        b.row(kb.button(i18n.get("act-btn-queue"), AcCb(a="queue").pack()))
    b.row(*_nav(i18n))
    await show_screen(event, lines, b.as_markup(), notice)


@router.callback_query(MenuCb.filter(F.to == "activity"), Onboarded())
async def home(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
               actor: Actor) -> None:
    await fresh_screen(query, state)
    await show_home(query, i18n, uow, actor)


@router.callback_query(AcCb.filter(F.a == "home"), Onboarded())
async def home_again(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                     uow: UnitOfWork, actor: Actor) -> None:
    await home(query, state, i18n, uow, actor)


@router.message(Command("cancel"), StateFilter(ActivityStates), Onboarded())
async def cancel(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 actor: Actor) -> None:
    await state.set_state(None)
    await state.set_data({})
    await show_home(message, i18n, uow, actor, notice=i18n.get("act-cancelled"))


# ---- a new record -----------------------------------------------------------------------------

#: the buttons asked after the title, by kind: (callback action, values, FSM key)
STEPS: dict[act.Kind, list[tuple[str, list[str], str]]] = {
    act.Kind.COMPETITION: [("level", [v.value for v in act.Level], "ac_level"),
                           ("outcome", [v.value for v in act.Outcome], "ac_outcome")],
    act.Kind.EXPERT: [("role", [v.value for v in act.ExpertRole], "ac_role")],
    act.Kind.PRACTICE: [("practice", [v.value for v in act.PracticeKind], "ac_practice"),
                        ("group", list(act.GROUPS), "ac_group")],
}


@router.callback_query(AcCb.filter(F.a == "new"), Onboarded())
async def new(query: CallbackQuery, callback_data: AcCb, state: FSMContext,
              i18n: I18nContext) -> None:
    kind = act.Kind(callback_data.v) if callback_data.v in set(act.Kind) else None
    if kind is None:
        raise ValidationError("act-error-incomplete")
    await ack(query)
    await state.set_state(ActivityStates.title)
    await state.set_data({"ac_kind": kind.value, "ac_step": 0})
    b = InlineKeyboardBuilder()
    b.row(*_cancel(i18n))
    await show(query, i18n.get(f"act-ask-title-{kind.value}"), b.as_markup())


async def _next_step(event: Message | CallbackQuery, state: FSMContext,
                     i18n: I18nContext) -> None:
    data = await state.get_data()
    kind = act.Kind(data["ac_kind"])
    steps = STEPS[kind]
    n = data.get("ac_step", 0)
    b = InlineKeyboardBuilder()
    if n < len(steps):
        action, values, _ = steps[n]
        for value in values:
            b.row(kb.button(i18n.get(f"act-{action}-{value}"), AcCb(a=action, v=value).pack()))
        b.row(*_cancel(i18n))
        await state.set_state(ActivityStates.choice)
        await show(event, i18n.get(f"act-ask-{action}"), b.as_markup())
        return
    if kind is act.Kind.PRACTICE and not data.get("ac_abstract"):
        await state.set_state(ActivityStates.abstract)
        b.row(*_cancel(i18n))
        await show(event, i18n.get("act-ask-abstract"), b.as_markup())
        return
    await _ask_day(event, state, i18n)


async def _ask_day(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                   error: DomainError | None = None) -> None:
    await state.set_state(ActivityStates.day)
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("act-btn-today"), AcCb(a="today").pack()))
    b.row(*_cancel(i18n))
    await show(event, _err(i18n, i18n.get("act-ask-day"), error), b.as_markup())


@router.message(StateFilter(ActivityStates.title), PlainText())
async def title(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    try:
        text = act.check_title(message.text or "")
    except ValidationError as err:
        b = InlineKeyboardBuilder()
        b.row(*_cancel(i18n))
        await show(message, _err(i18n, i18n.get("act-ask-title-again"), err), b.as_markup())
        return
    await state.update_data(ac_title=text)
    await _next_step(message, state, i18n)


@router.callback_query(AcCb.filter(F.a.in_({"level", "outcome", "role", "practice", "group"})),
                       StateFilter(ActivityStates.choice), Onboarded())
async def choice(query: CallbackQuery, callback_data: AcCb, state: FSMContext,
                 i18n: I18nContext) -> None:
    data = await state.get_data()
    steps = STEPS[act.Kind(data["ac_kind"])]
    n = data.get("ac_step", 0)
    if n >= len(steps) or steps[n][0] != callback_data.a or callback_data.v not in steps[n][1]:
        await ack(query, i18n.get("act-stale"), alert=True)
        return
    await ack(query)
    await state.update_data({steps[n][2]: callback_data.v, "ac_step": n + 1})
    await _next_step(query, state, i18n)


@router.message(StateFilter(ActivityStates.abstract), PlainText())
async def abstract(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    try:
        text = act.check_abstract(message.text or "")
    except ValidationError as err:
        b = InlineKeyboardBuilder()
        b.row(*_cancel(i18n))
        await show(message, _err(i18n, i18n.get("act-ask-abstract"), err), b.as_markup())
        return
    await state.update_data(ac_abstract=text)
    await _ask_day(message, state, i18n)


async def _take_day(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                    uow: UnitOfWork, tz: ZoneInfo, held_on: date) -> None:
    try:
        act.check_day(held_on, _today(uow, tz))
    except ValidationError as err:
        await _ask_day(event, state, i18n, err)
        return
    await state.update_data(ac_day=held_on.isoformat())
    await state.set_state(ActivityStates.evidence)
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("act-btn-skip"), AcCb(a="skip").pack()))
    b.row(*_cancel(i18n))
    data = await state.get_data()
    await show(event, i18n.get("act-ask-evidence", kind=data["ac_kind"]), b.as_markup())


@router.callback_query(AcCb.filter(F.a == "today"), StateFilter(ActivityStates.day),
                       Onboarded())
async def day_today(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                    uow: UnitOfWork, tz: ZoneInfo) -> None:
    await ack(query)
    await _take_day(query, state, i18n, uow, tz, _today(uow, tz))


@router.message(StateFilter(ActivityStates.day), PlainText())
async def day_typed(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                    tz: ZoneInfo) -> None:
    try:
        held_on = _parse_day(message.text or "")
    except ValidationError as err:
        await _ask_day(message, state, i18n, err)
        return
    await _take_day(message, state, i18n, uow, tz, held_on)


async def _submit(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                  uow: UnitOfWork, actor: Actor, tz: ZoneInfo, link: str | None = None,
                  file_id: str | None = None, file_name: str | None = None) -> None:
    data = await state.get_data()

    level, outcome = data.get("ac_level"), data.get("ac_outcome")
    role, practice = data.get("ac_role"), data.get("ac_practice")
    draft = act.Draft(
        act.Kind(data["ac_kind"]), data["ac_title"], date.fromisoformat(data["ac_day"]),
        act.Level(level) if level else None, act.Outcome(outcome) if outcome else None,
        act.ExpertRole(role) if role else None,
        act.PracticeKind(practice) if practice else None,
        data.get("ac_group"), data.get("ac_abstract"), link, file_id, file_name)
    record = await act.submit(uow, actor, draft, _today(uow, tz), uow.clock.now())
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await show_card(event, i18n, uow, actor, record.id, notice=i18n.get("act-submitted"))


@router.callback_query(AcCb.filter(F.a == "skip"), StateFilter(ActivityStates.evidence),
                       Onboarded())
async def evidence_skip(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                        uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await _submit(query, state, i18n, uow, actor, tz)


@router.message(StateFilter(ActivityStates.evidence))
async def evidence(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                   actor: Actor, tz: ZoneInfo) -> None:
    if message.document is not None:
        await _submit(message, state, i18n, uow, actor, tz, None, message.document.file_id,
                      (message.document.file_name or "file")[:200])
        return
    if message.photo:
        await _submit(message, state, i18n, uow, actor, tz, None, message.photo[-1].file_id,
                      "photo.jpg")
        return
    try:
        link = act.check_link(message.text or "")
    except ValidationError as err:
        b = InlineKeyboardBuilder()
        b.row(kb.button(i18n.get("act-btn-skip"), AcCb(a="skip").pack()))
        b.row(*_cancel(i18n))
        data = await state.get_data()
        await show(message, _err(i18n, i18n.get("act-ask-evidence", kind=data["ac_kind"]), err),
                   b.as_markup())
        return
    await _submit(message, state, i18n, uow, actor, tz, link)


# ---- a record's card --------------------------------------------------------------------------


def _details(i18n: I18nContext, r: act.Record) -> list[str]:
    d = r.draft
    lines = [i18n.get("act-card-title", kind=d.kind.value, title=esc(d.title),
                      date=fmt_date(d.held_on, i18n.locale), status=r.status.value)]
    if d.level:
        lines.append(i18n.get("act-card-level", level=i18n.get(f"act-level-{d.level.value}")))
    if d.outcome:
        lines.append(i18n.get("act-card-outcome",
                              outcome=i18n.get(f"act-outcome-{d.outcome.value}")))
    if d.expert_role:
        lines.append(i18n.get("act-card-role", role=i18n.get(f"act-role-{d.expert_role.value}")))
    if d.practice:
        lines.append(i18n.get("act-card-practice",
                              practice=i18n.get(f"act-practice-{d.practice.value}"),
                              group=i18n.get(f"act-group-{d.group}")))
    if r.from_event:
        lines.append(i18n.get("act-card-from-event"))
    if d.abstract:
        lines.append(i18n.get("act-card-abstract", abstract=esc(d.abstract)))
    if d.link:
        lines.append(i18n.get("act-card-link", link=esc(d.link)))
    if r.comment:
        lines.append(i18n.get("act-card-comment", comment=esc(r.comment)))
    return lines


async def show_card(event: Message | CallbackQuery, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, record_id: int, notice: str | None = None) -> None:
    r = await act.record_for(uow, actor, record_id)
    lines = _details(i18n, r)
    b = InlineKeyboardBuilder()
    own = r.person_id == actor.person_id
    if not own:
        person = await uow.people.get(r.person_id)
        school = await uow.orgs.get(r.school_id) if r.school_id else None
        lines.insert(1, i18n.get("act-card-author",
                                 name=esc(person.profile.full_name or "—") if person else "—",
                                 school=esc(school.name) if school else "—"))
    if r.draft.file_id:
        b.row(kb.button(i18n.get("act-btn-file"), AcCb(a="file", id=r.id).pack()))
    if own and r.from_event and r.status is not act.RecordStatus.SUBMITTED:
        b.row(kb.button(i18n.get("act-btn-result"), AcCb(a="res", id=r.id).pack()))
    if own and r.status is act.RecordStatus.RETURNED:
        b.row(kb.button(i18n.get("act-btn-again"), AcCb(a="again", id=r.id).pack()))
    if own and r.status is not act.RecordStatus.ACCEPTED and not r.from_event:
        b.row(kb.button(i18n.get("act-btn-delete"), AcCb(a="del", id=r.id).pack()))
    if not own and r.status is act.RecordStatus.SUBMITTED:
        b.row(kb.button(i18n.get("act-btn-accept"), AcCb(a="ok", id=r.id).pack()),
              kb.button(i18n.get("act-btn-return"), AcCb(a="back", id=r.id).pack()))
    b.row(*_nav(i18n, AcCb(a="home" if own else "queue")))
    text = "\n".join(lines)
    await show(event, cut_html(notice + "\n\n" + text if notice else text), b.as_markup())


@router.callback_query(AcCb.filter(F.a == "card"), Onboarded())
async def card(query: CallbackQuery, callback_data: AcCb, state: FSMContext, i18n: I18nContext,
               uow: UnitOfWork, actor: Actor) -> None:
    await act.record_for(uow, actor, callback_data.id)
    await fresh_screen(query, state)
    await show_card(query, i18n, uow, actor, callback_data.id)


@router.callback_query(AcCb.filter(F.a == "file"), Onboarded())
async def record_file(query: CallbackQuery, callback_data: AcCb, uow: UnitOfWork,
                      actor: Actor, files: FileRelay) -> None:
    r = await act.file_of(uow, actor, callback_data.id)
    if r.draft.file_id and query.message is not None and query.bot is not None:
        await files.send(query.bot, query.message.chat.id, r.draft.file_id,
                        filename=r.draft.file_name)
    await ack(query)


@router.callback_query(AcCb.filter(F.a == "again"), Onboarded())
async def again(query: CallbackQuery, callback_data: AcCb, i18n: I18nContext, uow: UnitOfWork,
                actor: Actor) -> None:
    await act.resubmit(uow, actor, callback_data.id, uow.clock.now())
    await uow.commit()
    await ack(query)
    await show_card(query, i18n, uow, actor, callback_data.id, notice=i18n.get("act-submitted"))


@router.callback_query(AcCb.filter(F.a == "del"), Onboarded())
async def remove(query: CallbackQuery, callback_data: AcCb, i18n: I18nContext,
                 uow: UnitOfWork, actor: Actor) -> None:
    await act.delete(uow, actor, callback_data.id)
    await uow.commit()
    await ack(query)
    await show_home(query, i18n, uow, actor, notice=i18n.get("act-deleted"))


# ---- the result of a competition event's record -----------------------------------------------


@router.callback_query(AcCb.filter(F.a == "res"), Onboarded())
async def result(query: CallbackQuery, callback_data: AcCb, state: FSMContext,
                 i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    r = await act.record_for(uow, actor, callback_data.id)
    if r.person_id != actor.person_id or not r.from_event:
        raise DomainError("act-error-not-from-event")
    if r.status is act.RecordStatus.SUBMITTED:
        raise DomainError("act-error-result-waiting")
    await fresh_screen(query, state)
    b = InlineKeyboardBuilder()
    for outcome in act.RESULTS:
        b.row(kb.button(i18n.get(f"act-outcome-{outcome.value}"),
                        AcCb(a="resv", id=r.id, v=outcome.value).pack()))
    b.row(*_nav(i18n, AcCb(a="card", id=r.id)))
    await show(query, i18n.get("act-ask-result", title=esc(r.draft.title)), b.as_markup())


def _diploma_rows(i18n: I18nContext, record_id: int) -> InlineKeyboardBuilder:
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("act-btn-no-diploma"), AcCb(a="resskip", id=record_id).pack()))
    b.row(kb.button(i18n.get("btn-cancel"), AcCb(a="card", id=record_id).pack()))
    return b


@router.callback_query(AcCb.filter(F.a == "resv"), Onboarded())
async def result_value(query: CallbackQuery, callback_data: AcCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    r = await act.record_for(uow, actor, callback_data.id)
    if r.person_id != actor.person_id or not r.from_event:
        raise DomainError("act-error-not-from-event")
    if callback_data.v not in {o.value for o in act.RESULTS}:
        await ack(query, i18n.get("act-stale"), alert=True)
        return
    await ack(query)
    await state.set_state(ActivityStates.diploma)
    await state.set_data({"ac_record": r.id, "ac_outcome": callback_data.v})
    await show(query, i18n.get("act-ask-diploma"), _diploma_rows(i18n, r.id).as_markup())


async def _add_result(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                      uow: UnitOfWork, actor: Actor, file_id: str | None,
                      file_name: str | None) -> None:
    data = await state.get_data()
    record = await act.add_result(uow, actor, int(data["ac_record"]),
                                  act.Outcome(data["ac_outcome"]), file_id, file_name,
                                  uow.clock.now())
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await show_card(event, i18n, uow, actor, record.id, notice=i18n.get("act-submitted"))


@router.callback_query(AcCb.filter(F.a == "resskip"), StateFilter(ActivityStates.diploma),
                       Onboarded())
async def result_no_diploma(query: CallbackQuery, callback_data: AcCb, state: FSMContext,
                            i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    if (await state.get_data()).get("ac_record") != callback_data.id:
        await ack(query, i18n.get("act-stale"), alert=True)
        return
    await ack(query)
    await _add_result(query, state, i18n, uow, actor, None, None)


@router.message(StateFilter(ActivityStates.diploma), Onboarded())
async def result_diploma(message: Message, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor) -> None:
    if message.document is not None:
        await _add_result(message, state, i18n, uow, actor, message.document.file_id,
                          (message.document.file_name or "file")[:200])
        return
    if message.photo:
        await _add_result(message, state, i18n, uow, actor, message.photo[-1].file_id,
                          "photo.jpg")
        return
    data = await state.get_data()
    await show(message, _err(i18n, i18n.get("act-ask-diploma"),
                             ValidationError("act-error-diploma")),
               _diploma_rows(i18n, int(data.get("ac_record", 0))).as_markup())


@router.callback_query(AcCb.filter(F.a.in_({"level", "outcome", "role", "practice", "group",
                                            "today", "skip", "resskip"})), Onboarded())
async def stale(query: CallbackQuery, i18n: I18nContext) -> None:
    await ack(query, i18n.get("act-stale"), alert=True)
