"""The repository «Моя территория» needs; storage/territory/repo.py implements it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from domain.entities import Org
from domain.territory.figures import (
    Figures,
    Period,
    TeacherFilter,
    TeacherRow,
    UnitFigures,
)
from domain.territory.records import Sheet


class TerritoryRepository(Protocol):
    async def figures(self, org: Org, period: Period) -> Figures: ...
    async def group_deficit_shares(self, org: Org) -> dict[str, int]: ...
    async def units(self, org: Org, children: list[Org]) -> list[UnitFigures]: ...
    async def teachers(self, org: Org, flt: TeacherFilter, query: str | None,
                       period: Period, offset: int, limit: int
                       ) -> tuple[list[TeacherRow], int]: ...
    async def hours_of(self, person_id: int, start: datetime, end: datetime
                       ) -> dict[str, float]: ...
    async def nudged(self, dedupe_key: str) -> bool: ...
    async def sheets(self, org: Org, period: Period) -> list[Sheet]: ...
    async def children(self, org: Org | None) -> list[Org]: ...


__all__ = ["TerritoryRepository", "date"]
