"""«Консультационные часы» (002 §V.4): on a row, a number of hours with a consultant — a
mentor, a tutor or a methodist, a person in the bot (from the teacher's school: found by a
part of the name or picked from the paged list of the school's people, mentors first) or a
typed name. They count in the route's hours, and go into the hours ledger (очные) when the
consultation is done; a reopened one takes them back.

The teacher adds them while shaping the plan; the municipal methodists, whose column it is
(002 §V.7), while they fill their columns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.access import Actor
from domain.errors import AccessDenied, ValidationError
from domain.ports import UnitOfWork
from domain.route.drafting import _check_row_room, _tell_owner_of_addition
from domain.route.model import (
    Activity,
    ActivityStatus,
    Column,
    Plan,
    PlanRow,
    Rights,
    parse_title,
)
from domain.route.parties import _refuse
from domain.route.reading import _school, row_of

HOURS_MAX = 100
CONSULTANTS_PAGE = 8
QUERY_MAX = 60


class ConsultantRole(StrEnum):
    MENTOR = "mentor"  # наставник
    TUTOR = "tutor"  # тьютор
    METHODIST = "methodist"  # методист, куратор ЦНППМ


def parse_role(value: object) -> ConsultantRole:
    try:
        return ConsultantRole(str(value))
    except ValueError:
        raise ValidationError("route-error-consult-role") from None


def parse_hours(text: object) -> float:
    """Hours typed as a number («2», «1,5»): more than 0, at most 100, in half hours."""
    value = " ".join(str(text or "").split()).replace(",", ".")
    if not re.fullmatch(r"\d{1,4}(\.\d{1,2})?", value):
        raise ValidationError("route-error-hours-format")
    hours = float(value)
    if hours <= 0:
        raise ValidationError("route-error-hours-zero")
    if hours > HOURS_MAX:
        raise ValidationError("route-error-hours-many", max=HOURS_MAX)
    if round(hours * 2) != hours * 2:
        raise ValidationError("route-error-hours-half")
    return hours


def may_consult(r: Rights, plan: Plan) -> bool:
    return Column.CONSULTATIONS in r.columns or (r.owner and plan.route.teacher_editable)


async def consultable_row(uow: UnitOfWork, actor: Actor, row_id: int
                          ) -> tuple[Plan, PlanRow, Rights]:
    """The row if the actor may add consultation hours to it now (else the reason)."""
    plan, row, r = await row_of(uow, actor, row_id)
    if not may_consult(r, plan):
        _refuse(actor, plan.route, await _school(uow, plan.route), r)
        raise AccessDenied("route-error-column-not-yours", column=Column.CONSULTATIONS.value)
    return plan, row, r


@dataclass(frozen=True, slots=True)
class Consultant:
    person_id: int
    name: str
    mentor: bool  # a mentor of the school (the role or the status): listed first


@dataclass(frozen=True, slots=True)
class ConsultantPage:
    items: list[Consultant]
    total: int  # found by the query
    page: int
    pages: int
    query: str


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


async def _school_people(uow: UnitOfWork, plan: Plan) -> list[Consultant]:
    """The people of the route's school who may consult (the teacher left out)."""
    if plan.route.school_id is None:
        return []
    return [Consultant(i, name, mentor) for i, name, mentor in
            await uow.routes.consultants(plan.route.school_id, plan.route.person_id)]


async def consultants(uow: UnitOfWork, actor: Actor, row_id: int, query: object = "",
                      page: int = 0, size: int = CONSULTANTS_PAGE) -> ConsultantPage:
    """A page of the school's people to pick as the consultant: those whose name holds every
    word of ``query`` (any case, е for ё), mentors first, then by name."""
    plan, _, _ = await consultable_row(uow, actor, row_id)
    clean = " ".join(str(query or "").split())[:QUERY_MAX]
    words = _fold(clean).split()
    found = [p for p in await _school_people(uow, plan)
             if all(w in _fold(p.name) for w in words)]
    pages = max((len(found) + size - 1) // size, 1)
    page = min(max(page, 0), pages - 1)
    return ConsultantPage(found[page * size:(page + 1) * size], len(found), page, pages, clean)


async def add_consultation(uow: UnitOfWork, actor: Actor, row_id: int, hours: object,
                           role: object, now: datetime, *, person_id: int | None = None,
                           name: object = None) -> Activity:
    """Consultation hours on a row: who consults is a person of the school picked in the bot
    (``person_id``, re-checked against the school) or a typed ``name``."""
    plan, row, _ = await consultable_row(uow, actor, row_id)
    clean_hours = parse_hours(hours)
    clean_role = parse_role(role)
    if person_id is not None:  # re-checked: a forged id of another school is refused
        found = {p.person_id: p.name for p in await _school_people(uow, plan)}
        if person_id not in found:
            raise ValidationError("route-error-consultant-gone")
        title = found[person_id]
    else:
        title = parse_title(name)
    _check_row_room(plan, row.id)
    activity = await uow.routes.add_activity(Activity(
        id=0, route_id=plan.route.id, row_id=row.id, person_id=plan.route.person_id,
        column=Column.CONSULTATIONS, title=title, form=clean_role.value,
        due=plan.route.period_end, added_by=actor.person_id, created_at=now, updated_at=now,
        hours=clean_hours, consultant_id=person_id,
    ))
    await _tell_owner_of_addition(uow, actor, plan.route, activity, now)
    return activity


def route_hours(plan: Plan) -> tuple[float, float]:
    """(planned, done) consultation hours of the route; dropped ones do not count."""
    live = [a for a in plan.activities if a.hours and a.status is not ActivityStatus.DROPPED]
    return (sum(a.hours or 0 for a in live),
            sum(a.hours or 0 for a in live if a.status is ActivityStatus.DONE))


async def sync_ledger(uow: UnitOfWork, activity: Activity, now: datetime) -> None:
    """Done consultation hours are in the ledger; anything else is not."""
    if not activity.hours:
        return
    if activity.status is ActivityStatus.DONE:
        await uow.routes.credit_consultation(activity.id, activity.person_id, activity.hours,
                                             activity.done_at or now, now)
    else:
        await uow.routes.revoke_consultation(activity.id)
