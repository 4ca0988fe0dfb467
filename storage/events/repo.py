"""SQLAlchemy implementation of the events and hours-ledger ports. Rows never leave
this module: they are converted to domain dataclasses first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, case, delete, exists, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, joinedload

from domain.events import (
    ChangeKind,
    Event,
    EventChange,
    EventDraft,
    EventForm,
    EventLevel,
    EventStatus,
    Hours,
    HoursKind,
    Registrant,
    Registration,
    RegStatus,
    ReminderTarget,
    SeatCounts,
    SeatState,
    Session,
    Subgroup,
)
from domain.hours import LedgerEntry
from storage.events.models import (
    EventAudienceRow,
    EventChangeRow,
    EventRegistrationRow,
    EventRow,
    EventSessionRow,
    HoursLedgerRow,
)
from storage.models import OrgRow, OutboxRow, PersonRow
from storage.read_model import ReadModel, read_fresh

R = EventRegistrationRow


def event_from_row(row: EventRow) -> Event:
    return Event(
        id=row.id,
        title=row.title,
        form=EventForm(row.form),
        level=EventLevel(row.level),
        organiser_id=row.organiser_id,
        groups=list(row.groups or []),
        description=row.description,
        sessions=[Session(s.starts_at, s.ends_at, s.id)
                  for s in sorted(row.sessions, key=lambda s: (s.starts_at, s.id))],
        place=row.place,
        online_url=row.online_url,
        hours=Hours(row.hours_in_person, row.hours_remote, row.hours_self_study),
        capacity=row.capacity,
        deadline=row.registration_deadline,
        audience=sorted(a.org_id for a in row.audience),
        reminders=list(row.reminders or []),
        status=EventStatus(row.status),
        created_by=row.created_by,
        created_at=row.created_at,
        checkin_code=row.checkin_code,
        reschedules=row.reschedules,
        subgroup=Subgroup.parse(row.subgroup_school_id, row.subgroup)
        if row.subgroup and row.subgroup_school_id else None,
    )


def registration_from_row(row: EventRegistrationRow) -> Registration:
    return Registration(
        id=row.id,
        event_id=row.event_id,
        person_id=row.person_id,
        status=RegStatus(row.status),
        seq=row.seq,
        created_at=row.created_at,
        offer_expires_at=row.offer_expires_at,
        attended_at=row.attended_at,
        cancelled_at=row.cancelled_at,
        checkin_failures=row.checkin_failures,
    )


def _reg_values(reg: Registration, now: datetime) -> dict[str, Any]:
    return {
        "event_id": reg.event_id,
        "person_id": reg.person_id,
        "status": reg.status.value,
        "seq": reg.seq,
        "created_at": reg.created_at,
        "updated_at": now,
        "offer_expires_at": reg.offer_expires_at,
        "attended_at": reg.attended_at,
        "cancelled_at": reg.cancelled_at,
        "checkin_failures": reg.checkin_failures,
    }


def _fill(row: EventRow, draft: EventDraft) -> None:
    assert draft.title and draft.form and draft.level and draft.organiser_id
    row.title = draft.title
    row.form = draft.form.value
    row.level = draft.level.value
    row.organiser_id = draft.organiser_id
    row.groups = list(draft.groups)
    row.description = draft.description or None
    row.place = draft.place or None
    row.online_url = draft.online_url or None
    row.hours_in_person = draft.hours.in_person
    row.hours_remote = draft.hours.remote
    row.hours_self_study = draft.hours.self_study
    row.capacity = draft.capacity
    row.registration_deadline = draft.deadline
    row.reminders = list(draft.reminders)
    row.starts_at = min(s.starts_at for s in draft.sessions)
    row.ends_at = max(s.ends_at for s in draft.sessions)


# The registration race's statements, built once: building a statement (coercing every column
# and condition) cost more CPU than running it, and the ones under the event lock lengthen
# everyone's wait (benchmarks/bench_registrations.py).
_OWN = case((R.person_id == bindparam("person_id"), R.id))
_SEAT_STATE = (
    select(R.status, func.count(), func.count(R.attended_at), func.max(R.seq), func.max(_OWN))
    .where(R.event_id == bindparam("event_id"))
    .group_by(R.status)
)
_REG_TABLE = R.__table__
_INSERT_REG = insert(_REG_TABLE).returning(_REG_TABLE.c.id)
#: an event with its sessions and audience in one round trip, fresh even if the session has it
_EVENT = (
    select(EventRow)
    .where(EventRow.id == bindparam("event_id"))
    .options(joinedload(EventRow.sessions), joinedload(EventRow.audience))
    .execution_options(populate_existing=True)
)
#: FOR NO KEY UPDATE: serialises seat decisions, yet rows that merely reference the event
#: (outbox, ledger) can still be inserted by others
_LOCK_EVENT = _EVENT.with_for_update(of=EventRow, key_share=True)


_EVENT_FIELDS = tuple(f.name for f in fields(Event))


def _copy_event(e: Event) -> Event:
    """An event from the read model: its lists are the caller's own. Field by field (every
    field, whatever is added later): ``dataclasses.replace`` re-ran __init__ and was a tenth of
    a catalogue page's cost."""
    copy = object.__new__(Event)
    for name in _EVENT_FIELDS:
        object.__setattr__(copy, name, getattr(e, name))
    copy.groups, copy.sessions = list(e.groups), list(e.sessions)
    copy.audience, copy.reminders = list(e.audience), list(e.reminders)
    return copy


