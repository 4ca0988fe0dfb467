"""The hours ledger (зачётно-накопительная система): hours accumulate per teacher, by kind
(очные, дистанционные, самостоятельная работа) and by year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.courses.facts import ReportAccepted
from domain.events import Hours, HoursKind
from domain.ports import UnitOfWork
from domain.reactions import Reactions


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


async def credit_report_hours(uow: UnitOfWork, fact: ReportAccepted) -> None:
    """An accepted course report (a ``ReportAccepted`` fact) adds its hours to the teacher's
    ledger, in the same transaction as the acceptance.

    A report naming a catalogue course is credited as that course's attendance would be
    (the event's hours by kind, keyed by the event): the ledger's unique key then keeps the
    same course from counting twice. A typed course has no event: its hours go in as
    «очные» with no event id. The acceptance happens once (a conditional update), so the
    credit does too.
    """
    credit = fact.credit
    hours = Hours(in_person=float(credit.hours))
    event_id = credit.event_id
    if event_id is not None:
        event = await uow.events.get(event_id)
        if event is not None and event.hours.total > 0:
            hours = event.hours
        elif event is None:
            event_id = None
    await uow.hours.credit(
        credit.person_id,
        event_id,  # type: ignore[arg-type]  # nullable in the ledger: a typed course has none
        hours,
        credit.occurred_at,
        credit.accepted_at,
    )


def subscribe(reactions: Reactions) -> None:
    """What the hours ledger does when other features report something."""
    reactions.on(ReportAccepted, credit_report_hours)
