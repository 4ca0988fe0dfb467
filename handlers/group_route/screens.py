"""The group route's card and what people do on it: a member marks their own progress,
gives evidence and may leave; the school coordinator adds activities and members, sees the
member × activity table, exports it as XLSX and closes the route with a conclusion."""

from __future__ import annotations

import asyncio
import io
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import group_route as grp
from domain.access import Actor
from domain.errors import DomainError, NotFound, ValidationError
from domain.ports import UnitOfWork
from domain.route import Activity, ActivityStatus, Column, parse_hours, parse_title
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import GrCb
from handlers.files import FileRelay, received_file
from handlers.filters import Onboarded, PlainText
from handlers.formatting import cut_html, fmt_date, fmt_number
from handlers.group_route.common import Ctx, GroupStates, btn, clip, router, show_card
from handlers.group_route.create import _ctx, _warn
from handlers.route import STATUS_ICON, HasFile, activity_line, d, evidence_text
from handlers.views import ack, error_plain, esc, show
from handlers.widgets import dates

HOURS = ("0", "1", "2", "4", "8", "16", "36", "72")


async def prompt(event: Message | CallbackQuery, i18n: I18nContext, key: str, back: str,
                 group_id: int, v: int = 0, error: str = "") -> None:
    """A question with «Отмена» leading back (``error``: the warning above it, if any)."""
    b = InlineKeyboardBuilder()
    b.row(btn(i18n.get("btn-cancel"), back, group_id, v))
    await show(event, error + i18n.get(key), b.as_markup())


