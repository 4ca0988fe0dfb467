"""Helpers for the abonement tests (no tests here): the people of a school's year of training,
a request filed and accepted through the domain, the outbox delivered."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from domain import abonements as ab
from domain.access import Actor
from domain.entities import RoleGrant
from domain.enums import Role
from domain.events import Hours
from storage.abonements.models import AbonementRow
from storage.models import OutboxRow
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, onboarded, run

TZ = ZoneInfo("Europe/Moscow")
SCHOOL = 801  # the school coordinator of school 1 (municipality 1)
MUN = 802  # the municipal coordinator of municipality 1
CURATOR = 803  # a methodist of the centre (regional coordinator)
CURATOR2 = 804  # another one
OTHER_SCHOOL = 805  # the school coordinator of school 2
TEACHER = 806  # a teacher of school 1
CITY = 807  # the school coordinator of the other municipality's school (no municipal coordinator)


async def people(app: Any, orgs: dict[str, int]) -> dict[int, int]:
    """Person ids by user id."""
    ids = {ADMIN_ID: await onboarded(app, ADMIN_ID, None, name="Админова Ольга Сергеевна")}
    ids[SCHOOL] = await onboarded(app, SCHOOL, orgs["school1"], name="Завучева Анна Ивановна",
                                  roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])])
    ids[MUN] = await onboarded(app, MUN, None, name="Методистова Вера Павловна",
                               roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])])
    ids[CURATOR] = await onboarded(app, CURATOR, None, name="Кураторова Нина Олеговна",
                                   roles=[(Role.REGIONAL_COORDINATOR, orgs["region"])])
    ids[CURATOR2] = await onboarded(app, CURATOR2, None, name="Другая Кураторша",
                                    roles=[(Role.REGIONAL_COORDINATOR, orgs["region"])])
    ids[OTHER_SCHOOL] = await onboarded(app, OTHER_SCHOOL, orgs["school2"],
                                        name="Соседова Ирина",
                                        roles=[(Role.SCHOOL_COORDINATOR, orgs["school2"])])
    ids[TEACHER] = await onboarded(app, TEACHER, orgs["school1"], name="Учителева Мария")
    ids[CITY] = await onboarded(app, CITY, orgs["other_school"], name="Городская Ольга",
                                roles=[(Role.SCHOOL_COORDINATOR, orgs["other_school"])])
    return ids


def actor(person_id: int, *grants: tuple[Role, int]) -> Actor:
    return Actor(person_id, tuple(RoleGrant(r, o) for r, o in grants))


def admin(person_id: int) -> Actor:
    return Actor(person_id, (), is_config_admin=True)


def request(**changes: Any) -> ab.Request:
    base = ab.Request(reason=ab.Reason.OWN, groups=["methodological"], topics="Оценивание",
                      hours=Hours(36, 12, 24), months=[10, 11])
    for k, v in changes.items():
        setattr(base, k, v)
    return base


def today() -> date:
    return TEST_CLOCK.now().astimezone(TZ).date()


def event_day(offset: int) -> date:
    return (TEST_CLOCK.now() + timedelta(days=offset)).astimezone(TZ).date()


ORDERED = Hours(10, 4, 4)


async def accepted(app: Any, orgs: dict[str, int], ids: dict[int, int], *, year: int,
                   ordered: Hours = ORDERED, asked: ab.Request | None = None) -> int:
    """A request of school 1 (``asked``, or the usual one) filed, agreed by the municipality
    and accepted (CURATOR)."""
    now = TEST_CLOCK.now()
    school = actor(ids[SCHOOL], (Role.SCHOOL_COORDINATOR, orgs["school1"]))
    found = await run(app, ab.submit, school, orgs["school1"], asked or request(), now)
    await run(app, ab.agree_municipal, actor(ids[MUN], (Role.MUNICIPAL_COORDINATOR,
                                                         orgs["mun1"])), found.id, now)
    await run(app, ab.accept, admin(ids[ADMIN_ID]), found.id, ids[CURATOR], ordered, year,
              today(), now)
    return int(found.id)


async def row(app: Any, abonement_id: int) -> AbonementRow:
    async with app.sessions() as s:
        found = await s.get(AbonementRow, abonement_id)
        assert found is not None
        return found


async def notices(app: Any, key: str) -> list[OutboxRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(OutboxRow).where(OutboxRow.key == key)
                                     .order_by(OutboxRow.id))).all())


async def deliver(app: Any) -> None:
    """Send what the outbox holds (a few seconds on: the sender paces each chat)."""
    TEST_CLOCK.advance(timedelta(seconds=5))
    for _ in range(20):
        if not await app.sender.run_once(budget=10):
            break


def year_label(year: int) -> str:
    return f"{year}/{year + 1} учебный год"


async def deliver_all(app: Any, rounds: int = 5) -> None:
    """Send everything queued, several messages to one chat included (paced a second apart)."""
    for _ in range(rounds):
        await deliver(app)


async def running_with_two_events(make_app: Any, orgs: dict[str, int], other: tuple[int, str],
                                  second: tuple[str, Hours], *, diagnosed: bool = False
                                  ) -> tuple[Any, dict[int, int], int, tuple[int, int]]:
    """A running abonement of school 1 with two school events in three days — «Семинар
    «Оценивание»» (4 + 2 + 0 h) and ``second`` (title, hours) four hours later — TEACHER and
    ``other`` (user id, name: another teacher of the school) registered for both; with
    ``diagnosed`` TEACHER's diagnosis at the start comes first."""
    from domain import events as ev
    from domain.events import EventLevel
    from tests.support.events import make_event
    from tests.support.route import diagnose

    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    ids[other[0]] = await onboarded(app, other[0], orgs["school1"], name=other[1])
    if diagnosed:
        await diagnose(app, ids[TEACHER])
    start = TEST_CLOCK.now() + timedelta(days=3)
    abonement_id = await accepted(app, orgs, ids, year=ab.school_year_of(event_day(3)))
    first = await make_event(app, orgs["school1"], level=EventLevel.SCHOOL,
                             title="Семинар «Оценивание»", starts=start, hours=Hours(4, 2, 0))
    later = await make_event(app, orgs["school1"], level=EventLevel.SCHOOL, title=second[0],
                             starts=start + timedelta(hours=4), hours=second[1])
    now = TEST_CLOCK.now()
    for event_id in (first, later):
        await run(app, ab.add_item, actor(ids[CURATOR]), abonement_id, event_id, None, TZ, now)
        for user in (TEACHER, other[0]):
            await run(app, ev.register, actor(ids[user]), event_id, now)
    await run(app, ab.sign, admin(ids[ADMIN_ID]), abonement_id, now)
    await run(app, ab.start, actor(ids[CURATOR]), abonement_id, now)
    return app, ids, abonement_id, (first, later)


async def mark_attended(app: Any, ids: dict[int, int], event_id: int, user: int) -> None:
    """The admin marks ``user`` (a user id) present at the event."""
    from domain import events as ev

    async def mark(uow: Any, event_id: int, person_id: int) -> None:
        reg = await uow.events.registration_of(event_id, person_id)
        assert reg is not None
        await ev.set_attendance(uow, admin(ids[ADMIN_ID]), event_id, reg.id, True,
                                TEST_CLOCK.now())

    await run(app, mark, event_id, ids[user])
