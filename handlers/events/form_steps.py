"""The event form's steps as the form engine draws them (``handlers/forms/engine.py``): which
apply (create: all; edit: the field's), the draft in FSM data, each step's prompt, current
value and buttons. What an answer does, and the form itself, are in ``form``."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram_i18n import I18nContext

from domain import events as ev
from domain import orgs as org_service
from domain.enums import OrgKind
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import NavCb
from handlers.events.callbacks import EvChoiceCb
from handlers.events.catalogue import sessions_text
from handlers.forms.engine import FormCtx, View, org_view, text_view
from handlers.views import esc, fmt_dt, fmt_hours, fmt_sessions
from handlers.widgets import dates


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


SKIPPABLE = {"place": "ev-btn-online-only", "link": "ev-btn-no-link",
             "capacity": "ev-btn-unlimited", "deadline": "ev-btn-until-start",
             "description": "ev-btn-skip"}


CHILD_KIND = {OrgKind.REGION: OrgKind.MUNICIPALITY, OrgKind.MUNICIPALITY: OrgKind.SCHOOL}


def _draft(data: dict[str, Any]) -> ev.EventDraft:
    return ev.EventDraft.from_dict(data.get("draft"))


async def _save_draft(c: FormCtx, draft: ev.EventDraft, **extra: Any) -> None:
    await c.update(draft=draft.to_dict(), **extra)


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


def _tz(c: FormCtx) -> ZoneInfo:
    tz: ZoneInfo = c.extra["tz"]
    return tz


def text_step(step: str) -> View:
    """A typed step: the prompt, the current value, keep / skip; the deadline adds its picker."""

    async def view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
        draft = _draft(c.data)
        above: list[list[InlineKeyboardButton]] = []
        if step == "deadline":  # a day picked means «until the end of that day»
            month = dates.read_month(c.data.get("month") or "")
            above = deadline_picker(c.i18n, draft, _tz(c), c.uow.clock.now(), month)
        return text_view(c.i18n, c.i18n.get(f"ev-ask-{step}"),
                         _current(c.i18n, draft, step, _tz(c)), back,
                         keep=_has_value(draft, step), skip=SKIPPABLE.get(step), above=above)

    return view


def _choices(c: FormCtx, back: bool, values: list[tuple[str, str, bool]], columns: int,
             done: bool = False) -> InlineKeyboardMarkup:
    b = InlineKeyboardBuilder()
    for value, label, on in values:
        b.button(text=("✅ " if on else "") + label, callback_data=EvChoiceCb(value=value))
    b.adjust(columns)
    if done:
        b.row(kb.button(c.i18n.get("btn-done"), NavCb(action="done").pack()))
    b.row(*kb.nav_row(c.i18n, back=back))
    return b.as_markup()


async def form_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    draft = _draft(c.data)
    return c.i18n.get("ev-ask-form"), _choices(c, back, [
        (f.value, c.i18n.get(f"ev-form-{f.value}"), draft.form is f) for f in ev.EventForm], 2)


async def level_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    draft = _draft(c.data)
    levels = ev.levels_for(c.actor, await ev.scope_orgs(c.uow, c.actor))
    return c.i18n.get("ev-ask-level"), _choices(c, back, [
        (lvl.value, c.i18n.get(f"ev-level-{lvl.value}"), draft.level is lvl) for lvl in levels], 1)


async def groups_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    draft = _draft(c.data)
    return c.i18n.get("ev-ask-groups"), _choices(c, back, [
        (g, c.i18n.get(f"ev-group-{g}"), g in draft.groups) for g in ev.COMPETENCE_GROUPS], 1,
        done=True)


async def organiser_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    draft = _draft(c.data)
    assert draft.level is not None
    kind = ev.LEVEL_ORG_KIND[draft.level]
    result = await org_service.browse(c.uow, kind, None, c.query, c.page,
                                      within=await ev.scope_ids(c.uow, c.actor))
    prompt = c.i18n.get("ev-ask-organiser", kind=c.i18n.get(f"ev-orgkind-{kind.value}"))
    return await org_view(c, prompt, result, back, empty="ev-error-no-organiser")


async def audience_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    """The organiser's whole territory, or some of the organisations inside it (a search over
    the next level down: a region's municipalities, a municipality's schools)."""
    i18n, draft = c.i18n, _draft(c.data)
    assert draft.organiser_id is not None
    organiser = await c.uow.orgs.get(draft.organiser_id)
    assert organiser is not None
    selected = draft.audience or [organiser.id]
    names = await c.uow.orgs.get_many(selected)
    prompt = i18n.get("ev-ask-audience", org=esc(organiser.name)) + "\n" + i18n.get(
        "ev-audience-selected",
        orgs=esc("; ".join(names[i].name for i in selected if i in names)))
    whole = "✅ " if selected == [organiser.id] else ""
    top = [kb.button(whole + i18n.get("ev-audience-whole", org=organiser.name[:40]),
                     c.pick_org(organiser.id))]
    done = [kb.button(i18n.get("btn-done"), NavCb(action="done").pack())]
    child = CHILD_KIND.get(organiser.kind)
    if child is None:  # a school: the whole of it, nothing to search
        return prompt, InlineKeyboardMarkup(
            inline_keyboard=[top, done, kb.nav_row(i18n, back=back)])
    result = await org_service.browse(c.uow, child, organiser.id, c.query, c.page)
    return await org_view(c, prompt, result, back, hint="ev-audience-search", top=top,
                          extra=done, marked=selected)


async def confirm_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return await _confirm_step(c.i18n, c.uow, c.data, _draft(c.data), _tz(c), back)


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