class SqlEvents:
    """``reads``: the catalogue's reads (upcoming events, seat counts, a person's
    registrations) from memory when trusted (storage/read_model.py)."""

    def __init__(self, session: AsyncSession, reads: ReadModel | None = None) -> None:
        self.s = session
        self.reads = reads

    @property
    def _dialect(self) -> str:
        return self.s.bind.dialect.name if self.s.bind else "sqlite"

    # ---- events -------------------------------------------------------------------------

    async def _row(self, event_id: int, *, for_update: bool = False) -> EventRow | None:
        result = await self.s.execute(_LOCK_EVENT if for_update else _EVENT,
                                      {"event_id": event_id})
        return result.unique().scalar_one_or_none()

    async def add(self, draft: EventDraft, created_by: int | None, now: datetime) -> Event:
        row = EventRow(created_by=created_by, created_at=now, updated_at=now,
                       status=EventStatus.PUBLISHED.value, reschedules=0)
        _fill(row, draft)
        row.sessions = [EventSessionRow(starts_at=s.starts_at, ends_at=s.ends_at)
                        for s in draft.sessions]
        row.audience = [EventAudienceRow(org_id=o) for o in sorted(set(draft.audience))]
        self.s.add(row)
        await self.s.flush()
        return event_from_row(row)

    async def get(self, event_id: int) -> Event | None:
        row = await self._row(event_id)
        return event_from_row(row) if row else None

    async def lock(self, event_id: int) -> Event | None:
        """PostgreSQL: ``SELECT … FOR NO KEY UPDATE`` on the event row. SQLite: a no-op UPDATE first,
        which takes the database write lock (waiting up to busy_timeout) before anything is
        read, so the reads that follow are current and nobody else writes until commit. The
        seats are then decided on the database's rows, never on the read model's."""
        read_fresh(self.s.sync_session, "events")
        if self._dialect == "sqlite":
            await self.s.execute(
                update(EventRow)
                .where(EventRow.id == event_id)
                .values(status=EventRow.status)
                .execution_options(synchronize_session=False)
            )
            row = await self._row(event_id)
        else:
            row = await self._row(event_id, for_update=True)
        return event_from_row(row) if row else None

    async def update(self, event_id: int, draft: EventDraft, now: datetime) -> None:
        row = await self._row(event_id)
        assert row is not None
        old = [(s.starts_at, s.ends_at) for s in sorted(row.sessions, key=lambda s: s.starts_at)]
        new = [(s.starts_at, s.ends_at) for s in sorted(draft.sessions, key=lambda s: s.starts_at)]
        _fill(row, draft)
        row.updated_at = now
        if old != new:
            row.sessions = [EventSessionRow(starts_at=a, ends_at=b) for a, b in new]
            row.reschedules = (row.reschedules or 0) + 1
        if sorted(a.org_id for a in row.audience) != sorted(set(draft.audience)):
            row.audience = [EventAudienceRow(org_id=o) for o in sorted(set(draft.audience))]
        await self.s.flush()

    async def set_status(self, event_id: int, status: EventStatus, now: datetime) -> None:
        await self.s.execute(
            update(EventRow).where(EventRow.id == event_id)
            .values(status=status.value, updated_at=now)
            .execution_options(synchronize_session=False)
        )

    async def set_subgroup(self, event_id: int, subgroup: Subgroup | None, now: datetime
                           ) -> None:
        await self.s.execute(
            update(EventRow).where(EventRow.id == event_id).values(
                subgroup_school_id=subgroup.school_id if subgroup else None,
                subgroup=subgroup.code if subgroup else None, updated_at=now)
            .execution_options(synchronize_session=False))

    async def set_checkin_code(self, event_id: int, code: str) -> None:
        await self.s.execute(
            update(EventRow).where(EventRow.id == event_id).values(checkin_code=code)
            .execution_options(synchronize_session=False)
        )

    async def exists(self, organiser_id: int, title: str) -> bool:
        found = await self.s.scalar(
            select(EventRow.id).where(EventRow.organiser_id == organiser_id,
                                      EventRow.title == title).limit(1)
        )
        return found is not None

    async def add_change(self, change: EventChange) -> EventChange:
        row = EventChangeRow(event_id=change.event_id, kind=change.kind.value,
                             field=change.field, old=change.old, new=change.new,
                             by=change.by, at=change.at)
        self.s.add(row)
        await self.s.flush()
        return EventChange(change.event_id, change.kind, change.field, change.old, change.new,
                           change.by, change.at, row.id)

    async def changes(self, event_id: int) -> list[EventChange]:
        rows = (await self.s.scalars(
            select(EventChangeRow).where(EventChangeRow.event_id == event_id)
            .order_by(EventChangeRow.at, EventChangeRow.id)
        )).all()
        return [EventChange(r.event_id, ChangeKind(r.kind), r.field, r.old, r.new, r.by, r.at,
                            r.id) for r in rows]

    async def upcoming(
        self, org_ids: Sequence[int], now: datetime, form: EventForm | None,
        level: EventLevel | None, start_from: datetime | None, start_to: datetime | None,
    ) -> list[Event]:
        if not org_ids:
            return []
        if self.reads is None:
            return await self._upcoming(org_ids, now, form, level, start_from, start_to)

        async def load() -> tuple[datetime, list[Event]]:
            return now, await self._upcoming(org_ids, now, form, level, start_from, start_to)

        key = ("upcoming", tuple(sorted(set(org_ids))), form, level, start_from, start_to)
        since, events = await self.reads.read(self.s, "events", key, load)
        if now < since:  # a clock behind the moment it was read: the database decides
            return await self._upcoming(org_ids, now, form, level, start_from, start_to)
        # read then as "starting after then": those starting after now are a part of it
        return [_copy_event(e) for e in events if e.starts_at > now]

    async def _upcoming(
        self, org_ids: Sequence[int], now: datetime, form: EventForm | None,
        level: EventLevel | None, start_from: datetime | None, start_to: datetime | None,
    ) -> list[Event]:
        cond = [
            EventRow.status == EventStatus.PUBLISHED.value,
            EventRow.starts_at > now,
            exists().where(EventAudienceRow.event_id == EventRow.id,
                           EventAudienceRow.org_id.in_(list(org_ids))),
        ]
        if form is not None:
            cond.append(EventRow.form == form.value)
        if level is not None:
            cond.append(EventRow.level == level.value)
        if start_from is not None:
            cond.append(EventRow.starts_at >= start_from)
        if start_to is not None:
            cond.append(EventRow.starts_at < start_to)
        rows = (await self.s.scalars(
            select(EventRow).where(*cond).order_by(EventRow.starts_at, EventRow.id).limit(2000)
        )).all()
        return [event_from_row(r) for r in rows]

    async def organised(
        self, within: Sequence[int] | None, now: datetime, ended_after: datetime, offset: int,
        limit: int,
    ) -> tuple[list[Event], int]:
        cond: list[Any] = [EventRow.ends_at > ended_after]
        if within is not None:
            ids = list(within)
            if not ids:
                return [], 0
            org = aliased(OrgRow)
            cond.append(exists().where(
                org.id == EventRow.organiser_id,
                or_(org.id.in_(ids), org.municipality_id.in_(ids), org.region_id.in_(ids)),
            ))
        where = and_(*cond)
        total = await self.s.scalar(select(func.count()).select_from(EventRow).where(where)) or 0
        rows = (await self.s.scalars(
            select(EventRow).where(where)
            .order_by(case((EventRow.ends_at > now, 0), else_=1), EventRow.starts_at, EventRow.id)
            .offset(offset).limit(limit)
        )).all()
        return [event_from_row(r) for r in rows], total

    # ---- counts ------------------------------------------------------------------------

    async def counts_many(self, event_ids: Sequence[int]) -> dict[int, SeatCounts]:
        ids = sorted(set(event_ids))
        if not ids:
            return {}
        if self.reads is None:
            return await self._counts_many(ids)
        found = await self.reads.read(self.s, "events", ("counts", tuple(ids)),
                                      lambda: self._counts_many(ids))
        return dict(found)  # SeatCounts are frozen

    async def _counts_many(self, ids: list[int]) -> dict[int, SeatCounts]:
        rows = (await self.s.execute(
            select(R.event_id, R.status, func.count(), func.count(R.attended_at),
                   func.max(R.seq))
            .where(R.event_id.in_(ids))
            .group_by(R.event_id, R.status)
        )).all()
        acc: dict[int, list[tuple[str, int, int, int | None]]] = {}
        for event_id, status, n, attended, top in rows:
            acc.setdefault(event_id, []).append((status, n, attended, top))
        return {e: _seat_counts(groups) for e, groups in acc.items()}

    async def counts(self, event_id: int) -> SeatCounts:
        return (await self.counts_many([event_id])).get(event_id, SeatCounts())

    async def seat_state(self, event_id: int, person_id: int) -> SeatState:
        """The counts and the person's own registration in one round trip: under the event lock
        every statement lengthens the queue of everyone registering for the same event."""
        rows = (await self.s.execute(
            _SEAT_STATE, {"event_id": event_id, "person_id": person_id})).all()
        mine = next(((int(r[4]), RegStatus(r[0])) for r in rows if r[4] is not None), None)
        counts = _seat_counts([(status, n, attended, top) for status, n, attended, top, _ in rows])
        return SeatState(counts, *(mine or (None, None)))

    # ---- registrations -----------------------------------------------------------------

    async def registration(self, registration_id: int) -> Registration | None:
        row = await self.s.scalar(
            select(R).where(R.id == registration_id).execution_options(populate_existing=True)
        )
        return registration_from_row(row) if row else None

    async def registration_of(self, event_id: int, person_id: int) -> Registration | None:
        row = await self.s.scalar(
            select(R).where(R.event_id == event_id, R.person_id == person_id)
            .execution_options(populate_existing=True)
        )
        return registration_from_row(row) if row else None

    async def registrations_for(
        self, person_id: int, event_ids: Sequence[int]
    ) -> dict[int, Registration]:
        if not event_ids:
            return {}
        ids = sorted(set(event_ids))
        if self.reads is None:
            return await self._registrations_for(person_id, ids)
        found = await self.reads.read(self.s, "events", ("mine", person_id, tuple(ids)),
                                      lambda: self._registrations_for(person_id, ids))
        return {e: replace(r) for e, r in found.items()}

    async def _registrations_for(self, person_id: int, ids: list[int]
                                 ) -> dict[int, Registration]:
        rows = (await self.s.scalars(
            select(R).where(R.person_id == person_id, R.event_id.in_(ids))
            .execution_options(populate_existing=True)
        )).all()
        return {r.event_id: registration_from_row(r) for r in rows}

    async def registrations_of_person(self, person_id: int) -> list[tuple[Event, Registration]]:
        rows = (await self.s.execute(
            select(EventRow, R).join(R, R.event_id == EventRow.id)
            .where(R.person_id == person_id)
            .order_by(EventRow.starts_at)
            .execution_options(populate_existing=True)
        )).all()
        return [(event_from_row(e), registration_from_row(r)) for e, r in rows]

    async def save_registration(self, reg: Registration, now: datetime) -> Registration:
        values = _reg_values(reg, now)
        if not reg.id:  # a Core INSERT: an ORM flush costs several times its CPU, under the lock
            # the table, not the class: no ORM bulk-insert machinery
            reg.id = int(await self.s.scalar(_INSERT_REG, values))
            return reg
        await self.s.execute(
            update(R).where(R.id == reg.id).values(**values)
            .execution_options(synchronize_session=False)
        )
        return reg

    async def waitlist_head(self, event_id: int, limit: int) -> list[Registration]:
        rows = (await self.s.scalars(
            select(R).where(R.event_id == event_id, R.status == RegStatus.WAITLISTED.value)
            .order_by(R.seq).limit(limit)
            .execution_options(populate_existing=True)
        )).all()
        return [registration_from_row(r) for r in rows]

    async def waitlist_position(self, event_id: int, seq: int) -> int:
        return int(await self.s.scalar(
            select(func.count()).select_from(R).where(
                R.event_id == event_id, R.status == RegStatus.WAITLISTED.value, R.seq <= seq)
        ) or 0)

    async def offers_due(self, event_id: int, now: datetime) -> list[Registration]:
        rows = (await self.s.scalars(
            select(R).where(R.event_id == event_id, R.status == RegStatus.OFFERED.value,
                            R.offer_expires_at <= now)
            .order_by(R.seq).execution_options(populate_existing=True)
        )).all()
        return [registration_from_row(r) for r in rows]

    async def events_with_due_offers(self, now: datetime) -> list[int]:
        rows = (await self.s.scalars(
            select(R.event_id).where(R.status == RegStatus.OFFERED.value,
                                     R.offer_expires_at <= now)
            .distinct().order_by(R.event_id)
        )).all()
        return list(rows)

    async def active_people(self, event_id: int) -> list[int]:
        rows = (await self.s.scalars(
            select(R.person_id).where(
                R.event_id == event_id,
                R.status.in_([s.value for s in (RegStatus.CONFIRMED, RegStatus.OFFERED,
                                                RegStatus.WAITLISTED)]),
            ).order_by(R.seq)
        )).all()
        return list(rows)

    async def registrants(
        self, event_id: int, statuses: Sequence[RegStatus], offset: int, limit: int
    ) -> list[Registrant]:
        school = aliased(OrgRow)
        mun = aliased(OrgRow)
        order = case(
            (R.status == RegStatus.CONFIRMED.value, 0),
            (R.status == RegStatus.OFFERED.value, 1),
            else_=2,
        )
        position = func.row_number().over(partition_by=R.status, order_by=R.seq)
        rows = (await self.s.execute(
            select(R, PersonRow.full_name, school.name, mun.name, position)
            .join(PersonRow, PersonRow.id == R.person_id)
            .outerjoin(school, school.id == PersonRow.school_id)
            .outerjoin(mun, mun.id == PersonRow.municipality_id)
            .where(R.event_id == event_id, R.status.in_([s.value for s in statuses]))
            .order_by(order, R.seq)
            .offset(offset).limit(limit)
            .execution_options(populate_existing=True)
        )).all()
        return [
            Registrant(
                registration=registration_from_row(r), full_name=name, school=sch,
                municipality=m,
                position=int(pos) if r.status == RegStatus.WAITLISTED.value else None,
            )
            for r, name, sch, m, pos in rows
        ]

    async def reminder_targets(self, now: datetime, horizon: datetime) -> list[ReminderTarget]:
        rows = (await self.s.execute(
            select(
                EventRow.id, EventRow.title, EventRow.place, EventRow.online_url,
                EventRow.reminders, EventSessionRow.id, EventSessionRow.starts_at,
                EventSessionRow.ends_at, R.person_id, R.created_at,
            )
            .join(EventSessionRow, EventSessionRow.event_id == EventRow.id)
            .join(R, R.event_id == EventRow.id)
            .where(
                EventRow.status == EventStatus.PUBLISHED.value,
                EventSessionRow.starts_at > now,
                EventSessionRow.starts_at <= horizon,
                R.status == RegStatus.CONFIRMED.value,
            )
            .order_by(EventSessionRow.starts_at, R.seq)
        )).all()
        return [
            ReminderTarget(
                event_id=e_id, title=title, place=place, online_url=url,
                reminders=tuple(reminders or ()), session_id=s_id, starts_at=starts,
                ends_at=ends, person_id=person_id, registered_at=registered,
            )
            for e_id, title, place, url, reminders, s_id, starts, ends, person_id, registered
            in rows
        ]

    async def drop_pending(self, dedupe_prefix: str) -> int:
        result = await self.s.execute(
            delete(OutboxRow).where(
                OutboxRow.status == "pending",
                OutboxRow.dedupe_key.startswith(dedupe_prefix, autoescape=True),
            ).execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


class SqlHoursLedger:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def credit(self, person_id: int, event_id: int, hours: Hours, occurred_at: datetime,
                     now: datetime) -> None:
        dialect = self.s.bind.dialect.name if self.s.bind else "sqlite"
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        for kind, value in hours.by_kind().items():
            if value <= 0:
                continue
            stmt = insert(HoursLedgerRow).values(
                person_id=person_id, event_id=event_id, kind=kind.value, hours=value,
                occurred_at=occurred_at, created_at=now,
            ).on_conflict_do_nothing(index_elements=["person_id", "event_id", "kind"])
            await self.s.execute(stmt)

    async def revoke(self, person_id: int, event_id: int) -> None:
        await self.s.execute(
            delete(HoursLedgerRow).where(HoursLedgerRow.person_id == person_id,
                                         HoursLedgerRow.event_id == event_id)
            .execution_options(synchronize_session=False)
        )

    async def entries(self, person_id: int) -> list[LedgerEntry]:
        rows = (await self.s.execute(
            select(HoursLedgerRow, EventRow.title)
            .outerjoin(EventRow, EventRow.id == HoursLedgerRow.event_id)
            .where(HoursLedgerRow.person_id == person_id)
            .order_by(HoursLedgerRow.occurred_at, HoursLedgerRow.id)
        )).all()
        return [LedgerEntry(r.person_id, r.event_id, HoursKind(r.kind), r.hours, r.occurred_at,
                            title) for r, title in rows]


def _seat_counts(groups: Sequence[tuple[str, int, int, int | None]]) -> SeatCounts:
    """(status, registrations, attended, latest arrival number) per status → the counts."""
    by_status = {status: n for status, n, _, _ in groups}
    return SeatCounts(
        confirmed=by_status.get(RegStatus.CONFIRMED.value, 0),
        offered=by_status.get(RegStatus.OFFERED.value, 0),
        waitlisted=by_status.get(RegStatus.WAITLISTED.value, 0),
        attended=sum(attended for _, _, attended, _ in groups),
        last_seq=max((int(top or 0) for _, _, _, top in groups), default=0),
    )


__all__ = ["SqlEvents", "SqlHoursLedger", "event_from_row"]

