"""Changes of an abonement's topics (000 §7.4) through the real Dispatcher: after the signature
one side ticks other competence groups with a reason, the other accepts or declines; the
volume stays; the history is on the card and on the changes screen; refusals (no change, a
second pending proposal, deciding one's own, not a party, forged buttons) and a restart."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain import abonements as ab
from domain.errors import AccessDenied, ValidationError
from handlers.callbacks import AbCb
from storage.abonements.models import AbonementChangeRow
from tests.abonements.kit import (
    CURATOR,
    CURATOR2,
    OTHER_SCHOOL,
    SCHOOL,
    TEACHER,
    accepted,
    actor,
    admin,
    deliver_all,
    event_day,
    people,
    row,
)
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, run
from tests.harness import Person


async def _changes(app) -> list[AbonementChangeRow]:  # type: ignore[no-untyped-def]
    async with app.sessions() as s:
        return list((await s.scalars(select(AbonementChangeRow)
                                     .order_by(AbonementChangeRow.id))).all())


async def _signed(make_app, orgs):  # type: ignore[no-untyped-def]
    """A signed abonement of school 1 and its coordinator at the menu."""
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    abonement_id = await accepted(app, orgs, ids, year=ab.school_year_of(event_day(5)))
    await run(app, ab.sign, admin(ids[ADMIN_ID]), abonement_id, TEST_CLOCK.now())
    school = Person(app, SCHOOL)
    await school.send("/menu")
    return app, ids, abonement_id, school


async def test_the_topics_change_when_both_sides_agree(make_app, orgs) -> None:
    app, ids, abonement_id, school = await _signed(make_app, orgs)
    await school.press_data(AbCb(a="card", id=abonement_id).pack())
    await school.press("Изменения объёма и тем")
    assert "<b>Темы (компетенции):</b> методические" in school.last.text
    assert "Изменений объёма и тем не было" in school.last.text
    await school.press("Изменить темы")
    assert "✅ методические" in str(school.last.buttons())
    # the same topics: nothing to propose
    await school.press("Готово")
    assert "те же темы" in school.last.text
    # none at all
    await school.press("методические")
    await school.press("Готово")
    assert "хотя бы одну" in school.last.text
    await school.send("предметные")  # typed instead of ticked: the picker again, nothing lost
    assert "кнопками" in school.last.text
    await school.press("предметные")
    await school.press("методические")
    labels = str(school.last.buttons())
    assert "✅ предметные" in labels and "✅ методические" in labels
    await school.press("Готово")
    assert "причину" in school.last.text
    app = await make_app(quiet_hours="")  # a restart between the topics and the reason
    school = Person(app, SCHOOL)
    await school.send("ok")
    assert "слишком короткий" in school.last.text
    await school.send("Учителя просят предметную методику ОГЭ")
    assert "Предложение отправлено" in school.last.text
    assert "Ждёт решения — темы:</b> методические → предметные, методические" in (
        school.last.text)
    [change] = await _changes(app)
    assert (change.kind, change.old_groups, change.new_groups) == (
        "topics", ["methodological"], ["subject", "methodological"])
    # the school cannot decide its own proposal, nor propose a second one of either kind
    await school.press_data(AbCb(a="chy", id=change.id).pack())
    assert "Решение принимает другая сторона" in school.last.text
    for action in ("ctp", "chp"):
        await school.press_data(AbCb(a=action, id=abonement_id).pack())
        assert "ждёт решения другой стороны" in school.last.text
    # forged: another school's coordinator, another curator, a teacher of the school
    for user in (OTHER_SCHOOL, CURATOR2, TEACHER):
        p = Person(app, user)
        await p.send("/menu")
        before = len(p.alerts())
        await p.press_data(AbCb(a="chy", id=change.id).pack())
        await p.press_data(AbCb(a="ctp", id=abonement_id).pack())
        assert p.alerts()[before:] == ["Этот абонемент вам недоступен."] * 2, user
    assert (await row(app, abonement_id)).request["groups"] == ["methodological"]
    # the curator accepts from the notice; the volume stays
    await deliver_all(app)
    curator = Person(app, CURATOR)
    assert "Предложено изменить темы" in curator.last.text
    assert "Учителя просят предметную методику ОГЭ" in curator.last.text
    await curator.press("Изменения объёма и тем")
    await curator.press("Принять изменение")
    assert "Темы изменены" in curator.last.text
    assert "темы: методические → предметные, методические · принято" in curator.last.text
    stored = await row(app, abonement_id)
    assert stored.request["groups"] == ["subject", "methodological"]
    assert (stored.ordered_in_person, stored.ordered_remote, stored.ordered_self_study) == (
        10, 4, 4)
    await deliver_all(app)
    assert "Изменение тем абонемента школы «МАОУ СОШ № 01» принято" in school.last.text
    # a second round from the curator, declined by the school
    await curator.press("Изменить темы")
    await curator.press("коммуникативные")
    await curator.press("Готово")
    await curator.send("Добавим коммуникацию с родителями")
    await deliver_all(app)
    await school.press("Изменения объёма и тем")
    await school.press("Отклонить")
    assert "Предложение отклонено" in school.last.text
    assert (await row(app, abonement_id)).request["groups"] == ["subject", "methodological"]
    assert [c.status for c in await _changes(app)] == ["accepted", "declined"]
    # the card's history and its request show the topics in force
    await school.press_data(AbCb(a="card", id=abonement_id).pack())
    card = school.last.text
    assert "<b>Компетенции:</b> предметные, методические" in card
    assert "предложено изменить темы: Учителя просят" in card
    assert "темы изменены: предметные, методические" in card
    assert "изменение тем отклонено: предметные, методические, коммуникативные" in card


async def test_forged_and_stale_topic_buttons(make_app, orgs) -> None:
    app, ids, abonement_id, school = await _signed(make_app, orgs)
    # a tick outside the picker is stale, nothing is stored
    await school.press_data(AbCb(a="ctt", id=abonement_id, v="subject").pack())
    await school.press_data(AbCb(a="ctd", id=abonement_id).pack())
    assert school.alerts()[-2:] == [
        "Эта кнопка уже неактуальна. Вот где вы сейчас:"] * 2
    await school.press_data(AbCb(a="ctp", id=abonement_id).pack())
    # a forged group is refused
    await school.press_data(AbCb(a="ctt", id=abonement_id, v="astrology").pack())
    assert school.alerts()[-1] == "Такого варианта нет."
    # a button of the picker of another abonement is stale
    await school.press_data(AbCb(a="ctt", id=abonement_id + 1, v="subject").pack())
    assert school.alerts()[-1].startswith("Эта кнопка уже неактуальна")
    assert await _changes(app) == []
    # the domain refuses a forged proposal too (not a party; an unknown group)
    with pytest.raises(AccessDenied):
        await run(app, ab.propose_topics, actor(ids[TEACHER]), abonement_id, ["subject"],
                  "Хотим другое", TEST_CLOCK.now())
    with pytest.raises(ValidationError) as err:
        await run(app, ab.propose_topics, actor(ids[CURATOR]), abonement_id, ["astrology"],
                  "Причина", TEST_CLOCK.now())
    assert err.value.key == "error-choice-unknown"
    assert await _changes(app) == []
