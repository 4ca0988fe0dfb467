"""Plan events for a subgroup of the school's staff (000 §2: «subgroups may take different
modules») through the real Dispatcher: the curator puts an event into the plan for the whole
staff or for one target group of the request (a position or a subject it named); only the
school's teachers in that group — by their profiles — see it in «Мероприятия» and register;
a forged registration is refused in the domain; the plan and the report say whom each event
is for; an event open to other schools is not narrowed; a restart loses nothing."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

import openpyxl
import pytest

from domain import abonements as ab
from domain.enums import Position
from domain.errors import ValidationError
from domain.events import EventLevel
from handlers.callbacks import AbCb
from handlers.events import EvActCb
from handlers.events.callbacks import EvListCb
from storage.uow import SqlUnitOfWork
from tests.abonements.kit import (
    CURATOR,
    SCHOOL,
    TEACHER,
    TZ,
    accepted,
    actor,
    admin,
    event_day,
    people,
    request,
)
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, onboarded, run
from tests.harness import Person
from tests.support.events import make_event, registration

RUS = 821  # a teacher of Russian at school 1
PSY = 822  # the school's psychologist

READING = "Модуль «Читательская грамотность»"
COUNCIL = "Практикум для психологов"
NETWORK = "Сетевой семинар"
RUSSIAN = "подгруппа: учителя предмета «Русский язык»"
PSYCHOLOGIST = "подгруппа: Педагог-психолог"


async def _profile(app, person_id: int, position: Position, subjects: list[str]) -> None:  # type: ignore[no-untyped-def]
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        person = await uow.people.get(person_id)
        assert person is not None
        await uow.people.save_profile(
            person_id, replace(person.profile, position=position, subjects=subjects),
            completed_at=TEST_CLOCK.now())
        await uow.commit()


async def _catalogue(p: Person) -> str:
    await p.press_data(EvListCb(page=0, form="*", level="*", month="*").pack())
    return p.last.text + str(p.last.buttons())


async def test_a_plan_event_for_a_subgroup(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)  # TEACHER: a teacher of mathematics
    ids[RUS] = await onboarded(app, RUS, orgs["school1"], name="Словесникова Ольга")
    await _profile(app, ids[RUS], Position.TEACHER, ["russian"])
    ids[PSY] = await onboarded(app, PSY, orgs["school1"], name="Психологова Инна")
    await _profile(app, ids[PSY], Position.PSYCHOLOGIST, [])
    asked = request(positions=["psychologist"], subjects=["russian"])
    abonement_id = await accepted(app, orgs, ids, year=ab.school_year_of(event_day(5)),
                                  asked=asked)
    start = TEST_CLOCK.now() + timedelta(days=3)
    reading = await make_event(app, orgs["school1"], level=EventLevel.SCHOOL, title=READING,
                               starts=start)
    council = await make_event(app, orgs["school1"], level=EventLevel.SCHOOL, title=COUNCIL,
                               starts=start + timedelta(days=1))
    network = await make_event(app, orgs["mun1"], title=NETWORK, starts=start,
                               audience=[orgs["school1"], orgs["school2"]])
    curator = Person(app, CURATOR)
    await curator.send("/menu")
    await curator.press_data(AbCb(a="plan", id=abonement_id).pack())
    await curator.press("Добавить мероприятие")
    await curator.press(READING)
    assert "Для кого:</b> Весь педагогический коллектив" in curator.last.text
    labels = str(curator.last.buttons())
    assert "✅ Весь педагогический коллектив" in labels and RUSSIAN in labels
    await curator.press(RUSSIAN)
    assert f"✅ {RUSSIAN}" in str(curator.last.buttons())
    await curator.press("Добавить с этими часами")
    assert f"👥 для: {RUSSIAN}" in curator.last.text
    # another event for the psychologists, with other hours, a restart in between
    await curator.press("Добавить мероприятие")
    await curator.press(COUNCIL)
    await curator.press(PSYCHOLOGIST)
    await curator.press("Указать другие часы")
    assert f"Для кого:</b> {PSYCHOLOGIST}" in curator.last.text
    app = await make_app(quiet_hours="")
    curator = Person(app, CURATOR)
    await curator.send("2 0 0")
    assert f"👥 для: {PSYCHOLOGIST}" in curator.last.text
    assert curator.last.text.count("👥 для:") == 2
    # an event open to another school too is not narrowed to a subgroup; for all it goes in
    await curator.press_data(AbCb(a="put", id=abonement_id, v=f"{network}~2").pack())
    assert "открыто не только этой школе" in curator.last.text
    await curator.press_data(AbCb(a="put", id=abonement_id, v=f"{network}~0").pack())
    assert NETWORK in curator.last.text and curator.last.text.count("👥 для:") == 2
    # a forged target group is refused, not widened to the whole staff
    await curator.press_data(AbCb(a="put", id=abonement_id, v=f"{reading}~7").pack())
    assert "Такой подгруппы нет" in curator.last.text
    with pytest.raises(ValidationError) as err:
        await run(app, ab.add_item, actor(ids[CURATOR]), abonement_id, council, None, TZ,
                  TEST_CLOCK.now(), subgroup="subject=astronomy")
    assert err.value.key == "abon-error-subgroup"
    # «Мероприятия»: each teacher sees what is for them
    teacher, rus, psy = Person(app, TEACHER), Person(app, RUS), Person(app, PSY)
    for p in (teacher, rus, psy):
        await p.send("/menu")
    seen = await _catalogue(teacher)
    assert NETWORK in seen and READING not in seen and COUNCIL not in seen
    seen = await _catalogue(rus)
    assert NETWORK in seen and READING in seen and COUNCIL not in seen
    seen = await _catalogue(psy)
    assert COUNCIL in seen and READING not in seen
    assert "evc:" in str(psy.last.buttons())
    # a forged registration outside the subgroup is refused in the domain
    await teacher.press_data(EvActCb(action="reg", event_id=reading).pack())
    assert "подгруппы педагогов школы" in teacher.alerts()[-1]
    await teacher.press_data(f"evc:{reading}:l:0:*:*:*")
    assert "не найдено" in teacher.alerts()[-1]
    assert await registration(app, reading, ids[TEACHER]) is None
    await rus.press_data(EvActCb(action="reg", event_id=reading).pack())
    found = await registration(app, reading, ids[RUS])
    assert found is not None and found.is_active
    # the membership follows the profile: a changed subject is out at once
    await _profile(app, ids[RUS], Position.TEACHER, ["math"])
    assert READING not in await _catalogue(rus)
    # the report says whom each event was for
    await run(app, ab.sign, admin(ids[ADMIN_ID]), abonement_id, TEST_CLOCK.now())
    school = Person(app, SCHOOL)
    await school.send("/menu")
    await school.press_data(AbCb(a="rxlsx", id=abonement_id).pack())
    book = openpyxl.load_workbook(io.BytesIO(school.last.document.data))
    titles = [r[1] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert f"{READING} ({RUSSIAN})" in titles and NETWORK in titles
    assert f"{COUNCIL} ({PSYCHOLOGIST})" in titles
    # out of the plan, the event is the whole audience's again
    await curator.press_data(AbCb(a="plan", id=abonement_id).pack())
    await curator.press(READING[:20])
    await curator.press("Убрать из плана")
    await curator.press("Да, убрать")
    assert READING not in curator.last.text
    await teacher.press_data(EvActCb(action="reg", event_id=reading).pack())
    found = await registration(app, reading, ids[TEACHER])
    assert found is not None and found.is_active
