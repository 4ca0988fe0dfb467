"""SQLAlchemy implementation of the self-diagnosis repository. Rows never leave this module."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.diagnosis import (
    Attempt,
    AttemptStatus,
    Candidate,
    Deficit,
    DeficitCounts,
    Result,
    Snapshot,
    StoredInstrument,
)
from domain.instrument import GROUP_ORDER, CompetenceGroup, Instrument, cached, from_stored
from storage.diagnosis.latest import DiagLatestRow, latest_counts, record_latest
from storage.diagnosis.models import DiagAttemptRow, DiagDeficitRow, DiagInstrumentRow
from storage.models import PersonRow
from storage.names import name_pattern
from storage.read_model import ReadModel

_COMPLETED = AttemptStatus.COMPLETED.value
_IN_PROGRESS = AttemptStatus.IN_PROGRESS.value


def attempt_from_row(row: DiagAttemptRow) -> Attempt:
    return Attempt(
        id=row.id,
        person_id=row.person_id,
        instrument_id=row.instrument_id,
        status=AttemptStatus(row.status),
        position=row.position,
        answers={str(k): int(v) for k, v in (row.answers or {}).items()},
        started_at=row.started_at,
        updated_at=row.updated_at,
        completed_at=row.completed_at,
        result=Result.from_dict(row.result) if row.result else None,
        school_id=row.school_id,
        municipality_id=row.municipality_id,
        region_id=row.region_id,
        self_analysis=row.self_analysis,
        self_analysis_at=row.self_analysis_at,
        retake_unlocked_at=row.retake_unlocked_at,
    )


class SqlDiagnosis:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    # ---- instruments ------------------------------------------------------------------

    #: everything but the content and the file, which are read only when not cached
    _HEAD = (DiagInstrumentRow.id, DiagInstrumentRow.checksum, DiagInstrumentRow.is_active,
             DiagInstrumentRow.created_at, DiagInstrumentRow.uploaded_by)

    async def _instruments(self, *where: Any, order: Any = None, limit: int | None = None
                           ) -> list[StoredInstrument]:
        stmt = select(*self._HEAD).where(*where)
        if order is not None:
            stmt = stmt.order_by(order)
        if limit is not None:
            stmt = stmt.limit(limit)
        out = []
        for head in (await self.s.execute(stmt)).all():
            instrument = cached(head.checksum)
            if instrument is None:
                content = await self.s.scalar(
                    select(DiagInstrumentRow.content).where(DiagInstrumentRow.id == head.id)
                )
                instrument = from_stored(content or {}, head.checksum)
            out.append(StoredInstrument(head.id, instrument, head.is_active, head.created_at,
                                        head.uploaded_by))
        return out

    async def active_instrument(self) -> StoredInstrument | None:
        found = await self._instruments(DiagInstrumentRow.is_active.is_(True),
                                        order=DiagInstrumentRow.activated_at.desc(), limit=1)
        return found[0] if found else None

    async def get_instrument(self, instrument_id: int) -> StoredInstrument | None:
        found = await self._instruments(DiagInstrumentRow.id == instrument_id)
        return found[0] if found else None

    async def find_instrument(self, version: str) -> StoredInstrument | None:
        found = await self._instruments(DiagInstrumentRow.version == version)
        return found[0] if found else None

    async def instrument_source(self, instrument_id: int) -> str | None:
        return await self.s.scalar(
            select(DiagInstrumentRow.source).where(DiagInstrumentRow.id == instrument_id)
        )

    async def add_instrument(
        self, instrument: Instrument, source: str, uploaded_by: int | None, now: datetime
    ) -> StoredInstrument:
        """Store a new version; if another process stored it a moment ago, return that one."""
        row = DiagInstrumentRow(
            code=instrument.code, version=instrument.version, title=instrument.title.ru[:300],
            checksum=instrument.checksum, content=instrument.model_dump(mode="json"),
            source=source, is_active=False, uploaded_by=uploaded_by, created_at=now,
        )
        try:
            async with self.s.begin_nested():
                self.s.add(row)
        except IntegrityError:
            found = await self.find_instrument(instrument.version)
            if found is None:
                raise
            return found
        return StoredInstrument(row.id, instrument, row.is_active, row.created_at, uploaded_by)

    async def activate_instrument(self, instrument_id: int, now: datetime) -> None:
        await self.s.execute(
            update(DiagInstrumentRow)
            .where(DiagInstrumentRow.is_active.is_(True), DiagInstrumentRow.id != instrument_id)
            .values(is_active=False)
        )
        await self.s.execute(
            update(DiagInstrumentRow).where(DiagInstrumentRow.id == instrument_id)
            .values(is_active=True, activated_at=now)
        )

    async def list_instruments(self) -> list[StoredInstrument]:
        return await self._instruments(order=DiagInstrumentRow.id.desc())

    # ---- attempts ---------------------------------------------------------------------

    async def get_attempt(self, attempt_id: int) -> Attempt | None:
        row = await self.s.get(DiagAttemptRow, attempt_id)
        return attempt_from_row(row) if row else None

    async def in_progress(self, person_id: int) -> Attempt | None:
        row = await self.s.scalar(
            select(DiagAttemptRow).where(
                DiagAttemptRow.person_id == person_id, DiagAttemptRow.status == _IN_PROGRESS
            )
        )
        return attempt_from_row(row) if row else None

    async def create_attempt(self, person_id: int, instrument_id: int, now: datetime) -> Attempt:
        row = DiagAttemptRow(
            person_id=person_id, instrument_id=instrument_id, status=_IN_PROGRESS, position=0,
            answers={}, started_at=now, updated_at=now,
        )
        self.s.add(row)
        await self.s.flush()
        return attempt_from_row(row)

    async def _attempt_row(self, attempt_id: int) -> DiagAttemptRow:
        row = await self.s.get(DiagAttemptRow, attempt_id)  # usually already in the session
        if row is None:
            raise LookupError(attempt_id)
        return row

    async def save_progress(
        self, attempt_id: int, answers: dict[str, int], position: int, now: datetime
    ) -> None:
        # one UPDATE, no SELECT: this runs on every tap
        await self.s.execute(
            update(DiagAttemptRow)
            .where(DiagAttemptRow.id == attempt_id, DiagAttemptRow.status == _IN_PROGRESS)
            .values(answers=dict(answers), position=position, updated_at=now)
        )

    async def complete(
        self, attempt_id: int, result: Result, deficits: Sequence[Deficit], snapshot: Snapshot,
        now: datetime,
    ) -> None:
        row = await self._attempt_row(attempt_id)
        row.status, row.completed_at, row.updated_at = _COMPLETED, now, now
        row.total_percent, row.result = result.total, result.to_dict()
        row.school_id, row.municipality_id = snapshot.school_id, snapshot.municipality_id
        row.region_id = snapshot.region_id
        await self.s.execute(delete(DiagDeficitRow).where(DiagDeficitRow.attempt_id == attempt_id))
        self.s.add_all([
            DiagDeficitRow(
                attempt_id=attempt_id, person_id=row.person_id, group_code=d.group.value,
                indicator_code=d.indicator, title=d.title[:300], percent=d.percent, rank=d.rank,
            )
            for d in deficits
        ])
        await self.s.flush()
        await record_latest(self.s, row)  # the small row figures read

    def _completed_of(self, person_id: int):  # type: ignore[no-untyped-def]
        return select(DiagAttemptRow).where(
            DiagAttemptRow.person_id == person_id, DiagAttemptRow.status == _COMPLETED
        )

    async def last_completed(self, person_id: int) -> Attempt | None:
        row = await self.s.scalar(
            self._completed_of(person_id)
            .order_by(DiagAttemptRow.completed_at.desc(), DiagAttemptRow.id.desc()).limit(1)
        )
        return attempt_from_row(row) if row else None

    async def previous_completed(self, person_id: int, before_id: int) -> Attempt | None:
        row = await self.s.scalar(
            self._completed_of(person_id).where(DiagAttemptRow.id < before_id)
            .order_by(DiagAttemptRow.id.desc()).limit(1)
        )
        return attempt_from_row(row) if row else None

    async def completed(self, person_id: int, limit: int) -> list[Attempt]:
        rows = (await self.s.scalars(
            self._completed_of(person_id)
            .order_by(DiagAttemptRow.completed_at.desc(), DiagAttemptRow.id.desc()).limit(limit)
        )).all()
        return [attempt_from_row(r) for r in rows]

    async def deficits(self, attempt_id: int) -> list[Deficit]:
        rows = (await self.s.scalars(
            select(DiagDeficitRow).where(DiagDeficitRow.attempt_id == attempt_id)
            .order_by(DiagDeficitRow.rank)
        )).all()
        return [
            Deficit(CompetenceGroup(r.group_code), r.indicator_code, r.title, r.percent, r.rank)
            for r in rows
        ]

    async def set_self_analysis(self, attempt_id: int, text: str, now: datetime) -> None:
        row = await self._attempt_row(attempt_id)
        row.self_analysis, row.self_analysis_at = text, now
        await self.s.flush()

    async def unlock_retake(self, attempt_id: int, by: int | None, now: datetime) -> None:
        row = await self._attempt_row(attempt_id)
        row.retake_unlocked_at, row.retake_unlocked_by = now, by
        await self.s.flush()

    # ---- admins and coordinators ------------------------------------------------------

    async def find_diagnosed(self, query: str, limit: int) -> list[Candidate]:
        """People with a completed attempt, by Telegram id or part of the name; the name is
        matched in SQL on the casefolded ``people.name_key`` (SQLite's lower() knows only
        ASCII), so everyone can be found however many people there are."""
        stmt = (
            select(PersonRow.id, PersonRow.full_name, PersonRow.external_id,
                   DiagLatestRow.completed_at)
            .join(DiagLatestRow, DiagLatestRow.person_id == PersonRow.id)
            .order_by(PersonRow.full_name, PersonRow.id)
        )
        if query.isdigit():
            stmt = stmt.where(or_(PersonRow.external_id == query, PersonRow.id == int(query)))
        else:
            stmt = stmt.where(PersonRow.name_key.like(name_pattern(query), escape="\\"))
        rows = (await self.s.execute(stmt.limit(limit))).all()
        return [Candidate(r.id, r.full_name or "—", r.external_id, r.completed_at) for r in rows]

    async def deficit_counts(self, org_id: int) -> DeficitCounts:
        """Over each teacher's latest completed attempt taken inside the org (the small
        ``diag_latest`` table, kept by ``complete``)."""
        diagnosed, by_group, by_indicator = await latest_counts(self.s, org_id)
        return DeficitCounts(
            diagnosed=diagnosed,
            by_group={g: by_group.get(g.value, 0) for g in GROUP_ORDER},
            by_indicator=by_indicator,
        )


__all__ = ["SqlDiagnosis"]


class SqlDeficits:
    """The deficit groups of a teacher's latest completed self-diagnosis, worst first.

    The catalogue of events puts the courses of these groups first (``uow.deficits``); with
    ``reads`` from memory when trusted (storage/read_model.py).
    """

    def __init__(self, session: AsyncSession, reads: ReadModel | None = None) -> None:
        self.s = session
        self.reads = reads

    async def latest_deficits(self, person_id: int) -> list[tuple[str, str]]:
        if self.reads is None:
            return await self._latest_deficits(person_id)
        return list(await self.reads.read(self.s, "deficits", person_id,
                                          lambda: self._latest_deficits(person_id)))

    async def _latest_deficits(self, person_id: int) -> list[tuple[str, str]]:
        latest = (
            select(DiagAttemptRow.id)
            .where(DiagAttemptRow.person_id == person_id,
                   DiagAttemptRow.status == "completed")
            .order_by(DiagAttemptRow.completed_at.desc(), DiagAttemptRow.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        rows = (await self.s.execute(
            select(DiagDeficitRow.group_code, DiagDeficitRow.title)
            .where(DiagDeficitRow.attempt_id == latest)
            .order_by(DiagDeficitRow.rank, DiagDeficitRow.id)
        )).all()
        return [(code, title) for code, title in rows]

    async def latest_groups(self, person_id: int) -> list[str]:
        latest = (
            select(DiagAttemptRow.id)
            .where(DiagAttemptRow.person_id == person_id,
                   DiagAttemptRow.status == "completed")
            .order_by(DiagAttemptRow.completed_at.desc(), DiagAttemptRow.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        rows = (await self.s.execute(
            select(DiagDeficitRow.group_code, func.min(DiagDeficitRow.rank))
            .where(DiagDeficitRow.attempt_id == latest)
            .group_by(DiagDeficitRow.group_code)
            .order_by(func.min(DiagDeficitRow.rank))
        )).all()
        return [code for code, _ in rows]
