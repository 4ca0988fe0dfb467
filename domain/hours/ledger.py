"""The hours ledger (зачётно-накопительная система): hours accumulate per teacher, by kind
(очные, дистанционные, самостоятельная работа) and by year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.events import HoursKind
from domain.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    person_id: int
    event_id: int | None
    kind: HoursKind
    hours: float
    occurred_at: datetime
    title: str | None = None


@dataclass(frozen=True, slots=True)
class YearTotals:
    year: int
    by_kind: dict[HoursKind, float]
    events: int

    @property
    def total(self) -> float:
        return sum(self.by_kind.values())


def summarize(entries: list[LedgerEntry], tz: ZoneInfo) -> list[YearTotals]:
    """Totals per calendar year (local time of the event), newest year first."""
    years: dict[int, dict[HoursKind, float]] = {}
    events: dict[int, set[object]] = {}
    for e in entries:
        year = e.occurred_at.astimezone(tz).year
        kinds = years.setdefault(year, {k: 0.0 for k in HoursKind})
        kinds[e.kind] += e.hours
        # a course typed in a report has no event: each credit (dated by its last day) is one
        events.setdefault(year, set()).add(
            e.event_id if e.event_id is not None else ("course", e.occurred_at))
    return [YearTotals(y, years[y], len(events[y])) for y in sorted(years, reverse=True)]


async def my_hours(uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> list[YearTotals]:
    return summarize(await uow.hours.entries(actor.person_id), tz)
