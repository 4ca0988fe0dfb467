"""The copy cache: a file's id in the other messenger (migration 0018_file_copies); where a MAX
file can be downloaded (0023_max_file_urls)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
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


class FileSourceRow(Base):
    """Where a MAX file (``file_id``: ``max:<token>``) can be downloaded: the URL MAX gave with
    the update that brought it (the file's name kept as the URL's fragment), and when."""

    __tablename__ = "max_file_urls"

    file_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
