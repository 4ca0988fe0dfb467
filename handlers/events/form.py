"""The organiser's create / edit conversation of an event on the form engine
(``handlers/forms/engine.py``): one step per message, buttons where a choice exists, back /
cancel / keep-as-is; the draft is kept in FSM data (JSON), so a restart or a wrong tap loses
nothing. The steps draw themselves in ``form_steps``; here is what each answer does.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import events as ev
from domain.access import Actor, require_coordinator
from domain.entities import Org
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.events.callbacks import (
    AdmAction,
    EvAdmCb,
    EvChoiceCb,
    EvEditCb,
    EvOrgCb,
    OrgAction,
)
from handlers.events.catalogue import error_plain
from handlers.events.form_steps import (
    CREATE_ORDER,
    EDIT_STEPS,
    _draft,
    _has_value,
    _save_draft,
    _tz,
    audience_view,
    confirm_view,
    form_view,
    groups_view,
    level_view,
    organiser_view,
    text_step,
)
from handlers.events.organiser import organiser_menu, render_admin_card
from handlers.filters import Onboarded
from handlers.forms.engine import Form, FormCtx, Kind, Next, Step
from handlers.routing import Routes
from handlers.views import ack, esc, show
from handlers.widgets import dates

router = Routes("events_form")


# ---- what a typed answer does -------------------------------------------------------------------


def _typed(apply: Any) -> Any:
    """A text step's ``parse``: ``apply(draft, text, tz, now)`` sets the field or refuses."""

    async def parse(c: FormCtx, text: str) -> None:
        draft = _draft(c.data)
        apply(draft, text, _tz(c), c.uow.clock.now())
        await _save_draft(c, draft)

    return parse


def _capacity(draft: ev.EventDraft, text: str, *_: Any) -> None:
    draft.capacity = ev.parse_capacity(text)
    if draft.capacity is None:
        raise ValidationError("ev-error-capacity-format")


def _set(field: str, parse: Any) -> Any:
    return lambda draft, text, *_: setattr(draft, field, parse(text))


PARSERS: dict[str, Any] = {
    "title": _set("title", ev.parse_title),
    "sessions": lambda d, text, tz, now: setattr(d, "sessions", ev.parse_sessions(text, tz, now)),
    "place": _set("place", ev.parse_place),
    "link": _set("online_url", ev.parse_url),
    "hours": _set("hours", ev.parse_hours),
    "capacity": _capacity,
    "deadline": lambda d, text, tz, now: setattr(
        d, "deadline", ev.parse_deadline(text, tz, now, d.sessions)),
    "description": _set("description", lambda text: ev.parse_description(text) or None),
    "reminders": _set("reminders", ev.parse_reminders),
}


# ---- what a button does ---------------------------------------------------------------------


async def picked_form(c: FormCtx, value: str) -> Next:
    if value not in {f.value for f in ev.EventForm}:
        raise DomainError("error-stale-button")
    draft = _draft(c.data)
    draft.form = ev.EventForm(value)
    await _save_draft(c, draft)
    return Next.GO


async def picked_level(c: FormCtx, value: str) -> Next:
    allowed = {lvl.value for lvl in ev.levels_for(c.actor, await ev.scope_orgs(c.uow, c.actor))}
    if value not in allowed:
        raise DomainError("error-stale-button")
    draft = _draft(c.data)
    level = ev.EventLevel(value)
    if draft.level is not level:
        draft.organiser_id, draft.audience = None, []
    draft.level = level
    await _save_draft(c, draft)
    return Next.GO


async def toggled_group(c: FormCtx, value: str) -> Next:
    if value not in ev.COMPETENCE_GROUPS:
        raise DomainError("error-stale-button")
    draft = _draft(c.data)
    if value in draft.groups:
        draft.groups.remove(value)
    else:
        draft.groups.append(value)
    draft.groups = ev.parse_groups(draft.groups)
    await _save_draft(c, draft)
    return Next.STAY


