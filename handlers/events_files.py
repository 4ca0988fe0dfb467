"""Spreadsheets of events: the import template, reading an uploaded XLSX/CSV, the registrants
export. Pure functions over bytes and lists (labels are passed in from locales); handlers run
them in a thread, off the event loop."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

MAX_FILE_BYTES = 2 * 1024 * 1024
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _autosize(sheet: Any, widths: Sequence[int]) -> None:
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width


def _append(sheet: Any, values: Sequence[Any]) -> None:
    """Append a row with text kept as text: a value starting with «=» is not a formula
    (names and titles come from users)."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for col, value in enumerate(values, 1):
        cell = sheet.cell(row=row, column=col)
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"


def _to_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def build_template(
    headers: Sequence[str],
    examples: Sequence[Sequence[Any]],
    notes: Sequence[str],
    reference: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]],
) -> bytes:
    """Sheet 1: the header row, example rows and notes under them; further sheets: reference
    lists (forms, levels, groups, organisations with ids)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "events"
    _append(ws, list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in examples:
        _append(ws, list(row))
    ws.freeze_panes = "A2"
    _autosize(ws, [34, 22, 14, 30, 28, 34, 28, 26, 10, 10, 10, 8, 18, 26, 40])
    notes_ws = wb.create_sheet("README")
    for line in notes:
        _append(notes_ws, [line])
    notes_ws.column_dimensions["A"].width = 120
    for title, head, rows in reference:
        sheet = wb.create_sheet(title[:31])
        _append(sheet, list(head))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
        for row in rows:
            _append(sheet, list(row))
        _autosize(sheet, [12, 30, 60][: len(head)] if len(head) == 3 else [30, 40])
    return _to_bytes(wb)


def _cell(value: Any) -> Any:
    """Spreadsheet cells as the parsers expect them: dates as «25.12.2026 10:00» text."""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return value


def read_table(filename: str, data: bytes) -> list[list[Any]]:
    """Rows of the first sheet of an XLSX, or of a CSV (comma/semicolon/tab, UTF-8 or cp1251).

    Raises ValueError when the file cannot be read as such.
    """
    name = filename.casefold()
    if name.endswith((".xlsx", ".xlsm")):
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            raise ValueError(str(exc)) from None
        try:
            sheet = wb.worksheets[0]
            return [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            wb.close()
    if name.endswith((".csv", ".txt")):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1251", errors="replace")
        if not text.strip():
            return []
        # the delimiter that splits the header line into the most cells (quotes respected)
        first = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = max(";\t,", key=lambda d: len(next(csv.reader([first], delimiter=d))))
        return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    raise ValueError("unsupported file type")


def normalise_header(value: Any) -> str:
    return " ".join(str(value or "").replace("*", " ").split()).casefold()


def rows_to_dicts(
    raw: list[list[Any]], header_map: dict[str, str]
) -> tuple[list[tuple[int, dict[str, Any]]], list[str]]:
    """Map columns by the header row (the first non-empty row) to field codes.

    Returns (line number, {field: value}) for non-empty data rows and the header cells that
    matched no field (reported, not fatal). Raises LookupError if no header is recognised.
    """
    start = next((i for i, r in enumerate(raw) if any(str(c or "").strip() for c in r)), None)
    if start is None:
        raise LookupError("empty")
    columns: dict[int, str] = {}
    unknown: list[str] = []
    for n, cell in enumerate(raw[start]):
        key = normalise_header(cell)
        if not key:
            continue
        if key in header_map:
            columns[n] = header_map[key]
        else:
            unknown.append(str(cell))
    if "title" not in columns.values():
        raise LookupError("header")
    rows = []
    for line, cells in enumerate(raw[start + 1:], start + 2):
        if not any(str(c or "").strip() for c in cells):
            continue
        rows.append((line, {columns[n]: cells[n] for n in columns if n < len(cells)}))
    return rows, unknown


def build_registrants(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "registrants"
    _append(ws, [title])
    ws["A1"].font = Font(bold=True, size=12)
    _append(ws, list(headers))
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for row in rows:
        _append(ws, list(row))
    ws.freeze_panes = "A3"
    _autosize(ws, [5, 36, 36, 28, 20, 12, 18, 18])
    return _to_bytes(wb)
