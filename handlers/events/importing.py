"""Events for organisers: import from XLSX/CSV by a template, and the template itself (with
the organiser's organisations and the vocabularies on reference sheets)."""

from __future__ import annotations

import asyncio
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from domain import events as ev
from domain import orgs as org_service
from domain.access import Actor, require_coordinator
from domain.entities import Org
from domain.enums import OrgKind
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers import uploads
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.events import files
from handlers.events.callbacks import EvOrgCb, OrgAction
from handlers.events.catalogue import error_html
from handlers.events.organiser import fit, organiser_menu
from handlers.filters import Onboarded
from handlers.routing import Routes
from handlers.views import ack, esc, escaped_params, show

router = Routes("events_import")

LOCALES = ("ru", "en")


class ImportSt(StatesGroup):
    file = State()



@router.callback_query(EvOrgCb.filter(F.action == OrgAction.IMPORT), Onboarded())
async def start_import(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                       actor: Actor) -> None:
    require_coordinator(actor)
    await ack(query)
    await state.set_state(ImportSt.file)
    await state.set_data({})
    await show(query, i18n.get("ev-import-ask", max=ev.IMPORT_MAX_ROWS), _import_markup(i18n),
               new=False)


@router.callback_query(EvOrgCb.filter(F.action == OrgAction.TEMPLATE), Onboarded())
async def template(query: CallbackQuery, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                   tz: ZoneInfo, bot: Bot, i18n_core: BaseCore) -> None:
    require_coordinator(actor)
    await ack(query)
    body = await build_template_file(uow, actor, i18n, i18n_core, tz)
    await bot.send_document(query.from_user.id,
                            BufferedInputFile(body, filename="events-template.xlsx"),
                            caption=i18n.get("ev-template-caption"))


@router.message(Command("cancel"), StateFilter(ImportSt), Onboarded())
async def cancel_import(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(None)
    await message.answer(i18n.get("ev-org-title"), reply_markup=organiser_menu(i18n))


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
        i18n.get("ev-tpl-example-mark") + " " + i18n.get("ev-tpl-example-title"),
        i18n.get("ev-form-seminar"),
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
    column = {f: n for n, f in enumerate(ev.IMPORT_FIELDS)}
    dropdowns = [(column["form"], 0, 0), (column["level"], 1, 0), (column["organiser"], 3, 2)]
    return await asyncio.to_thread(files.build_template, headers, examples, notes, reference,
                                   dropdowns)


def example_marks(core: BaseCore) -> tuple[str, ...]:
    """How the template's example row begins, in every language: it is not an event."""
    return tuple(core.get("ev-tpl-example-mark", locale).casefold() for locale in LOCALES)


def without_examples(rows: list[tuple[int, dict[str, Any]]], marks: tuple[str, ...]
                     ) -> tuple[list[tuple[int, dict[str, Any]]], list[int]]:
    """The rows to import, and the lines of example rows left in the file (skipped)."""
    kept, skipped = [], []
    for line, row in rows:
        title = " ".join(str(row.get("title") or "").split()).casefold()
        (skipped if title.startswith(marks) else kept).append((line, row))
    return kept, [line for line, _ in skipped]


# ---- import ---------------------------------------------------------------------------------

#: an events plan: the template has 15 columns; a description may be 2000 characters (longer
#: ones are reported by the row's check, so cells are allowed a little more)
IMPORT_LIMITS = uploads.TableLimits(max_bytes=2 * uploads.MB, max_rows=ev.IMPORT_MAX_ROWS,
                                    max_columns=40, max_cell_chars=5000)


def _import_markup(i18n: I18nContext) -> InlineKeyboardMarkup:
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("ev-org-template"), EvOrgCb(action=OrgAction.TEMPLATE, page=0).pack()))
    b.row(kb.button(i18n.get("btn-cancel"), EvOrgCb(action=OrgAction.MENU, page=0).pack()))
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
    rows, examples = without_examples(rows, example_marks(i18n_core))
    report = await ev.import_rows(uow, actor, rows, aliases(i18n_core), tz, uow.clock.now())
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    lines = [i18n.get("ev-import-done", created=len(report.created), rows=report.rows,
                      errors=len({e.line for e in report.errors}))]
    if examples:
        lines.append(i18n.get("ev-import-example-skipped",
                              lines=", ".join(str(n) for n in examples[:10])))
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
    b.row(kb.button(i18n.get("ev-import-again"), EvOrgCb(action=OrgAction.IMPORT, page=0).pack()))
    b.row(kb.button(i18n.get("ev-org-mine"), EvOrgCb(action=OrgAction.MINE, page=0).pack()))
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await message.answer(fit(lines), reply_markup=b.as_markup())