async def groups_done(c: FormCtx) -> None:
    if not _draft(c.data).groups:
        raise ValidationError("ev-error-groups-empty")


async def picked_deadline(c: FormCtx, value: str) -> Next:
    """The picker: ``d<day>`` closes registration at the end of that day, ``m<month>`` pages."""
    if value[:1] == "m" and dates.read_month(value[1:]):
        await c.update(month=value[1:])
        return Next.STAY
    day = dates.read_day(value[1:]) if value[:1] == "d" else None
    if day is None:
        raise DomainError("error-stale-button")
    draft = _draft(c.data)
    # a forged or stale day outside the bounds is refused here
    draft.deadline = ev.parse_deadline(day.strftime("%d.%m.%Y"), _tz(c), c.uow.clock.now(),
                                       draft.sessions)
    await _save_draft(c, draft, month=None)
    return Next.GO


async def _picked_org(c: FormCtx, value: str) -> tuple[ev.EventDraft, Org]:
    org = await c.uow.orgs.get(int(value))
    if org is None:
        raise ValidationError("error-org-not-found")
    return _draft(c.data), org


async def picked_organiser(c: FormCtx, value: str) -> Next:
    draft, org = await _picked_org(c, value)
    assert draft.level is not None
    if org.kind is not ev.LEVEL_ORG_KIND[draft.level]:
        raise ValidationError("ev-error-organiser-kind")
    ev.require_organiser(c.actor, org)  # a forged id outside the scope is refused
    if draft.organiser_id != org.id:
        draft.audience = []
    draft.organiser_id = org.id
    await _save_draft(c, draft)
    return Next.GO


async def toggled_audience(c: FormCtx, value: str) -> Next:
    draft, org = await _picked_org(c, value)
    assert draft.organiser_id is not None
    if draft.organiser_id not in org.ancestors_and_self():
        raise ValidationError("ev-error-audience-outside", org=org.name)
    selected = list(draft.audience or [draft.organiser_id])
    if org.id == draft.organiser_id:
        selected = [org.id]
    else:
        selected = [i for i in selected if i != draft.organiser_id]
        if org.id in selected:
            selected.remove(org.id)
        else:
            if len(selected) >= ev.AUDIENCE_MAX:
                raise ValidationError("ev-error-audience-many", max=ev.AUDIENCE_MAX)
            selected.append(org.id)
        selected = selected or [draft.organiser_id]
    draft.audience = selected
    await _save_draft(c, draft)
    return Next.STAY


async def audience_done(c: FormCtx) -> None:
    draft = _draft(c.data)
    if not draft.audience and draft.organiser_id:
        draft.audience = [draft.organiser_id]
        await _save_draft(c, draft)


def _skip(field: str) -> Any:
    async def skip(c: FormCtx) -> None:
        draft = _draft(c.data)
        setattr(draft, field, None)
        if field == "online_url" and not draft.place:
            raise ValidationError("ev-error-place-or-link")
        await _save_draft(c, draft)

    return skip


# ---- the form -------------------------------------------------------------------------------


def _text(key: str, skip: str | None = None) -> Step:
    return Step(key, Kind.TEXT, text_step(key), parse=_typed(PARSERS[key]),
                pick=picked_deadline if key == "deadline" else None,
                skip=_skip(skip) if skip else None,
                has_value=lambda c: _has_value(_draft(c.data), key))


async def _finish(c: FormCtx) -> None:
    uow, i18n, actor, tz, data = c.uow, c.i18n, c.actor, _tz(c), c.data
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
        await ack(c.event, error_plain(i18n, err), alert=True)
        await FORM.ask(c, _step_for_error(err, data), error=err)
        return
    await c.state.set_state(None)
    await c.state.set_data({})
    await uow.commit()
    await ack(c.event)
    if data.get("mode") == "edit":
        notice = (i18n.get("ev-saved", fields=", ".join(i18n.get(f"ev-field-{f}")
                                                          for f in _fields(changed)))
                  if changed else i18n.get("ev-nothing-changed"))
    else:
        notice = i18n.get("ev-created")
    await render_admin_card(c.event, i18n, uow, actor, tz, event_id, notice="✅ " + notice,
                            new=isinstance(c.event, Message))


