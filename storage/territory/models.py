"""Tables of «Моя территория»: the coordinators' digest choice, and the index the scope's
registrations need. ``diag_latest`` (each teacher's latest diagnosis, which the figures read)
belongs to the diagnosis feature: storage/diagnosis/latest.py, re-exported here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.diagnosis.latest import GROUP_COLUMNS, DiagLatestRow, latest_values
from storage.events_models import EventRegistrationRow
from storage.models import Base, UTCDateTime


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



__all__ = ["GROUP_COLUMNS", "DiagLatestRow", "TerritoryPrefRow", "latest_values"]
