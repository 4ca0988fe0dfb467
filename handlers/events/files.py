"""Spreadsheets of events: the import template, mapping an uploaded table's columns (read by
``handlers.uploads``), the registrants export. Pure functions over bytes and lists (labels are
passed in from locales); handlers run them in a thread, off the event loop."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is imported by the functions that build a workbook, not at start-up
    from openpyxl import Workbook

HEADER_COLOUR = "DDEBF7"


def _autosize(sheet: Any, widths: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter

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


#: rows of the template's first sheet that get the dropdowns
LIST_ROWS = 1000


def build_template(
    headers: Sequence[str],
    examples: Sequence[Sequence[Any]],
    notes: Sequence[str],
    reference: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]],
    dropdowns: Sequence[tuple[int, int, int]] = (),
) -> bytes:
    """Sheet 1: the header row, example rows (grey italics; the importer skips them by their
    title's mark) and notes under them; further sheets: reference lists (forms, levels,
    groups, organisations with ids). ``dropdowns``: (column of sheet 1, reference list,
    column of that list) — a cell of that column offers the list's values (a warning, not a
    refusal, for anything else: the importer also takes ids and other spellings)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    header_fill = PatternFill("solid", fgColor=HEADER_COLOUR)
    wb = Workbook()
    ws = wb.active
    ws.title = "events"
    _append(ws, list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in examples:
        _append(ws, list(row))
        for cell in ws[ws.max_row]:
            cell.font = Font(italic=True, color="808080")
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
            cell.fill = header_fill
        for row in rows:
            _append(sheet, list(row))
        _autosize(sheet, [12, 30, 60][: len(head)] if len(head) == 3 else [30, 40])
    for column, which, source in dropdowns:
        title, _head, rows = reference[which]
        if not rows:
            continue
        letter = get_column_letter(source + 1)
        sheet_name = title[:31].replace("'", "''")
        check = DataValidation(type="list", allow_blank=True, errorStyle="warning",
                               formula1=f"'{sheet_name}'!${letter}$2:${letter}${len(rows) + 1}")
        ws.add_data_validation(check)
        target = get_column_letter(column + 1)
        check.add(f"{target}2:{target}{LIST_ROWS}")
    return _to_bytes(wb)


def normalise_header(value: Any) -> str:
    return " ".join(str(value or "").replace("*", " ").split()).casefold()


def rows_to_dicts(
    raw: list[tuple[int, list[str]]], header_map: dict[str, str]
) -> tuple[list[tuple[int, dict[str, Any]]], list[str]]:
    """Map columns by the header row (the first non-empty row, as ``uploads.read_table``
    returns rows: with their line numbers) to field codes.

    Returns (line number, {field: value}) for the data rows and the header cells that
    matched no field (reported, not fatal). Raises LookupError if no header is recognised.
    """
    if not raw:
        raise LookupError("empty")
    columns: dict[int, str] = {}
    unknown: list[str] = []
    for n, cell in enumerate(raw[0][1]):
        key = normalise_header(cell)
        if not key:
            continue
        if key in header_map:
            columns[n] = header_map[key]
        else:
            unknown.append(str(cell))
    if "title" not in columns.values():
        raise LookupError("header")
    rows = [(line, {columns[n]: cells[n] for n in columns if n < len(cells)})
            for line, cells in raw[1:]]
    return rows, unknown


def build_registrants(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    header_fill = PatternFill("solid", fgColor=HEADER_COLOUR)
    wb = Workbook()
    ws = wb.active
    ws.title = "registrants"
    _append(ws, [title])
    ws["A1"].font = Font(bold=True, size=12)
    _append(ws, list(headers))
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    for row in rows:
        _append(ws, list(row))
    ws.freeze_panes = "A3"
    _autosize(ws, [5, 36, 36, 28, 20, 12, 18, 18])
    return _to_bytes(wb)
