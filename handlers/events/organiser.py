"""Events for organisers (coordinators inside their scope, admins anywhere): create and edit by
a conversation, reschedule and cancel, attendance, check-in codes, XLSX export, import from
XLSX/CSV by a template.

The conversation keeps its draft in FSM data (JSON), so a restart or a wrong tap loses nothing.
"""

from __future__ import annotations

import asyncio
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from domain import events as ev
from domain import orgs as org_service
from domain.access import Actor, require_coordinator
from domain.entities import Org
from domain.enums import OrgKind
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers import uploads
from handlers.callbacks import MenuCb, NavCb, PageCb, PickOrgCb
from handlers.events import files
from handlers.events.callbacks import EvAdmCb, EvAttCb, EvChoiceCb, EvEditCb, EvOrgCb
from handlers.events.catalogue import EvCardCb, error_html, error_plain, event_text, sessions_text
from handlers.filters import Onboarded, PlainText
from handlers.formatting import fmt_day_month
from handlers.routing import Routes
from handlers.views import ack, esc, escaped_params, fmt_dt, fmt_hours, fmt_sessions, show

router = Routes("events_admin")

LOCALES = ("ru", "en")


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


class ImportSt(StatesGroup):
    file = State()


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


# ---- the organiser's section ------------------------------------------------------------


