"""The spreadsheet of a scope as data: sheets of typed columns (the handler lays it out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ColKind(StrEnum):
    TEXT = "text"
    INT = "int"
    NUMBER = "number"
    DATE = "date"  # a date (or a datetime shown as the local date)


@dataclass(frozen=True, slots=True)
class Col:
    key: str  # the header's locale key: terr-col-<key>
    kind: ColKind = ColKind.TEXT
    width: int = 14


@dataclass(slots=True)
class Sheet:
    key: str  # the sheet's title key: terr-sheet-<key>
    cols: tuple[Col, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


#: sheet keys in workbook order; the last two are the records of seed 002 §VI.9.6
SHEETS = ("teachers", "diagnosis", "indicators", "routes", "hours", "forms", "events",
          "record_diagnosed", "record_routes", "network")

__all__ = ["SHEETS", "Col", "ColKind", "Sheet"]
