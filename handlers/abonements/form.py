"""The school coordinator's request, step by step: why → competence groups (pre-filled from
the staff's diagnosis) → topics → target groups → hours by kind → months → the summary.
Back / cancel / keep-as-is on every step, each field editable from the summary; the answers
live in FSM data (the database or Redis), so a restart loses nothing. A returned request opens
on its summary with what it held (nothing retyped). ``ab.submit`` / ``ab.resubmit`` check
everything again."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import abonements as ab
from domain.abonements import AbonementUnitOfWork
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from handlers.abonements.callbacks import AbFormCb
from handlers.abonements.common import Ctx, hours_text, request_text, to_section
from handlers.abonements.screens import render_card
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import AbCb
from handlers.filters import Onboarded, PlainText
from handlers.forms import counter
from handlers.keyboards import button
from handlers.routing import Routes
from handlers.views import ack, cut_html, error_html, error_plain, esc, show

router = Routes("abonements-form")


class AbFormSt(StatesGroup):
    reason = State()
    groups = State()
    topics = State()
    audience = State()
    hours = State()
    months = State()
    confirm = State()


ORDER = ("reason", "groups", "topics", "audience", "hours", "months")
TEXT_STEPS = {"topics", "audience", "hours"}


def _request(data: dict[str, Any]) -> ab.Request:
    return ab.Request.from_dict(data.get("req"))


async def _save(state: FSMContext, request: ab.Request, **extra: Any) -> None:
    await state.update_data(req=request.to_dict(), **extra)


def _step_of(raw: str | None) -> str | None:
    if not raw or not raw.startswith("AbFormSt:"):
        return None
    return raw.split(":", 1)[1]


def _cb(step: str, action: str, value: str = "") -> str:
    return AbFormCb(s=step, a=action, v=value).pack()


def _prompt(c: Ctx, step: str, data: dict[str, Any], req: ab.Request) -> str:
    pre = data.get("pre") or {}
    if step == "groups":
        return c.t("abon-ask-groups", teachers=int(pre.get("teachers") or 0),
                   diagnosed=int(pre.get("diagnosed") or 0))
    if step == "topics":
        text = c.t("abon-ask-topics", max=ab.TOPICS_MAX)
        if req.topics:
            text += "\n" + c.t("ask-current", value=esc(req.topics))
        return text
    if step == "audience":
        return c.t("abon-ask-audience", max=ab.NOTE_MAX)
    if step == "hours":
        text = c.t("abon-ask-hours")
        if req.hours.total > 0:
            text += "\n" + c.t("ask-current", value=hours_text(c, req.hours))
        return text
    return c.t(f"abon-ask-{step}")


def _rows(c: Ctx, step: str, data: dict[str, Any], req: ab.Request) -> InlineKeyboardBuilder:
    pre = data.get("pre") or {}
    kb = InlineKeyboardBuilder()
    if step == "reason":
        for reason in ab.Reason:
            mark = "✅ " if req.reason is reason else ""
            kb.row(button(mark + c.t(f"abon-reason-{reason.value}"),
                          _cb(step, "pick", reason.value)))
    elif step == "groups":
        deficits = pre.get("deficits") or {}
        for g in ("subject", "methodological", "psycho_pedagogical", "communicative"):
            mark = "✅ " if g in req.groups else "▫️ "
            kb.row(button(mark + c.t("abon-group-option", group=c.t(f"route-group-{g}"),
                                     n=int(deficits.get(g, 0))), _cb(step, "pick", g)))
        kb.row(button(c.t("btn-done"), _cb(step, "done")))
    elif step == "audience":
        kb.row(button(("✅ " if req.whole_staff else "▫️ ") + c.t("abon-audience-all"),
                      _cb(step, "all")))
        for p in pre.get("positions") or []:
            mark = "✅ " if p in req.positions else "▫️ "
            kb.row(button(mark + c.t(f"position-{p}"), _cb(step, "pos", p)))
        for s in pre.get("subjects") or []:
            mark = "✅ " if s in req.subjects else "▫️ "
            kb.row(button(mark + c.t(f"subject-{s}"), _cb(step, "sub", s)))
        kb.row(button(c.t("btn-done"), _cb(step, "done")))
    elif step == "months":
        for m in ab.MONTHS:
            mark = "✅ " if m in req.months else ""
            kb.button(text=mark + c.t(f"abon-month-{m}"), callback_data=_cb(step, "pick", str(m)))
        kb.adjust(3)
        kb.row(button(c.t("btn-done"), _cb(step, "done")))
    elif step == "topics":
        if req.topics:
            kb.row(button(c.t("btn-keep"), _cb(step, "keep")))
        kb.row(button(c.t("abon-btn-no-topics"), _cb(step, "skip")))
    elif step == "hours" and req.hours.total > 0:
        kb.row(button(c.t("btn-keep"), _cb(step, "keep")))
    kb.row(button(c.t("btn-back"), _cb(step, "back")),
           button(c.t("btn-cancel"), _cb(step, "cancel")))
    return kb


async def ask(c: Ctx, step: str, error: DomainError | None = None, new: bool = False) -> None:
    await c.state.set_state(getattr(AbFormSt, step))
    data = await c.state.get_data()
    req = _request(data)
    if step == "confirm":
        await _summary(c, data, req, error, new)
        return
    parts = [c.t("abon-form-head", school=esc(str(data.get("school_name") or "—")))]
    if (pos := counter.position(ORDER, step)) is not None and not data.get("return_to"):
        parts.append(c.t("abon-step", n=pos[0], total=pos[1]))
    if error is not None:
        parts.append("⚠️ " + error_html(c.i18n, error))
    parts.append(_prompt(c, step, data, req))
    await show(c.event, "\n\n".join(parts), _rows(c, step, data, req).as_markup(),
               new=new or isinstance(c.event, Message))


async def _summary(c: Ctx, data: dict[str, Any], req: ab.Request, error: DomainError | None,
                   new: bool) -> None:
    parts = [c.t("abon-form-head", school=esc(str(data.get("school_name") or "—")))]
    if data.get("comment"):
        parts.append(c.t("abon-returned-comment", comment=esc(data["comment"])))
    if error is not None:
        parts.append("⚠️ " + error_html(c.i18n, error))
    parts.append(c.t("abon-form-check"))
    parts.append(request_text(c, req))
    kb = InlineKeyboardBuilder()
    for step in ORDER:
        kb.button(text=c.t(f"abon-field-{step}"), callback_data=AbFormCb(s="confirm", a="edit",
                                                                          v=step))
    kb.adjust(2)
    kb.row(button(c.t("abon-btn-send"), _cb("confirm", "send")))
    kb.row(button(c.t("btn-cancel"), _cb("confirm", "cancel")))
    await show(c.event, cut_html("\n\n".join(parts)), kb.as_markup(),
               new=new or isinstance(c.event, Message))


# ---- entering: a new request, or a returned one --------------------------------------------


async def begin(c: Ctx, school_id: int) -> None:
    pre = await ab.prefill(c.uow, c.actor, school_id, c.tz, c.now)  # refused for others
    await c.state.set_state(None)
    req = ab.Request(groups=pre.groups,
                     reason=ab.Reason.DIAGNOSIS if pre.diagnosed else None)
    await c.state.set_data({
        "mode": "new", "school_id": pre.school.id, "school_name": pre.school.name,
        "req": req.to_dict(),
        "pre": {"deficits": pre.deficits, "teachers": pre.teachers, "diagnosed": pre.diagnosed,
                "positions": pre.positions, "subjects": pre.subjects}})
    await ask(c, "reason")


async def begin_edit(c: Ctx, abonement_id: int) -> None:
    found = await ab.editable(c.uow, c.actor, abonement_id)  # refused for others
    pre = await ab.prefill(c.uow, c.actor, found.school_id, c.tz, c.now)
    await c.state.set_state(None)
    await c.state.set_data({
        "mode": "edit", "ab_id": found.id, "school_id": found.school_id,
        "school_name": pre.school.name, "comment": found.comment,
        "req": found.request.to_dict(), "return_to": "confirm",
        "pre": {"deficits": pre.deficits, "teachers": pre.teachers, "diagnosed": pre.diagnosed,
                "positions": sorted(set(pre.positions) | set(found.request.positions)),
                "subjects": sorted(set(pre.subjects) | set(found.request.subjects))}})
    await ask(c, "confirm")


# ---- moving between steps ------------------------------------------------------------------


async def _next(c: Ctx, done: str) -> None:
    data = await c.state.get_data()
    if data.get("return_to"):
        await ask(c, "confirm")
        return
    index = ORDER.index(done)
    await ask(c, ORDER[index + 1] if index + 1 < len(ORDER) else "confirm")


async def _back(c: Ctx, step: str) -> None:
    data = await c.state.get_data()
    if data.get("return_to") or step == "confirm":
        await ask(c, "confirm" if step != "confirm" else ORDER[-1])
        return
    index = ORDER.index(step)
    if index == 0:
        await _cancel(c)
        return
    await ask(c, ORDER[index - 1])


async def _cancel(c: Ctx) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    kb = InlineKeyboardBuilder()
    kb.row(*to_section(c))
    await show(c.event, c.t("abon-form-cancelled"), kb.as_markup(),
               new=isinstance(c.event, Message))


async def _send(c: Ctx) -> None:
    data = await c.state.get_data()
    req = _request(data)
    try:
        if data.get("mode") == "edit":
            found = await ab.resubmit(c.uow, c.actor, int(data["ab_id"]), req, c.now)
        else:
            found = await ab.submit(c.uow, c.actor, int(data["school_id"]), req, c.now)
    except ValidationError as err:
        await c.uow.rollback()
        await ack(c.event, error_plain(c.i18n, err), alert=True)
        step = str(err.params.get("step") or "confirm")
        await ask(c, step if step in ORDER else "confirm", error=err)
        return
    await c.uow.commit()
    await c.state.set_state(None)
    await c.state.set_data({})
    await ack(c.event)
    await render_card(c, found.id, notice=c.t(
        "abon-sent-municipality" if found.three_party else "abon-sent-centre"))


# ---- handlers ------------------------------------------------------------------------------


@router.message(Command("cancel"), StateFilter(AbFormSt), Onboarded())
async def cancel_command(message: Message, state: FSMContext, i18n: I18nContext,
                         uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await _cancel(Ctx(message, state, i18n, uow, actor, tz))


@router.message(StateFilter(AbFormSt), PlainText(), Onboarded())
async def got_text(message: Message, state: FSMContext, i18n: I18nContext,
                   uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    step = _step_of(await state.get_state())
    assert step is not None
    if step not in TEXT_STEPS:
        await ask(c, step, error=DomainError("error-use-buttons"), new=True)
        return
    req = _request(await state.get_data())
    try:
        if step == "topics":
            req.topics = ab.parse_topics(message.text)
        elif step == "audience":
            req.audience_note = ab.parse_note(message.text)
        else:
            req.hours = ab.parse_hours(message.text)
    except ValidationError as err:
        await ask(c, step, error=err, new=True)
        return
    await _save(state, req)
    if step == "audience":  # a typed group is added; the buttons stay for more
        await ask(c, step, new=True)
        return
    await _next(c, step)


@router.message(StateFilter(AbFormSt), Onboarded())
async def got_other(message: Message, state: FSMContext, i18n: I18nContext,
                    uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """A photo or a sticker in the middle of the form: the step again, nothing lost."""
    c = Ctx(message, state, i18n, uow, actor, tz)
    step = _step_of(await state.get_state())
    assert step is not None
    key = "abon-error-need-text" if step in TEXT_STEPS else "error-use-buttons"
    await ask(c, step, error=DomainError(key), new=True)


@router.callback_query(AbFormCb.filter(), Onboarded())
async def got_button(query: CallbackQuery, callback_data: AbFormCb, state: FSMContext,
                     i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                     tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    step = _step_of(await state.get_state())
    if step is None:  # the form was finished or cancelled: an old message's button
        await ack(query, i18n.get("abon-error-form-gone"), alert=True)
        return
    if callback_data.s != step:
        await ack(query, i18n.get("error-stale-button"))
        await ask(c, step)
        return
    data = await state.get_data()
    req = _request(data)
    a, v = callback_data.a, callback_data.v
    if a == "cancel":
        await ack(query)
        await _cancel(c)
        return
    if a == "back":
        await ack(query)
        await _back(c, step)
        return
    if step == "confirm" and a == "edit" and v in ORDER:
        await state.update_data(return_to="confirm")
        await ack(query)
        await ask(c, v)
        return
    if step == "confirm" and a == "send":
        await _send(c)
        return
    if step == "reason" and a == "pick" and v in {r.value for r in ab.Reason}:
        req.reason = ab.Reason(v)
        await _save(state, req)
        await ack(query)
        await _next(c, step)
        return
    if step in ("groups", "months") and a == "pick":
        values: list[Any] = req.groups if step == "groups" else req.months
        value: Any = v if step == "groups" else (int(v) if v.isdigit() else -1)
        allowed = (("subject", "methodological", "psycho_pedagogical", "communicative")
                   if step == "groups" else ab.MONTHS)
        if value in allowed:
            if step == "groups":
                req.groups = ab.toggle(values, value)
            else:
                req.months = sorted(ab.toggle(values, value), key=ab.MONTHS.index)
            await _save(state, req)
            await ack(query)
            await ask(c, step)
            return
    if step == "audience" and a in ("all", "pos", "sub"):
        pre = data.get("pre") or {}
        if a == "all":
            req.positions, req.subjects, req.audience_note = [], [], None
        elif a == "pos" and v in (pre.get("positions") or []):
            req.positions = ab.toggle(req.positions, v)
        elif a == "sub" and v in (pre.get("subjects") or []):
            req.subjects = ab.toggle(req.subjects, v)
        await _save(state, req)
        await ack(query)
        await ask(c, step)
        return
    if a == "done" and step in ("groups", "audience", "months"):
        if step == "groups" and not req.groups:
            await ack(query, i18n.get("abon-error-groups-none"), alert=True)
            return
        if step == "months" and not req.months:
            await ack(query, i18n.get("abon-error-months-none"), alert=True)
            return
        await ack(query)
        await _next(c, step)
        return
    if a == "keep" and ((step == "topics" and req.topics) or
                        (step == "hours" and req.hours.total > 0)):
        await ack(query)
        await _next(c, step)
        return
    if a == "skip" and step == "topics":
        req.topics = None
        await _save(state, req)
        await ack(query)
        await _next(c, step)
        return
    await ack(query, i18n.get("error-stale-button"))
    await ask(c, step)


# ---- entering the form (from the section and the card) -------------------------------------


@router.callback_query(AbCb.filter(F.a == "new"), Onboarded())
async def new(query: CallbackQuery, callback_data: AbCb, state: FSMContext, i18n: I18nContext,
              uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    found = await ab.open_request(uow, actor, callback_data.id)
    if found is not None:
        await ack(query)
        await render_card(c, found.id, notice=c.t("abon-open-exists"))
        return
    await begin(c, callback_data.id)  # refused for anyone but the school's coordinator
    await ack(query)


@router.callback_query(AbCb.filter(F.a == "edit"), Onboarded())
async def edit(query: CallbackQuery, callback_data: AbCb, state: FSMContext, i18n: I18nContext,
               uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await begin_edit(Ctx(query, state, i18n, uow, actor, tz), callback_data.id)
    await ack(query)


__all__ = ["AbFormSt", "ask", "begin", "begin_edit", "router"]
