"""Events of form «Конкурс» and the competition records of their participants, through the
real Dispatcher: the organiser's attendance mark creates a verified record for the attendee
(the event's title, level and day, «участник»), once however often attendance is re-marked;
a mark taken back removes it while untouched; the teacher sees it came from the event, adds
the result and the diploma (bad input first), which sends it to verification; a touched
record stays when the mark is taken back; the territory figures count it; other forms of
event create nothing; forged ids are refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from domain import activity as act
from domain import events as ev
from domain.errors import AccessDenied, DomainError
from handlers.activity import AcCb
from storage.activity.models import ActivityRecordRow
from tests.clock import TEST_CLOCK
from tests.conftest import outbox
from tests.harness import Person
from tests.mentoring.support import (
    MENTEE_NAME,
    MUN,
    YOUNG,
    YOUNG2,
    actor,
    now,
    popups,
    read,
    run,
    today,
    world,
)
from tests.support.events import make_event

CONTEST = "Конкурс «Педагогический дебют — 2026»"


async def records(app) -> list[ActivityRecordRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(ActivityRecordRow).order_by(ActivityRecordRow.id)))
                    .all())


async def register(app, event_id: int, *person_ids: int) -> None:
    for person_id in person_ids:
        who = await actor(app, person_id)
        await run(app, ev.register, who, event_id, now())


async def open_attendance(c: Person, title: str) -> None:
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Мероприятия: создать")
    await c.press("Мои мероприятия")
    await c.press(title)
    await c.press("Посещаемость")


async def competition_share(app, orgs, mun_id: int) -> int:
    mun = await actor(app, mun_id)
    lines = await read(app, act.figures, mun, orgs["mun1"], today() - timedelta(days=365))
    return next(f for f in lines if f.org_id == orgs["school1"]).in_competitions


async def test_attendance_of_a_competition_makes_a_verified_record_once(app, orgs) -> None:
    ids = await world(app, orgs)
    starts = TEST_CLOCK.now() + timedelta(minutes=20)
    event_id = await make_event(app, orgs["mun1"], title=CONTEST, starts=starts,
                                form=ev.EventForm.COMPETITION, level=ev.EventLevel.MUNICIPAL)
    await register(app, event_id, ids["young"], ids["young2"])
    assert await competition_share(app, orgs, ids["mun"]) == 0

    c = Person(app, MUN)
    await open_attendance(c, "Педагогический дебют")
    await c.press(f"⬜ {MENTEE_NAME.split()[0]}")
    assert "Отмечено: 1 из 2" in c.last.text
    [row] = await records(app)
    assert (row.person_id, row.kind, row.title, row.level, row.outcome, row.status,
            row.event_id, row.school_id) == (
        ids["young"], "competition", CONTEST, "municipal", "participant", "accepted",
        event_id, orgs["school1"])
    assert row.held_on == starts.astimezone(act.EVENT_DAY_TZ).date()
    assert row.decided_by is None
    assert await competition_share(app, orgs, ids["mun"]) == 1  # the territory figures count it

    # a mistaken mark taken back: the untouched record goes; marked again: one record
    await c.press(f"✅ {MENTEE_NAME.split()[0]}")
    assert await records(app) == []
    await c.press(f"⬜ {MENTEE_NAME.split()[0]}")
    assert len(await records(app)) == 1
    # marked present again (the service asked to mark one already marked): nothing new
    reg = await read(app, lambda uow: uow.events.registration_of(event_id, ids["young"]))
    organiser = await actor(app, ids["mun"])
    await run(app, ev.set_attendance, organiser, event_id, reg.id, True, now())
    assert len(await records(app)) == 1
    # the fact stated twice (a check-in and a mark racing): still one record
    async with app.sessions() as s:
        from storage.uow import SqlUnitOfWork

        uow = SqlUnitOfWork(s, TEST_CLOCK)
        await act.on_attended(uow, ev.AttendanceMarked(ids["young"], event_id, now()))
        await uow.commit()
    [row] = await records(app)

    # the teacher sees it came from the event and adds the result with the diploma
    y = Person(app, YOUNG)
    await y.send("/menu")
    await y.press("Профактивность")
    assert any("🎫" in label and "Педагогический" in label for label, _ in y.last.buttons())
    await y.press("Педагогический дебют")
    assert "по отметке о посещении конкурса" in y.last.text
    assert "Удалить" not in " ".join(label for label, _ in y.last.buttons())
    await y.press("Добавить результат")
    await y.press("Победитель")
    assert "Пришлите диплом" in y.last.text
    await y.send("диплом потом")
    assert "Нужен файл или фото диплома" in y.last.text
    await y.send_document("diplom.pdf", file_id="DIPLOMA-7")
    assert "отправлена координатору" in y.last.text
    [row] = await records(app)
    assert (row.outcome, row.status, row.file_id, row.event_id) == (
        "winner", "submitted", "DIPLOMA-7", event_id)
    [alert] = await outbox(app, "act-alert-submitted")
    assert alert.person_id == ids["coord"]
    assert await competition_share(app, orgs, ids["mun"]) == 0  # under verification now
    assert "Добавить результат" not in " ".join(label for label, _ in y.last.buttons())
    calls = await y.press_data(AcCb(a="res", id=row.id).pack())  # an old button
    assert "уже на проверке" in popups(calls)

    # touched: taking the mark back leaves it; the coordinator verifies it
    await c.press(f"✅ {MENTEE_NAME.split()[0]}")
    assert len(await records(app)) == 1
    coord = await actor(app, ids["coord"])
    await run(app, act.decide, coord, row.id, True, None, now())
    assert await competition_share(app, orgs, ids["mun"]) == 1


async def test_other_forms_make_nothing_and_forged_ids_are_refused(app, orgs) -> None:
    ids = await world(app, orgs)
    starts = TEST_CLOCK.now() + timedelta(minutes=20)
    seminar = await make_event(app, orgs["mun1"], title="Семинар по оцениванию", starts=starts)
    contest = await make_event(app, orgs["mun1"], title=CONTEST, starts=starts,
                               form=ev.EventForm.COMPETITION, level=ev.EventLevel.REGIONAL)
    await register(app, seminar, ids["young"])
    await register(app, contest, ids["young"])
    c = Person(app, MUN)
    await open_attendance(c, "Семинар по оцениванию")
    await c.press(f"⬜ {MENTEE_NAME.split()[0]}")
    assert await records(app) == []
    await open_attendance(c, "Педагогический дебют")
    await c.press(f"⬜ {MENTEE_NAME.split()[0]}")
    [row] = await records(app)
    assert row.level == "regional"

    # another teacher cannot add a result to it; the owner cannot to a typed-in record
    other = Person(app, YOUNG2)
    await other.send("/menu")
    for action in ("res", "resv"):
        calls = await other.press_data(AcCb(a=action, id=row.id, v="winner").pack())
        assert "вне вашей зоны" in popups(calls), action
    young2 = await actor(app, ids["young2"])
    with pytest.raises(AccessDenied):
        await run(app, act.add_result, young2, row.id, act.Outcome.WINNER, None, None, now())
    young = await actor(app, ids["young"])
    typed = await run(app, act.submit, young, act.Draft(
        act.Kind.COMPETITION, "Учитель года — 2026", today(), level=act.Level.SCHOOL,
        outcome=act.Outcome.PARTICIPANT), today(), now())
    with pytest.raises(DomainError):
        await run(app, act.add_result, young, typed.id, act.Outcome.WINNER, None, None, now())
    # «участник» is what the mark says: a result is prize-winner or winner
    with pytest.raises(DomainError):
        await run(app, act.add_result, young, row.id, act.Outcome.PARTICIPANT, None, None,
                  now())
    y = Person(app, YOUNG)
    await y.send("/menu")
    calls = await y.press_data(AcCb(a="resv", id=row.id, v="participant").pack())
    assert "уже пройден" in popups(calls)
    # without a diploma
    await y.press_data(AcCb(a="res", id=row.id).pack())
    await y.press("Призёр")
    await y.press("Без диплома")
    assert "отправлена координатору" in y.last.text
    assert (await records(app))[0].outcome == "prize_winner"
