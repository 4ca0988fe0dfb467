"""A coordinator does not credit attendance hours to themselves: not by marking their own
attendance on an event they manage (a button or forged callback data), not by typing the
check-in code they can read. Another coordinator marks them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from domain import events as ev
from domain.enums import Channel, Role
from handlers.events.organiser import EvAttCb
from storage.events.models import HoursLedgerRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.events.test_flows import coordinator, open_events
from tests.harness import Person
from tests.support.events import actor, make_event, registration, run

TITLE = "Семинар организатора"


async def ledger(app) -> list[tuple[int, str, float]]:
    async with app.sessions() as s:
        rows = (await s.scalars(select(HoursLedgerRow).order_by(HoursLedgerRow.id))).all()
    return [(r.person_id, r.kind, r.hours) for r in rows]


async def open_attendance(c: Person) -> None:
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Мероприятия: создать")
    await c.press("Мои мероприятия")
    await c.press(TITLE)
    await c.press("Посещаемость")


async def test_a_coordinator_cannot_credit_hours_to_themselves(app, orgs) -> None:
    start = TEST_CLOCK.now() + timedelta(minutes=20)
    event_id = await make_event(app, orgs["mun1"], title=TITLE, starts=start,
                                hours=ev.Hours(3, 0, 1))
    c = await coordinator(app, orgs)  # a municipal coordinator of the organiser
    await open_events(c)
    await c.press(TITLE)
    await c.press("Записаться")
    async with app.sessions() as s:
        me = await SqlUnitOfWork(s, TEST_CLOCK).people.get_by_external(Channel.TELEGRAM, str(c.user.id))
    reg = await registration(app, event_id, me.id)
    assert reg is not None and reg.status is ev.RegStatus.CONFIRMED

    # the button on the attendance list
    await open_attendance(c)
    assert "Отмечено: 0 из 1" in c.last.text
    await c.press("⬜ Смирнов")
    assert any("Себе посещение не отмечают" in a for a in c.alerts())
    assert "Отмечено: 0 из 1" in c.last.text

    # forged callback data, as a modified client could send
    before = len(c.alerts())
    await c.press_data(EvAttCb(event_id=event_id, reg_id=reg.id, page=0).pack())
    assert any("Себе посещение не отмечают" in a for a in c.alerts()[before:])

    # the check-in code the organiser can read
    await c.press("Назад")
    await c.press("Код для отметки")
    code = c.last.text.split("<b>")[1].split("</b>")[0]
    await open_events(c)
    await c.press(TITLE)
    await c.press("Отметиться по коду")
    await c.send(code)
    assert "Вы ведёте это мероприятие" in c.last.text
    assert await ledger(app) == []
    assert (await registration(app, event_id, me.id)).attended_at is None

    # another coordinator of the organiser marks them: the rule is about oneself only
    await onboarded(app, 700_101, None, name="Другова Елена Павловна",
                    roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])])
    other = Person(app, 700_101)
    await open_attendance(other)
    await other.press("⬜ Смирнов")
    assert "Отмечено: 1 из 1" in other.last.text
    assert sorted(await ledger(app)) == [(me.id, "in_person", 3.0), (me.id, "self_study", 1.0)]


async def test_english_text_of_the_refusal(app, orgs) -> None:
    start = TEST_CLOCK.now() + timedelta(minutes=20)
    event_id = await make_event(app, orgs["mun1"], title=TITLE, starts=start)
    pid = await onboarded(app, 700_102, None, name="Smith John Paul",
                          roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])])
    coord = await actor(app, pid)
    await run(app, ev.register, coord, event_id, TEST_CLOCK.now())
    reg = await registration(app, event_id, pid)
    c = Person(app, 700_102, language_code="en")
    await c.send("/menu")
    await c.press_data(EvAttCb(event_id=event_id, reg_id=reg.id, page=0).pack())
    assert any("You cannot mark your own attendance" in a for a in c.alerts())
    assert await ledger(app) == []