def _fields(changed: list[str]) -> list[str]:
    out = []
    for name in changed:
        field = {"online_url": "place"}.get(name, name)
        if field in EDIT_STEPS and field not in out:
            out.append(field)
    return out


def _step_for_error(err: ValidationError, data: dict[str, Any]) -> str:
    steps = FORM.order(data)
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


async def _cancel(c: FormCtx) -> None:
    data = await c.state.get_data()
    await c.state.set_state(None)
    await c.state.set_data({})
    new = isinstance(c.event, Message)
    if data.get("mode") == "edit":
        await render_admin_card(c.event, c.i18n, c.uow, c.actor, _tz(c), int(data["event_id"]),
                                notice=c.i18n.get("ev-edit-cancelled"), new=new)
        return
    await show(c.event, c.i18n.get("ev-create-cancelled") + "\n\n" + c.i18n.get("ev-org-title"),
               organiser_menu(c.i18n), new=new)


FORM = Form(
    name="EventFormSt",
    steps=[
        _text("title"),
        Step("form", Kind.CHOICE, form_view, pick=picked_form),
        Step("level", Kind.CHOICE, level_view, pick=picked_level),
        Step("organiser", Kind.SEARCH, organiser_view, pick=picked_organiser),
        Step("groups", Kind.MULTI, groups_view, pick=toggled_group, done=groups_done),
        _text("sessions"),
        _text("place", skip="place"),
        _text("link", skip="online_url"),
        _text("hours"),
        _text("capacity", skip="capacity"),
        _text("deadline", skip="deadline"),
        Step("audience", Kind.SEARCH, audience_view, pick=toggled_audience, done=audience_done),
        _text("description", skip="description"),
        _text("reminders"),
        Step("confirm", Kind.CONFIRM, confirm_view),
    ],
    on_finish=_finish,
    on_cancel=_cancel,
    on_first_back=_cancel,
    plan=lambda data: EDIT_STEPS[data["field"]] if data.get("mode") == "edit" else CREATE_ORDER,
    counted=lambda data: data.get("mode") != "edit",
    filters=(Onboarded(),),
    choice_cb=EvChoiceCb,
    need_text="ev-error-need-text",
)
EventFormSt = FORM.states
#: the typed steps (each has an ``ev-ask-<step>`` prompt)
TEXT_STEPS = frozenset(s.key for s in FORM.steps if s.kind is Kind.TEXT)


# ---- entering the conversation: create, or choose a field to edit -------------------------------


@router.callback_query(EvOrgCb.filter(F.action == OrgAction.CREATE), Onboarded())
async def create(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 actor: Actor, tz: ZoneInfo) -> None:
    require_coordinator(actor)
    await ack(query)
    await state.set_state(None)
    await state.set_data({"mode": "create", "draft": ev.EventDraft().to_dict(), "page": 0,
                          "query": None})
    await FORM.ask(FormCtx(query, state, i18n, uow, actor, extra={"tz": tz}), "title",
                   intro=i18n.get("ev-form-intro"))


@router.callback_query(EvAdmCb.filter(F.action == AdmAction.EDIT), Onboarded())
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
                    EvAdmCb(action=AdmAction.CARD, event_id=e.id, page=0).pack()))
    await show(query, i18n.get("ev-edit-choose", title=esc(e.title)), b.as_markup())


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
    await FORM.ask(FormCtx(query, state, i18n, uow, actor, extra={"tz": tz}),
                   EDIT_STEPS[callback_data.field][0])


FORM.register(router)
