"""The history of versions of a route and the rebuild from a newer diagnosis (issue 15).

Each submit, approval, return for rework, conclusion and rebuild stores a version: a snapshot
of the plan (rows, activities, period, status), who, when and why (the return comment, the
conclusion). A version is read back as a ``Plan`` of plain values for a
read-only screen; it never changes.

The rebuild keeps what was chosen and done: rows for deficits still present keep their
activities (their percent follows the new diagnosis), new deficits get rows with proposals
like the ready draft, rows for deficits that disappeared stay when they hold a done activity
and go otherwise; rows the school added (no indicator) stay. A route under review or agreed
goes back to a draft (it is agreed again); the done activities stay done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain import external
from domain.external.facts import ExternalCorrected
from domain.access import Actor
from domain.entities import Person
from domain.errors import DomainError, NotFound
from domain.ports import UnitOfWork
from domain.route.drafting import source_deficits
from domain.route.model import (
    COMPETENCE_GROUPS,
    DEFICIT_MAX,
    ROWS_MAX,
    Activity,
    ActivityStatus,
    Column,
    HistoryAction,
    Plan,
    PlanRow,
    Route,
    RouteStatus,
    VersionHead,
)
from domain.route.parties import _refuse, rights
from domain.route.reading import _viewable, get_plan, load_plan
from domain.route.ready import prefill

# ---- snapshots ------------------------------------------------------------------------------


def snapshot(plan: Plan) -> dict[str, Any]:
    """The plan as plain JSON values (ids of the time kept for reference only)."""
    route = plan.route
    return {
        "period": [route.period_start.isoformat(), route.period_end.isoformat()],
        "revision": route.revision,
        "rows": [{
            "id": row.id, "group": row.group, "title": row.title, "indicator": row.indicator,
            "percent": row.percent,
            "activities": [{
                "column": a.column.value, "title": a.title, "status": a.status.value,
                "form": a.form, "event_id": a.event_id,
                "due": a.due.isoformat() if a.due else None, "hours": a.hours,
                "proposed": a.proposed,
            } for a in plan.of_row(row.id)],
        } for row in sorted(plan.rows, key=lambda x: (x.position, x.id))],
    }


def from_snapshot(head: VersionHead, data: dict[str, Any], route: Route) -> Plan:
    """A read-only plan of the version (fresh local ids)."""
    start, end = (date.fromisoformat(x) for x in data["period"])
    old = Route(id=route.id, person_id=route.person_id, school_id=route.school_id,
                status=head.status, period_start=start, period_end=end,
                attempt_id=route.attempt_id, revision=int(data.get("revision", 0)))
    rows: list[PlanRow] = []
    activities: list[Activity] = []
    for n, r in enumerate(data["rows"], 1):
        rows.append(PlanRow(n, route.id, n, str(r["group"]), str(r["title"]),
                            r.get("indicator"), r.get("percent")))
        for a in r["activities"]:
            activities.append(Activity(
                id=len(activities) + 1, route_id=route.id, row_id=n,
                person_id=route.person_id, column=Column(a["column"]), title=str(a["title"]),
                status=ActivityStatus(a["status"]), form=a.get("form"),
                event_id=a.get("event_id"),
                due=date.fromisoformat(a["due"]) if a.get("due") else None,
                hours=a.get("hours"), proposed=bool(a.get("proposed"))))
    return Plan(old, rows, activities)


async def record(uow: UnitOfWork, plan: Plan, action: HistoryAction, status: RouteStatus,
                 actor_id: int | None, now: datetime, comment: str | None = None
                 ) -> VersionHead:
    return await uow.routes.add_version(plan.route.id, action, status, actor_id, now,
                                        snapshot(plan), comment)


async def record_current(uow: UnitOfWork, route_id: int, action: HistoryAction,
                         actor_id: int | None, now: datetime, comment: str | None = None
                         ) -> VersionHead:
    """A version of the route as it stands now (after a submit, an approval, a return for
    rework with its ``comment``, the conclusion)."""
    route = await uow.routes.get(route_id)
    if route is None:
        raise NotFound("route-error-not-found")
    return await record(uow, await load_plan(uow, route), action, route.status, actor_id, now,
                        comment)


@dataclass(frozen=True, slots=True)
class VersionList:
    route_id: int
    items: list[VersionHead]
    names: dict[int, str]  # actor id → full name


async def versions(uow: UnitOfWork, actor: Actor, route_id: int) -> VersionList:
    route, _ = await _viewable(uow, actor, route_id)
    items = await uow.routes.versions(route.id)
    people = await uow.people.get_many(sorted({v.actor_id for v in items if v.actor_id}))
    return VersionList(route.id, items,
                       {i: p.profile.full_name or "" for i, p in people.items()})


async def version(uow: UnitOfWork, actor: Actor, version_id: int) -> tuple[VersionHead, Plan]:
    """One version, read-only; the route is re-checked (a forged id is refused)."""
    found = await uow.routes.get_version(version_id)
    if found is None:
        raise NotFound("route-error-not-found")
    head, data = found
    route, _ = await _viewable(uow, actor, head.route_id)
    return head, from_snapshot(head, data, route)


# ---- the rebuild ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rebuilt:
    plan: Plan
    kept: int  # rows of deficits still present
    added: int  # rows of new deficits
    removed: int  # rows of deficits gone (nothing done)
    stayed: int  # rows of deficits gone, kept for their done activities


async def newer_diagnosis(uow: UnitOfWork, route: Route) -> int | None:
    """The id of a completed diagnosis newer than the route's, if any."""
    attempt = await uow.diagnosis.last_completed(route.person_id)
    if attempt is None or (attempt.id == route.attempt_id and route.external_id is None):
        return None
    return attempt.id


