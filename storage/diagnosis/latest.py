"""Each person's latest completed self-diagnosis, reduced to what figures need.

``diag_latest`` holds one small row per person (no answers, no result JSON): the attempt, the
one before it, the org unit it was taken in, the four group percentages and deficit flags. The
diagnosis repository keeps it in the transaction that completes an attempt; migration 0009
backfilled it. Coordinators' figures (storage/territory) and ``deficit_counts`` read it instead
of rebuilding "latest attempt per person" from ``diag_attempts``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.diagnosis.models import DiagAttemptRow, DiagDeficitRow
from storage.models import Base, OrgRow, UTCDateTime


class DiagLatestRow(Base):
    __tablename__ = "diag_latest"
    __table_args__ = (
        Index("ix_diag_latest_school", "school_id"),
        Index("ix_diag_latest_municipality", "municipality_id"),
        Index("ix_diag_latest_region", "region_id"),
    )

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("diag_attempts.id", ondelete="CASCADE"), index=True
    )
    #: the attempt before it (a repeat test), for "change since the previous attempt"
    previous_attempt_id: Mapped[int | None] = mapped_column(
        ForeignKey("diag_attempts.id", ondelete="SET NULL")
    )
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("orgs.id", ondelete="SET NULL"))
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("orgs.id", ondelete="SET NULL")
    )
    region_id: Mapped[int | None] = mapped_column(ForeignKey("orgs.id", ondelete="SET NULL"))
    total: Mapped[float] = mapped_column(Float)
    previous_total: Mapped[float | None] = mapped_column(Float)
    subject: Mapped[float | None] = mapped_column(Float)
    methodological: Mapped[float | None] = mapped_column(Float)
    psycho_pedagogical: Mapped[float | None] = mapped_column(Float)
    communicative: Mapped[float | None] = mapped_column(Float)
    #: a deficit in the group (at least one indicator below the threshold)
    subject_deficit: Mapped[bool] = mapped_column(Boolean, default=False)
    methodological_deficit: Mapped[bool] = mapped_column(Boolean, default=False)
    psycho_pedagogical_deficit: Mapped[bool] = mapped_column(Boolean, default=False)
    communicative_deficit: Mapped[bool] = mapped_column(Boolean, default=False)


GROUP_COLUMNS = ("subject", "methodological", "psycho_pedagogical", "communicative")


def latest_values(result: dict, previous_total: float | None) -> dict:  # type: ignore[type-arg]
    """The row's figures from an attempt's stored result (``Result.to_dict()``)."""
    values: dict[str, object] = {"total": float(result.get("total") or 0.0),
                                 "previous_total": previous_total}
    for g in result.get("groups") or []:
        code = g.get("group")
        if code in GROUP_COLUMNS:
            values[code] = g.get("percent")
            values[f"{code}_deficit"] = bool(g.get("deficits"))
    for code in GROUP_COLUMNS:
        values.setdefault(code, None)
        values.setdefault(f"{code}_deficit", False)
    return values



async def record_latest(s: AsyncSession, attempt: DiagAttemptRow) -> None:
    """Upsert the person's ``diag_latest`` row from an attempt just completed (same
    transaction as the completion)."""
    old = await s.get(DiagLatestRow, attempt.person_id)
    if old is not None and old.attempt_id != attempt.id:
        previous_id, previous_total = old.attempt_id, old.total
    elif old is not None:
        previous_id, previous_total = old.previous_attempt_id, old.previous_total
    else:
        previous_id, previous_total = None, None
    values = dict(
        attempt_id=attempt.id, previous_attempt_id=previous_id,
        completed_at=attempt.completed_at, school_id=attempt.school_id,
        municipality_id=attempt.municipality_id, region_id=attempt.region_id,
        **latest_values(attempt.result or {}, previous_total),
    )
    if old is None:
        s.add(DiagLatestRow(person_id=attempt.person_id, **values))
    else:
        for k, v in values.items():
            setattr(old, k, v)
    await s.flush()


async def latest_counts(s: AsyncSession, org_id: int
                        ) -> tuple[int, dict[str, int], dict[str, int]]:
    """Diagnosed people, deficits by group and by indicator over latest attempts taken in
    the org (where the attempt was taken: ``diag_latest``'s own org columns)."""
    org = await s.get(OrgRow, org_id)
    if org is None:
        return 0, {}, {}
    col = {"school": DiagLatestRow.school_id, "municipality": DiagLatestRow.municipality_id,
           "region": DiagLatestRow.region_id}[org.kind]
    row = (await s.execute(
        select(func.count(), *(func.sum(case((getattr(DiagLatestRow, f"{g}_deficit"), 1), else_=0))
                               for g in GROUP_COLUMNS)).where(col == org_id)
    )).one()
    by_group = {g: int(row[i + 1] or 0) for i, g in enumerate(GROUP_COLUMNS)}
    ind = (await s.execute(
        select(DiagDeficitRow.indicator_code, func.count())
        .join(DiagLatestRow, DiagLatestRow.attempt_id == DiagDeficitRow.attempt_id)
        .where(col == org_id)
        .group_by(DiagDeficitRow.indicator_code)
        .order_by(func.count().desc(), DiagDeficitRow.indicator_code)
    )).all()
    return int(row[0] or 0), by_group, {c: int(n) for c, n in ind}
