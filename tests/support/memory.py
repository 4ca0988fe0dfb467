"""An in-memory unit of work: the fast test tier for domain rules (no database, no dispatcher).

It holds what the events' seat rules read and write — people, organisations, events and their
registrations, the outbox — in dictionaries, with the same semantics as the SQL repositories
for those calls (a registration's arrival number, the waitlist in arrival order, the outbox's
dedupe keys). ``tests/events/test_memory_contract.py`` runs one scenario on this and on the
real repositories and compares the results, so the fake cannot drift silently.

A rollback restores the state the unit of work started with (or had at its last commit).
Services that need another repository fail loudly with ``AttributeError``: extend this module
(and the contract test) rather than faking it in a test.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from domain.clock import Clock
from domain.entities import Notification, Org, Person, Profile, RoleGrant
from domain.enums import Channel, OrgKind
from domain.events import (
    ACTIVE,
    Event,
    EventDraft,
    EventStatus,
    Registration,
    RegStatus,
    SeatCounts,
    SeatState,
)
from domain.reactions import Reactions
from domain.wiring import REACTIONS


@dataclass
class _State:
    people: dict[int, Person] = field(default_factory=dict)
    orgs: dict[int, Org] = field(default_factory=dict)
    events: dict[int, Event] = field(default_factory=dict)
    registrations: dict[int, Registration] = field(default_factory=dict)
    outbox: list[Notification] = field(default_factory=list)


class _Ids:
    def __init__(self) -> None:
        self._next = itertools.count(1)

    def __call__(self) -> int:
        return next(self._next)


class MemoryPeople:
    def __init__(self, st: _State, ids: _Ids) -> None:
        self.st, self.ids = st, ids

    async def get(self, person_id: int) -> Person | None:
        return copy.deepcopy(self.st.people.get(person_id))

    async def get_many(self, ids: Sequence[int]) -> dict[int, Person]:
        return {i: copy.deepcopy(p) for i, p in self.st.people.items() if i in set(ids)}

    def add(self, profile: Profile, grants: Sequence[RoleGrant], now: datetime) -> Person:
        person_id = self.ids()
        person = Person(person_id, Channel.TELEGRAM, str(person_id), consented_at=now,
                        profile_completed_at=now, profile=profile, grants=list(grants),
                        created_at=now)
        self.st.people[person_id] = person
        return person


class MemoryOrgs:
    def __init__(self, st: _State, ids: _Ids) -> None:
        self.st, self.ids = st, ids

    async def get(self, org_id: int) -> Org | None:
        return self.st.orgs.get(org_id)

    async def get_many(self, ids: Sequence[int]) -> dict[int, Org]:
        return {i: o for i, o in self.st.orgs.items() if i in set(ids)}

    async def ensure(self, kind: OrgKind, name: str, parent: Org | None) -> tuple[Org, bool]:
        for org in self.st.orgs.values():
            if (org.kind is kind and org.name == name
                    and org.parent_id == (parent.id if parent else None)):
                return org, False
        org_id = self.ids()
        region = municipality = None  # as SqlOrgs.ensure: from the parent only
        if parent is not None and parent.kind is OrgKind.REGION:
            region = parent.id
        elif parent is not None and parent.kind is OrgKind.MUNICIPALITY:
            municipality, region = parent.id, parent.region_id
        org = Org(org_id, kind, name, parent.id if parent else None, municipality, region)
        self.st.orgs[org_id] = org
        return org, True


class MemoryEvents:
    """The seat-related part of ``storage.events.repo.SqlEvents``."""

    def __init__(self, st: _State, ids: _Ids) -> None:
        self.st, self.ids = st, ids

    async def add(self, draft: EventDraft, created_by: int | None, now: datetime) -> Event:
        event = Event(
            id=self.ids(), title=draft.title, form=draft.form, level=draft.level,
            organiser_id=draft.organiser_id, groups=list(draft.groups),
            description=draft.description, sessions=list(draft.sessions), place=draft.place,
            online_url=draft.online_url, hours=draft.hours, capacity=draft.capacity,
            deadline=draft.deadline, audience=sorted(set(draft.audience)),
            reminders=list(draft.reminders), status=EventStatus.PUBLISHED,
            created_by=created_by, created_at=now)
        self.st.events[event.id] = event
        return copy.deepcopy(event)

    async def get(self, event_id: int) -> Event | None:
        return copy.deepcopy(self.st.events.get(event_id))

    async def lock(self, event_id: int) -> Event | None:
        return await self.get(event_id)  # one coroutine at a time: nothing to serialise

    async def set_status(self, event_id: int, status: EventStatus, now: datetime) -> None:
        self.st.events[event_id] = replace(self.st.events[event_id], status=status)

    def _of(self, event_id: int) -> list[Registration]:
        return sorted((r for r in self.st.registrations.values() if r.event_id == event_id),
                      key=lambda r: r.seq)

    async def counts(self, event_id: int) -> SeatCounts:
        regs = self._of(event_id)

        def n(status: RegStatus) -> int:
            return sum(r.status is status for r in regs)
        return SeatCounts(confirmed=n(RegStatus.CONFIRMED), offered=n(RegStatus.OFFERED),
                          waitlisted=n(RegStatus.WAITLISTED),
                          attended=sum(r.attended_at is not None for r in regs),
                          last_seq=max((r.seq for r in regs), default=0))

    async def counts_many(self, event_ids: Sequence[int]) -> dict[int, SeatCounts]:
        return {e: await self.counts(e) for e in sorted(set(event_ids)) if self._of(e)}

    async def seat_state(self, event_id: int, person_id: int) -> SeatState:
        own = await self.registration_of(event_id, person_id)
        return SeatState(await self.counts(event_id), own.id if own else None,
                         own.status if own else None)

    async def registration_of(self, event_id: int, person_id: int) -> Registration | None:
        found = [r for r in self._of(event_id) if r.person_id == person_id]
        return copy.deepcopy(found[0]) if found else None

    async def save_registration(self, reg: Registration, now: datetime) -> Registration:
        if not reg.id:
            if any(r.person_id == reg.person_id for r in self._of(reg.event_id)):
                raise AssertionError("one registration per person and event (a unique key)")
            reg.id = self.ids()
        self.st.registrations[reg.id] = copy.deepcopy(reg)
        return reg

    async def waitlist_head(self, event_id: int, limit: int) -> list[Registration]:
        return [copy.deepcopy(r) for r in self._of(event_id)
                if r.status is RegStatus.WAITLISTED][:limit]

    async def waitlist_position(self, event_id: int, seq: int) -> int:
        return sum(r.status is RegStatus.WAITLISTED and r.seq <= seq
                   for r in self._of(event_id))

    async def offers_due(self, event_id: int, now: datetime) -> list[Registration]:
        return [copy.deepcopy(r) for r in self._of(event_id) if r.status is RegStatus.OFFERED
                and r.offer_expires_at is not None and r.offer_expires_at <= now]

    async def active_people(self, event_id: int) -> list[int]:
        return [r.person_id for r in self._of(event_id) if r.status in ACTIVE]

    async def drop_pending(self, dedupe_prefix: str) -> int:
        keep = [n for n in self.st.outbox
                if not (n.dedupe_key or "").startswith(dedupe_prefix) or not dedupe_prefix]
        dropped = len(self.st.outbox) - len(keep)
        self.st.outbox[:] = keep
        return dropped


class MemoryOutbox:
    def __init__(self, st: _State) -> None:
        self.st = st

    async def add(self, notification: Notification, now: datetime) -> bool:
        key = notification.dedupe_key
        if key is not None and key in {n.dedupe_key for n in self.st.outbox}:
            return False
        self.st.outbox.append(notification)
        return True

    async def recorded(self, dedupe_keys: Sequence[str]) -> set[str]:
        return {n.dedupe_key for n in self.st.outbox if n.dedupe_key in set(dedupe_keys)}


class MemoryUnitOfWork:
    """One shared store; ``commit`` keeps the changes, ``rollback`` forgets them. Facts are
    settled at commit by the same reactions the bot wires (``domain.wiring.REACTIONS``)."""

    def __init__(self, clock: Clock, reactions: Reactions = REACTIONS) -> None:
        self.clock = clock
        self.reactions = reactions
        self.pending: list[object] = []
        self._st = _State()
        self._ids = _Ids()
        self._saved = copy.deepcopy(self._st)
        self.people = MemoryPeople(self._st, self._ids)
        self.orgs = MemoryOrgs(self._st, self._ids)
        self.events = MemoryEvents(self._st, self._ids)
        self.outbox = MemoryOutbox(self._st)

    @property
    def sent(self) -> list[Notification]:
        """What the outbox holds (committed or not)."""
        return list(self._st.outbox)

    def emit(self, fact: object) -> None:
        self.pending.append(fact)

    async def settle(self) -> None:
        await self.reactions.settle(self, self.pending)  # type: ignore[arg-type]

    async def commit(self) -> None:
        await self.settle()
        self._saved = copy.deepcopy(self._st)

    async def rollback(self) -> None:
        self.pending.clear()
        saved = copy.deepcopy(self._saved)
        for name in ("people", "orgs", "events", "registrations", "outbox"):
            current: Any = getattr(self._st, name)
            current.clear()
            (current.extend if isinstance(current, list) else current.update)(getattr(saved, name))
