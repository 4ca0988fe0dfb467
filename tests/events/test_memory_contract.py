"""The in-memory unit of work (tests/support/memory.py) behaves like the SQL repositories for
the seat rules: one scripted scenario runs on both and must leave the same trace — every
outcome or refusal, every registration's status and arrival number, the counts, who was told
what. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain import events as ev
from domain.access import Actor
from domain.entities import Profile, RoleGrant
from domain.enums import OrgKind, Role
from domain.errors import DomainError
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.support.events import actor, make_event, outbox, read, run
from tests.support.memory import MemoryUnitOfWork

TZ = ZoneInfo("Europe/Moscow")
Step = Callable[..., Awaitable[Any]]


def _outcome(result: Any) -> Any:
    if isinstance(result, ev.RegistrationOutcome):
        return (result.registration.status.value, result.position, result.registration.seq)
    if isinstance(result, ev.Registration):
        return result.status.value
    return result


async def _scenario(step: Step, t: list[Actor], event_id: int) -> list[Any]:
    """Capacity 2, five teachers (t[4] of another municipality)."""
    now = TEST_CLOCK.now()
    late = now + ev.OFFER_TTL + timedelta(minutes=1)
    trace: list[Any] = []

    async def do(label: str, fn: Step, *args: Any) -> None:
        try:
            trace.append((label, _outcome(await step(fn, *args))))
        except DomainError as err:
            trace.append((label, type(err).__name__, err.key))

    for i in range(4):
        await do(f"register {i}", ev.register, t[i], event_id, now)
    await do("register 0 again", ev.register, t[0], event_id, now)
    await do("stranger", ev.register, t[4], event_id, now)
    await do("cancel 0", ev.cancel_registration, t[0], event_id, TZ, now)
    await do("confirm 3 (no offer)", ev.confirm_offer, t[3], event_id, now)
    await do("confirm 2", ev.confirm_offer, t[2], event_id, now)
    await do("cancel 1", ev.cancel_registration, t[1], event_id, TZ, now)
    await do("confirm 3 late", ev.confirm_offer, t[3], event_id, late)
    await do("expire", ev.expire_offers, event_id, TZ, late)
    await do("expire again", ev.expire_offers, event_id, TZ, late)
    await do("register 0 back", ev.register, t[0], event_id, now)
    await do("cancel 1 again", ev.cancel_registration, t[1], event_id, TZ, now)
    return trace


async def _state(step: Step, t: list[Actor], event_id: int) -> list[Any]:
    async def regs(uow: Any) -> list[Any]:
        found = [await uow.events.registration_of(event_id, a.person_id) for a in t]
        return [(r.status.value, r.seq) if r else None for r in found]

    async def counts(uow: Any) -> Any:
        c = await uow.events.counts(event_id)
        return (c.confirmed, c.offered, c.waitlisted, c.last_seq)

    async def head(uow: Any) -> list[int]:
        return [r.seq for r in await uow.events.waitlist_head(event_id, 10)]

    return [await step(regs), await step(counts), await step(head)]


async def test_memory_and_sql_leave_the_same_trace(app, orgs) -> None:
    # SQL: the app's database
    event_id = await make_event(app, orgs["mun1"], capacity=2,
                                starts=TEST_CLOCK.now() + timedelta(days=5))
    people = [await onboarded(app, 70_000 + i, orgs["school1"]) for i in range(4)]
    people.append(await onboarded(app, 70_009, orgs["other_school"]))
    sql_t = [await actor(app, p) for p in people]

    async def sql_step(fn: Step, *args: Any) -> Any:
        return await run(app, fn, *args)

    sql_trace = await _scenario(sql_step, sql_t, event_id)
    sql_state = await _state(lambda fn: read(app, fn), sql_t, event_id)
    by_person = {p: i for i, p in enumerate(people)}
    sql_told = [(by_person[row.person_id], row.key) for row in await outbox(app)
                if row.person_id in by_person]

    # memory: the same world
    uow = MemoryUnitOfWork(TEST_CLOCK)
    region, _ = await uow.orgs.ensure(OrgKind.REGION, "Область", None)
    mun, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, "Округ", region)
    school, _ = await uow.orgs.ensure(OrgKind.SCHOOL, "Школа", mun)
    mun2, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, "Другой", region)
    school2, _ = await uow.orgs.ensure(OrgKind.SCHOOL, "Другая", mun2)
    now = TEST_CLOCK.now()
    mem_t = []
    for s in (school, school, school, school, school2):
        grant = RoleGrant(Role.TEACHER, s.id)
        p = uow.people.add(Profile(full_name="Учитель", school_id=s.id,
                                   municipality_id=s.municipality_id), [grant], now)
        mem_t.append(Actor(p.id, (grant,)))
    sql_event = await read(app, lambda u: u.events.get(event_id))
    draft = sql_event.draft()
    draft.organiser_id, draft.audience = mun.id, [mun.id]
    mem_event = await uow.events.add(draft, None, now)
    await uow.commit()

    async def mem_step(fn: Step, *args: Any) -> Any:
        result = await fn(uow, *args)
        await uow.commit()
        return result

    mem_trace = await _scenario(mem_step, mem_t, mem_event.id)
    mem_state = await _state(lambda fn: fn(uow), mem_t, mem_event.id)
    mem_by_person = {a.person_id: i for i, a in enumerate(mem_t)}
    mem_told = [(mem_by_person[n.person_id], n.key) for n in uow.sent]

    assert mem_trace == sql_trace
    assert mem_state == sql_state
    assert mem_told == sql_told
    # and the scenario did exercise what it claims: refusals, offers, expiry
    assert ("stranger", "NotFound", "ev-error-not-found") in sql_trace
    assert ("expire", 1) in sql_trace and ("expire again", 0) in sql_trace
    assert {key for _, key in sql_told} >= {"ev-notice-offer", "ev-notice-offer-expired"}
