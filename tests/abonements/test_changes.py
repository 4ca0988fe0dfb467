"""The second slice through the real Dispatcher: the centre's bank is told when a request
reaches it, the school hears of the municipality's agreement and the signature; the changed
volume — proposed by one side with a reason, accepted or declined by the other, kept in the
history, never below the plan; forged decisions refused."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from domain import abonements as ab
from domain.enums import Role
from domain.events import EventLevel, Hours
from handlers.callbacks import AbCb
from storage.abonements.models import AbonementChangeRow
from tests.abonements.kit import (
    TZ,
    CITY,
    CURATOR,
    CURATOR2,
    MUN,
    OTHER_SCHOOL,
    SCHOOL,
    accepted,
    actor,
    admin,
    deliver_all,
    event_day,
    notices,
    people,
    request,
    row,
)
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, onboarded, run
from tests.harness import Person
from tests.support.events import make_event

CENTRE_ADMIN = 809  # an admin by a role in the bot (not only ADMIN_IDS)


async def test_the_bank_and_the_school_are_told(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    ids[CENTRE_ADMIN] = await onboarded(app, CENTRE_ADMIN, None, name="Центрова Галина",
                                        roles=[(Role.ADMIN, None)])
    now = TEST_CLOCK.now()
    # a city school (two-party): straight to the bank
    city = actor(ids[CITY], (Role.SCHOOL_COORDINATOR, orgs["other_school"]))
    await run(app, ab.submit, city, orgs["other_school"], request(), now)
    [bank] = await notices(app, "abon-alert-bank")
    assert bank.person_id == ids[CENTRE_ADMIN] and bank.params["school"] == "МКОУ Заречная СОШ"
    info = await notices(app, "abon-alert-bank-info")
    assert sorted(n.person_id for n in info) == sorted([ids[CURATOR], ids[CURATOR2]])
    # a three-party request reaches the bank only when the municipality agrees
    school = Person(app, SCHOOL)
    mun = Person(app, MUN)
    found = await run(app, ab.submit, actor(ids[SCHOOL], (Role.SCHOOL_COORDINATOR,
                                                          orgs["school1"])),
                      orgs["school1"], request(), now)
    assert len(await notices(app, "abon-alert-bank")) == 1
    await deliver_all(app)
    await mun.press("Согласовать")
    assert "передан в центр" in mun.last.text
    # through the bot the admin named by ADMIN_IDS (no role row) is told too (test_bank.py)
    assert sorted(n.person_id for n in (await notices(app, "abon-alert-bank"))[1:]) == sorted(
        [ids[ADMIN_ID], ids[CENTRE_ADMIN]])
    await deliver_all(app)
    assert "Муниципалитет согласовал запрос школы «МАОУ СОШ № 01»" in school.last.text
    # the centre's admin opens the acceptance straight from the notice
    centre = Person(app, CENTRE_ADMIN)
    assert "согласован муниципалитетом" in centre.last.text
    await centre.press("Принять: куратор и объём")
    assert "Кураторова Нина Олеговна" in str(centre.last.buttons())
    await run(app, ab.accept, admin(ids[ADMIN_ID]), found.id, ids[CURATOR], Hours(10, 4, 4),
              ab.school_year_of(event_day(5)), event_day(0), now)
    await run(app, ab.sign, admin(ids[ADMIN_ID]), found.id, now)
    await deliver_all(app)
    assert "подписано всеми сторонами" in school.last.text
    await school.press("Открыть запрос")
    assert "подписанное" in school.last.text or "Соглашение" in school.last.text


async def test_a_changed_volume_is_agreed_by_both_sides(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    year = ab.school_year_of(event_day(5))
    abonement_id = await accepted(app, orgs, ids, year=year)
    event = await make_event(app, orgs["school1"], level=EventLevel.SCHOOL, title="Семинар",
                             starts=TEST_CLOCK.now() + timedelta(days=5), hours=Hours(8, 0, 0))
    big = await make_event(app, orgs["school1"], level=EventLevel.SCHOOL, title="Большой",
                           starts=TEST_CLOCK.now() + timedelta(days=6), hours=Hours(6, 0, 0))
    curator_actor = actor(ids[CURATOR])
    await run(app, ab.add_item, curator_actor, abonement_id, event, None, TZ, TEST_CLOCK.now())
    school = Person(app, SCHOOL)
    await school.send("/menu")
    # before the signature neither the volume nor the topics change (test_topics.py)
    for action in ("chp", "ctp"):
        await school.press_data(AbCb(a=action, id=abonement_id).pack())
        assert "после подписания соглашения" in school.last.text
    await run(app, ab.sign, admin(ids[ADMIN_ID]), abonement_id, TEST_CLOCK.now())
    await school.press_data(AbCb(a="card", id=abonement_id).pack())
    await school.press("Изменения объёма")
    assert "Изменений объёма и тем не было" in school.last.text
    await school.press("Изменить объём")
    await school.send("много")
    assert "Не получилось прочитать часы" in school.last.text
    await school.send("6 4 4")  # below the plan's 8 in-person hours
    assert "очных часов в плане 8, а предложено 6" in school.last.text
    await school.send("16 4 4")
    assert "причину" in school.last.text
    app = await make_app(quiet_hours="")  # a restart between the hours and the reason
    school = Person(app, SCHOOL)
    await school.send("ok")
    assert "слишком короткий" in school.last.text
    await school.send("Подключается вторая параллель")
    assert "Предложение отправлено" in school.last.text
    assert "Ждёт решения:</b> очные 16" in school.last.text
    # the school cannot decide its own proposal, nor propose a second one
    [change] = await _changes(app)
    await school.press_data(AbCb(a="chy", id=change.id).pack())
    assert "Решение принимает другая сторона" in school.last.text
    await school.press_data(AbCb(a="chp", id=abonement_id).pack())
    assert "ждёт решения другой стороны" in school.last.text
    # forged: another school's coordinator, another curator
    for user in (OTHER_SCHOOL, CURATOR2):
        p = Person(app, user)
        await p.send("/menu")
        await p.press_data(AbCb(a="chy", id=change.id).pack())
        assert p.alerts(), user
    assert (await row(app, abonement_id)).ordered_in_person == 10
    # the curator accepts from the notice
    await deliver_all(app)
    curator = Person(app, CURATOR)
    assert "Подключается вторая параллель" in curator.last.text
    await curator.press("Изменения объёма и тем")
    await curator.press("Принять изменение")
    assert "Объём изменён" in curator.last.text
    assert "принято" in curator.last.text and "10 / 4 / 4 → 16 / 4 / 4" in curator.last.text
    stored = await row(app, abonement_id)
    assert (stored.ordered_in_person, stored.ordered_remote) == (16, 4)
    # the plan now takes what the old volume refused
    await curator.press_data(AbCb(a="put", id=abonement_id, v=str(big)).pack())
    assert "в плане" in curator.last.text
    # a second round, declined by the school
    await curator.press_data(AbCb(a="chg", id=abonement_id).pack())
    await curator.press("Изменить объём")
    await curator.send("20 4 4")
    await curator.send("Добавим стажировку")
    await deliver_all(app)
    assert "Добавим стажировку" in school.last.text
    await school.press("Изменения объёма и тем")
    await school.press("Отклонить")
    assert "Предложение отклонено" in school.last.text
    assert (await row(app, abonement_id)).ordered_in_person == 16
    await deliver_all(app)
    assert "отклонено" in curator.last.text
    statuses = [c.status for c in await _changes(app)]
    assert statuses == ["accepted", "declined"]
    await school.press_data(AbCb(a="card", id=abonement_id).pack())
    assert "объём изменён" in school.last.text


async def _changes(app) -> list[AbonementChangeRow]:  # type: ignore[no-untyped-def]
    async with app.sessions() as s:
        return list((await s.scalars(select(AbonementChangeRow)
                                     .order_by(AbonementChangeRow.id))).all())
