"""The repository of external diagnostics (domain/external)."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.external import ExternalDiagnosis, GroupResult
from storage.external.models import ExternalDiagnosisRow, ExternalResultRow


class SqlExternal:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def add(self, found: ExternalDiagnosis) -> ExternalDiagnosis:
        row = ExternalDiagnosisRow(
            person_id=found.person_id, taken_on=found.taken_on, operator=found.operator,
            instrument=found.instrument, entered_by=found.entered_by,
            created_at=found.created_at)
        self.s.add(row)
        await self.s.flush()
        self._add_results(row.id, found)
        await self.s.flush()
        got = await self.get(row.id)
        assert got is not None
        return got

    async def update(self, found: ExternalDiagnosis) -> ExternalDiagnosis:
        """The corrected values and results replace the stored ones."""
        await self.s.execute(
            update(ExternalDiagnosisRow).where(ExternalDiagnosisRow.id == found.id)
            .values(taken_on=found.taken_on, operator=found.operator,
                    instrument=found.instrument, edited_by=found.edited_by,
                    edited_at=found.edited_at)
            .execution_options(synchronize_session=False))
        await self.s.execute(delete(ExternalResultRow)
                             .where(ExternalResultRow.diagnosis_id == found.id))
        self._add_results(found.id, found)
        await self.s.flush()
        got = await self.get(found.id)
        assert got is not None
        return got

    def _add_results(self, diagnosis_id: int, found: ExternalDiagnosis) -> None:
        for r in found.results:
            self.s.add(ExternalResultRow(diagnosis_id=diagnosis_id, group_code=r.group,
                                         percent=r.percent, indicators=list(r.indicators)))

    async def set_self_analysis(self, diagnosis_id: int, text: str) -> None:
        await self.s.execute(
            update(ExternalDiagnosisRow).where(ExternalDiagnosisRow.id == diagnosis_id)
            .values(self_analysis=text).execution_options(synchronize_session=False))

    async def of_person(self, person_id: int, limit: int) -> list[ExternalDiagnosis]:
        rows = await self.s.scalars(
            select(ExternalDiagnosisRow).where(ExternalDiagnosisRow.person_id == person_id)
            .order_by(ExternalDiagnosisRow.taken_on.desc(), ExternalDiagnosisRow.id.desc())
            .limit(limit))
        return [await self._full(row) for row in rows]

    async def get(self, diagnosis_id: int) -> ExternalDiagnosis | None:
        row = await self.s.get(ExternalDiagnosisRow, diagnosis_id, populate_existing=True)
        return await self._full(row) if row else None

    async def latest(self, person_id: int) -> ExternalDiagnosis | None:
        row = await self.s.scalar(
            select(ExternalDiagnosisRow).where(ExternalDiagnosisRow.person_id == person_id)
            .order_by(ExternalDiagnosisRow.taken_on.desc(), ExternalDiagnosisRow.id.desc())
            .limit(1))
        return await self._full(row) if row else None

    async def _full(self, row: ExternalDiagnosisRow) -> ExternalDiagnosis:
        results = await self.s.scalars(
            select(ExternalResultRow).where(ExternalResultRow.diagnosis_id == row.id)
            .order_by(ExternalResultRow.id))
        return ExternalDiagnosis(
            id=row.id, person_id=row.person_id, taken_on=row.taken_on, operator=row.operator,
            instrument=row.instrument,
            results=tuple(GroupResult(r.group_code, float(r.percent), tuple(r.indicators or ()))
                          for r in results),
            entered_by=row.entered_by, created_at=row.created_at, edited_by=row.edited_by,
            edited_at=row.edited_at, self_analysis=row.self_analysis)
