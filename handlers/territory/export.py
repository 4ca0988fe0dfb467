"""«📥 Выгрузить в Excel»: one XLSX for the scope, laid out as a methodist expects (bold header
row, widths, frozen header, filters, dates as dates), built in a worker thread (XlsxWriter:
it only writes, which is all this needs, and fast; uploaded files are read by openpyxl in
handlers/uploads.py)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram_i18n import I18nContext

import domain.territory as terr
from domain.access import Actor
from domain.ports import UnitOfWork
from handlers.filters import Onboarded
from handlers.routing import Router
from handlers.territory.xlsx import DATE_FORMAT, FORMULA_START
from handlers.territory.common import TerrCb
from handlers.views import ack, esc

#: columns holding a code, shown by its label: column key → locale prefix
LABELLED = {"position": "position", "category": "category", "route": "terr-route",
            "group": "terr-group", "form_kind": "crs-kind", "reg_status": "ev-status"}


def build_workbook(sheets: Sequence[tuple[str, Sequence[str], Sequence[int],
                                          Sequence[Sequence[Any]]]]) -> bytes:
    """(title, headers, widths, rows) per sheet → XLSX bytes. Pure: runs in a thread.

    A streaming writer (handlers/territory/xlsx.py): rows go straight into the zip, a
    region's 150 000 rows take a couple of seconds (XlsxWriter took tens). Every text is an
    inline string, never a formula; text starting like one (= + - @) also gets Excel's quote
    prefix."""
    from handlers.territory.xlsx import write_workbook

    out = io.BytesIO()
    write_workbook(out, ((_sheet_title(t), h, w, rows) for t, h, w, rows in sheets))
    return out.getvalue()


def _sheet_title(title: str) -> str:
    """Excel's limits on a sheet name: 31 characters, none of [ ] : * ? / or a backslash."""
    for ch in "[]:*?/\\":
        title = title.replace(ch, " ")
    return title[:31]


def _converter(i18n: I18nContext, col: terr.Col, tz: ZoneInfo) -> Callable[[Any], Any]:
    prefix = LABELLED.get(col.key) or ("terr-form" if col.key == "form_status" else None)
    if prefix is not None:
        labels: dict[Any, str] = {}  # a few codes, 150 000 cells: each label formatted once

        def label(v: Any) -> Any:
            if not v:
                return None
            found = labels.get(v)
            if found is None:
                found = labels[v] = i18n.get(f"{prefix}-{v}")
            return found

        return label
    if col.kind is terr.ColKind.DATE:
        # a moment is shown as the local date; a date stays as it is
        return lambda v: (v.astimezone(tz).date() if isinstance(v, datetime) else v)
    if col.kind is terr.ColKind.NUMBER:
        return lambda v: round(float(v), 1) if v is not None else None
    return _same


def lay_out(i18n: I18nContext, sheets: list[terr.Sheet], tz: ZoneInfo
            ) -> list[tuple[str, list[str], list[int], Iterator[list[Any]]]]:
    """Labels and local dates. The rows are generators, converted as the workbook is
    written (in the worker thread): only the columns that need it are touched."""
    out = []
    for sheet in sheets:
        convert = [(i, fn) for i, col in enumerate(sheet.cols)
                   if (fn := _converter(i18n, col, tz)) is not _same]
        out.append((i18n.get(f"terr-sheet-{sheet.key}"),
                    [i18n.get(f"terr-col-{col.key}") for col in sheet.cols],
                    [col.width for col in sheet.cols], _rows(sheet.rows, convert)))
    return out


def _rows(rows: Sequence[Sequence[Any]], convert: list[tuple[int, Callable[[Any], Any]]]
          ) -> Iterator[list[Any]]:
    for row in rows:
        values = list(row)
        for i, fn in convert:
            values[i] = fn(values[i])
        yield values


def _same(value: Any) -> Any:
    return value


async def export(query: CallbackQuery, callback_data: TerrCb, i18n: I18nContext,
                 uow: UnitOfWork, actor: Actor, tz: ZoneInfo, bot: Bot) -> None:
    org, sheets = await terr.workbook(uow, actor, callback_data.org,
                                      terr.period(uow.clock.now(), tz))
    await ack(query, i18n.get("terr-xlsx-wait"))
    body = await asyncio.to_thread(lambda: build_workbook(lay_out(i18n, sheets, tz)))
    teachers = len(sheets[0].rows) if sheets else 0
    await bot.send_document(
        query.from_user.id, BufferedInputFile(body, filename=f"territory-{org.id}.xlsx"),
        caption=i18n.get("terr-xlsx-caption", org=esc(org.name), teachers=teachers),
    )


def build() -> Router:
    r = Router(name="territory_export")
    r.callback_query(TerrCb.filter(F.a == "xlsx"), Onboarded())(export)
    return r


__all__ = ["DATE_FORMAT", "FORMULA_START", "build", "build_workbook", "lay_out"]
