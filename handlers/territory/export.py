"""«📥 Выгрузить в Excel»: one XLSX for the scope, laid out as a methodist expects (bold header
row, widths, frozen header, filters, dates as dates), built in a worker thread."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram_i18n import I18nContext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

import domain.territory as terr
from domain.access import Actor
from domain.ports import UnitOfWork
from handlers.filters import Onboarded
from handlers.territory.common import TerrCb
from handlers.views import ack, esc

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
#: text that a spreadsheet could take for a formula
FORMULA_START = ("=", "+", "-", "@")
#: columns holding a code, shown by its label: column key → locale prefix
LABELLED = {"position": "position", "category": "category", "route": "terr-route",
            "group": "terr-group", "form_kind": "crs-kind", "reg_status": "ev-status"}
DATE_FORMAT = "DD.MM.YYYY"


def write_cell(cell: Any, value: Any) -> None:
    """A value as its type; text starting like a formula is stored as text (never run)."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    elif isinstance(value, (date, datetime)):
        cell.number_format = DATE_FORMAT


def build_workbook(sheets: Sequence[tuple[str, Sequence[str], Sequence[int],
                                          Sequence[Sequence[Any]]]]) -> bytes:
    """(title, headers, widths, rows) per sheet → XLSX bytes. Pure: runs in a thread."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, widths, rows in sheets:
        ws = wb.create_sheet(title[:31])
        for col, header in enumerate(headers, 1):
            cell = ws.cell(row=1, column=col)
            write_cell(cell, header)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for r, row in enumerate(rows, 2):
            for col, value in enumerate(row, 1):
                write_cell(ws.cell(row=r, column=col), value)
        for col, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.freeze_panes = "A2"
        last = get_column_letter(max(len(headers), 1))
        ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 1)}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _converter(i18n: I18nContext, col: terr.Col, tz: ZoneInfo) -> Callable[[Any], Any]:
    prefix = LABELLED.get(col.key)
    if prefix is not None:
        return lambda v: i18n.get(f"{prefix}-{v}") if v else None
    if col.key == "form_status":
        return lambda v: i18n.get(f"terr-form-{v}") if v else None
    if col.kind is terr.ColKind.DATE:
        # a moment is shown as the local date; a date stays as it is
        return lambda v: (v.astimezone(tz).date() if isinstance(v, datetime) else v)
    if col.kind is terr.ColKind.NUMBER:
        return lambda v: round(float(v), 1) if v is not None else None
    return lambda v: v


def lay_out(i18n: I18nContext, sheets: list[terr.Sheet], tz: ZoneInfo
            ) -> list[tuple[str, list[str], list[int], list[list[Any]]]]:
    """Labels and local dates; the workbook itself is built in a thread."""
    out = []
    for sheet in sheets:
        convert = [_converter(i18n, col, tz) for col in sheet.cols]
        rows = [[fn(v) for fn, v in zip(convert, row, strict=True)] for row in sheet.rows]
        out.append((i18n.get(f"terr-sheet-{sheet.key}"),
                    [i18n.get(f"terr-col-{col.key}") for col in sheet.cols],
                    [col.width for col in sheet.cols], rows))
    return out


async def export(query: CallbackQuery, callback_data: TerrCb, i18n: I18nContext,
                 uow: UnitOfWork, actor: Actor, tz: ZoneInfo, bot: Bot) -> None:
    org, sheets = await terr.workbook(uow, actor, callback_data.org,
                                      terr.period(uow.clock.now(), tz))
    await ack(query, i18n.get("terr-xlsx-wait"))
    laid = lay_out(i18n, sheets, tz)
    body = await asyncio.to_thread(build_workbook, laid)
    teachers = len(sheets[0].rows) if sheets else 0
    await bot.send_document(
        query.from_user.id, BufferedInputFile(body, filename=f"territory-{org.id}.xlsx"),
        caption=i18n.get("terr-xlsx-caption", org=esc(org.name), teachers=teachers),
    )


def build() -> Router:
    r = Router(name="territory_export")
    r.callback_query(TerrCb.filter(F.a == "xlsx"), Onboarded())(export)
    return r


__all__ = ["build", "build_workbook", "lay_out", "write_cell"]
