"""The copy cache: a file's id in the other messenger (migration 0018_file_copies)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class FileCopyRow(Base):
    """A file from one messenger (``source_file_id``: Telegram's id, or ``max:<token>``) as
    uploaded to ``channel``; ``file_id`` is empty while a sender is making the copy
    (``claimed_by``) or after it failed (``failed_at``)."""

    __tablename__ = "file_copies"
    __table_args__ = (UniqueConstraint("source_file_id", "channel", name="uq_file_copy"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_file_id: Mapped[str] = mapped_column(String(300))
    channel: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str | None] = mapped_column(String(300))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
