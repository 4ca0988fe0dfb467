"""«🏫 Загрузить организации»: an admin sends the organisations file (CSV or XLSX: region,
municipality, school) in the chat. The bot reads it with the operator's command-line reader
and limits, shows what the import would add and the first problems with their row numbers,
and writes nothing until «Применить». The file's Telegram id is kept in the FSM data (stored
in the database or Redis), so a restart between the preview and the confirmation loses
nothing; «Применить» reads the same file again. A fixed file sent instead replaces the
preview."""

from __future__ import annotations

import asyncio
import io

from aiogram import Bot, F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import orgs as org_service
from domain.access import Actor, require_admin
from domain.enums import OrgKind
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers import uploads
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.filters import Onboarded
from handlers.routing import Router
from handlers.territory.common import TerrCb, TerrStates
from handlers.views import ack, esc, escaped_params, show

#: the operator's org list, in the chat and on the command line (bot/cli.py import-orgs)
ORG_LIMITS = uploads.TableLimits(max_bytes=10 * uploads.MB,
                                 max_rows=org_service.IMPORT_MAX_ROWS, max_columns=20,
                                 max_cell_chars=1000, max_unpacked_bytes=60 * uploads.MB,
                                 seconds=60)
PROBLEMS_SHOWN = 10
TEXT_LIMIT = 3900
KINDS = (OrgKind.REGION, OrgKind.MUNICIPALITY, OrgKind.SCHOOL)


def read_org_file(data: bytes, filename: str) -> list[tuple[int, list[object]]]:
    """The data rows of an organisations file (the header row skipped); raises
    ``uploads.FileProblem``. Blocking: call it through ``uploads.off_loop``."""
    return org_service.table_rows(uploads.read_table(data, filename, ORG_LIMITS))


def _ask_markup(i18n: I18nContext) -> InlineKeyboardMarkup:
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("terr-orgs-btn-template"), TerrCb(a="orgstpl").pack()))
    b.row(kb.button(i18n.get("btn-cancel"), TerrCb(a="orgsno").pack()))
    return b.as_markup()


