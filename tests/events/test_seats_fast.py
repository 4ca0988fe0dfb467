"""The seat rules over the in-memory unit of work (tests/support/memory.py): the fast tier —
no database, no dispatcher, milliseconds. The same rules on SQLite and PostgreSQL, through the
chat, are in test_registration.py and test_flows*.py; test_memory_contract.py keeps the fake
honest against the SQL repositories."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from domain import events as ev
from domain.access import Actor
from domain.entities import Profile, RoleGrant
from domain.enums import OrgKind, Role
from domain.errors import NotFound, ValidationError
from tests.clock import TEST_CLOCK
from tests.support.memory import MemoryUnitOfWork

TZ = ZoneInfo("Europe/Moscow")
NOW = TEST_CLOCK.now()


async def _world(capacity: int | None = 2, teachers: int = 5, **event: object
                 ) -> tuple[MemoryUnitOfWork, int, list[Actor], Actor]:
    """A region, two municipalities with a school each, an event of the first municipality,
    ``teachers`` teachers of its school and one teacher of the other municipality."""
    uow = MemoryUnitOfWork(TEST_CLOCK)
    region, _ = await uow.orgs.ensure(OrgKind.REGION, "Область", None)
    mun, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, "Округ", region)
    school, _ = await uow.orgs.ensure(OrgKind.SCHOOL, "Школа", mun)
    other_mun, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, "Другой округ", region)
    other_school, _ = await uow.orgs.ensure(OrgKind.SCHOOL, "Другая школа", other_mun)

    def teacher(s: object) -> Actor:
        grant = RoleGrant(Role.TEACHER, s.id)  # type: ignore[attr-defined]
        p = uow.people.add(Profile(full_name="Учитель", school_id=s.id,  # type: ignore[attr-defined]
                                   municipality_id=s.municipality_id), [grant], NOW)  # type: ignore[attr-defined]
        return Actor(p.id, (grant,))

    start = NOW + timedelta(days=5)
    fields: dict[str, object] = {
        "title": "Семинар", "form": ev.EventForm.SEMINAR, "level": ev.EventLevel.MUNICIPAL,
        "organiser_id": mun.id, "groups": ["methodological"],
        "sessions": [ev.Session(start, start + timedelta(hours=2))], "place": "Зал",
        "hours": ev.Hours(2, 0, 0), "capacity": capacity, "audience": [mun.id], **event}
    e = await uow.events.add(ev.EventDraft(**fields), None, NOW)  # type: ignore[arg-type]
    ours, stranger = [teacher(school) for _ in range(teachers)], teacher(other_school)
    await uow.commit()
    return uow, e.id, ours, stranger


async def _status(uow: MemoryUnitOfWork, event_id: int, a: Actor) -> ev.RegStatus | None:
    reg = await uow.events.registration_of(event_id, a.person_id)
    return reg.status if reg else None


async def test_seats_then_the_waitlist_in_arrival_order() -> None:
    uow, event_id, t, _ = await _world(capacity=2)
    out = [await ev.register(uow, a, event_id, NOW) for a in t[:4]]
    assert [o.registration.status for o in out] == [ev.RegStatus.CONFIRMED] * 2 + \
        [ev.RegStatus.WAITLISTED] * 2
    assert [o.position for o in out] == [None, None, 1, 2]
    assert [o.registration.seq for o in out] == [1, 2, 3, 4]
    with pytest.raises(ValidationError) as err:
        await ev.register(uow, t[0], event_id, NOW)
    assert err.value.key == "ev-error-already-registered"


async def test_a_freed_seat_is_offered_to_the_head_and_a_newcomer_does_not_jump_it() -> None:
    uow, event_id, t, _ = await _world(capacity=1)
    for a in t[:3]:
        await ev.register(uow, a, event_id, NOW)
    await ev.cancel_registration(uow, t[0], event_id, TZ, NOW)
    assert await _status(uow, event_id, t[1]) is ev.RegStatus.OFFERED
    assert [(n.person_id, n.key) for n in uow.sent] == [(t[1].person_id, "ev-notice-offer")]
    late = await ev.register(uow, t[3], event_id, NOW)  # the seat is held by the offer
    assert late.registration.status is ev.RegStatus.WAITLISTED and late.position == 2
    await ev.confirm_offer(uow, t[1], event_id, NOW)
    assert await _status(uow, event_id, t[1]) is ev.RegStatus.CONFIRMED


async def test_an_unanswered_offer_expires_and_passes_on() -> None:
    uow, event_id, t, _ = await _world(capacity=1)
    for a in t[:3]:
        await ev.register(uow, a, event_id, NOW)
    await ev.cancel_registration(uow, t[0], event_id, TZ, NOW)
    late = NOW + ev.OFFER_TTL + timedelta(minutes=1)
    with pytest.raises(ValidationError) as err:
        await ev.confirm_offer(uow, t[1], event_id, late)
    assert err.value.key == "ev-error-offer-expired"
    assert await ev.expire_offers(uow, event_id, TZ, late) == 1
    assert await _status(uow, event_id, t[1]) is ev.RegStatus.EXPIRED
    assert await _status(uow, event_id, t[2]) is ev.RegStatus.OFFERED
    assert await ev.expire_offers(uow, event_id, TZ, late) == 0  # nothing due twice


async def test_leaving_and_coming_back_goes_to_the_end_of_the_queue() -> None:
    uow, event_id, t, _ = await _world(capacity=1)
    for a in t[:3]:
        await ev.register(uow, a, event_id, NOW)
    await ev.cancel_registration(uow, t[1], event_id, TZ, NOW)  # leaves the waitlist
    again = await ev.register(uow, t[1], event_id, NOW)
    assert again.position == 2 and again.registration.seq == 4
    with pytest.raises(NotFound) as missing:
        await ev.cancel_registration(uow, t[4], event_id, TZ, NOW)
    assert missing.value.key == "ev-error-no-registration"


@pytest.mark.parametrize(("event", "at", "key"), [
    ({"deadline": NOW + timedelta(days=1)}, timedelta(days=2), "ev-error-deadline"),
    ({}, timedelta(days=5, minutes=1), "ev-error-started"),
])
async def test_closed_registration_is_refused(event: dict[str, object], at: timedelta,
                                              key: str) -> None:
    uow, event_id, t, _ = await _world(**event)
    with pytest.raises(ValidationError) as err:
        await ev.register(uow, t[0], event_id, NOW + at)
    assert err.value.key == key
    assert await _status(uow, event_id, t[0]) is None


async def test_a_cancelled_event_and_another_territory_are_refused() -> None:
    uow, event_id, t, stranger = await _world()
    with pytest.raises(NotFound):  # not offered to their municipality: as if it did not exist
        await ev.register(uow, stranger, event_id, NOW)
    await uow.events.set_status(event_id, ev.EventStatus.CANCELLED, NOW)
    with pytest.raises(ValidationError) as err:
        await ev.register(uow, t[0], event_id, NOW)
    assert err.value.key == "ev-error-cancelled"


async def test_no_capacity_means_everyone_gets_a_seat() -> None:
    uow, event_id, t, _ = await _world(capacity=None)
    out = [await ev.register(uow, a, event_id, NOW) for a in t]
    assert {o.registration.status for o in out} == {ev.RegStatus.CONFIRMED}


async def test_a_rollback_forgets_the_registration() -> None:
    uow, event_id, t, _ = await _world()
    await ev.register(uow, t[0], event_id, NOW)
    await uow.rollback()
    assert await _status(uow, event_id, t[0]) is None
    await ev.register(uow, t[0], event_id, NOW)
    await uow.commit()
    await uow.rollback()
    assert await _status(uow, event_id, t[0]) is ev.RegStatus.CONFIRMED

