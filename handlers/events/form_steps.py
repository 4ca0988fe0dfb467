"""The event form's steps: which apply (create: all; edit: the field's), the draft in FSM data,
and how each step is asked — its prompt, current value, buttons and the step counter. The
handlers of the conversation are in ``form``."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from domain import events as ev
from domain import orgs as org_service
from domain.access import Actor
from domain.enums import OrgKind
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.callbacks import NavCb, PageCb, PickOrgCb
from handlers.events.callbacks import EvChoiceCb
from handlers.events.catalogue import error_html, sessions_text
from handlers.forms import counter
from handlers.views import esc, fmt_dt, fmt_hours, fmt_sessions, show
from handlers.widgets import dates


class EventFormSt(StatesGroup):
    title = State()
    form = State()
    level = State()
    organiser = State()
    groups = State()
    sessions = State()
    place = State()
    link = State()
    hours = State()
    capacity = State()
    deadline = State()
    audience = State()
    description = State()
    reminders = State()
    confirm = State()


CREATE_ORDER = [
    "title", "form", "level", "organiser", "groups", "sessions", "place", "link", "hours",
    "capacity", "deadline", "audience", "description", "confirm",
]


EDIT_STEPS: dict[str, list[str]] = {
    "title": ["title"],
    "form": ["form"],
    "groups": ["groups"],
    "sessions": ["sessions", "confirm"],
    "place": ["place", "link"],
    "hours": ["hours"],
    "capacity": ["capacity"],
    "deadline": ["deadline"],
    "audience": ["audience"],
    "description": ["description"],
    "reminders": ["reminders"],
}


TEXT_STEPS = {"title", "sessions", "place", "link", "hours", "capacity", "deadline",
              "description", "reminders"}


SEARCH_STEPS = {"organiser", "audience"}


SKIPPABLE = {"place": "ev-btn-online-only", "link": "ev-btn-no-link",
             "capacity": "ev-btn-unlimited", "deadline": "ev-btn-until-start",
             "description": "ev-btn-skip"}


CHILD_KIND = {OrgKind.REGION: OrgKind.MUNICIPALITY, OrgKind.MUNICIPALITY: OrgKind.SCHOOL}


def _steps(data: dict[str, Any]) -> list[str]:
    if data.get("mode") == "edit":
        return EDIT_STEPS[data["field"]]
    return CREATE_ORDER


def _draft(data: dict[str, Any]) -> ev.EventDraft:
    return ev.EventDraft.from_dict(data.get("draft"))


async def _save_draft(state: FSMContext, draft: ev.EventDraft, **extra: Any) -> None:
    await state.update_data(draft=draft.to_dict(), **extra)


def _nav(i18n: I18nContext, step: str, data: dict[str, Any], draft: ev.EventDraft,
         back: bool) -> list[list[Any]]:
    rows = []
    if step in TEXT_STEPS and _has_value(draft, step):
        rows.append([kb.button(i18n.get("btn-keep"), NavCb(action="keep").pack())])
    if step in SKIPPABLE:
        rows.append([kb.button(i18n.get(SKIPPABLE[step]), NavCb(action="skip").pack())])
    rows.append(kb.nav_row(i18n, back=back))
    return rows


def _has_value(draft: ev.EventDraft, step: str) -> bool:
    return {
        "title": draft.title is not None,
        "sessions": bool(draft.sessions),
        "place": draft.place is not None,
        "link": draft.online_url is not None,
        "hours": draft.hours.total > 0,
        "capacity": draft.capacity is not None,
        "deadline": draft.deadline is not None,
        "description": bool(draft.description),
        "reminders": True,
    }.get(step, False)


def _current(i18n: I18nContext, draft: ev.EventDraft, step: str, tz: ZoneInfo) -> str | None:
    value: str | None = None
    if step == "title" and draft.title:
        value = esc(draft.title)
    elif step == "sessions" and draft.sessions:
        value = "\n" + "\n".join("• " + fmt_sessions([s], tz, i18n.locale) for s in draft.sessions)
    elif step == "place" and draft.place:
        value = esc(draft.place)
    elif step == "link" and draft.online_url:
        value = esc(draft.online_url)
    elif step == "hours" and draft.hours.total > 0:
        value = " ".join(fmt_hours(h, i18n.locale) for h in (draft.hours.in_person, draft.hours.remote,
                                                   draft.hours.self_study))
    elif step == "capacity" and draft.capacity is not None:
        value = str(draft.capacity)
    elif step == "deadline" and draft.deadline is not None:
        value = fmt_dt(draft.deadline, tz, i18n.locale)
    elif step == "description" and draft.description:
        value = esc(draft.description[:300])
    elif step == "reminders":
        value = reminders_text(i18n, draft.reminders)
    return value


def reminders_text(i18n: I18nContext, minutes: list[int]) -> str:
    if not minutes:
        return i18n.get("ev-reminders-none")
    parts = []
    for m in minutes:
        if m % 60 == 0:
            parts.append(i18n.get("ev-reminder-hours", n=m // 60))
        else:
            parts.append(i18n.get("ev-reminder-minutes", n=m))
    return ", ".join(parts)


def deadline_picker(i18n: I18nContext, draft: ev.EventDraft, tz: ZoneInfo, now: datetime,
                    month: date | None) -> list[list[InlineKeyboardButton]]:
    """The date picker for the registration deadline: from today to the day before the first
    session (a picked day closes registration at 23:59 of it; ``ev.parse_deadline`` checks)."""
    today = now.astimezone(tz).date()
    latest = None
    if draft.sessions:
        first = min(s.starts_at for s in draft.sessions).astimezone(tz).date()
        latest = first - timedelta(days=1)
        if latest < today:
            return []  # the event starts tomorrow at the latest: «until the start» or typed
    selected = draft.deadline.astimezone(tz).date() if draft.deadline else None
    return dates.date_picker(
        i18n.get, i18n.locale, today=today, shown=month, selected=selected, earliest=today,
        latest=latest, pick=lambda d: EvChoiceCb(value="d" + dates.day_value(d)).pack(),
        show=lambda m: EvChoiceCb(value="m" + dates.month_value(m)).pack())


async def ask(event: CallbackQuery | Message, state: FSMContext, i18n: I18nContext,
              uow: UnitOfWork, actor: Actor, tz: ZoneInfo, step: str,
              error: DomainError | None = None, intro: str | None = None,
              new: bool = False, month: date | None = None) -> None:
    await state.set_state(getattr(EventFormSt, step))
    data = await state.get_data()
    draft = _draft(data)
    steps = _steps(data)
    edit = data.get("mode") == "edit"
    back = edit or steps.index(step) > 0
    parts = []
    if intro:
        parts.append(intro)
    if error is not None:
        parts.append("⚠️ " + error_html(i18n, error))
    markup: InlineKeyboardMarkup
    if step in TEXT_STEPS:
        prompt = i18n.get(f"ev-ask-{step}")
        current = _current(i18n, draft, step, tz)
        if current:
            prompt += "\n" + i18n.get("ask-current", value=current)
        rows = _nav(i18n, step, data, draft, back)
        if step == "deadline":  # a day picked means «until the end of that day»
            rows = deadline_picker(i18n, draft, tz, uow.clock.now(), month) + rows
        markup = InlineKeyboardMarkup(inline_keyboard=rows)
    elif step == "form":
        prompt = i18n.get("ev-ask-form")
        b = InlineKeyboardBuilder()
        for f in ev.EventForm:
            mark = "✅ " if draft.form is f else ""
            b.button(text=mark + i18n.get(f"ev-form-{f.value}"),
                     callback_data=EvChoiceCb(value=f.value))
        b.adjust(2)
        b.row(*kb.nav_row(i18n, back=back))
        markup = b.as_markup()
    elif step == "level":
        prompt = i18n.get("ev-ask-level")
        b = InlineKeyboardBuilder()
        for lvl in ev.levels_for(actor, await ev.scope_orgs(uow, actor)):
            mark = "✅ " if draft.level is lvl else ""
            b.button(text=mark + i18n.get(f"ev-level-{lvl.value}"),
                     callback_data=EvChoiceCb(value=lvl.value))
        b.adjust(1)
        b.row(*kb.nav_row(i18n, back=back))
        markup = b.as_markup()
    elif step == "groups":
        prompt = i18n.get("ev-ask-groups")
        b = InlineKeyboardBuilder()
        for g in ev.COMPETENCE_GROUPS:
            mark = "✅ " if g in draft.groups else ""
            b.button(text=mark + i18n.get(f"ev-group-{g}"), callback_data=EvChoiceCb(value=g))
        b.adjust(1)
        b.row(kb.button(i18n.get("btn-done"), NavCb(action="done").pack()))
        b.row(*kb.nav_row(i18n, back=back))
        markup = b.as_markup()
    elif step == "organiser":
        prompt, markup = await _organiser_step(i18n, uow, actor, data, draft, back)
    elif step == "audience":
        prompt, markup = await _audience_step(i18n, uow, data, draft, back)
    else:  # confirm
        prompt, markup = await _confirm_step(i18n, uow, data, draft, tz, back)
    asked = [s for s in steps if s != "confirm"]
    if not edit and (place := counter.position(asked, step)) is not None:
        prompt = i18n.get("step-marker", n=place[0], total=place[1]) + "\n" + prompt
    parts.append(prompt)
    await show(event, "\n\n".join(parts), markup, new=new)


async def _organiser_step(i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                          data: dict[str, Any], draft: ev.EventDraft, back: bool
                          ) -> tuple[str, InlineKeyboardMarkup]:
    assert draft.level is not None
    kind = ev.LEVEL_ORG_KIND[draft.level]
    query, page = data.get("query"), int(data.get("page") or 0)
    result = await org_service.browse(uow, kind, None, query, page,
                                      within=await ev.scope_ids(uow, actor))
    prompt = i18n.get("ev-ask-organiser", kind=i18n.get(f"ev-orgkind-{kind.value}"))
    if query:
        prompt += "\n" + i18n.get("search-results", query=esc(query), count=result.total)
    if not result.items:
        prompt += "\n" + i18n.get("search-nothing" if query else "ev-error-no-organiser")
    markup = kb.org_page(i18n, result.items, result.page, result.total, query, back=back)
    return prompt, markup


async def _audience_step(i18n: I18nContext, uow: UnitOfWork, data: dict[str, Any],
                         draft: ev.EventDraft, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    assert draft.organiser_id is not None
    organiser = await uow.orgs.get(draft.organiser_id)
    assert organiser is not None
    selected = draft.audience or [organiser.id]
    names = await uow.orgs.get_many(selected)
    prompt = i18n.get("ev-ask-audience", org=esc(organiser.name)) + "\n" + i18n.get(
        "ev-audience-selected",
        orgs=esc("; ".join(names[i].name for i in selected if i in names)))
    b = InlineKeyboardBuilder()
    whole = "✅ " if selected == [organiser.id] else ""
    b.row(kb.button(whole + i18n.get("ev-audience-whole", org=organiser.name[:40]),
                    PickOrgCb(org_id=organiser.id).pack()))
    child = CHILD_KIND.get(organiser.kind)
    query, page = data.get("query"), int(data.get("page") or 0)
    if child is not None:
        result = await org_service.browse(uow, child, organiser.id, query, page)
        if query:
            prompt += "\n" + i18n.get("search-results", query=esc(query), count=result.total)
        else:
            prompt += "\n" + i18n.get("ev-audience-search")
        for org in result.items:
            mark = "✅ " if org.id in selected else ""
            b.row(kb.button((mark + org.name)[:60], PickOrgCb(org_id=org.id).pack()))
        pages = max((result.total + kb.PAGE_SIZE - 1) // kb.PAGE_SIZE, 1)
        if nav := kb.pager(result.page, pages, lambda n: PageCb(page=n).pack()):
            b.row(*nav)
        if query:
            b.row(kb.button(i18n.get("btn-reset-search"), NavCb(action="reset").pack()))
    b.row(kb.button(i18n.get("btn-done"), NavCb(action="done").pack()))
    b.row(*kb.nav_row(i18n, back=back))
    return prompt, b.as_markup()


async def draft_summary(i18n: I18nContext, uow: UnitOfWork, draft: ev.EventDraft,
                        tz: ZoneInfo) -> str:
    orgs = await uow.orgs.get_many([i for i in [draft.organiser_id, *draft.audience] if i])
    organiser = orgs.get(draft.organiser_id or 0)
    audience = draft.audience or ([organiser.id] if organiser else [])
    dash = "—"
    return i18n.get(
        "ev-summary",
        title=esc(draft.title or dash),
        form=i18n.get(f"ev-form-{draft.form.value}") if draft.form else dash,
        level=i18n.get(f"ev-level-{draft.level.value}") if draft.level else dash,
        organiser=esc(organiser.name) if organiser else dash,
        groups=", ".join(i18n.get(f"ev-group-{g}") for g in draft.groups) or dash,
        sessions="\n".join("• " + fmt_sessions([s], tz, i18n.locale) for s in draft.sessions) or dash,
        place=esc(draft.place or dash),
        link=esc(draft.online_url or dash),
        hours=_hours_line(i18n, draft.hours),
        capacity=str(draft.capacity) if draft.capacity else i18n.get("ev-unlimited"),
        deadline=fmt_dt(draft.deadline, tz, i18n.locale) if draft.deadline else i18n.get("ev-until-start"),
        audience=esc("; ".join(orgs[i].name for i in audience if i in orgs)) or dash,
        description=esc(draft.description or dash),
    )


def _hours_line(i18n: I18nContext, hours: ev.Hours) -> str:
    from handlers.events.catalogue import hours_text

    return hours_text(i18n, hours)


async def _confirm_step(i18n: I18nContext, uow: UnitOfWork, data: dict[str, Any],
                        draft: ev.EventDraft, tz: ZoneInfo, back: bool
                        ) -> tuple[str, InlineKeyboardMarkup]:
    b = InlineKeyboardBuilder()
    if data.get("mode") == "edit":  # a reschedule: old → new, and who will be told
        event = await uow.events.get(int(data["event_id"]))
        assert event is not None
        people = len(await uow.events.active_people(event.id))
        prompt = i18n.get("ev-reschedule-confirm", title=esc(event.title),
                          old=sessions_text(event, tz, i18n.locale),
                          new="\n".join("• " + fmt_sessions([s], tz, i18n.locale) for s in draft.sessions),
                          people=people)
        b.row(kb.button(i18n.get("ev-btn-reschedule-go"), NavCb(action="confirm").pack()))
    else:
        prompt = i18n.get("ev-ask-confirm") + "\n\n" + await draft_summary(i18n, uow, draft, tz)
        b.row(kb.button(i18n.get("ev-btn-publish"), NavCb(action="confirm").pack()))
    b.row(*kb.nav_row(i18n, back=back))
    return prompt, b.as_markup()


def _step_of(raw: str | None) -> str | None:
    if raw and raw.startswith("EventFormSt:"):
        return raw.split(":", 1)[1]
    return None
