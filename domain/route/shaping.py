"""Shaping the rows of the plan and its period (issue 15, seed 002 §V).

The teacher shapes the rows while the route is a draft or returned; the school coordinator
until it is agreed, reviewing included (002 §V.6: the school fills «Профессиональный
дефицит»). A row is removed (with its activities, none of them done), merged into another
row of the same competence group (the activities kept), or moved up or down inside its
group. The period is editable; activities due outside a new period are flagged, not dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.access import Actor
from domain.errors import AccessDenied, DomainError, ValidationError
from domain.ports import UnitOfWork
from domain.route.model import (
    ACTIVITIES_PER_ROW_MAX,
    DEFICIT_MAX,
    Activity,
    ActivityStatus,
    Plan,
    PlanRow,
    Rights,
    check_period,
)
from domain.route.parties import _refuse
from domain.route.reading import _school, get_plan, row_of


async def _require_shape(uow: UnitOfWork, actor: Actor, plan: Plan, r: Rights) -> None:
    if r.shape:
        return
    school = await _school(uow, plan.route)
    _refuse(actor, plan.route, school, r)
    if r.owner:
        raise DomainError("route-error-locked", status=plan.route.status.value)
    raise AccessDenied("route-error-rows-not-yours")


async def shapeable_row(uow: UnitOfWork, actor: Actor, row_id: int
                        ) -> tuple[Plan, PlanRow, Rights]:
    """The row if the actor may shape the rows of its route now (else the reason)."""
    plan, row, r = await row_of(uow, actor, row_id)
    await _require_shape(uow, actor, plan, r)
    return plan, row, r


def siblings(plan: Plan, row: PlanRow) -> list[PlanRow]:
    """The rows of the same competence group, in their order."""
    return sorted((x for x in plan.rows if x.group == row.group), key=lambda x: (x.position,
                                                                                 x.id))


def merge_targets(plan: Plan, row: PlanRow) -> list[PlanRow]:
    return [x for x in siblings(plan, row) if x.id != row.id]


def _done(activities: list[Activity]) -> bool:
    return any(a.status is ActivityStatus.DONE for a in activities)


async def remove_row(uow: UnitOfWork, actor: Actor, row_id: int) -> PlanRow:
    """Take a deficit out of the plan with what is planned for it. A row with a done
    activity stays: what was done is the record."""
    plan, row, _ = await shapeable_row(uow, actor, row_id)
    if _done(plan.of_row(row.id)):
        raise DomainError("route-error-row-done")
    await uow.routes.delete_row(row.id)
    return row


async def merge_rows(uow: UnitOfWork, actor: Actor, row_id: int, into_id: int,
                     now: datetime) -> PlanRow:
    """Row ``row_id`` joins row ``into_id`` of the same competence group: one deficit worded
    as both, its activities moved over, the worse percent kept."""
    plan, row, _ = await shapeable_row(uow, actor, row_id)
    into = next((x for x in plan.rows if x.id == into_id), None)
    if into is None or into.id == row.id:
        raise ValidationError("route-error-merge-target")
    if into.group != row.group:
        raise ValidationError("route-error-merge-group")
    if len(plan.of_row(row.id)) + len(plan.of_row(into.id)) > ACTIVITIES_PER_ROW_MAX:
        raise ValidationError("route-error-row-full", max=ACTIVITIES_PER_ROW_MAX)
    title = f"{into.title}; {row.title}"
    if len(title) > DEFICIT_MAX:
        title = title[:DEFICIT_MAX - 1] + "…"
    percents = [p for p in (into.percent, row.percent) if p is not None]
    merged = PlanRow(into.id, into.route_id, into.position, into.group, title,
                     into.indicator or row.indicator, min(percents) if percents else None)
    await uow.routes.move_activities(row.id, into.id, now)
    await uow.routes.delete_row(row.id)
    await uow.routes.update_row(merged)
    return merged


async def move_row(uow: UnitOfWork, actor: Actor, row_id: int, up: bool) -> PlanRow:
    """One place up or down inside the row's competence group (the plan shows rows by
    group): the row trades positions with its neighbour."""
    plan, row, _ = await shapeable_row(uow, actor, row_id)
    group = siblings(plan, row)
    i = [x.id for x in group].index(row.id)
    j = i - 1 if up else i + 1
    if not 0 <= j < len(group):
        raise ValidationError("route-error-row-edge")
    other = group[j]
    a, b = row.position, other.position
    if a == b:  # rows added with one position: order them first
        a, b = (b + 1, b) if up else (b, b + 1)
    await uow.routes.update_row(PlanRow(row.id, row.route_id, b, row.group, row.title,
                                        row.indicator, row.percent))
    await uow.routes.update_row(PlanRow(other.id, other.route_id, a, other.group, other.title,
                                        other.indicator, other.percent))
    return row


@dataclass(frozen=True, slots=True)
class PeriodChange:
    start: date
    end: date
    outside: int  # activities (not dropped) now due outside the period: flagged, kept


def outside(plan: Plan) -> list[Activity]:
    route = plan.route
    return [a for a in plan.activities if a.status is not ActivityStatus.DROPPED
            and a.outside(route.period_start, route.period_end)]


async def check_period_rights(uow: UnitOfWork, actor: Actor, route_id: int) -> Plan:
    plan, r = await get_plan(uow, actor, route_id)
    await _require_shape(uow, actor, plan, r)
    return plan


async def set_period(uow: UnitOfWork, actor: Actor, route_id: int, start: date, end: date,
                     today: date, now: datetime) -> PeriodChange:
    """A new period of realisation. Nothing is dropped: activities due outside it are
    counted and flagged on the screens."""
    plan = await check_period_rights(uow, actor, route_id)
    start, end = check_period(start, end, today)
    await uow.routes.set_period(plan.route.id, start, end, now)
    plan.route.period_start, plan.route.period_end = start, end
    return PeriodChange(start, end, len(outside(plan)))
