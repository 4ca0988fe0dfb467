"""Tables of «Моя территория».

``diag_latest`` is each teacher's latest completed self-diagnosis, reduced to what the figures
need: one small row per person (no answers, no result JSON), with the org unit the attempt was
taken in and the four group percentages, maintained in the transaction that completes an
attempt (storage/diagnosis_repo.py) and backfilled by migration 0009. Coordinators' figures
read it instead of rebuilding "latest attempt per person" from ``diag_attempts``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.events_models import EventRegistrationRow
from storage.models import Base, UTCDateTime


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


class TerritoryPrefRow(Base):
    """A coordinator's choice of digest: off, daily or weekly (no row: weekly)."""

    __tablename__ = "territory_prefs"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    digest: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


#: registrations by person (a scope's registrations join people → registrations)
Index("ix_event_registrations_person", EventRegistrationRow.person_id)

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


__all__ = ["GROUP_COLUMNS", "DiagLatestRow", "TerritoryPrefRow", "latest_values"]