@router.callback_query(GrCb.filter(F.a == "open"), Onboarded())
async def open_card(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    await grp.load(uow, actor, callback_data.id)  # not theirs: «not found», nothing shown
    await ack(query)
    await show_card(c, callback_data.id)


# ---- a member's own progress ------------------------------------------------------------------


async def show_activity(c: Ctx, group_id: int, activity_id: int,
                        error: DomainError | None = None, notice: str | None = None) -> None:
    """A member's own card of a group activity: the individual route's activity card (its
    status icons, overdue line and evidence) over the member's own progress."""
    plan, r = await grp.load(c.uow, c.actor, group_id)
    a = next((x for x in plan.of_member(c.actor.person_id) if x.id == activity_id), None)
    if a is None or plan.member(c.actor.person_id) is None:
        await show_card(c, group_id, notice=c.t("grp-error-not-found"))
        return
    lines = [c.t("grp-act-title", title=esc(a.title)),
             c.t("grp-act-column", column=c.t(f"route-colshort-{a.column.value}")),
             c.t("grp-act-due", due=d(a.due, c.locale))]
    if a.hours:
        lines.append(c.t("grp-act-hours", hours=fmt_number(a.hours, c.locale)))
    lines.append(c.t("route-act-status", icon=STATUS_ICON[a.status],
                     status=c.t(f"route-act-{a.status.value}")))
    if plan.route.open and a.is_overdue(c.today):
        lines.append(c.t("route-act-overdue"))
    evidence = evidence_text(c.i18n, a)
    if evidence:
        lines.append(c.t("grp-act-evidence", evidence=evidence))
    b = InlineKeyboardBuilder()
    if r.member:
        if a.status is ActivityStatus.DONE:
            b.row(btn(c.t("grp-btn-undo"), "undo", group_id, a.id))
        else:
            b.row(btn(c.t("grp-btn-done"), "done", group_id, a.id))
        b.row(btn(c.t("grp-btn-evidence"), "evd", group_id, a.id))
    if a.evidence_file_id:
        b.row(btn(c.t("route-btn-file"), "file", group_id, a.id))
    b.row(btn(c.t("btn-back"), "open", group_id))
    await c.state.set_state(None)
    above = notice + "\n\n" if notice else ""
    await show(c.event, above + _warn(c, error) + "\n".join(lines), b.as_markup())


@router.callback_query(GrCb.filter(F.a == "act"), Onboarded())
async def activity(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                   i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await show_activity(_ctx(query, state, i18n, uow, actor, tz), callback_data.id,
                        callback_data.v)


@router.callback_query(GrCb.filter(F.a.in_({"done", "undo"})), Onboarded())
async def mark(query: CallbackQuery, callback_data: GrCb, state: FSMContext, i18n: I18nContext,
               uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    await grp.mark(uow, actor, callback_data.id, callback_data.v, callback_data.a == "done",
                   c.now)
    await uow.commit()
    await ack(query, i18n.get("grp-marked-done" if callback_data.a == "done" else
                              "grp-marked-open"))
    await show_activity(c, callback_data.id, callback_data.v)


@router.callback_query(GrCb.filter(F.a == "evd"), Onboarded())
async def ask_evidence(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    _, r = await grp.load(uow, actor, callback_data.id)
    if not r.member:
        await ack(query, i18n.get("grp-error-not-member"), alert=True)
        return
    await ack(query)
    await state.set_state(GroupStates.evidence)
    await state.set_data({"id": callback_data.id, "v": callback_data.v})
    await prompt(query, i18n, "grp-ask-evidence", "act", callback_data.id, callback_data.v)


@router.message(StateFilter(GroupStates.evidence), PlainText())
async def got_evidence(message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    try:
        await grp.set_evidence(uow, actor, data["id"], data["v"], c.now, text=message.text)
    except ValidationError as e:
        await prompt(message, i18n, "grp-ask-evidence", "act", data["id"], data["v"],
                     _warn(c, e))
        return
    await uow.commit()
    await show_activity(c, data["id"], data["v"], notice=i18n.get("route-evidence-saved"))


@router.message(StateFilter(GroupStates.evidence), HasFile())
async def got_evidence_file(message: Message, state: FSMContext, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """A document or a photo as evidence, kept by its messenger id (handlers/files.py relays
    it to a coordinator in the other messenger)."""
    c = _ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    sent = received_file(message)
    assert sent is not None  # HasFile
    file_id, name = sent
    await grp.set_evidence(uow, actor, data["id"], data["v"], c.now, file_id=file_id,
                           file_name=name)
    await uow.commit()
    await show_activity(c, data["id"], data["v"], notice=i18n.get("route-evidence-saved"))


@router.callback_query(GrCb.filter(F.a == "file"), Onboarded())
async def evidence_file(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, actor: Actor, bot: Bot,
                        files: FileRelay) -> None:
    """The evidence file of an activity: the member's own (``x`` empty), or a member's for the
    school's coordinator (``x``: the member) — both checked in the domain."""
    if callback_data.x:
        if not callback_data.x.isdigit():
            await ack(query, i18n.get("error-stale-button"))
            return
        _, activities = await grp.member_progress(uow, actor, callback_data.id,
                                                  int(callback_data.x))
    else:
        plan, _ = await grp.load(uow, actor, callback_data.id)
        if plan.member(actor.person_id) is None:
            raise NotFound("grp-error-not-found")
        activities = plan.of_member(actor.person_id)
    a = next((x for x in activities if x.id == callback_data.v), None)
    if a is None or not a.evidence_file_id:
        raise NotFound("grp-error-not-found")
    await ack(query)
    chat = query.message.chat.id if query.message else query.from_user.id
    await files.send(bot, chat, a.evidence_file_id, filename=a.evidence_file_name,
                     caption=esc(a.title))


@router.callback_query(GrCb.filter(F.a == "leave"), Onboarded())
async def ask_leave(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    plan, _ = await grp.load(uow, actor, callback_data.id)
    await ack(query)
    b = InlineKeyboardBuilder()
    b.row(btn(i18n.get("grp-btn-leave-yes"), "leaveok", plan.route.id),
          btn(i18n.get("btn-cancel"), "open", plan.route.id))
    await show(query, i18n.get("grp-leave-confirm", title=esc(plan.route.title)),
               b.as_markup())


@router.callback_query(GrCb.filter(F.a == "leaveok"), Onboarded())
async def leave(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    route = await grp.leave(uow, actor, callback_data.id, uow.clock.now())
    await uow.commit()
    await ack(query)
    from handlers import keyboards as kb
    from handlers.callbacks import MenuCb

    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("grp-btn-my-route"), MenuCb(to="route").pack()))
    await show(query, i18n.get("grp-left", title=esc(route.title)), b.as_markup())


# ---- the coordinator ------------------------------------------------------------------------


@router.callback_query(GrCb.filter(F.a == "add"), Onboarded())
async def add(query: CallbackQuery, callback_data: GrCb, state: FSMContext, i18n: I18nContext,
              uow: UnitOfWork, actor: Actor) -> None:
    await grp.managed(uow, actor, callback_data.id)
    await ack(query)
    await state.set_state(None)
    b = InlineKeyboardBuilder()
    for col in Column:
        b.row(btn(i18n.get(f"route-btn-new-{col.value}"), "col", callback_data.id,
                  x=col.value))
    b.row(btn(i18n.get("btn-cancel"), "open", callback_data.id))
    await show(query, i18n.get("grp-add-column"), b.as_markup())


@router.callback_query(GrCb.filter(F.a == "col"), Onboarded())
async def column(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                 i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await grp.managed(uow, actor, callback_data.id)
    if callback_data.x not in {col.value for col in Column}:
        await ack(query, i18n.get("error-stale-button"))
        return
    await ack(query)
    await state.set_state(GroupStates.activity)
    await state.set_data({"id": callback_data.id, "col": callback_data.x})
    await prompt(query, i18n, "grp-add-title", "open", callback_data.id)


@router.message(StateFilter(GroupStates.activity), PlainText())
async def got_activity(message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    try:
        data["title"] = parse_title(message.text)
    except ValidationError as e:
        await prompt(message, i18n, "grp-add-title", "open", data["id"], error=_warn(c, e))
        return
    await state.set_state(GroupStates.due)
    await state.set_data(data)
    await ask_due(c, data)


async def ask_due(c: Ctx, data: dict[str, Any], shown: date | None = None,
                  error: DomainError | None = None) -> None:
    """The activity's due date: a month of days from today to the end of the route's period
    (a typed date is accepted too), and the period's last day as one button."""
    plan = await grp.managed(c.uow, c.actor, data["id"])
    route, gid = plan.route, plan.route.id
    earliest, latest = grp.due_bounds(route, c.today)
    if latest < earliest:  # the period is over: no day to pick, the coordinator is told so
        error = error or ValidationError("grp-error-period-over", end=route.period_end)
        rows = []
    else:
        rows = dates.date_picker(
            c.t, c.locale, today=c.today, shown=shown, earliest=earliest, latest=latest,
            pick=lambda day: GrCb(a="due", id=gid, x=dates.day_value(day)).pack(),
            show=lambda month: GrCb(a="duem", id=gid, x=dates.month_value(month)).pack())
        rows.append([btn(c.t("grp-btn-due-end", end=fmt_date(latest, c.locale)), "due", gid,
                         x=dates.day_value(latest))])
    rows.append([btn(c.t("btn-cancel"), "open", gid)])
    await show(c.event, _warn(c, error) + c.t("grp-add-due", title=esc(data["title"]),
                                             end=fmt_date(route.period_end, c.locale)),
               InlineKeyboardMarkup(inline_keyboard=rows))


async def _adding(c: Ctx, group_id: int, step: State) -> dict[str, Any] | None:
    """The new activity's data when the conversation is at ``step`` of this very route, or
    None (an old message's button: said so)."""
    data = await c.state.get_data()
    if await c.state.get_state() != step.state or data.get("id") != group_id:
        await ack(c.event, c.t("error-stale-button"))
        return None
    return data


@router.callback_query(GrCb.filter(F.a.in_({"due", "duem"})), Onboarded())
async def due_button(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    plan = await grp.managed(uow, actor, callback_data.id)
    data = await _adding(c, plan.route.id, GroupStates.due)
    if data is None:
        return
    if callback_data.a == "duem":  # another month
        month = dates.read_month(callback_data.x)
        if month is None:
            await ack(query, i18n.get("error-stale-button"))
            return
        await ack(query)
        await ask_due(c, data, shown=month)
        return
    day = dates.read_day(callback_data.x)
    if day is None:  # forged
        await ack(query, i18n.get("error-stale-button"))
        return
    try:
        grp.check_due(plan.route, day, c.today)  # a forged day outside the bounds
    except ValidationError as e:
        await ack(query, error_plain(i18n, e), alert=True)
        return
    await ack(query)
    await _to_hours(c, data, day)


@router.message(StateFilter(GroupStates.due), PlainText())
async def got_due(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                  actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    plan = await grp.managed(uow, actor, data["id"])
    try:
        day = grp.read_due(plan.route, message.text, c.today)
    except ValidationError as e:
        await ask_due(c, data, error=e)
        return
    await _to_hours(c, data, day)


async def _to_hours(c: Ctx, data: dict[str, Any], day: date) -> None:
    data["due"] = day.isoformat()
    await c.state.set_state(GroupStates.hours)
    await c.state.set_data(data)
    await ask_hours(c, data["id"])


async def ask_hours(c: Ctx, group_id: int, error: DomainError | None = None) -> None:
    b = InlineKeyboardBuilder()
    b.row(*(btn(c.t("grp-btn-no-hours") if h == "0" else h, "hrs", group_id, x=h)
            for h in HOURS[:4]))
    b.row(*(btn(h, "hrs", group_id, x=h) for h in HOURS[4:]))
    b.row(btn(c.t("btn-cancel"), "open", group_id))
    await show(c.event, _warn(c, error) + c.t("grp-add-hours"), b.as_markup())


async def _add(c: Ctx, hours: float | None) -> None:
    data = await c.state.get_data()
    if await c.state.get_state() != GroupStates.hours.state or "due" not in data:
        await ack(c.event, c.t("error-stale-button"))
        return
    try:
        activity = await grp.add_activity(c.uow, c.actor, data["id"], data["col"],
                                          data["title"], hours, date.fromisoformat(data["due"]),
                                          c.today, c.now)
    except ValidationError as e:  # the day passed while the form was open: asked again
        await ack(c.event)
        await c.state.set_state(GroupStates.due)
        await ask_due(c, data, error=e)
        return
    await c.uow.commit()
    await ack(c.event)
    await show_card(c, data["id"], notice=c.t("grp-added", title=esc(activity.title)))


@router.callback_query(GrCb.filter(F.a == "hrs"), Onboarded())
async def hours_button(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    if (await state.get_data()).get("id") != callback_data.id:  # another route's old button
        await ack(query, i18n.get("error-stale-button"))
        return
    if callback_data.x not in HOURS:
        await ack(query, i18n.get("error-stale-button"))
        return
    await _add(_ctx(query, state, i18n, uow, actor, tz), float(callback_data.x) or None)


@router.message(StateFilter(GroupStates.hours), PlainText())
async def got_hours(message: Message, state: FSMContext, i18n: I18nContext,
                    uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    try:
        hours = parse_hours(message.text)
    except ValidationError as e:
        await ask_hours(c, (await state.get_data())["id"], e)
        return
    await _add(c, hours)


async def show_members(c: Ctx, group_id: int) -> None:
    plan = await grp.managed(c.uow, c.actor, group_id)
    people = await grp.candidates(c.uow, c.actor, plan.route.school_id)
    present = {m.person_id for m in plan.members}
    b = InlineKeyboardBuilder()
    for pid, name in people[:40]:
        b.row(btn(("✅ " if pid in present else "⬜ ") + clip(name, 50), "mtg", group_id, pid))
    b.row(btn(c.t("btn-back"), "open", group_id))
    await show(c.event, c.t("grp-members", title=esc(plan.route.title), count=len(present)),
               b.as_markup())


@router.callback_query(GrCb.filter(F.a == "mem"), Onboarded())
async def members(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                  i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    await grp.managed(uow, actor, callback_data.id)
    await ack(query)
    await show_members(c, callback_data.id)


@router.callback_query(GrCb.filter(F.a == "mtg"), Onboarded())
async def member_toggle(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    plan = await grp.managed(uow, actor, callback_data.id)
    present = plan.member(callback_data.v) is None
    try:
        await grp.set_members(uow, actor, callback_data.id, callback_data.v, present, c.now)
    except ValidationError as e:
        await ack(query, error_plain(i18n, e), alert=True)
        return
    await uow.commit()
    await ack(query)
    await show_members(c, callback_data.id)


@router.callback_query(GrCb.filter(F.a == "tbl"), Onboarded())
async def progress_table(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                         i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    plan = await _coordinated(c, callback_data.id)
    await ack(query)
    lines = [i18n.get("grp-table-title", title=esc(plan.route.title))]
    lines.append(" ".join(f"{n}. {esc(clip(a.title, 30))}"
                          for n, a in enumerate(plan.activities, 1)) or "—")
    late = any(plan.overdue(m.person_id, c.today) for m in plan.members)
    b = InlineKeyboardBuilder()
    for m in plan.members:
        marks = "".join(cell(plan, a, m.person_id, c.today) for a in plan.activities)
        lines.append(i18n.get("grp-table-row", name=esc(m.name), marks=marks or "—",
                              done=plan.done(m.person_id), total=len(plan.activities)))
        b.row(btn(f"👤 {clip(m.name, 40)} ({plan.done(m.person_id)}/{len(plan.activities)})",
                  "mbr", plan.route.id, m.person_id))
    if late:
        lines.append(i18n.get("grp-table-overdue"))
    b.row(btn(i18n.get("grp-btn-xlsx"), "xlsx", plan.route.id))
    b.row(btn(i18n.get("btn-back"), "open", plan.route.id))
    await show(query, cut_html("\n".join(lines)), b.as_markup())


def cell(plan: grp.GroupPlan, activity: Activity, person_id: int, today: date) -> str:
    """A member × activity cell: ✅ done, ⏰ past its date (an open route), ⬜ not yet."""
    mine = plan.mark(activity.id, person_id).on(activity)
    if mine.status is ActivityStatus.DONE:
        return "✅"
    return "⏰" if plan.route.open and mine.is_overdue(today) else "⬜"


@router.callback_query(GrCb.filter(F.a == "mbr"), Onboarded())
async def member_screen(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """One member's progress for the school's coordinator: each activity with its status,
    due date and evidence; a file given as evidence opens from here."""
    c = _ctx(query, state, i18n, uow, actor, tz)
    plan, activities = await grp.member_progress(uow, actor, callback_data.id, callback_data.v)
    member = plan.member(callback_data.v)
    assert member is not None
    await ack(query)
    gid = plan.route.id
    lines = [i18n.get("grp-member-title", name=esc(member.name), title=esc(plan.route.title),
                      done=plan.done(member.person_id), total=len(activities))]
    b = InlineKeyboardBuilder()
    for n, a in enumerate(activities, 1):
        line = f"{n}. " + activity_line(i18n, a, c.today if plan.route.open else date.min)
        evidence = evidence_text(i18n, a)
        if evidence:
            line += "\n   " + i18n.get("grp-act-evidence", evidence=evidence)
        lines.append(line)
        if a.evidence_file_id:
            b.row(btn(f"📄 {n}. {clip(a.title, 45)}", "file", gid, a.id, x=str(member.person_id)))
    if not activities:
        lines.append(i18n.get("grp-card-no-activities"))
    b.row(btn(i18n.get("btn-back"), "tbl", gid))
    await show(query, cut_html("\n\n".join(lines)), b.as_markup())


async def _coordinated(c: Ctx, group_id: int) -> grp.GroupPlan:
    """The table is the school coordinator's (also after closing); a member gets «not found»
    for the others' progress."""
    from domain.access import is_school_coordinator

    plan, _ = await grp.load(c.uow, c.actor, group_id)
    if not is_school_coordinator(c.actor, plan.route.school_id):
        raise NotFound("grp-error-not-found")
    return plan


def workbook(i18n: I18nContext, plan: grp.GroupPlan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = i18n.get("grp-xlsx-sheet")[:31]
    table = grp.table(plan)
    head = [i18n.get("grp-xlsx-member"), *table[0][1:-1], i18n.get("grp-xlsx-done")]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    yes, no = i18n.get("grp-xlsx-yes"), i18n.get("grp-xlsx-no")
    for row in table[1:-1]:
        ws.append([row[0], *(yes if v else no for v in row[1:-1]), row[-1]])
    ws.append([i18n.get("grp-xlsx-total"), *table[-1][1:-1], None])
    ws.column_dimensions["A"].width = 36
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@router.callback_query(GrCb.filter(F.a == "xlsx"), Onboarded())
async def export(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                 i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo,
                 bot: Bot) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    plan = await _coordinated(c, callback_data.id)
    await ack(query)
    await bot.send_chat_action(query.from_user.id, "upload_document")
    body = await asyncio.to_thread(workbook, i18n, plan)
    await bot.send_document(query.from_user.id,
                            BufferedInputFile(body, filename=f"group-iom-{plan.route.id}.xlsx"),
                            caption=i18n.get("grp-xlsx-caption", title=esc(plan.route.title),
                                             members=len(plan.members)))


@router.callback_query(GrCb.filter(F.a == "end"), Onboarded())
async def ask_conclusion(query: CallbackQuery, callback_data: GrCb, state: FSMContext,
                         i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await grp.managed(uow, actor, callback_data.id)
    await ack(query)
    await state.set_state(GroupStates.conclusion)
    await state.set_data({"id": callback_data.id})
    await prompt(query, i18n, "grp-ask-conclusion", "open", callback_data.id)


@router.message(StateFilter(GroupStates.conclusion), PlainText())
async def got_conclusion(message: Message, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    group_id = (await state.get_data())["id"]
    try:
        await grp.close(uow, actor, group_id, message.text or "", c.now)
    except ValidationError as e:
        await prompt(message, i18n, "grp-ask-conclusion", "open", group_id, error=_warn(c, e))
        return
    await uow.commit()
    await show_card(c, group_id, notice=i18n.get("grp-closed"))


@router.message(StateFilter(*GroupStates.__all_states__), Onboarded())
async def not_text(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    """A photo or a sticker where text is expected (where evidence is: a sticker), or anything
    typed where a button is: said so; the form stays."""
    current = await state.get_state()
    if current == GroupStates.evidence.state:  # a sticker, a voice message: not evidence
        await message.answer(i18n.get("route-ask-evidence-again"))
        return
    buttons = current == GroupStates.create.state
    await message.answer(i18n.get("grp-error-buttons" if buttons else "grp-error-text"))
