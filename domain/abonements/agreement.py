"""The agreement (Соглашение, 000 §7.1) as data for its document: the parties (school –
centre, or school – municipality – centre), the period (one school year), the ordered volume
by kind, the curator and the plan as its appendix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.abonements.model import Abonement, period
from domain.abonements.plan import Plan, plan
from domain.abonements.ports import AbonementUnitOfWork
from domain.access import Actor
from domain.entities import Org
from domain.errors import ValidationError


@dataclass(frozen=True, slots=True)
class Agreement:
    abonement: Abonement
    school: Org
    municipality: Org | None  # a party only in a three-party agreement
    region: Org | None
    curator: str
    start: date
    end: date
    plan: Plan


async def agreement(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int,
                    now: datetime) -> Agreement:
    p = await plan(uow, actor, abonement_id, now)
    ab = p.abonement
    if not p.rights.document or ab.school_year is None or ab.curator_id is None:
        raise ValidationError("abon-error-no-agreement")
    orgs = await uow.orgs.get_many([i for i in (ab.municipality_id, p.school.region_id) if i])
    curator = await uow.people.get(ab.curator_id)
    first, last = period(ab.school_year)
    return Agreement(
        abonement=ab, school=p.school,
        municipality=orgs.get(ab.municipality_id or 0) if ab.three_party else None,
        region=orgs.get(p.school.region_id or 0),
        curator=(curator.profile.full_name if curator else None) or "—",
        start=first, end=last, plan=p)


__all__ = ["Agreement", "agreement"]