def organiser_menu(i18n: I18nContext) -> InlineKeyboardMarkup:
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("ev-org-create"), EvOrgCb(action="create", page=0).pack()))
    b.row(kb.button(i18n.get("ev-org-mine"), EvOrgCb(action="mine", page=0).pack()))
    b.row(kb.button(i18n.get("ev-org-import"), EvOrgCb(action="import", page=0).pack()),
          kb.button(i18n.get("ev-org-template"), EvOrgCb(action="template", page=0).pack()))
    b.row(kb.button(i18n.get("btn-back"), MenuCb(to="invites-home").pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    return b.as_markup()


@router.callback_query(MenuCb.filter(F.to == "ev-org"), Onboarded())
async def organiser_section(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                            actor: Actor) -> None:
    require_coordinator(actor)
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await show(query, i18n.get("ev-org-title"), organiser_menu(i18n))


@router.callback_query(EvOrgCb.filter(), Onboarded())
async def organiser_action(query: CallbackQuery, callback_data: EvOrgCb, state: FSMContext,
                           i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo,
                           bot: Bot, i18n_core: BaseCore) -> None:
    require_coordinator(actor)
    action = callback_data.action
    if action == "menu":
        await organiser_section(query, state, i18n, actor)
    elif action == "create":
        await ack(query)
        await state.set_state(None)
        await state.set_data({"mode": "create", "draft": ev.EventDraft().to_dict(), "page": 0,
                              "query": None})
        await ask(query, state, i18n, uow, actor, tz, "title",
                  intro=i18n.get("ev-form-intro"))
    elif action == "mine":
        await ack(query)
        await state.set_state(None)
        await render_mine(query, i18n, uow, actor, tz, callback_data.page)
    elif action == "import":
        await ack(query)
        await state.set_state(ImportSt.file)
        await state.set_data({})
        await show(query, i18n.get("ev-import-ask", max=ev.IMPORT_MAX_ROWS),
                   _import_markup(i18n), new=False)
    elif action == "template":
        await ack(query)
        body = await build_template_file(uow, actor, i18n, i18n_core, tz)
        await bot.send_document(query.from_user.id,
                                BufferedInputFile(body, filename="events-template.xlsx"),
                                caption=i18n.get("ev-template-caption"))
    else:
        raise ValidationError("error-choice-unknown")


async def render_mine(event: CallbackQuery | Message, i18n: I18nContext, uow: UnitOfWork,
                      actor: Actor, tz: ZoneInfo, page: int) -> None:
    now = uow.clock.now()
    result = await ev.organised(uow, actor, page, now)
    lines = [i18n.get("ev-org-mine-title")]
    b = InlineKeyboardBuilder()
    if not result.items:
        lines.append(i18n.get("ev-org-mine-none"))
    for n, (e, counts) in enumerate(result.items, result.page * ev.LIST_PAGE + 1):
        state_mark = ("🚫 " if e.is_cancelled else "✔️ " if e.ends_at <= now else "")
        capacity = str(e.capacity) if e.capacity is not None else "∞"
        lines.append(i18n.get(
            "ev-org-mine-line", n=n, mark=state_mark, when=fmt_dt(e.starts_at, tz, i18n.locale),
            title=esc(e.title), taken=counts.held, capacity=capacity, waiting=counts.waitlisted,
        ))
        b.row(kb.button(f"{n}. {state_mark}{fmt_day_month(e.starts_at.astimezone(tz), i18n.locale)} · {e.title}"[:64],
                        EvAdmCb(action="card", event_id=e.id, page=result.page).pack()))
    if nav := kb.pager(result.page, result.pages,
                       lambda n: EvOrgCb(action="mine", page=n).pack()):
        b.row(*nav)
    b.row(kb.button(i18n.get("ev-org-create"), EvOrgCb(action="create", page=0).pack()))
    b.row(kb.button(i18n.get("btn-back"), EvOrgCb(action="menu", page=0).pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(event, "\n".join(lines), b.as_markup())


# ---- an event, as its organiser sees it -----------------------------------------------------


async def render_admin_card(event: CallbackQuery | Message, i18n: I18nContext, uow: UnitOfWork,
                            actor: Actor, tz: ZoneInfo, event_id: int, page: int = 0,
                            notice: str | None = None, new: bool = False) -> None:
    e, organiser, counts = await ev.manage_view(uow, actor, event_id)
    text = event_text(i18n, e, organiser.name, counts, tz)
    text += "\n\n" + i18n.get("ev-adm-counts", confirmed=counts.confirmed, offered=counts.offered,
                              waiting=counts.waitlisted, attended=counts.attended)
    if notice:
        text = notice + "\n\n" + text
    b = InlineKeyboardBuilder()
    now = uow.clock.now()
    active = not e.is_cancelled and e.ends_at > now

    def adm(action: str, p: int = 0) -> str:
        return EvAdmCb(action=action, event_id=e.id, page=p).pack()

    if active:
        b.row(kb.button(i18n.get("ev-adm-edit"), adm("edit")),
              kb.button(i18n.get("ev-adm-reschedule"),
                        EvEditCb(event_id=e.id, field="sessions").pack()))
    if not e.is_cancelled:
        b.row(kb.button(i18n.get("ev-adm-attendance"), adm("att")),
              kb.button(i18n.get("ev-adm-code"), adm("code")))
    b.row(kb.button(i18n.get("ev-adm-export"), adm("export")),
          kb.button(i18n.get("ev-adm-history"), adm("hist")))
    if counts.attended and not e.is_cancelled:
        from handlers.callbacks import CertCb, FbCb  # feedback and certificates (documents)

        b.row(kb.button(i18n.get("fb-btn-organiser"), FbCb(a="event", id=e.id).pack()),
              kb.button(i18n.get("cert-btn-issue-all"), CertCb(a="all", id=e.id).pack()))
    b.row(kb.button(i18n.get("ev-adm-as-teacher"),
                    EvCardCb(event_id=e.id, src="o", page=page, form="*", level="*",
                             month="*").pack()))
    if active:
        from handlers.callbacks import BcCb  # announce to the audience

        b.row(kb.button(i18n.get("bc-btn-announce"), BcCb(a="ann", id=e.id).pack()))
        b.row(kb.button(i18n.get("ev-adm-cancel"), adm("cancel")))
    b.row(kb.button(i18n.get("ev-adm-to-list"), EvOrgCb(action="mine", page=page).pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(event, text, b.as_markup(), new=new)


@router.callback_query(EvAdmCb.filter(), Onboarded())
async def admin_action(query: CallbackQuery, callback_data: EvAdmCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo,
                       bot: Bot) -> None:
    action, event_id, page = callback_data.action, callback_data.event_id, callback_data.page
    now = uow.clock.now()
    await state.set_state(None)
    if action == "card":
        await ack(query)
        await render_admin_card(query, i18n, uow, actor, tz, event_id, page)
    elif action == "edit":
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
    elif action == "cancel":
        e, _, counts = await ev.manage_view(uow, actor, event_id)
        await ack(query)
        b = InlineKeyboardBuilder()
        b.row(kb.button(i18n.get("ev-adm-cancel-yes"),
                        EvAdmCb(action="cancel_yes", event_id=e.id, page=0).pack()))
        b.row(kb.button(i18n.get("ev-adm-cancel-no"),
                        EvAdmCb(action="card", event_id=e.id, page=0).pack()))
        await show(query, i18n.get("ev-adm-cancel-confirm", title=esc(e.title),
                                   people=counts.held + counts.waitlisted), b.as_markup())
    elif action == "cancel_yes":
        told = await ev.cancel_event(uow, actor, event_id, tz, now)
        await uow.commit()
        await ack(query)
        await render_admin_card(query, i18n, uow, actor, tz, event_id,
                                notice="✅ " + i18n.get("ev-adm-cancelled", people=told))
    elif action == "att":
        await ack(query)
        await render_attendance(query, i18n, uow, actor, tz, event_id, page)
    elif action == "code":
        e, code = await ev.issue_checkin_code(uow, actor, event_id)
        await uow.commit()
        await ack(query)
        opens, closes = ev.checkin_window(e)
        markup = InlineKeyboardMarkup(inline_keyboard=[[kb.button(
            i18n.get("btn-back"), EvAdmCb(action="card", event_id=e.id, page=0).pack())]])
        await show(query, i18n.get("ev-adm-code-text", title=esc(e.title), code=code,
                                   opens=fmt_dt(opens, tz, i18n.locale), closes=fmt_dt(closes, tz, i18n.locale)), markup)
    elif action == "export":
        e, items = await ev.export_registrants(uow, actor, event_id)
        await ack(query)
        body = await asyncio.to_thread(
            files.build_registrants, e.title, export_headers(i18n),
            export_rows(i18n, items, tz))
        await bot.send_document(query.from_user.id,
                                BufferedInputFile(body, filename=f"registrants-{e.id}.xlsx"),
                                caption=i18n.get("ev-export-caption", title=esc(e.title),
                                                 count=len(items)))
    elif action == "hist":
        e, changes = await ev.history(uow, actor, event_id)
        await ack(query)
        lines = [i18n.get("ev-hist-title", title=esc(e.title))]
        for ch in changes:
            lines.append(describe_change(i18n, ch, tz))
        markup = InlineKeyboardMarkup(inline_keyboard=[[kb.button(
            i18n.get("btn-back"), EvAdmCb(action="card", event_id=e.id, page=0).pack())]])
        await show(query, fit(lines), markup)
    else:
        raise ValidationError("error-choice-unknown")


def fit(lines: list[str], limit: int = 3900) -> str:
    """Whole lines up to Telegram's limit (a cut inside an HTML entity breaks the message)."""
    out: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit:
            out.append("…")
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


def describe_change(i18n: I18nContext, ch: ev.EventChange, tz: ZoneInfo) -> str:
    when = fmt_dt(ch.at, tz, i18n.locale)
    if ch.kind is ev.ChangeKind.CREATED:
        return i18n.get("ev-hist-created", when=when)
    if ch.kind is ev.ChangeKind.CANCELLED:
        return i18n.get("ev-hist-cancelled", when=when)
    if ch.kind is ev.ChangeKind.RESCHEDULED:
        return i18n.get("ev-hist-rescheduled", when=when, old=_value(ch.field, ch.old, tz, i18n.locale),
                        new=_value(ch.field, ch.new, tz, i18n.locale))
    return i18n.get("ev-hist-edited", when=when, field=i18n.get(f"ev-chg-{ch.field or 'title'}"),
                    old=esc(_value(ch.field, ch.old, tz, i18n.locale)), new=esc(_value(ch.field, ch.new, tz, i18n.locale)))


def _value(field: str | None, value: Any, tz: ZoneInfo, locale: str) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if field == "sessions":
        from datetime import datetime

        return fmt_sessions([ev.Session(datetime.fromisoformat(a), datetime.fromisoformat(b))
                                for a, b in value], tz, locale)
    if field == "deadline":
        from datetime import datetime

        return fmt_dt(datetime.fromisoformat(value), tz, locale)
    if field == "hours":
        return " / ".join(fmt_hours(float(h), locale) for h in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)[:80]


# ---- attendance ---------------------------------------------------------------------------


async def render_attendance(event: CallbackQuery | Message, i18n: I18nContext, uow: UnitOfWork,
                            actor: Actor, tz: ZoneInfo, event_id: int, page: int) -> None:
    e, items, page, pages = await ev.registrants(uow, actor, event_id, page)
    counts = await uow.events.counts(e.id)
    text = i18n.get("ev-att-title", title=esc(e.title), attended=counts.attended,
                    confirmed=counts.confirmed)
    if not items:
        text += "\n\n" + i18n.get("ev-att-none")
    b = InlineKeyboardBuilder()
    for item in items:
        reg = item.registration
        mark = "✅" if reg.attended_at else "⬜"
        label = f"{mark} {item.full_name or '—'}"
        if item.school:
            label += f" · {item.school}"
        b.row(kb.button(label[:64], EvAttCb(event_id=e.id, reg_id=reg.id, page=page).pack()))
    if nav := kb.pager(page, pages, lambda n: EvAdmCb(action="att", event_id=e.id, page=n).pack()):
        b.row(*nav)
    b.row(kb.button(i18n.get("btn-back"), EvAdmCb(action="card", event_id=e.id, page=0).pack()))
    await show(event, text, b.as_markup())


@router.callback_query(EvAttCb.filter(), Onboarded())
async def toggle_attendance(query: CallbackQuery, callback_data: EvAttCb, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    try:
        reg = await ev.toggle_attendance(uow, actor, callback_data.event_id,
                                         callback_data.reg_id, uow.clock.now())
    except ValidationError as err:
        await uow.rollback()
        await ack(query, error_plain(i18n, err), alert=True)
        return
    await uow.commit()
    await ack(query, i18n.get("ev-att-marked" if reg.attended_at else "ev-att-unmarked"))
    await render_attendance(query, i18n, uow, actor, tz, callback_data.event_id,
                            callback_data.page)


# ---- export and template ----------------------------------------------------------------


def export_headers(i18n: I18nContext) -> list[str]:
    return [i18n.get(f"ev-xl-{c}") for c in (
        "n", "name", "school", "municipality", "status", "position", "registered", "attended")]


def export_rows(i18n: I18nContext, items: list[ev.Registrant], tz: ZoneInfo) -> list[list[Any]]:
    rows = []
    for n, item in enumerate(items, 1):
        reg = item.registration
        rows.append([
            n, item.full_name or "", item.school or "", item.municipality or "",
            i18n.get(f"ev-status-{reg.status.value}"), item.position or "",
            fmt_dt(reg.created_at, tz, i18n.locale), fmt_dt(reg.attended_at, tz, i18n.locale) if reg.attended_at else "",
        ])
    return rows


def header_map(core: BaseCore) -> dict[str, str]:
    out: dict[str, str] = {}
    for field in ev.IMPORT_FIELDS:
        out[files.normalise_header(field)] = field
        for locale in LOCALES:
            out[files.normalise_header(core.get(f"ev-col-{field}", locale))] = field
    return out


def aliases(core: BaseCore) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {"form": {}, "level": {}, "groups": {}}
    sources: list[tuple[str, str, list[str]]] = [
        ("form", "ev-form", [f.value for f in ev.EventForm]),
        ("level", "ev-level", [lvl.value for lvl in ev.EventLevel]),
        ("groups", "ev-group", list(ev.COMPETENCE_GROUPS)),
    ]
    for field, prefix, values in sources:
        for value in values:
            table[field][value.casefold()] = value
            for locale in LOCALES:
                label = core.get(f"{prefix}-{value}", locale)
                table[field][" ".join(label.split()).casefold()] = value
                for extra in core.get(f"{prefix}-{value}-aliases", locale).split("|"):
                    if extra.strip():
                        table[field][" ".join(extra.split()).casefold()] = value
    return table


async def build_template_file(uow: UnitOfWork, actor: Actor, i18n: I18nContext, core: BaseCore,
                              tz: ZoneInfo) -> bytes:
    headers = [i18n.get(f"ev-col-{f}") + (" *" if f in ev.REQUIRED_FIELDS else "")
               for f in ev.IMPORT_FIELDS]
    scope = await ev.scope_ids(uow, actor)
    orgs: list[Org] = []
    for kind in (OrgKind.REGION, OrgKind.MUNICIPALITY, OrgKind.SCHOOL):
        page = 0
        while len(orgs) < 3000:
            result = await org_service.browse(uow, kind, None, None, page, 500, within=scope)
            orgs += result.items
            if (page + 1) * 500 >= result.total:
                break
            page += 1
    example_org = next((o for o in orgs if o.kind is OrgKind.MUNICIPALITY), orgs[0] if orgs
                       else None)
    level = {OrgKind.REGION: "regional", OrgKind.MUNICIPALITY: "municipal",
             OrgKind.SCHOOL: "school"}[example_org.kind] if example_org else "municipal"
    year = uow.clock.now().astimezone(tz).year + 1
    examples = [[
        i18n.get("ev-tpl-example-title"), i18n.get("ev-form-seminar"),
        i18n.get(f"ev-level-{level}"), example_org.name if example_org else "",
        f"{i18n.get('ev-group-methodological')}; {i18n.get('ev-group-psycho_pedagogical')}",
        f"20.02.{year} 14:00-17:00; 21.02.{year} 14:00-17:00",
        i18n.get("ev-tpl-example-place"), "", 6, 0, 2, 30, f"18.02.{year} 18:00", "",
        i18n.get("ev-tpl-example-description"),
    ]]
    notes = i18n.get("ev-tpl-notes").split("\n")
    reference: list[tuple[str, list[str], list[list[Any]]]] = [
        (i18n.get("ev-tpl-sheet-forms"), [i18n.get("ev-col-form")],
         [[i18n.get(f"ev-form-{f.value}")] for f in ev.EventForm]),
        (i18n.get("ev-tpl-sheet-levels"), [i18n.get("ev-col-level")],
         [[i18n.get(f"ev-level-{lvl.value}")] for lvl in ev.EventLevel]),
        (i18n.get("ev-tpl-sheet-groups"), [i18n.get("ev-col-groups")],
         [[i18n.get(f"ev-group-{g}")] for g in ev.COMPETENCE_GROUPS]),
        (i18n.get("ev-tpl-sheet-orgs"), ["id", i18n.get("ev-tpl-org-kind"), i18n.get("ev-tpl-org-name")],
         [[o.id, i18n.get(f"ev-orgkind-{o.kind.value}"), o.name] for o in orgs]),
    ]
    return await asyncio.to_thread(files.build_template, headers, examples, notes, reference)


# ---- import ---------------------------------------------------------------------------------

#: an events plan: the template has 15 columns; a description may be 2000 characters (longer
#: ones are reported by the row's check, so cells are allowed a little more)
IMPORT_LIMITS = uploads.TableLimits(max_bytes=2 * uploads.MB, max_rows=ev.IMPORT_MAX_ROWS,
                                    max_columns=40, max_cell_chars=5000)


def _import_markup(i18n: I18nContext) -> InlineKeyboardMarkup:
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("ev-org-template"), EvOrgCb(action="template", page=0).pack()))
    b.row(kb.button(i18n.get("btn-cancel"), EvOrgCb(action="menu", page=0).pack()))
    return b.as_markup()


@router.message(StateFilter(ImportSt.file), Onboarded())
async def import_file(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                      actor: Actor, tz: ZoneInfo, bot: Bot, i18n_core: BaseCore) -> None:
    require_coordinator(actor)
    doc = message.document
    if doc is None:
        if message.text and message.text.startswith("/cancel"):
            await state.set_state(None)
            await message.answer(i18n.get("ev-org-title"), reply_markup=organiser_menu(i18n))
            return
        await message.answer(i18n.get("ev-import-need-file"), reply_markup=_import_markup(i18n))
        return
    name = doc.file_name or ""
    if not name.casefold().endswith(uploads.TABLE_SUFFIXES):
        await message.answer(i18n.get("ev-import-bad-type"), reply_markup=_import_markup(i18n))
        return
    if (doc.file_size or 0) > IMPORT_LIMITS.max_bytes:
        await message.answer(i18n.get("ev-import-too-big", mb=IMPORT_LIMITS.max_bytes // 2**20),
                             reply_markup=_import_markup(i18n))
        return
    data = await bot.download(doc)
    raw_bytes = data.getvalue() if data is not None else b""  # type: ignore[attr-defined]
    try:
        raw = await uploads.off_loop(uploads.read_table, raw_bytes, name, IMPORT_LIMITS)
    except uploads.FileProblem as problem:
        await message.answer("⚠️ " + i18n.get(problem.key, **escaped_params(problem.params)),
                             reply_markup=_import_markup(i18n))
        return
    try:
        rows, unknown = files.rows_to_dicts(raw, header_map(i18n_core))
    except LookupError:
        await message.answer(i18n.get("ev-import-unreadable"), reply_markup=_import_markup(i18n))
        return
    report = await ev.import_rows(uow, actor, rows, aliases(i18n_core), tz, uow.clock.now())
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    lines = [i18n.get("ev-import-done", created=len(report.created), rows=report.rows,
                      errors=len({e.line for e in report.errors}))]
    if unknown:
        lines.append(i18n.get("ev-import-unknown-columns",
                              columns=esc(", ".join(unknown)[:300])))
    shown = report.errors[:30]
    for err in shown:
        message_text = error_html(i18n, DomainError(err.key, **err.params))
        if err.field:
            lines.append(i18n.get("ev-import-error-field", line=err.line,
                                  field=i18n.get(f"ev-col-{err.field}"), error=message_text))
        else:
            lines.append(i18n.get("ev-import-error-row", line=err.line, error=message_text))
    if len(report.errors) > len(shown):
        lines.append(i18n.get("ev-import-more", count=len(report.errors) - len(shown)))
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("ev-import-again"), EvOrgCb(action="import", page=0).pack()))
    b.row(kb.button(i18n.get("ev-org-mine"), EvOrgCb(action="mine", page=0).pack()))
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await message.answer(fit(lines), reply_markup=b.as_markup())


# ---- the create / edit conversation -----------------------------------------------------------


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


async def ask(event: CallbackQuery | Message, state: FSMContext, i18n: I18nContext,
              uow: UnitOfWork, actor: Actor, tz: ZoneInfo, step: str,
              error: DomainError | None = None, intro: str | None = None,
              new: bool = False) -> None:
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
        markup = InlineKeyboardMarkup(inline_keyboard=_nav(i18n, step, data, draft, back))
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
    if not edit and step != "confirm":
        prompt = i18n.get("step-marker", n=steps.index(step) + 1, total=len(steps) - 1) + \
            "\n" + prompt
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


# ---- the conversation: entering an edit -------------------------------------------------------


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


@router.message(Command("cancel"), StateFilter(EventFormSt, ImportSt), Onboarded())
async def cancel_command(message: Message, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    if await state.get_state() == ImportSt.file.state:
        await state.set_state(None)
        await message.answer(i18n.get("ev-org-title"), reply_markup=organiser_menu(i18n))
        return
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