async def start(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                actor: Actor) -> None:
    require_admin(actor)
    await ack(query)
    await state.set_state(TerrStates.orgs)
    await state.set_data({})
    await show(query, i18n.get("terr-orgs-ask", rows=ORG_LIMITS.max_rows,
                               mb=ORG_LIMITS.max_bytes // uploads.MB), _ask_markup(i18n))


def template_file(i18n: I18nContext) -> bytes:
    """A small XLSX: the header and an example row."""
    from handlers.territory.xlsx import write_workbook

    headers = [i18n.get("terr-orgs-col-region"), i18n.get("terr-orgs-col-municipality"),
               i18n.get("terr-orgs-col-school")]
    example = [i18n.get("terr-orgs-example-region"), i18n.get("terr-orgs-example-municipality"),
               i18n.get("terr-orgs-example-school")]
    out = io.BytesIO()
    write_workbook(out, [(i18n.get("terr-orgs-sheet"), headers, [34, 40, 60], [example])])
    return out.getvalue()


async def template(query: CallbackQuery, i18n: I18nContext, actor: Actor, bot: Bot) -> None:
    require_admin(actor)
    await ack(query)
    body = await asyncio.to_thread(template_file, i18n)
    await bot.send_document(query.from_user.id,
                            BufferedInputFile(body, filename="organisations-template.xlsx"),
                            caption=i18n.get("terr-orgs-template-caption"))


async def _read(bot: Bot, file_id: str, name: str) -> list[tuple[int, list[object]]]:
    buf = await bot.download(file_id)
    raw = buf.getvalue() if isinstance(buf, io.BytesIO) else b""
    return await uploads.off_loop(read_org_file, raw, name)


def _counts(i18n: I18nContext, counts: dict[OrgKind, int]) -> str:
    return i18n.get("terr-orgs-counts", regions=counts.get(OrgKind.REGION, 0),
                    municipalities=counts.get(OrgKind.MUNICIPALITY, 0),
                    schools=counts.get(OrgKind.SCHOOL, 0))


def _fit(lines: list[str]) -> str:
    text = "\n".join(lines)
    if len(text) <= TEXT_LIMIT:
        return text
    return text[: text.rfind("\n", 0, TEXT_LIMIT - 2)] + "\n…"


def preview_text(i18n: I18nContext, name: str, plan: org_service.ImportPlan) -> str:
    lines = [i18n.get("terr-orgs-preview", name=esc(name), rows=plan.rows),
             i18n.get("terr-orgs-new", counts=_counts(i18n, plan.new), total=plan.new_total),
             i18n.get("terr-orgs-unchanged", count=plan.unchanged)]
    if plan.problems:
        lines += ["", i18n.get("terr-orgs-problems", count=len(plan.problems))]
        for p in plan.problems[:PROBLEMS_SHOWN]:
            lines.append(i18n.get("terr-orgs-problem", line=p.line,
                                  error=i18n.get(p.key, **escaped_params(p.params))))
        if len(plan.problems) > PROBLEMS_SHOWN:
            lines.append(i18n.get("terr-orgs-more", count=len(plan.problems) - PROBLEMS_SHOWN))
    lines += ["", i18n.get("terr-orgs-nothing-yet" if plan.new_total else "terr-orgs-nothing-new")]
    return _fit(lines)


def _preview_markup(i18n: I18nContext, plan: org_service.ImportPlan) -> InlineKeyboardMarkup:
    b = InlineKeyboardBuilder()
    if plan.new_total:
        key = "terr-orgs-btn-apply-skip" if plan.problems else "terr-orgs-btn-apply"
        b.row(kb.button(i18n.get(key, count=plan.new_total), TerrCb(a="orgsok").pack()))
    b.row(kb.button(i18n.get("terr-orgs-btn-template"), TerrCb(a="orgstpl").pack()))
    b.row(kb.button(i18n.get("btn-cancel"), TerrCb(a="orgsno").pack()))
    return b.as_markup()


async def got_file(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                   actor: Actor, bot: Bot) -> None:
    require_admin(actor)
    doc = message.document
    if doc is None:
        if message.text and message.text.startswith("/cancel"):
            await _cancel(message, state, i18n)
            return
        await message.answer(i18n.get("terr-orgs-need-file"), reply_markup=_ask_markup(i18n))
        return
    name = doc.file_name or ""
    if not name.casefold().endswith(uploads.TABLE_SUFFIXES):
        await message.answer(i18n.get("terr-orgs-bad-type", name=esc(name[:100])),
                             reply_markup=_ask_markup(i18n))
        return
    if (doc.file_size or 0) > ORG_LIMITS.max_bytes:
        await message.answer(i18n.get("terr-orgs-too-big", mb=ORG_LIMITS.max_bytes // uploads.MB),
                             reply_markup=_ask_markup(i18n))
        return
    try:
        rows = await _read(bot, doc.file_id, name)
    except uploads.FileProblem as problem:
        await message.answer("⚠️ " + i18n.get(problem.key, **escaped_params(problem.params)),
                             reply_markup=_ask_markup(i18n))
        return
    if not rows:
        await message.answer(i18n.get("terr-orgs-empty"), reply_markup=_ask_markup(i18n))
        return
    plan = await org_service.plan_import(uow, actor, rows)
    await uow.commit()  # nothing was written: the preview only read
    # the file itself is kept (its Telegram id): «Применить» reads it again, after a restart too
    await state.set_state(TerrStates.orgs)
    await state.set_data({"orgs_file": doc.file_id, "orgs_name": name[:200]})
    await message.answer(preview_text(i18n, name, plan), reply_markup=_preview_markup(i18n, plan))


async def apply(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                actor: Actor, bot: Bot) -> None:
    require_admin(actor)
    data = await state.get_data()
    file_id, name = data.get("orgs_file"), str(data.get("orgs_name") or "")
    if await state.get_state() != TerrStates.orgs.state or not isinstance(file_id, str):
        await ack(query)
        await show(query, i18n.get("terr-orgs-stale"), _again_markup(i18n))
        return
    await ack(query)
    try:
        rows = await _read(bot, file_id, name)
    except uploads.FileProblem as problem:  # the same file read before: only if limits changed
        await show(query, "⚠️ " + i18n.get(problem.key, **escaped_params(problem.params)),
                   _ask_markup(i18n))
        return
    result = await org_service.apply_import(uow, actor, rows)
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    lines = [i18n.get("terr-orgs-done", name=esc(name), counts=_counts(i18n, result.created),
                      existing=result.existing, skipped=len(result.errors))]
    await show(query, "\n".join(lines), _again_markup(i18n))


def _again_markup(i18n: I18nContext) -> InlineKeyboardMarkup:
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("terr-orgs-btn-again"), TerrCb(a="orgs").pack()))
    b.row(kb.button(i18n.get("terr-orgs-btn-admin"), MenuCb(to="admin").pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    return b.as_markup()


async def _cancel(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(None)
    await state.set_data({})
    await show(event, i18n.get("terr-orgs-cancelled"), _again_markup(i18n))


async def cancel(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                 actor: Actor) -> None:
    require_admin(actor)
    await ack(query)
    await _cancel(query, state, i18n)


def build() -> Router:
    r = Router(name="territory_orgs")
    r.callback_query(TerrCb.filter(F.a == "orgs"), Onboarded())(start)
    r.callback_query(TerrCb.filter(F.a == "orgstpl"), Onboarded())(template)
    r.callback_query(TerrCb.filter(F.a == "orgsok"), Onboarded())(apply)
    r.callback_query(TerrCb.filter(F.a == "orgsno"), Onboarded())(cancel)
    r.message(StateFilter(TerrStates.orgs), Onboarded())(got_file)
    return r


__all__ = ["ORG_LIMITS", "build", "preview_text", "read_org_file", "template_file"]
