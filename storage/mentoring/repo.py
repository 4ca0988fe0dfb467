"""The mentoring repository: pairs, meetings, the suggestions and the counts behind the
indicators. Rows become domain values before they leave."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import String, and_, cast, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from domain.enums import Role, Status
from domain.errors import ValidationError
from domain.mentoring import (
    Goal,
    Meeting,
    Member,
    MentorCandidate,
    Pair,
    Proposal,
    ProposalKind,
    ProposalStatus,
    QuietPair,
    SchoolCounts,
)
from storage.events_models import HoursLedgerRow
from storage.mentoring.models import MentoringMeetingRow, MentoringPairRow, MentorProposalRow
from storage.models import PersonRow, RoleGrantRow
from storage.scopes import schools_within

#: the «Молодой специалист» flag and the «Педагог-наставник» status, as stored in the JSON list
_YOUNG = f'%"{Status.YOUNG_SPECIALIST.value}"%'
_MENTOR_STATUS = f'%"{Status.MENTOR.value}"%'


def _pair(r: MentoringPairRow) -> Pair:
    return Pair(r.id, r.mentee_id, r.mentor_id, r.school_id, r.started_on,
                tuple(Goal.from_dict(g) for g in r.goals or []), r.ended_on, r.conclusion,
                r.created_by, r.created_at, r.reminded_for, r.escalated_for)


def _proposal(r: MentorProposalRow) -> Proposal:
    return Proposal(r.id, r.pair_id, ProposalKind(r.kind), r.title, r.month, float(r.hours),
                    ProposalStatus(r.status), r.form, r.competence_group, r.row_id, r.reason,
                    r.activity_id, r.created_at, r.decided_at)


def _meeting(r: MentoringMeetingRow) -> Meeting:
    return Meeting(r.id, r.pair_id, r.held_on, r.topic, r.hours, r.file_id, r.file_name,
                   r.rating, r.credited_at)


def _member(r: PersonRow) -> Member:
    return Member(r.id, r.full_name or "—", r.school_id, tuple(r.subjects or ()))


def _statuses_like(pattern: str) -> ColumnElement[bool]:
    return cast(PersonRow.statuses, String).like(pattern)


def _has_active_pair() -> ColumnElement[bool]:
    return exists().where(MentoringPairRow.mentee_id == PersonRow.id,
                          MentoringPairRow.ended_on.is_(None))


class SqlMentoring:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    @property
    def _pg(self) -> bool:
        return bool(self.s.bind) and self.s.bind.dialect.name == "postgresql"

    def _in_scope(self, school_ids: Sequence[int] | None) -> list[ColumnElement[bool]]:
        cond: list[ColumnElement[bool]] = [PersonRow.profile_completed_at.is_not(None)]
        if school_ids is not None:
            cond.append(PersonRow.school_id.in_(list(school_ids)))
        return cond

    async def member(self, person_id: int) -> Member | None:
        row = await self.s.get(PersonRow, person_id)
        return _member(row) if row is not None and row.profile_completed_at else None

    async def add_pair(self, mentee_id: int, mentor_id: int, school_id: int | None,
                       started_on: date, goals: Sequence[Goal], created_by: int | None,
                       now: datetime) -> Pair:
        row = MentoringPairRow(mentee_id=mentee_id, mentor_id=mentor_id, school_id=school_id,
                               started_on=started_on, goals=[g.to_dict() for g in goals],
                               created_by=created_by, created_at=now)
        try:
            async with self.s.begin_nested():  # a savepoint: the refusal keeps the rest
                self.s.add(row)
                await self.s.flush()
        except IntegrityError as exc:
            # uq_mentoring_pairs_active_mentee: another pair became active meanwhile
            raise ValidationError("mnt-error-has-mentor") from exc
        return _pair(row)

    async def get_pair(self, pair_id: int) -> Pair | None:
        row = await self.s.get(MentoringPairRow, pair_id, populate_existing=True)
        return _pair(row) if row else None

    async def lock_mentee(self, mentee_id: int) -> None:
        await self.s.execute(select(PersonRow.id).where(PersonRow.id == mentee_id)
                             .with_for_update())

    async def active_pair_of(self, mentee_id: int) -> Pair | None:
        row = await self.s.scalar(
            select(MentoringPairRow).where(MentoringPairRow.mentee_id == mentee_id,
                                           MentoringPairRow.ended_on.is_(None))
            .order_by(MentoringPairRow.id.desc()).limit(1))
        return _pair(row) if row else None

    async def pairs_of(self, person_id: int) -> list[Pair]:
        rows = await self.s.scalars(
            select(MentoringPairRow)
            .where(or_(MentoringPairRow.mentor_id == person_id,
                       MentoringPairRow.mentee_id == person_id))
            .order_by(MentoringPairRow.ended_on.is_not(None), MentoringPairRow.id.desc())
            .limit(30))
        return [_pair(r) for r in rows]

    async def pairs_in(self, school_ids: Sequence[int] | None, offset: int, limit: int
                       ) -> tuple[list[Pair], int]:
        where = (MentoringPairRow.school_id.in_(list(school_ids)) if school_ids is not None
                 else MentoringPairRow.id.is_not(None))
        total = await self.s.scalar(
            select(func.count()).select_from(MentoringPairRow).where(where)) or 0
        rows = await self.s.scalars(
            select(MentoringPairRow).where(where)
            .order_by(MentoringPairRow.ended_on.is_not(None), MentoringPairRow.id.desc())
            .offset(offset).limit(limit))
        return [_pair(r) for r in rows], total

    async def end_pair(self, pair_id: int, ended_on: date, conclusion: str) -> bool:
        result = await self.s.execute(
            update(MentoringPairRow)
            .where(MentoringPairRow.id == pair_id, MentoringPairRow.ended_on.is_(None))
            .values(ended_on=ended_on, conclusion=conclusion)
            .execution_options(synchronize_session=False))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def add_meeting(self, pair_id: int, held_on: date, topic: str, hours: float,
                          file_id: str | None, file_name: str | None, now: datetime
                          ) -> Meeting:
        row = MentoringMeetingRow(pair_id=pair_id, held_on=held_on, topic=topic, hours=hours,
                                  file_id=file_id, file_name=file_name, created_at=now)
        self.s.add(row)
        await self.s.flush()
        return _meeting(row)

    async def add_proposal(self, proposal: Proposal, now: datetime) -> Proposal:
        row = MentorProposalRow(
            pair_id=proposal.pair_id, kind=proposal.kind.value, form=proposal.form,
            title=proposal.title, competence_group=proposal.group, row_id=proposal.row_id,
            month=proposal.month, hours=proposal.hours, status=proposal.status.value,
            created_at=now)
        self.s.add(row)
        await self.s.flush()
        return _proposal(row)

    async def get_proposal(self, proposal_id: int) -> Proposal | None:
        row = await self.s.get(MentorProposalRow, proposal_id, populate_existing=True)
        return _proposal(row) if row else None

    async def proposals(self, pair_id: int) -> list[Proposal]:
        rows = await self.s.scalars(
            select(MentorProposalRow).where(MentorProposalRow.pair_id == pair_id)
            .order_by(MentorProposalRow.created_at.desc(), MentorProposalRow.id.desc()))
        return [_proposal(r) for r in rows]

    async def decide_proposal(self, proposal_id: int, status: ProposalStatus,
                              reason: str | None, now: datetime) -> bool:
        result = await self.s.execute(
            update(MentorProposalRow)
            .where(MentorProposalRow.id == proposal_id,
                   MentorProposalRow.status == ProposalStatus.PROPOSED.value)
            .values(status=status.value, reason=reason, decided_at=now)
            .execution_options(synchronize_session=False))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def set_proposal_activity(self, proposal_id: int, activity_id: int) -> None:
        await self.s.execute(
            update(MentorProposalRow).where(MentorProposalRow.id == proposal_id)
            .values(activity_id=activity_id).execution_options(synchronize_session=False))

    async def get_meeting(self, meeting_id: int) -> Meeting | None:
        row = await self.s.get(MentoringMeetingRow, meeting_id, populate_existing=True)
        return _meeting(row) if row else None

    async def meetings(self, pair_id: int) -> list[Meeting]:
        rows = await self.s.scalars(
            select(MentoringMeetingRow).where(MentoringMeetingRow.pair_id == pair_id)
            .order_by(MentoringMeetingRow.held_on.desc(), MentoringMeetingRow.id.desc()))
        return [_meeting(r) for r in rows]

    async def credit_meeting(self, meeting: Meeting, person_ids: Sequence[int],
                             occurred_at: datetime, now: datetime) -> bool:
        result = await self.s.execute(
            update(MentoringMeetingRow)
            .where(MentoringMeetingRow.id == meeting.id,
                   MentoringMeetingRow.credited_at.is_(None))
            .values(credited_at=now).execution_options(synchronize_session=False))
        if not result.rowcount:  # type: ignore[attr-defined]
            return False
        for person_id in dict.fromkeys(person_ids):
            # consultation hours with a mentor are in-person hours (очные)
            self.s.add(HoursLedgerRow(person_id=person_id, event_id=None, kind="in_person",
                                      hours=meeting.hours, occurred_at=occurred_at,
                                      created_at=now))
        await self.s.flush()
        return True

    async def rate(self, meeting_id: int, rating: int, now: datetime) -> None:
        await self.s.execute(
            update(MentoringMeetingRow).where(MentoringMeetingRow.id == meeting_id)
            .values(rating=rating, rated_at=now).execution_options(synchronize_session=False))

    async def _named(self, cond: list[ColumnElement[bool]], query: str, limit: int
                     ) -> list[Member]:
        words = [w for w in query.casefold().split() if w][:5]
        if self._pg:  # ILIKE folds Cyrillic; SQLite's LIKE folds ASCII only
            cond = cond + [PersonRow.full_name.ilike(f"%{w}%") for w in words]
            rows = await self.s.scalars(select(PersonRow).where(*cond)
                                        .order_by(PersonRow.full_name, PersonRow.id).limit(limit))
            return [_member(r) for r in rows]
        found = []
        rows = await self.s.execute(
            select(PersonRow.id, PersonRow.full_name).where(*cond)
            .order_by(PersonRow.full_name, PersonRow.id))
        for person_id, name in rows:
            key = (name or "").casefold()
            if all(w in key for w in words):
                found.append(person_id)
                if len(found) >= limit:
                    break
        members = {r.id: _member(r) for r in await self.s.scalars(
            select(PersonRow).where(PersonRow.id.in_(found)))} if found else {}
        return [members[i] for i in found if i in members]

    async def young_without_mentor(self, school_ids: Sequence[int] | None, query: str | None,
                                   offset: int, limit: int) -> tuple[list[Member], int]:
        cond = self._in_scope(school_ids) + [_statuses_like(_YOUNG), ~_has_active_pair()]
        if query:
            found = await self._named(cond, query, limit)
            return found, len(found)
        total = await self.s.scalar(select(func.count()).select_from(PersonRow).where(*cond)) or 0
        rows = await self.s.scalars(select(PersonRow).where(*cond)
                                    .order_by(PersonRow.full_name, PersonRow.id)
                                    .offset(offset).limit(limit))
        return [_member(r) for r in rows], total

    async def teachers(self, school_ids: Sequence[int] | None, query: str,
                       limit: int) -> list[Member]:
        return await self._named(self._in_scope(school_ids), query, limit)

    async def mentors(self, school_ids: Sequence[int] | None, exclude: int,
                      limit: int) -> list[MentorCandidate]:
        has_role = exists().where(RoleGrantRow.person_id == PersonRow.id,
                                  RoleGrantRow.role == Role.MENTOR.value)
        mentees = (select(func.count()).select_from(MentoringPairRow)
                   .where(MentoringPairRow.mentor_id == PersonRow.id,
                          MentoringPairRow.ended_on.is_(None))
                   .correlate(PersonRow).scalar_subquery())
        cond = self._in_scope(school_ids) + [
            PersonRow.id != exclude, or_(has_role, _statuses_like(_MENTOR_STATUS))]
        rows = await self.s.execute(
            select(PersonRow, mentees.label("n")).where(*cond)
            .order_by(mentees, PersonRow.full_name, PersonRow.id).limit(limit))
        return [MentorCandidate(_member(r), int(n or 0)) for r, n in rows]

    async def schools_with_coordinator(self, school_ids: Sequence[int]) -> set[int]:
        if not school_ids:
            return set()
        rows = await self.s.scalars(
            select(RoleGrantRow.org_id).distinct()
            .where(RoleGrantRow.role == Role.SCHOOL_COORDINATOR.value,
                   RoleGrantRow.org_id.in_(list(school_ids))))
        return {i for i in rows if i is not None}

    async def coordinators(self, role: Role, org_id: int) -> list[int]:
        rows = await self.s.scalars(
            select(RoleGrantRow.person_id).where(RoleGrantRow.role == role.value,
                                                 RoleGrantRow.org_id == org_id)
            .order_by(RoleGrantRow.person_id))
        return list(dict.fromkeys(rows))

    async def members(self, person_ids: Sequence[int]) -> dict[int, Member]:
        out: dict[int, Member] = {}
        ids = list(person_ids)
        for chunk in range(0, len(ids), 500):
            rows = await self.s.scalars(select(PersonRow).where(
                PersonRow.id.in_(ids[chunk:chunk + 500]),
                PersonRow.profile_completed_at.is_not(None)))
            out.update({r.id: _member(r) for r in rows})
        return out

    async def quiet_pairs(self, remind_before: date, escalate_before: date) -> list[QuietPair]:
        last = (select(MentoringMeetingRow.pair_id,
                       func.max(MentoringMeetingRow.held_on).label("last_on"))
                .group_by(MentoringMeetingRow.pair_id).subquery())
        last_on = func.coalesce(last.c.last_on, MentoringPairRow.started_on)
        p = MentoringPairRow
        rows = await self.s.execute(
            select(p, last.c.last_on)
            .outerjoin(last, last.c.pair_id == p.id)
            .where(p.ended_on.is_(None), last_on < remind_before,
                   or_(p.reminded_for.is_(None), p.reminded_for != last_on,
                       and_(last_on < escalate_before,
                            or_(p.escalated_for.is_(None), p.escalated_for != last_on))))
            .order_by(p.id))
        return [QuietPair(_pair(r), held or r.started_on) for r, held in rows]

    async def mark_quiet(self, pair_id: int, reminded_for: date,
                         escalated_for: date | None) -> None:
        await self.s.execute(
            update(MentoringPairRow).where(MentoringPairRow.id == pair_id)
            .values(reminded_for=reminded_for, escalated_for=escalated_for)
            .execution_options(synchronize_session=False))

    async def scope_counts(self, org_id: int, since: date) -> SchoolCounts:
        """The sums of ``school_counts`` over the schools in the org's subtree, in one
        statement (a scalar subquery each; the schools stay in SQL, not in a list of ids)."""
        schools = schools_within(org_id)
        people = select(func.count()).select_from(PersonRow).where(
            *self._in_scope(None), PersonRow.school_id.in_(schools), _statuses_like(_YOUNG))
        p = MentoringPairRow
        row = (await self.s.execute(select(
            people.scalar_subquery(),
            people.where(_has_active_pair()).scalar_subquery(),
            select(func.count()).select_from(p)
            .where(p.school_id.in_(schools), p.ended_on.is_(None)).scalar_subquery(),
            *(select(agg).select_from(MentoringMeetingRow)
              .join(p, p.id == MentoringMeetingRow.pair_id)
              .where(p.school_id.in_(schools), MentoringMeetingRow.held_on >= since)
              .scalar_subquery() for agg in (func.count(), func.sum(MentoringMeetingRow.hours))),
        ))).one()
        young, mentored, pairs, meetings, hours = row
        return SchoolCounts(int(young or 0), int(mentored or 0), int(pairs or 0),
                            int(meetings or 0), float(hours or 0.0))

    async def school_counts(self, school_ids: Sequence[int], since: date
                            ) -> dict[int, SchoolCounts]:
        if not school_ids:
            return {}
        ids = list(school_ids)
        young: dict[int | None, int] = dict((await self.s.execute(
            select(PersonRow.school_id, func.count())
            .where(*self._in_scope(ids), _statuses_like(_YOUNG))
            .group_by(PersonRow.school_id))).all())
        mentored: dict[int | None, int] = dict((await self.s.execute(
            select(PersonRow.school_id, func.count())
            .where(*self._in_scope(ids), _statuses_like(_YOUNG), _has_active_pair())
            .group_by(PersonRow.school_id))).all())
        pairs: dict[int | None, int] = dict((await self.s.execute(
            select(MentoringPairRow.school_id, func.count())
            .where(MentoringPairRow.school_id.in_(ids), MentoringPairRow.ended_on.is_(None))
            .group_by(MentoringPairRow.school_id))).all())
        meetings = {s: (n, h) for s, n, h in (await self.s.execute(
            select(MentoringPairRow.school_id, func.count(), func.sum(MentoringMeetingRow.hours))
            .join(MentoringPairRow, MentoringPairRow.id == MentoringMeetingRow.pair_id)
            .where(and_(MentoringPairRow.school_id.in_(ids),
                        MentoringMeetingRow.held_on >= since))
            .group_by(MentoringPairRow.school_id))).all()}
        out = {}
        for school in set(young) | set(pairs) | set(meetings):
            if school is None:
                continue
            n, h = meetings.get(school, (0, 0.0))
            out[school] = SchoolCounts(int(young.get(school, 0)), int(mentored.get(school, 0)),
                                       int(pairs.get(school, 0)), int(n), float(h or 0.0))
        return out
