"""reading"""

from __future__ import annotations

from domain.access import Actor
from domain.entities import Org
from domain.errors import AccessDenied, NotFound
from domain.ports import UnitOfWork
from domain.route.model import Activity, HistoryEntry, Plan, PlanRow, Rights, Route
from domain.route.parties import rights

# ---- reading --------------------------------------------------------------------------------


async def _school(uow: UnitOfWork, route: Route) -> Org | None:
    return await uow.orgs.get(route.school_id) if route.school_id else None


async def _route(uow: UnitOfWork, route_id: int) -> Route:
    route = await uow.routes.get(route_id)
    if route is None:
        raise NotFound("route-error-not-found")
    return route


async def _viewable(uow: UnitOfWork, actor: Actor, route_id: int) -> tuple[Route, Org | None]:
    """The route if the actor is its teacher or a coordinator whose scope holds its school;
    a forged id of anybody else's route is refused."""
    route = await _route(uow, route_id)
    school = await _school(uow, route)
    if not rights(actor, route, school).view:
        raise AccessDenied("route-error-not-yours")
    return route, school


async def load_plan(uow: UnitOfWork, route: Route) -> Plan:
    return Plan(route, await uow.routes.rows(route.id), await uow.routes.activities(route.id))


async def get_plan(uow: UnitOfWork, actor: Actor, route_id: int) -> tuple[Plan, Rights]:
    route, school = await _viewable(uow, actor, route_id)
    return await load_plan(uow, route), rights(actor, route, school)


async def current(uow: UnitOfWork, actor: Actor) -> Plan | None:
    """The teacher's latest route (any status), with its plan."""
    route = await uow.routes.latest_of(actor.person_id)
    return await load_plan(uow, route) if route else None


async def row_of(uow: UnitOfWork, actor: Actor, row_id: int) -> tuple[Plan, PlanRow, Rights]:
    row = await uow.routes.get_row(row_id)
    if row is None:
        raise NotFound("route-error-not-found")
    plan, r = await get_plan(uow, actor, row.route_id)
    return plan, row, r


async def activity_of(uow: UnitOfWork, actor: Actor, activity_id: int
                      ) -> tuple[Plan, Activity, Rights]:
    activity = await uow.routes.get_activity(activity_id)
    if activity is None:
        raise NotFound("route-error-not-found")
    plan, r = await get_plan(uow, actor, activity.route_id)
    return plan, activity, r


async def history(uow: UnitOfWork, actor: Actor, route_id: int) -> list[HistoryEntry]:
    route, _ = await _viewable(uow, actor, route_id)
    return await uow.routes.history(route.id)
