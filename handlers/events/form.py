"""The organiser's create / edit conversation of an event: one step per message, buttons where
a choice exists, back / cancel / keep-as-is; the draft is kept in FSM data (JSON), so a restart
or a wrong tap loses nothing. The step counter comes from ``handlers/forms/counter.py``.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from domain import events as ev
from domain.access import Actor, require_coordinator
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.callbacks import NavCb, PageCb, PickOrgCb
from handlers.events.callbacks import EvAdmCb, EvChoiceCb, EvEditCb, EvOrgCb
from handlers.events.catalogue import error_plain
from handlers.events.form_steps import (
    EDIT_STEPS,
    SEARCH_STEPS,
    SKIPPABLE,
    TEXT_STEPS,
    EventFormSt,
    _draft,
    _has_value,
    _save_draft,
    _step_of,
    _steps,
    ask,
)
from handlers.events.organiser import organiser_menu, render_admin_card
from handlers.filters import Onboarded, PlainText
from handlers.routing import Routes
from handlers.views import ack, esc, show
from handlers.widgets import dates

router = Routes("events_form")


# ---- entering the conversation: create, or choose a field to edit -------------------------------


@router.callback_query(EvOrgCb.filter(F.action == "create"), Onboarded())
async def create(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 actor: Actor, tz: ZoneInfo) -> None:
    require_coordinator(actor)
    await ack(query)
    await state.set_state(None)
    await state.set_data({"mode": "create", "draft": ev.EventDraft().to_dict(), "page": 0,
                          "query": None})
    await ask(query, state, i18n, uow, actor, tz, "title", intro=i18n.get("ev-form-intro"))


@router.callback_query(EvAdmCb.filter(F.action == "edit"), Onboarded())
async def choose_field(query: CallbackQuery, callback_data: EvAdmCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    event_id = callback_data.event_id
    await state.set_state(None)
    e, _, _ = await ev.manage_view(uow, actor, event_id)
    await ack(query)
    b = InlineKeyboardBuilder()
    for field in EDIT_STEPS:
        b.button(text=i18n.get(f"ev-field-{field}"),
                 callback_data=EvEditCb(event_id=e.id, field=field))
    b.adjust(2)
    b.row(kb.button(i18n.get("btn-back"),
                    EvAdmCb(action="card", event_id=e.id, page=0).pack()))
    await show(query, i18n.get("ev-edit-choose", title=esc(e.title)), b.as_markup())


# ---- the create / edit conversation -----------------------------------------------------------


async def _advance(event: CallbackQuery | Message, state: FSMContext, i18n: I18nContext,
                   uow: UnitOfWork, actor: Actor, tz: ZoneInfo, done: str,
                   new: bool = False) -> None:
    data = await state.get_data()
    await state.update_data(page=0, query=None)
    steps = _steps(data)
    index = steps.index(done)
    if index + 1 < len(steps):
        await ask(event, state, i18n, uow, actor, tz, steps[index + 1], new=new)
        return
    await _finish(event, state, i18n, uow, actor, tz, new=new)


async def _finish(event: CallbackQuery | Message, state: FSMContext, i18n: I18nContext,
                  uow: UnitOfWork, actor: Actor, tz: ZoneInfo, new: bool = False) -> None:
    data = await state.get_data()
    draft = _draft(data)
    now = uow.clock.now()
    try:
        if data.get("mode") == "edit":
            event_id = int(data["event_id"])
            changed = await ev.edit_event(uow, actor, event_id, draft, tz, now)
        else:
            created = await ev.create_event(uow, actor, draft, now)
            event_id, changed = created.id, []
    except ValidationError as err:
        await uow.rollback()
        await ack(event, error_plain(i18n, err), alert=True)
        step = _step_for_error(err, data)
        await ask(event, state, i18n, uow, actor, tz, step, error=err, new=new)
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await ack(event)
    if data.get("mode") == "edit":
        notice = (i18n.get("ev-saved", fields=", ".join(i18n.get(f"ev-field-{f}")
                                                          for f in _fields(changed)))
                  if changed else i18n.get("ev-nothing-changed"))
    else:
        notice = i18n.get("ev-created")
    await render_admin_card(event, i18n, uow, actor, tz, event_id, notice="✅ " + notice,
                            new=new)


def _fields(changed: list[str]) -> list[str]:
    out = []
    for name in changed:
        field = {"online_url": "place"}.get(name, name)
        if field in EDIT_STEPS and field not in out:
            out.append(field)
    return out


def _step_for_error(err: ValidationError, data: dict[str, Any]) -> str:
    steps = _steps(data)
    guess = {
        "ev-error-place-or-link": "place", "ev-error-deadline-after-start": "deadline",
        "ev-error-capacity-below": "capacity", "ev-error-session-past": "sessions",
        "ev-error-organiser-kind": "organiser", "ev-error-audience-outside": "audience",
        "ev-error-audience-many": "audience",
    }.get(err.key)
    if err.key == "ev-error-incomplete":
        guess = {"organiser": "organiser", "hours": "hours"}.get(err.params.get("field", ""),
                                                                  err.params.get("field"))
    if guess in steps:
        return guess  # type: ignore[return-value]
    return steps[-1]


async def _cancel(event: CallbackQuery | Message, state: FSMContext, i18n: I18nContext,
                  uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    await state.set_state(None)
    await state.set_data({})
    await ack(event)
    if data.get("mode") == "edit":
        await render_admin_card(event, i18n, uow, actor, tz, int(data["event_id"]),
                                notice=i18n.get("ev-edit-cancelled"),
                                new=isinstance(event, Message))
        return
    await show(event, i18n.get("ev-create-cancelled") + "\n\n" + i18n.get("ev-org-title"),
               organiser_menu(i18n), new=isinstance(event, Message))


# ---- the conversation: changing one field of an event ---------------------------------------


@router.callback_query(EvEditCb.filter(), Onboarded())
async def edit_field(query: CallbackQuery, callback_data: EvEditCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    if callback_data.field not in EDIT_STEPS:
        raise ValidationError("error-choice-unknown")
    e, _, _ = await ev.manage_view(uow, actor, callback_data.event_id)
    if e.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    await ack(query)
    await state.set_data({"mode": "edit", "event_id": e.id, "field": callback_data.field,
                          "draft": e.draft().to_dict(), "page": 0, "query": None})
    await ask(query, state, i18n, uow, actor, tz, EDIT_STEPS[callback_data.field][0])


# ---- the conversation: typed answers ---------------------------------------------------------


@router.message(Command("cancel"), StateFilter(EventFormSt), Onboarded())
async def cancel_command(message: Message, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await _cancel(message, state, i18n, uow, actor, tz)


@router.message(StateFilter(EventFormSt), PlainText(), Onboarded())
async def got_text(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                   actor: Actor, tz: ZoneInfo) -> None:
    step = _step_of(await state.get_state())
    assert step is not None
    text = message.text or ""
    data = await state.get_data()
    draft = _draft(data)
    if step in SEARCH_STEPS:
        query = " ".join(text.split())[:60]
        await state.update_data(query=query or None, page=0)
        await ask(message, state, i18n, uow, actor, tz, step, new=True)
        return
    if step not in TEXT_STEPS:
        await ask(message, state, i18n, uow, actor, tz, step,
                  error=DomainError("error-use-buttons"), new=True)
        return
    now = uow.clock.now()
    try:
        if step == "title":
            draft.title = ev.parse_title(text)
        elif step == "sessions":
            draft.sessions = ev.parse_sessions(text, tz, now)
        elif step == "place":
            draft.place = ev.parse_place(text)
        elif step == "link":
            draft.online_url = ev.parse_url(text)
        elif step == "hours":
            draft.hours = ev.parse_hours(text)
        elif step == "capacity":
            draft.capacity = ev.parse_capacity(text)
            if draft.capacity is None:
                raise ValidationError("ev-error-capacity-format")
        elif step == "deadline":
            draft.deadline = ev.parse_deadline(text, tz, now, draft.sessions)
        elif step == "description":
            draft.description = ev.parse_description(text) or None
        elif step == "reminders":
            draft.reminders = ev.parse_reminders(text)
    except ValidationError as err:
        await ask(message, state, i18n, uow, actor, tz, step, error=err, new=True)
        return
    await _save_draft(state, draft)
    await _advance(message, state, i18n, uow, actor, tz, step, new=True)


@router.message(StateFilter(EventFormSt), Onboarded())
async def got_other(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, tz: ZoneInfo) -> None:
    """A photo, a sticker or an unknown command in the middle of the form: ask again."""
    step = _step_of(await state.get_state())
    assert step is not None
    key = "ev-error-need-text" if step in TEXT_STEPS else "error-use-buttons"
    await ask(message, state, i18n, uow, actor, tz, step, error=DomainError(key), new=True)


# ---- the conversation: buttons ---------------------------------------------------------------


@router.callback_query(EvChoiceCb.filter(), StateFilter(EventFormSt), Onboarded())
async def got_choice(query: CallbackQuery, callback_data: EvChoiceCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    step = _step_of(await state.get_state())
    data = await state.get_data()
    draft = _draft(data)
    value = callback_data.value
    if step == "form" and value in {f.value for f in ev.EventForm}:
        draft.form = ev.EventForm(value)
        await _save_draft(state, draft)
        await ack(query)
        await _advance(query, state, i18n, uow, actor, tz, "form")
        return
    if step == "level":
        allowed = {lvl.value for lvl in ev.levels_for(actor, await ev.scope_orgs(uow, actor))}
        if value in allowed:
            level = ev.EventLevel(value)
            if draft.level is not level:
                draft.organiser_id, draft.audience = None, []
            draft.level = level
            await _save_draft(state, draft)
            await ack(query)
            await _advance(query, state, i18n, uow, actor, tz, "level")
            return
    if step == "deadline" and (day := dates.read_day(value[1:])) and value[0] == "d":
        try:
            draft.deadline = ev.parse_deadline(day.strftime("%d.%m.%Y"), tz, uow.clock.now(),
                                               draft.sessions)
        except ValidationError as err:  # a forged or stale day outside the bounds
            await ack(query, error_plain(i18n, err), alert=True)
            await ask(query, state, i18n, uow, actor, tz, step, error=err)
            return
        await _save_draft(state, draft)
        await ack(query)
        await _advance(query, state, i18n, uow, actor, tz, step)
        return
    if step == "deadline" and (month := dates.read_month(value[1:])) and value[0] == "m":
        await ack(query)
        await ask(query, state, i18n, uow, actor, tz, step, month=month)
        return
    if step == "groups" and value in ev.COMPETENCE_GROUPS:
        if value in draft.groups:
            draft.groups.remove(value)
        else:
            draft.groups.append(value)
        draft.groups = ev.parse_groups(draft.groups)
        await _save_draft(state, draft)
        await ack(query)
        await ask(query, state, i18n, uow, actor, tz, "groups")
        return
    await ack(query, i18n.get("error-stale-button"))
    if step:
        await ask(query, state, i18n, uow, actor, tz, step)


@router.callback_query(PickOrgCb.filter(), StateFilter(EventFormSt.organiser,
                                                       EventFormSt.audience), Onboarded())
async def got_org(query: CallbackQuery, callback_data: PickOrgCb, state: FSMContext,
                  i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    step = _step_of(await state.get_state())
    data = await state.get_data()
    draft = _draft(data)
    org = await uow.orgs.get(callback_data.org_id)
    if org is None:
        raise ValidationError("error-org-not-found")
    if step == "organiser":
        assert draft.level is not None
        if org.kind is not ev.LEVEL_ORG_KIND[draft.level]:
            raise ValidationError("ev-error-organiser-kind")
        ev.require_organiser(actor, org)  # a forged id outside the scope is refused
        if draft.organiser_id != org.id:
            draft.audience = []
        draft.organiser_id = org.id
        await _save_draft(state, draft)
        await ack(query)
        await _advance(query, state, i18n, uow, actor, tz, "organiser")
        return
    assert draft.organiser_id is not None
    if draft.organiser_id not in org.ancestors_and_self():
        await ack(query, error_plain(i18n, ValidationError("ev-error-audience-outside",
                                                           org=org.name)), alert=True)
        return
    selected = list(draft.audience or [draft.organiser_id])
    if org.id == draft.organiser_id:
        selected = [org.id]
    else:
        selected = [i for i in selected if i != draft.organiser_id]
        if org.id in selected:
            selected.remove(org.id)
        else:
            if len(selected) >= ev.AUDIENCE_MAX:
                await ack(query, error_plain(i18n, ValidationError(
                    "ev-error-audience-many", max=ev.AUDIENCE_MAX)), alert=True)
                return
            selected.append(org.id)
        selected = selected or [draft.organiser_id]
    draft.audience = selected
    await _save_draft(state, draft)
    await ack(query)
    await ask(query, state, i18n, uow, actor, tz, "audience")


@router.callback_query(PageCb.filter(), StateFilter(EventFormSt.organiser, EventFormSt.audience),
                       Onboarded())
async def got_page(query: CallbackQuery, callback_data: PageCb, state: FSMContext,
                   i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    step = _step_of(await state.get_state())
    assert step is not None
    await ack(query)
    await state.update_data(page=callback_data.page)
    await ask(query, state, i18n, uow, actor, tz, step)


@router.callback_query(NavCb.filter(), StateFilter(EventFormSt), Onboarded())
async def got_nav(query: CallbackQuery, callback_data: NavCb, state: FSMContext,
                  i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    step = _step_of(await state.get_state())
    assert step is not None
    data = await state.get_data()
    draft = _draft(data)
    steps = _steps(data)
    action = callback_data.action
    if action == "cancel":
        await _cancel(query, state, i18n, uow, actor, tz)
        return
    if action == "back":
        index = steps.index(step)
        if index == 0:
            await _cancel(query, state, i18n, uow, actor, tz)
            return
        await ack(query)
        await state.update_data(page=0, query=None)
        await ask(query, state, i18n, uow, actor, tz, steps[index - 1])
        return
    if action == "reset" and step in SEARCH_STEPS:
        await ack(query)
        await state.update_data(page=0, query=None)
        await ask(query, state, i18n, uow, actor, tz, step)
        return
    if action == "keep" and step in TEXT_STEPS and _has_value(draft, step):
        await ack(query)
        await _advance(query, state, i18n, uow, actor, tz, step)
        return
    if action == "skip" and step in SKIPPABLE:
        if step == "place":
            draft.place = None
        elif step == "link":
            draft.online_url = None
            if not draft.place:
                await ack(query, i18n.get("ev-error-place-or-link"), alert=True)
                await ask(query, state, i18n, uow, actor, tz, step,
                          error=ValidationError("ev-error-place-or-link"))
                return
        elif step == "capacity":
            draft.capacity = None
        elif step == "deadline":
            draft.deadline = None
        elif step == "description":
            draft.description = None
        await _save_draft(state, draft)
        await ack(query)
        await _advance(query, state, i18n, uow, actor, tz, step)
        return
    if action == "done" and step == "groups":
        if not draft.groups:
            await ack(query, i18n.get("ev-error-groups-empty"), alert=True)
            return
        await ack(query)
        await _advance(query, state, i18n, uow, actor, tz, step)
        return
    if action == "done" and step == "audience":
        if not draft.audience and draft.organiser_id:
            draft.audience = [draft.organiser_id]
            await _save_draft(state, draft)
        await ack(query)
        await _advance(query, state, i18n, uow, actor, tz, step)
        return
    if action == "confirm" and step == "confirm":
        await _finish(query, state, i18n, uow, actor, tz)
        return
    await ack(query, i18n.get("error-stale-button"))
    await ask(query, state, i18n, uow, actor, tz, step)
