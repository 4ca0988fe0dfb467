"""The audience (``domain.audience``) as SQL over ``people``: indexed columns and correlated
EXISTS subqueries, never a loop over people in Python. Shared by broadcasts and monitoring
campaigns (one query, whatever reads it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Text, and_, cast, exists, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement, Select

from domain.audience import Audience, EventRelation, RouteFilter
from storage.models import OrgRow, PersonRow, RoleGrantRow


def _json_has_any(column: Any, values: Sequence[str]) -> ColumnElement[bool]:
    """A JSON list of codes holds one of ``values`` (codes are [a-z_], so the quoted code
    is found in the stored text the same way on SQLite and PostgreSQL)."""
    text = cast(column, Text)
    return or_(*(text.like(f'%"{v}"%') for v in values))


def audience_conditions(a: Audience, today: date | None = None) -> list[ColumnElement[bool]]:
    from storage.diagnosis_models import DiagAttemptRow, DiagDeficitRow
    from storage.events_models import EventRegistrationRow
    from storage.group_route.repo import overdue_of
    from storage.route_models import RouteActivityRow, RouteRow

    p = PersonRow
    where: list[ColumnElement[bool]] = []
    if a.consent_only:
        where.append(p.consented_at.is_not(None))
    if a.orgs:
        ids = list(a.orgs)
        schools = select(OrgRow.id).where(or_(
            OrgRow.id.in_(ids), OrgRow.municipality_id.in_(ids), OrgRow.region_id.in_(ids)))
        municipalities = select(OrgRow.id).where(or_(OrgRow.id.in_(ids),
                                                     OrgRow.region_id.in_(ids)))
        where.append(or_(p.school_id.in_(schools),
                         and_(p.school_id.is_(None), p.municipality_id.in_(municipalities))))
    if a.roles:
        where.append(exists().where(RoleGrantRow.person_id == p.id,
                                    RoleGrantRow.role.in_(list(a.roles))))
    if a.positions:
        where.append(p.position.in_(list(a.positions)))
    if a.categories:
        where.append(p.category.in_(list(a.categories)))
    if a.subjects:
        where.append(_json_has_any(p.subjects, a.subjects))
    if a.statuses:
        where.append(_json_has_any(p.statuses, a.statuses))
    if a.deficits:
        groups = [g for g in a.deficits if g != "never"]
        options: list[ColumnElement[bool]] = []
        completed = exists().where(DiagAttemptRow.person_id == p.id,
                                   DiagAttemptRow.status == "completed")
        if "never" in a.deficits:
            options.append(~completed)
        if groups:
            latest = (
                select(DiagAttemptRow.id)
                .where(DiagAttemptRow.person_id == p.id, DiagAttemptRow.status == "completed")
                .order_by(DiagAttemptRow.completed_at.desc(), DiagAttemptRow.id.desc())
                .limit(1)
                .correlate(p)
                .scalar_subquery()
            )
            options.append(exists().where(DiagDeficitRow.person_id == p.id,
                                          DiagDeficitRow.attempt_id == latest,
                                          DiagDeficitRow.group_code.in_(groups)))
        where.append(or_(*options))
    if a.routes:
        latest_route = (
            select(RouteRow.status).where(RouteRow.person_id == p.id)
            .order_by(RouteRow.id.desc()).limit(1).correlate(p).scalar_subquery()
        )
        options = []
        for r in a.routes:
            if r == RouteFilter.NONE:
                options.append(~exists().where(RouteRow.person_id == p.id))
            elif r == RouteFilter.DRAFT:
                options.append(latest_route.in_(["draft", "returned"]))
            elif r == RouteFilter.SUBMITTED:
                options.append(latest_route == "submitted")
            elif r == RouteFilter.APPROVED:
                options.append(latest_route.in_(["approved", "in_progress"]))
            elif r == RouteFilter.OVERDUE and today is not None:
                options.append(exists().where(
                    RouteActivityRow.person_id == p.id,
                    RouteActivityRow.status.in_(["planned", "in_progress"]),
                    RouteActivityRow.due < today,
                ))
                options.append(overdue_of(p.id, today))  # a group ИОМ's activity too
        where.append(or_(*options) if options else literal(False))
    if a.event_id is not None and a.event_relation:
        reg = EventRegistrationRow
        base = [reg.person_id == p.id, reg.event_id == a.event_id]
        rel = a.event_relation
        if rel == EventRelation.REGISTERED:
            base.append(reg.status.in_(["confirmed", "offered"]))
        elif rel == EventRelation.WAITLISTED:
            base.append(reg.status == "waitlisted")
        elif rel == EventRelation.ATTENDED:
            base.append(reg.attended_at.is_not(None))
        else:  # held a seat and did not come
            base += [reg.status == "confirmed", reg.attended_at.is_(None)]
        where.append(exists().where(*base))
    return where


def audience_query(a: Audience, today: date | None = None) -> Select[tuple[int]]:
    """Ids of the people an audience selects."""
    return select(PersonRow.id).where(*audience_conditions(a, today))


async def count_reach(session: AsyncSession, a: Audience, today: date | None = None
                      ) -> tuple[int, int]:
    """(matched, of them blocked the bot) in one statement."""
    row = (await session.execute(
        select(func.count(), func.count().filter(PersonRow.blocked_at.is_not(None)))
        .select_from(PersonRow).where(*audience_conditions(a, today)))).one()
    return int(row[0]), int(row[1])


__all__ = ["audience_conditions", "audience_query", "count_reach"]