async def rebuild_sources(uow: UnitOfWork, route: Route) -> list[str]:
    """What the route may be rebuilt from: a self-diagnosis other than its own source, an
    external diagnosis other than its own source (issue 15: the teacher chooses)."""
    out = []
    if await newer_diagnosis(uow, route) is not None:
        out.append("self")
    found = await external.latest(uow, route.person_id)
    if found is not None and found.id != route.external_id:
        out.append("external")
    return out


async def rebuild(uow: UnitOfWork, actor: Actor, person: Person, route_id: int,
                  subjects: Sequence[str], tz: ZoneInfo, now: datetime,
                  source: str = "self") -> Rebuilt:
    route, school = await _viewable(uow, actor, route_id)
    actor.require_self(route.person_id)
    plan, r = await get_plan(uow, actor, route.id)
    if not r.rebuild:
        _refuse(actor, route, school, r)
        raise DomainError("route-error-completed")
    if source not in await rebuild_sources(uow, route):
        raise DomainError("route-error-rebuild-same")
    attempt_id, external_id, found = await source_deficits(uow, route.person_id, source)
    await record(uow, plan, HistoryAction.REBUILT, route.status, actor.person_id, now)
    deficits = {d.indicator: d for d in found}
    kept = removed = stayed = 0
    present: set[str] = set()
    for row in plan.rows:
        if row.indicator is None:  # added by the school: not the diagnosis's to take away
            continue
        d = deficits.get(row.indicator)
        if d is not None:
            kept += 1
            present.add(row.indicator)
            await uow.routes.update_row(PlanRow(row.id, row.route_id, row.position, row.group,
                                                row.title, row.indicator, d.percent))
        elif any(a.status is ActivityStatus.DONE for a in plan.of_row(row.id)):
            stayed += 1
        else:
            removed += 1
            await uow.routes.delete_row(row.id)
    order = {g: n for n, g in enumerate(COMPETENCE_GROUPS)}
    new = sorted((d for i, d in deficits.items() if i not in present),
                 key=lambda d: (order.get(str(d.group), 99), d.rank))
    rows = await uow.routes.rows(route.id)
    position = max((x.position for x in rows), default=0)
    added = 0
    for d in new[:max(ROWS_MAX - len(rows), 0)]:
        position += 1
        added += 1
        await uow.routes.add_row(PlanRow(0, route.id, position, str(d.group),
                                         d.title[:DEFICIT_MAX], d.indicator, d.percent))
    status = route.status if route.teacher_editable else RouteStatus.DRAFT
    ok = await uow.routes.transition(route.id, route.status, route.revision, status, now,
                                     attempt_id=attempt_id,
                                     external_diagnosis_id=external_id)
    if not ok:
        raise DomainError("route-error-locked", status=route.status.value)
    await uow.routes.add_history(route.id, HistoryAction.REBUILT, actor.person_id,
                                 route.revision, None, now)
    fresh = await uow.routes.get(route.id)
    assert fresh is not None
    filled = await prefill(uow, actor, await load_plan(uow, fresh), subjects, tz, now)
    return Rebuilt(filled, kept, added, removed, stayed)


async def on_external_corrected(uow: UnitOfWork, fact: ExternalCorrected) -> None:
    """A corrected external diagnosis: the routes built on it (not concluded) take its
    percents — the rows of its deficits show the group's corrected result."""
    found = fact.diagnosis
    for route in await uow.routes.built_on_external(found.id):
        if route.status is RouteStatus.COMPLETED:
            continue
        for row in await uow.routes.rows(route.id):
            percent = found.percent(row.group) if row.indicator is not None else None
            if percent is not None and percent != row.percent:
                await uow.routes.update_row(PlanRow(row.id, row.route_id, row.position,
                                                    row.group, row.title, row.indicator,
                                                    percent))


async def may_rebuild(uow: UnitOfWork, actor: Actor, route_id: int) -> bool:
    """Show «Пересобрать»: the teacher's route, not concluded, with a newer diagnosis."""
    route, school = await _viewable(uow, actor, route_id)
    return rights(actor, route, school).rebuild and bool(await rebuild_sources(uow, route))
