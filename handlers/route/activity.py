"""An activity card: statuses, evidence, removal."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import route as rt
from domain.access import Actor
from domain.entities import Person
from domain.errors import ValidationError
from domain.ports import UnitOfWork
from domain.route import Activity, ActivityStatus
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.events import card_cb
from handlers.filters import Onboarded, PlainText
from handlers.files import FileRelay, received_file
from handlers.views import ack, esc, show

from handlers.route.common import STATUS_ICON, Ctx, HasFile, RouteStates, _ctx, _with_error, btn, d, form_label, router
from handlers.route.rows import show_row

# ---- an activity card --------------------------------------------------------------------


def evidence_text(i18n: I18nContext, a: Activity) -> str | None:
    parts = []
    if a.done_source is rt.DoneSource.ATTENDANCE:
        parts.append(i18n.get("route-evidence-attendance"))
    if a.done_source is rt.DoneSource.COURSE_REPORT:
        parts.append(i18n.get("route-evidence-report", id=a.done_ref or 0))
    if a.evidence_text:
        parts.append(esc(a.evidence_text))
    if a.evidence_url:
        parts.append(esc(a.evidence_url))
    if a.evidence_file_id:
        parts.append(i18n.get("route-evidence-file", name=esc(a.evidence_file_name or "—")))
    return "; ".join(parts) if parts else None


TRANSITION_BUTTONS = {
    ActivityStatus.IN_PROGRESS: "route-btn-st-in_progress",
    ActivityStatus.DONE: "route-btn-st-done",
    ActivityStatus.DROPPED: "route-btn-st-dropped",
    ActivityStatus.PLANNED: "route-btn-st-planned",
}


async def show_activity(c: Ctx, activity_id: int, notice: str | None = None,
                        new: bool = False) -> None:
    plan, a, r = await rt.activity_of(c.uow, c.actor, activity_id)
    i18n = c.i18n
    lines = [i18n.get("route-act-title", title=esc(a.title)),
             i18n.get("route-act-column", column=i18n.get(f"route-col-{a.column.value}"))]
    form = form_label(i18n, a)
    if form:
        lines.append(i18n.get("route-act-form", form=esc(form)))
    lines.append(i18n.get("route-act-due", due=d(a.due, i18n.locale)))
    if a.proposed:
        lines.append(i18n.get("route-act-proposed"))
    lines.append(i18n.get("route-act-status", icon=STATUS_ICON[a.status],
                          status=i18n.get(f"route-act-{a.status.value}")))
    if a.is_overdue(c.today):
        lines.append(i18n.get("route-act-overdue"))
    ev = evidence_text(i18n, a)
    if ev:
        lines.append(i18n.get("route-act-evidence", evidence=ev))
    text = "\n".join(lines)
    if notice:
        text = notice + "\n\n" + text
    b = InlineKeyboardBuilder()
    if a.proposed and r.owner and plan.route.teacher_editable:
        b.row(btn(i18n.get("route-btn-accept-one"), "acc1", a.id))
        if r.choose:
            b.row(btn(i18n.get("route-btn-swap"), "alt", a.id))
    if r.carry_out:
        for status in (ActivityStatus.IN_PROGRESS, ActivityStatus.DONE, ActivityStatus.DROPPED,
                       ActivityStatus.PLANNED):
            if status in rt.ACTIVITY_TRANSITIONS[a.status]:
                b.row(btn(i18n.get(TRANSITION_BUTTONS[status]), "st", a.id, status.value))
        b.row(btn(i18n.get("route-btn-evidence"), "ev", a.id))
    if a.evidence_file_id:
        b.row(btn(i18n.get("route-btn-file"), "file", a.id))
    if a.event_id is not None:
        # «Назад» on the card comes back to this row of the ИОМ
        b.row(kb.button(i18n.get("route-btn-event"),
                        card_cb(a.event_id, src="r").model_copy(update={"page": a.row_id})
                        .pack()))
    if rt.may_remove(r, plan.route, a, c.actor.person_id):
        b.row(btn(i18n.get("route-btn-remove"), "del", a.id))
    b.row(btn(i18n.get("btn-back"), "row", a.row_id))
    await show(c.event, text, b.as_markup(), new=new)


async def _act(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    await ack(c.event)
    await show_activity(c, item)


async def _status(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    try:
        status = ActivityStatus(x)
    except ValueError:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    a = await rt.set_activity_status(c.uow, c.actor, item, status, c.now)
    await c.uow.commit()
    await ack(c.event)
    await show_activity(c, a.id, notice=c.i18n.get("route-status-changed",
                                                   status=c.i18n.get(f"route-act-{x}")))


async def _remove(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    a = await rt.remove_activity(c.uow, c.actor, item)
    await c.uow.commit()
    await ack(c.event)
    await show_row(c, a.row_id, notice=c.i18n.get("route-removed", title=esc(a.title)))


async def _evidence(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    _plan, a, r = await rt.activity_of(c.uow, c.actor, item)
    if not r.carry_out:
        await rt.set_evidence(c.uow, c.actor, item, c.now, text="")  # raises the reason
    await ack(c.event)
    await c.state.set_state(RouteStates.evidence)
    await c.state.set_data({"rt_act": a.id})
    await show(c.event, c.i18n.get("route-ask-evidence", title=esc(a.title)),
               InlineKeyboardMarkup(inline_keyboard=[[btn(c.i18n.get("btn-cancel"), "act",
                                                          a.id)]]))


@router.message(StateFilter(RouteStates.evidence), HasFile(), Onboarded())
async def got_evidence_file(message: Message, state: FSMContext, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    sent = received_file(message)
    assert sent is not None  # HasFile
    file_id, name = sent
    a = await rt.set_evidence(uow, actor, int(data["rt_act"]), uow.clock.now(), file_id=file_id,
                              file_name=name)
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_activity(_ctx(message, state, i18n, uow, actor, tz), a.id,
                        notice=i18n.get("route-evidence-saved"))


@router.message(StateFilter(RouteStates.evidence), PlainText(), Onboarded())
async def got_evidence_text(message: Message, state: FSMContext, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    c = _ctx(message, state, i18n, uow, actor, tz)
    try:
        a = await rt.set_evidence(uow, actor, int(data["rt_act"]), c.now, text=message.text)
    except ValidationError as err:
        await message.answer(_with_error(i18n, i18n.get("route-ask-evidence-again"), err))
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_activity(c, a.id, notice=i18n.get("route-evidence-saved"))


async def _file(c: Ctx, item: int, bot: Bot, files: FileRelay) -> None:
    _, a, _ = await rt.activity_of(c.uow, c.actor, item)
    if a.evidence_file_id and isinstance(c.event, CallbackQuery):
        chat = c.event.message.chat.id if c.event.message else c.event.from_user.id
        await files.send(bot, chat, a.evidence_file_id,
                         filename=a.evidence_file_name, caption=esc(a.title))
    await ack(c.event)
