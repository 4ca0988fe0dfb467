"""Campaigns and surveys over SQLAlchemy.

The audience is the one SQL query broadcasts use too (``storage.audience``);
opening a campaign is one ``INSERT … SELECT`` into ``campaign_participants`` and one into the
outbox (a unique dedupe key per person and stage), whatever the audience's size. «Done» is a
condition in SQL: a completed survey response, or a self-diagnosis completed inside the
window."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    String,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement

from domain.audience import Audience
from domain.campaigns.model import (
    PRIORITY,
    Campaign,
    CampaignKind,
    CampaignStatus,
    Straggler,
)
from domain.campaigns.ports import Response
from domain.enums import OutboxStatus
from domain.surveys import StoredSurvey, Survey
from storage.audience import audience_conditions, count_reach
from storage.campaigns.models import (
    CampaignParticipantRow,
    CampaignRow,
    SurveyResponseRow,
    SurveyRow,
)
from storage.diagnosis.models import DiagAttemptRow
from storage.models import OrgRow, OutboxRow, PersonRow
from storage.scopes import in_subtrees

P = CampaignParticipantRow


def done_condition(c: Campaign) -> ColumnElement[bool]:
    """The participant finished (``done_at``: kept by the survey steps and by the reaction to
    a completed self-diagnosis)."""
    return P.done_at.is_not(None)


def in_scope(scope: Sequence[int]) -> ColumnElement[bool]:
    """Participants whose unit lies in one of the org subtrees (storage/scopes.py)."""
    orgs = select(OrgRow.id).where(in_subtrees(scope))
    return or_(P.school_id.in_(orgs), and_(P.school_id.is_(None), P.municipality_id.in_(orgs)))


def _to_domain(r: CampaignRow) -> Campaign:
    return Campaign(
        id=r.id, author_id=r.author_id, title=r.title, kind=CampaignKind(r.kind),
        survey_id=r.survey_id, audience=Audience.from_dict(r.audience), starts_on=r.starts_on,
        ends_on=r.ends_on, starts_at=r.starts_at, ends_at=r.ends_at,
        reminders=tuple(r.reminders or ()), reminded=tuple(r.reminded or ()),
        anonymous=r.anonymous, status=CampaignStatus(r.status), total=r.total,
        created_at=r.created_at, opened_at=r.opened_at, closed_at=r.closed_at,
    )


def _values(c: Campaign) -> dict[str, Any]:
    return {
        "author_id": c.author_id, "title": c.title, "kind": c.kind.value,
        "survey_id": c.survey_id, "audience": c.audience.to_dict(), "starts_on": c.starts_on,
        "ends_on": c.ends_on, "starts_at": c.starts_at, "ends_at": c.ends_at,
        "reminders": list(c.reminders), "reminded": list(c.reminded),
        "anonymous": c.anonymous, "status": c.status.value, "total": c.total,
        "opened_at": c.opened_at, "closed_at": c.closed_at,
    }


def _response(r: SurveyResponseRow) -> Response:
    return Response(r.id, r.campaign_id, r.person_id, dict(r.answers or {}),
                    list(r.path or []), r.position, r.completed_at)


def dedupe(campaign_id: int, stage: str) -> str:
    return f"camp:{campaign_id}:{stage}:"


class SqlSurveys:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    @staticmethod
    def _stored(r: SurveyRow) -> StoredSurvey:
        return StoredSurvey(r.id, r.code, r.version, r.title, Survey.from_dict(r.definition),
                            r.created_at)

    async def add(self, survey: Survey, source: str, uploaded_by: int | None, now: datetime
                  ) -> StoredSurvey:
        version = int(await self.s.scalar(
            select(func.coalesce(func.max(SurveyRow.version), 0))
            .where(SurveyRow.code == survey.code)) or 0) + 1
        row = SurveyRow(code=survey.code, version=version, title=survey.title,
                        definition=survey.to_dict(), source=source, uploaded_by=uploaded_by,
                        created_at=now)
        self.s.add(row)
        await self.s.flush()
        return self._stored(row)

    async def get(self, survey_id: int) -> StoredSurvey | None:
        row = await self.s.get(SurveyRow, survey_id)
        return self._stored(row) if row else None

    async def latest(self) -> list[StoredSurvey]:
        newest = (select(SurveyRow.code, func.max(SurveyRow.version).label("v"))
                  .group_by(SurveyRow.code).subquery())
        rows = (await self.s.scalars(
            select(SurveyRow).join(newest, and_(newest.c.code == SurveyRow.code,
                                                newest.c.v == SurveyRow.version))
            .order_by(SurveyRow.id))).all()
        return [self._stored(r) for r in rows]


class SqlCampaigns:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    def _pg(self) -> bool:
        return self.s.get_bind().dialect.name == "postgresql"

    def _insert(self) -> Any:
        return pg_insert if self._pg() else sqlite_insert

    async def add(self, campaign: Campaign, now: datetime) -> Campaign:
        row = CampaignRow(**_values(campaign), created_at=now)
        self.s.add(row)
        await self.s.flush()
        return _to_domain(row)

    async def get(self, campaign_id: int) -> Campaign | None:
        row = await self.s.get(CampaignRow, campaign_id)
        return _to_domain(row) if row else None

    async def save(self, campaign: Campaign) -> None:
        await self.s.execute(update(CampaignRow).where(CampaignRow.id == campaign.id)
                             .values(**_values(campaign)))

    async def listing(self, limit: int) -> list[Campaign]:
        rows = (await self.s.scalars(select(CampaignRow).order_by(CampaignRow.id.desc())
                                     .limit(limit))).all()
        return [_to_domain(r) for r in rows]

    async def due_to_open(self, now: datetime) -> list[Campaign]:
        rows = (await self.s.scalars(select(CampaignRow).where(
            CampaignRow.status == CampaignStatus.SCHEDULED.value,
            CampaignRow.starts_at <= now).order_by(CampaignRow.id))).all()
        return [_to_domain(r) for r in rows]

    async def open_ones(self) -> list[Campaign]:
        rows = (await self.s.scalars(select(CampaignRow).where(
            CampaignRow.status == CampaignStatus.OPEN.value).order_by(CampaignRow.id))).all()
        return [_to_domain(r) for r in rows]

    # ---- the audience, materialised -------------------------------------------------------

    async def count(self, audience: Audience, today: date) -> tuple[int, int]:
        return await count_reach(self.s, audience, today)

    async def materialise(self, campaign: Campaign, now: datetime) -> int:
        """One ``INSERT … SELECT``: the audience query, each person's unit, and (a diagnosis
        campaign) a diagnosis already completed inside the window — one grouped pass over the
        attempts joined in, not a subquery per person. The count is the statement's own."""
        p = PersonRow
        query = select(literal(campaign.id), p.id, p.school_id, p.municipality_id,
                       literal(now, P.invited_at.type))
        if campaign.kind is CampaignKind.DIAGNOSIS:
            a = DiagAttemptRow
            taken = (select(a.person_id, func.max(a.completed_at).label("at"))
                     .where(a.status == "completed", a.completed_at >= campaign.starts_at,
                            a.completed_at < campaign.ends_at)
                     .group_by(a.person_id).subquery())
            query = (query.add_columns(taken.c.at).select_from(p)
                     .outerjoin(taken, taken.c.person_id == p.id))
        else:  # a survey: no response before it opens
            query = query.add_columns(literal(None, P.done_at.type))
        query = query.where(*audience_conditions(campaign.audience, now.date()),
                            p.blocked_at.is_(None))
        stmt = self._insert()(P).from_select(
            ["campaign_id", "person_id", "school_id", "municipality_id", "invited_at",
             "done_at"], query,
        ).on_conflict_do_nothing(index_elements=["campaign_id", "person_id"])
        result = await self.s.execute(stmt)
        inserted = result.rowcount  # type: ignore[attr-defined]
        if inserted is not None and inserted >= 0:  # opened once: every row is new
            return int(inserted)
        return int(await self.s.scalar(  # a driver that does not report the count
            select(func.count()).select_from(P).where(P.campaign_id == campaign.id)) or 0)

    async def enqueue(self, campaign: Campaign, stage: str, key: str, params: dict[str, Any],
                      buttons: list[Any], not_before: datetime, now: datetime) -> int:
        """One outbox row per participant not done and not opted out, in one statement;
        a row already recorded for this campaign, stage and person is kept."""
        prefix = dedupe(campaign.id, stage)
        dedupe_key = literal(prefix, String) + cast(P.person_id, String)
        query = select(
            P.person_id, literal(key, String), literal(params, JSON), literal(buttons, JSON),
            dedupe_key, literal(OutboxStatus.PENDING.value, String), literal(0),
            literal(not_before, OutboxRow.not_before.type),
            literal(now, OutboxRow.created_at.type), literal(PRIORITY),
        ).where(P.campaign_id == campaign.id, P.opted_out_at.is_(None),
                ~done_condition(campaign))
        stmt = self._insert()(OutboxRow).from_select(
            ["person_id", "key", "params", "buttons", "dedupe_key", "status", "attempts",
             "not_before", "created_at", "priority"], query,
        ).on_conflict_do_nothing(index_elements=["dedupe_key"])
        result = await self.s.execute(stmt)
        if self._pg():
            from sqlalchemy import text

            await self.s.execute(text("ANALYZE outbox"))  # see storage/broadcasts/repo.py
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def enqueue_one(self, campaign: Campaign, person_id: int, stage: str, key: str,
                          params: dict[str, Any], buttons: list[Any], not_before: datetime,
                          now: datetime) -> bool:
        stmt = self._insert()(OutboxRow).values(
            person_id=person_id, key=key, params=params, buttons=buttons,
            dedupe_key=dedupe(campaign.id, stage) + str(person_id),
            status=OutboxStatus.PENDING.value, attempts=0, not_before=not_before,
            created_at=now, priority=PRIORITY,
        ).on_conflict_do_nothing(index_elements=["dedupe_key"])
        result = await self.s.execute(stmt)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def cancel_pending(self, campaign_id: int, person_id: int | None = None) -> int:
        """Invitations and reminders of the campaign (of one person) not yet in flight are
        cancelled: the sender only takes ``pending`` messages, and a claimed one goes in
        flight only while it is still pending, so none of them is sent."""
        where = [OutboxRow.dedupe_key.like(f"camp:{campaign_id}:%"),
                 OutboxRow.status == OutboxStatus.PENDING.value]
        if person_id is not None:
            where.append(OutboxRow.person_id == person_id)
        result = await self.s.execute(
            update(OutboxRow).where(*where)
            .values(status=OutboxStatus.CANCELLED.value, claimed_at=None, claimed_by=None))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    # ---- a participant --------------------------------------------------------------------

    async def participant(self, campaign_id: int, person_id: int
                          ) -> tuple[int | None, int | None, datetime | None] | None:
        row = (await self.s.execute(select(P.school_id, P.municipality_id, P.opted_out_at)
                                    .where(P.campaign_id == campaign_id,
                                           P.person_id == person_id))).first()
        return (row[0], row[1], row[2]) if row else None

    async def opt_out(self, campaign_id: int, person_id: int, now: datetime) -> None:
        await self.s.execute(update(P).where(P.campaign_id == campaign_id,
                                             P.person_id == person_id)
                             .values(opted_out_at=now))

    async def is_done(self, campaign: Campaign, person_id: int) -> bool:
        return await self.s.scalar(select(P.done_at).where(
            P.campaign_id == campaign.id, P.person_id == person_id)) is not None

    async def mark_done(self, campaign_id: int, person_id: int, at: datetime) -> None:
        await self.s.execute(update(P).where(P.campaign_id == campaign_id,
                                             P.person_id == person_id, P.done_at.is_(None))
                             .values(done_at=at))

    async def diagnosis_done(self, person_id: int, at: datetime) -> list[int]:
        """A self-diagnosis completed at ``at`` counts for the person's open diagnosis
        campaigns whose window holds it; their ids."""
        open_ones = select(CampaignRow.id).where(
            CampaignRow.kind == CampaignKind.DIAGNOSIS.value,
            CampaignRow.status == CampaignStatus.OPEN.value,
            CampaignRow.starts_at <= at, CampaignRow.ends_at > at)
        where = [P.person_id == person_id, P.done_at.is_(None), P.campaign_id.in_(open_ones)]
        ids = list((await self.s.scalars(select(P.campaign_id).where(*where))).all())
        if ids:
            await self.s.execute(update(P).where(P.person_id == person_id,
                                                 P.campaign_id.in_(ids)).values(done_at=at))
        return ids

    async def mine(self, person_id: int, now: datetime) -> list[tuple[Campaign, bool]]:
        rows = (await self.s.scalars(
            select(CampaignRow).join(P, P.campaign_id == CampaignRow.id)
            .where(P.person_id == person_id,
                   CampaignRow.status == CampaignStatus.OPEN.value,
                   CampaignRow.starts_at <= now, CampaignRow.ends_at > now)
            .order_by(CampaignRow.ends_at, CampaignRow.id))).all()
        out = []
        for r in rows:
            c = _to_domain(r)
            out.append((c, await self.is_done(c, person_id)))
        return out

    # ---- coordinators ---------------------------------------------------------------------

    async def completion(self, campaign: Campaign, scope: Sequence[int], by: str
                         ) -> tuple[int, int, list[tuple[int | None, int, int]]]:
        done = done_condition(campaign)
        where = [P.campaign_id == campaign.id, in_scope(scope)]
        if not by:
            row = (await self.s.execute(select(func.count(), func.count().filter(done))
                                        .where(*where))).one()
            return int(row[0]), int(row[1]), []
        unit = P.municipality_id if by == "municipality" else P.school_id
        rows = (await self.s.execute(
            select(unit, func.count(), func.count().filter(done)).where(*where)
            .group_by(unit))).all()
        units = [(u, int(t), int(d)) for u, t, d in rows]
        return sum(t for _, t, _ in units), sum(d for _, _, d in units), units

    async def stragglers(self, campaign: Campaign, scope: Sequence[int], limit: int,
                         offset: int) -> tuple[list[Straggler], int]:
        """Participants who have not finished, by name."""
        where = [P.campaign_id == campaign.id, in_scope(scope), ~done_condition(campaign)]
        total = int(await self.s.scalar(select(func.count()).select_from(P).where(*where)) or 0)
        school = OrgRow
        rows = (await self.s.execute(
            select(PersonRow.id, PersonRow.full_name, school.name)
            .select_from(P).join(PersonRow, PersonRow.id == P.person_id)
            .outerjoin(school, school.id == P.school_id)
            .where(*where).order_by(PersonRow.name_key, PersonRow.id)
            .offset(offset).limit(limit))).all()
        return [Straggler(pid, name or "—", sname or "—") for pid, name, sname in rows], total

    # ---- survey responses -----------------------------------------------------------------

    async def response(self, campaign_id: int, person_id: int) -> Response | None:
        row = await self.s.scalar(select(SurveyResponseRow).where(
            SurveyResponseRow.campaign_id == campaign_id,
            SurveyResponseRow.person_id == person_id))
        return _response(row) if row else None

    async def response_by_id(self, response_id: int) -> Response | None:
        row = await self.s.get(SurveyResponseRow, response_id)
        return _response(row) if row else None

    async def start_response(self, campaign_id: int, person_id: int, now: datetime
                             ) -> Response:
        part = await self.participant(campaign_id, person_id)
        school_id, municipality_id = (part[0], part[1]) if part else (None, None)
        await self.s.execute(self._insert()(SurveyResponseRow).values(
            campaign_id=campaign_id, person_id=person_id, school_id=school_id,
            municipality_id=municipality_id, answers={}, path=[], position=0,
            started_at=now, updated_at=now,
        ).on_conflict_do_nothing(index_elements=["campaign_id", "person_id"]))
        found = await self.response(campaign_id, person_id)
        assert found is not None
        return found

    async def save_response(self, response: Response, now: datetime) -> None:
        await self.s.execute(update(SurveyResponseRow)
                             .where(SurveyResponseRow.id == response.id)
                             .values(answers=response.answers, path=response.path,
                                     position=response.position,
                                     completed_at=response.completed_at, updated_at=now))

    async def answers(self, campaign_id: int, scope: Sequence[int]
                      ) -> list[tuple[int | None, int | None, dict[str, Any]]]:
        """Completed responses in the scope: (school, municipality, answers) — no person."""
        r = SurveyResponseRow
        orgs = select(OrgRow.id).where(in_subtrees(scope))
        rows = (await self.s.execute(
            select(r.school_id, r.municipality_id, r.answers).where(
                r.campaign_id == campaign_id, r.completed_at.is_not(None),
                or_(r.school_id.in_(orgs), and_(r.school_id.is_(None),
                                                r.municipality_id.in_(orgs))))
            .order_by(r.completed_at))).all()
        return [(s, m, {k: v for k, v in (a or {}).items() if not k.startswith("_draft_")})
                for s, m, a in rows]

    async def attempts_in_window(self, campaign: Campaign, scope: Sequence[int]
                                 ) -> list[dict[str, Any]]:
        """Each participant's last diagnosis completed inside the window, with their unit."""
        a = DiagAttemptRow
        last = (select(a.person_id, func.max(a.id).label("attempt_id"))
                .where(a.status == "completed", a.completed_at >= campaign.starts_at,
                       a.completed_at < campaign.ends_at)
                .group_by(a.person_id).subquery())
        rows = (await self.s.execute(
            select(P.person_id, P.school_id, P.municipality_id, a.id, a.total_percent,
                   a.result, PersonRow.full_name, OrgRow.name)
            .select_from(P).join(last, last.c.person_id == P.person_id)
            .join(a, a.id == last.c.attempt_id)
            .join(PersonRow, PersonRow.id == P.person_id)
            .outerjoin(OrgRow, OrgRow.id == P.school_id)
            .where(P.campaign_id == campaign.id, in_scope(scope)))).all()
        return [{"person_id": pid, "school_id": sid, "municipality_id": mid, "attempt_id": aid,
                 "total": total, "result": result or {}, "name": name or "—",
                 "school": school or "—"}
                for pid, sid, mid, aid, total, result, name, school in rows]

    async def diagnosis_results(self, campaign: Campaign, scope: Sequence[int]
                                ) -> list[dict[str, Any]]:
        return await self.attempts_in_window(campaign, scope)

    async def deficit_titles(self, attempt_ids: Sequence[int]) -> list[tuple[int, str, str]]:
        """(attempt, group, indicator title) of the deficits of these attempts."""
        from storage.diagnosis.models import DiagDeficitRow as D

        if not attempt_ids:
            return []
        rows = (await self.s.execute(select(D.attempt_id, D.group_code, D.title)
                                     .where(D.attempt_id.in_(list(attempt_ids))))).all()
        return [(a, g, t) for a, g, t in rows]


__all__ = ["SqlCampaigns", "SqlSurveys", "done_condition", "in_scope"]
