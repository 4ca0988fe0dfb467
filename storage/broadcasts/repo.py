"""Broadcasts over SQLAlchemy. The audience is one SQL query over ``people``
(``storage/audience.py``, shared with campaigns), never a loop over people in Python; starting
a broadcast is one ``INSERT … SELECT`` into the outbox with a unique dedupe key per recipient.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    String,
    and_,
    cast,
    delete,
    exists,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement, Select

from domain.audience import Audience
from domain.broadcasts.model import (
    AudienceCount,
    AuditEntry,
    Broadcast,
    BroadcastStatus,
    Button,
    Content,
    Kind,
    MediaKind,
    Progress,
)
from domain.enums import OutboxStatus
from domain.notifications import FORMAT, FORMAT_KEY
from storage.audience import audience_conditions, audience_query
from storage.broadcasts.models import BroadcastAuditRow, BroadcastOptOutRow, BroadcastRow
from storage.models import OutboxRow, PersonRow

OUTBOX_KEY = "bc-message"


def _opted_out(kind: Kind) -> ColumnElement[bool]:
    return exists().where(BroadcastOptOutRow.person_id == PersonRow.id,
                          BroadcastOptOutRow.kind == kind.value)


def _to_domain(row: BroadcastRow, author_chat: str | None = None,
               author_locale: str | None = None, author_channel: str | None = None) -> Broadcast:
    return Broadcast(
        id=row.id, author_id=row.author_id, kind=Kind(row.kind),
        status=BroadcastStatus(row.status),
        content=Content(
            html=row.html or "",
            media_kind=MediaKind(row.media_kind) if row.media_kind else None,
            media_file_id=row.media_file_id,
            buttons=tuple(Button.from_dict(b) for b in row.buttons or []),
        ),
        audience=Audience.from_dict(row.audience), event_id=row.event_id,
        scheduled_at=row.scheduled_at, started_at=row.started_at, enqueued_at=row.enqueued_at,
        paused_until=row.paused_until, finished_at=row.finished_at,
        cancelled_at=row.cancelled_at, created_at=row.created_at, updated_at=row.updated_at,
        total=row.total, report_message_id=row.report_message_id, author_chat=author_chat,
        author_locale=author_locale, author_channel=author_channel,
    )


def _values(b: Broadcast) -> dict[str, Any]:
    return {
        "author_id": b.author_id, "kind": b.kind.value, "status": b.status.value,
        "html": b.content.html,
        "media_kind": b.content.media_kind.value if b.content.media_kind else None,
        "media_file_id": b.content.media_file_id,
        "buttons": [x.to_dict() for x in b.content.buttons],
        "audience": b.audience.to_dict(), "event_id": b.event_id,
        "scheduled_at": b.scheduled_at, "started_at": b.started_at,
        "enqueued_at": b.enqueued_at, "paused_until": b.paused_until,
        "finished_at": b.finished_at, "cancelled_at": b.cancelled_at, "total": b.total,
        "report_message_id": b.report_message_id,
    }


class SqlBroadcasts:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    def _pg(self) -> bool:
        return self.s.get_bind().dialect.name == "postgresql"

    async def _one(self, query: Select[Any]) -> Broadcast | None:
        row = (await self.s.execute(
            query.add_columns(PersonRow.external_id, PersonRow.locale, PersonRow.channel)
            .outerjoin(PersonRow, PersonRow.id == BroadcastRow.author_id)
        )).first()
        return _to_domain(row[0], row[1], row[2], row[3]) if row else None

    async def add(self, broadcast: Broadcast, now: datetime) -> Broadcast:
        row = BroadcastRow(**_values(broadcast), created_at=now, updated_at=now)
        self.s.add(row)
        await self.s.flush()
        return _to_domain(row)

    async def get(self, broadcast_id: int) -> Broadcast | None:
        return await self._one(select(BroadcastRow).where(BroadcastRow.id == broadcast_id))

    async def lock(self, broadcast_id: int) -> Broadcast | None:
        query = select(BroadcastRow).where(BroadcastRow.id == broadcast_id)
        if self._pg():
            query = query.with_for_update(of=BroadcastRow)
        else:  # SQLite: take the write lock first (a no-op write), like bot/outbox.py
            await self.s.execute(update(BroadcastRow).where(BroadcastRow.id == broadcast_id)
                                 .values(total=BroadcastRow.total))
        return await self._one(query)

    async def save(self, broadcast: Broadcast, now: datetime) -> None:
        await self.s.execute(update(BroadcastRow).where(BroadcastRow.id == broadcast.id)
                             .values(**_values(broadcast), updated_at=now))

    async def set_report_message(self, broadcast_id: int, message_id: int) -> None:
        await self.s.execute(update(BroadcastRow).where(BroadcastRow.id == broadcast_id)
                             .values(report_message_id=message_id))

    async def delete(self, broadcast_id: int) -> None:
        await self.s.execute(delete(BroadcastRow).where(BroadcastRow.id == broadcast_id))

    async def by_author(self, author_id: int, statuses: Sequence[str], limit: int
                        ) -> list[Broadcast]:
        rows = (await self.s.scalars(
            select(BroadcastRow)
            .where(BroadcastRow.author_id == author_id, BroadcastRow.status.in_(list(statuses)))
            .order_by(BroadcastRow.updated_at.desc(), BroadcastRow.id.desc()).limit(limit)
        )).all()
        return [_to_domain(r) for r in rows]

    # ---- the audience ---------------------------------------------------------------------

    async def count(self, audience: Audience, kind: Kind, today: date | None = None
                    ) -> AudienceCount:
        opted = _opted_out(kind)
        row = (await self.s.execute(
            select(
                func.count(),
                func.count().filter(opted),
                func.count().filter(and_(~opted, PersonRow.blocked_at.is_not(None))),
            ).select_from(PersonRow).where(*audience_conditions(audience, today))
        )).one()
        return AudienceCount(int(row[0]), int(row[1]), int(row[2]))

    async def enqueue(self, broadcast: Broadcast, not_before: datetime, priority: int,
                      now: datetime) -> int:
        """One outbox row per recipient (not opted out), blocked ones included so the
        sender records them as blocked without a request. Idempotent: a row already
        recorded for the same broadcast and person is kept (dedupe key)."""
        p = PersonRow
        key = literal(f"bc:{broadcast.id}:", String) + cast(p.id, String)
        params = {FORMAT_KEY: FORMAT, "broadcast": broadcast.id}
        query = (
            select(
                p.id, literal(OUTBOX_KEY, String), literal(params, JSON), literal([], JSON),
                key, literal(OutboxStatus.PENDING.value, String), literal(0),
                literal(not_before, OutboxRow.not_before.type), literal(now, OutboxRow.created_at.type),
                literal(priority), literal(broadcast.id),
            )
            .where(*audience_conditions(broadcast.audience, now.date()), ~_opted_out(broadcast.kind))
        )
        insert = pg_insert if self._pg() else sqlite_insert
        stmt = insert(OutboxRow).from_select(
            ["person_id", "key", "params", "buttons", "dedupe_key", "status", "attempts",
             "not_before", "created_at", "priority", "broadcast_id"], query,
        ).on_conflict_do_nothing(index_elements=["dedupe_key"])
        await self.s.execute(stmt)
        if self._pg():
            # thousands of new rows at once: fresh statistics, or the sender's claim query
            # plans for an empty table (seconds per claim at 10 000 rows instead of ms)
            from sqlalchemy import text

            await self.s.execute(text("ANALYZE outbox"))
        return int(await self.s.scalar(
            select(func.count()).select_from(OutboxRow)
            .where(OutboxRow.broadcast_id == broadcast.id)) or 0)

    # ---- delivery -------------------------------------------------------------------------

    async def progress(self, broadcast_id: int) -> Progress:
        rows = (await self.s.execute(
            select(OutboxRow.status, func.count())
            .where(OutboxRow.broadcast_id == broadcast_id).group_by(OutboxRow.status)
        )).all()
        by = {status: int(n) for status, n in rows}
        queued = by.get(OutboxStatus.PENDING.value, 0) + by.get(OutboxStatus.SENDING.value, 0)
        failed = sum(by.get(s.value, 0) for s in (OutboxStatus.FAILED, OutboxStatus.UNKNOWN,
                                                  OutboxStatus.CANCELLED))
        return Progress(total=sum(by.values()), queued=queued,
                        sent=by.get(OutboxStatus.SENT.value, 0),
                        blocked=by.get(OutboxStatus.BLOCKED.value, 0), failed=failed)

    async def cancel_pending(self, broadcast_id: int) -> int:
        """Messages not yet in flight are dropped (a claimed one is not sent: going in flight
        requires ``pending``)."""
        result = await self.s.execute(
            update(OutboxRow)
            .where(OutboxRow.broadcast_id == broadcast_id,
                   OutboxRow.status == OutboxStatus.PENDING.value)
            .values(status=OutboxStatus.CANCELLED.value, claimed_at=None, claimed_by=None)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def hold(self, broadcast_id: int, until: datetime) -> int:
        result = await self.s.execute(
            update(OutboxRow)
            .where(OutboxRow.broadcast_id == broadcast_id,
                   OutboxRow.status == OutboxStatus.PENDING.value,
                   OutboxRow.not_before < until)
            .values(not_before=until)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def due_scheduled(self, now: datetime) -> list[int]:
        return list((await self.s.scalars(
            select(BroadcastRow.id).where(BroadcastRow.status == BroadcastStatus.SCHEDULED.value,
                                          BroadcastRow.scheduled_at <= now)
            .order_by(BroadcastRow.scheduled_at, BroadcastRow.id)
        )).all())

    async def active(self) -> list[Broadcast]:
        rows = (await self.s.execute(
            select(BroadcastRow, PersonRow.external_id, PersonRow.locale, PersonRow.channel)
            .outerjoin(PersonRow, PersonRow.id == BroadcastRow.author_id)
            .where(BroadcastRow.status.in_([BroadcastStatus.RUNNING.value,
                                            BroadcastStatus.PAUSED.value]))
            .order_by(BroadcastRow.id)
        )).all()
        return [_to_domain(r, ext, loc, ch) for r, ext, loc, ch in rows]

    # ---- audit and preferences ------------------------------------------------------------

    async def add_audit(self, entry: AuditEntry) -> None:
        self.s.add(BroadcastAuditRow(broadcast_id=entry.broadcast_id, actor_id=entry.actor_id,
                                     action=entry.action, details=entry.details, at=entry.at))
        await self.s.flush()

    async def audit_of(self, broadcast_id: int) -> list[AuditEntry]:
        rows = (await self.s.scalars(
            select(BroadcastAuditRow).where(BroadcastAuditRow.broadcast_id == broadcast_id)
            .order_by(BroadcastAuditRow.id)
        )).all()
        return [AuditEntry(r.broadcast_id, r.actor_id, r.action, r.at, dict(r.details or {}))
                for r in rows]

    async def opted_out(self, person_id: int) -> set[Kind]:
        rows = (await self.s.scalars(
            select(BroadcastOptOutRow.kind).where(BroadcastOptOutRow.person_id == person_id)
        )).all()
        return {Kind(k) for k in rows if k in Kind.__members__.values()}

    async def set_opt_out(self, person_id: int, kind: Kind, off: bool, now: datetime) -> None:
        if not off:
            await self.s.execute(delete(BroadcastOptOutRow).where(
                BroadcastOptOutRow.person_id == person_id, BroadcastOptOutRow.kind == kind.value))
            return
        insert = pg_insert if self._pg() else sqlite_insert
        await self.s.execute(insert(BroadcastOptOutRow).values(
            person_id=person_id, kind=kind.value, created_at=now,
        ).on_conflict_do_nothing(index_elements=["person_id", "kind"]))


__all__ = ["SqlBroadcasts", "audience_conditions", "audience_query"]
