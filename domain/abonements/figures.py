"""The territory's figures of the «методический абонемент» (issue 18): per municipality in
the reader's territory — abonements by status, schools covered, hours agreed vs held, and the
staff covered: distinct teachers of the programme's schools who attended a plan event."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.abonements.model import Status, add_hours
from domain.abonements.plan import plan_of
from domain.abonements.ports import AbonementUnitOfWork
from domain.abonements.results import listeners
from domain.abonements.rights import Rights
from domain.access import Actor
from domain.entities import Org
from domain.enums import Role
from domain.errors import AccessDenied
from domain.events import Hours

_UTC = ZoneInfo("UTC")  # the listeners' dates do not matter here
#: statuses with an agreement whose hours count as agreed
AGREED = (Status.AGREED, Status.RUNNING, Status.COMPLETED)


@dataclass(slots=True)
class MunicipalityFigures:
    municipality: Org
    by_status: Counter[str] = field(default_factory=Counter)
    schools: set[int] = field(default_factory=set)  # with an agreed abonement
    agreed: Hours = field(default_factory=Hours)
    held: Hours = field(default_factory=Hours)
    covered: set[int] = field(default_factory=set)  # teachers who attended a plan event

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


async def _municipalities(uow: AbonementUnitOfWork, actor: Actor) -> list[Org]:
    if actor.is_admin:
        out: list[Org] = []
        for region in await uow.territory.children(None):
            out.extend(await uow.territory.children(region))
        return out
    found: dict[int, Org] = {}
    for g in actor.grants:
        if g.org_id is None or g.role not in (Role.MUNICIPAL_COORDINATOR,
                                              Role.REGIONAL_COORDINATOR):
            continue
        org = await uow.orgs.get(g.org_id)
        if org is None:
            continue
        units = [org] if g.role is Role.MUNICIPAL_COORDINATOR else \
            await uow.territory.children(org)
        found.update({m.id: m for m in units})
    if not found:
        raise AccessDenied("abon-error-no-access")
    return sorted(found.values(), key=lambda m: m.name.casefold())


async def figures(uow: AbonementUnitOfWork, actor: Actor, now: datetime
                  ) -> list[MunicipalityFigures]:
    """Municipal and regional coordinators (their territory) and admins (every one)."""
    units = await _municipalities(uow, actor)
    rows = {m.id: MunicipalityFigures(m) for m in units}
    for ab in await uow.abonements.in_municipalities(list(rows)):
        unit = rows.get(ab.municipality_id or 0)
        if unit is None:
            continue
        unit.by_status[ab.status.value] += 1
        if ab.status in AGREED:
            unit.schools.add(ab.school_id)
            unit.agreed = add_hours(unit.agreed, ab.ordered)
            p = await plan_of(uow, ab, Rights(), now)
            unit.held = add_hours(unit.held, p.delivered)
            unit.covered.update(x.person_id for x in await listeners(uow, p, _UTC, now))
    return list(rows.values())


__all__ = ["AGREED", "MunicipalityFigures", "figures"]
