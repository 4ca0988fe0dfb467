"""Professional activity through the real Dispatcher: a teacher records a competition with a
diploma and a practice with bad input on the way; the school coordinator is alerted, returns
with a comment and verifies after a resubmission; forged ids and other scopes are refused; the
bank of practice finds verified practice by competence group and subject; the figures count
verified records on a small known dataset; /mydata and /forgetme cover the table."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import select

from domain import activity as act
from domain.errors import AccessDenied, DomainError
from handlers.activity import AcCb
from storage.activity.models import ActivityRecordRow
from tests.conftest import outbox
from tests.harness import Person
from tests.mentoring.support import (
    COORD,
    MENTOR,
    OTHER_COORD,
    STRANGER,
    YOUNG,
    actor,
    diagnose,
    now,
    popups,
    read,
    run,
    set_profile,
    today,
    world,
)


async def records(app) -> list[ActivityRecordRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(ActivityRecordRow).order_by(ActivityRecordRow.id)))
                    .all())


async def add_practice(app, person_id: int, group: str = "methodological",
                       title: str = "Кейс-метод на уроках математики") -> act.Record:
    who = await actor(app, person_id)
    draft = act.Draft(act.Kind.PRACTICE, title, today(), practice=act.PracticeKind.OPEN_LESSON,
                      group=group, abstract="Ученики решают реальные задачи в группах.",
                      link="https://example.org/lesson")
    return await run(app, act.submit, who, draft, today(), now())


async def test_a_competition_is_recorded_returned_resubmitted_and_verified(app, orgs) -> None:
    ids = await world(app, orgs)
    t = Person(app, YOUNG)
    await t.send("/menu")
    await t.press("Профактивность")
    await t.press("➕ Конкурс")
    await t.send("ab")
    assert "слишком короткое" in t.last.text
    await t.send("Учитель года — 2026, номинация «Молодой педагог»")
    await t.press("Муниципальный")
    await t.press("Призёр")
    await t.send((today() + timedelta(days=3)).strftime("%d.%m.%Y"))
    assert "не может быть в будущем" in t.last.text
    await t.press("Сегодня")
    await t.send("не ссылка")
    assert "не похоже на ссылку" in t.last.text
    await t.send_document("diplom.pdf", file_id="DIPLOMA-1")
    assert "отправлена координатору" in t.last.text
    [row] = await records(app)
    assert (row.kind, row.level, row.outcome, row.status, row.file_id) == (
        "competition", "municipal", "prize_winner", "submitted", "DIPLOMA-1")
    [alert] = await outbox(app, "act-alert-submitted")
    assert alert.person_id == ids["coord"]

    # another school's coordinator cannot see or decide it (forged ids)
    other = Person(app, OTHER_COORD)
    await other.send("/menu")
    for data in (AcCb(a="card", id=row.id), AcCb(a="ok", id=row.id),
                 AcCb(a="back", id=row.id)):
        calls = await other.press_data(data.pack())
        assert "вне вашей зоны" in popups(calls)
    # a colleague of the same school neither; the teacher cannot verify their own
    stranger = Person(app, STRANGER)
    await stranger.send("/menu")
    calls = await stranger.press_data(AcCb(a="card", id=row.id).pack())
    assert "вне вашей зоны" in popups(calls)
    calls = await t.press_data(AcCb(a="ok", id=row.id).pack())
    assert "вне вашей зоны" in popups(calls)

    c = Person(app, COORD)
    await c.send("/menu")
    await c.press("Профактивность")
    await c.press("На проверке")
    assert "На проверке:</b> 1" in c.last.text
    await c.press("Учитель года")
    assert "Призёр" in c.last.text and "Молодцова" in c.last.text
    await c.press("Вернуть")
    await c.send("ок")
    assert "от 5 знаков" in c.last.text
    await c.send("Приложите скан диплома с печатью")
    assert "возвращена" in c.last.text
    [row] = await records(app)
    assert row.status == "returned" and row.comment == "Приложите скан диплома с печатью"
    [notice] = await outbox(app, "act-notice-returned")
    assert notice.person_id == ids["young"]

    await t.press_data(AcCb(a="card", id=row.id).pack())
    assert "Приложите скан" in t.last.text
    await t.press("Отправить снова")
    assert len(await outbox(app, "act-alert-submitted")) == 2
    await c.press_data(AcCb(a="card", id=row.id).pack())
    await c.press("Подтвердить")
    assert "подтверждена" in c.last.text
    calls = await c.press_data(AcCb(a="ok", id=row.id).pack())  # a second tap
    assert "уже проверена" in popups(calls)
    [row] = await records(app)
    assert row.status == "accepted" and row.decided_by == ids["coord"]
    calls = await t.press_data(AcCb(a="del", id=row.id).pack())
    assert "не удаляется" in popups(calls)


async def test_the_bank_of_practice_by_group_and_subject(app, orgs) -> None:
    ids = await world(app, orgs)
    coord = await actor(app, ids["coord"])
    math = await add_practice(app, ids["mentor"])
    history = await add_practice(app, ids["mentor2"], title="Диспут на уроке истории")
    pending = await add_practice(app, ids["young2"], title="Ещё не проверено")
    other_group = await add_practice(app, ids["young"], group="communicative",
                                     title="Классный час-диалог")
    for record in (math, history, other_group):
        await run(app, act.decide, coord, record.id, True, None, now())
    with pytest.raises(AccessDenied):  # nobody verifies their own or outside their scope
        await run(app, act.decide, await actor(app, ids["other_coord"]), pending.id, True, None,
                  now())
    t = Person(app, STRANGER)  # a maths teacher of the school
    await t.send("/menu")
    await t.press("Профактивность")
    await t.press("Банк практик")
    # no diagnosis, no «по моим дефицитам»
    assert not any("дефицит" in label for label, _ in t.last.buttons())
    await t.press("Методические")
    text = t.last.text
    assert "практик 2" in text
    assert "Кейс-метод" in text and "Диспут" in text
    assert "Ещё не проверено" not in text and "Классный час" not in text
    await t.press("Только мой предмет")
    assert "Кейс-метод" in t.last.text and "Диспут" not in t.last.text
    calls = await t.press_data(AcCb(a="bank", v="nonsense").pack())
    assert "Выберите группу" in t.last.text and not popups(calls)
    # the file of verified practice is shared; of a pending record it is not
    calls = await t.press_data(AcCb(a="file", id=pending.id).pack())
    assert "вне вашей зоны" in popups(calls)
    # a teacher with deficits starts from «как это делают коллеги» for the worst of them
    await diagnose(app, ids["young"])  # the worst deficits are methodological
    y = Person(app, YOUNG)
    await y.send("/menu")
    await y.press("Профактивность")
    await y.press("Банк практик")
    await y.press("по моим дефицитам")
    assert "Методические" in y.last.text and "Кейс-метод" in y.last.text


async def test_figures_count_verified_records(app, orgs) -> None:
    ids = await world(app, orgs)
    coord = await actor(app, ids["coord"])
    await set_profile(app, ids["mentor2"], ["methodist"], ["history"])

    async def competition(person_id: int, accept: bool) -> None:
        who = await actor(app, person_id)
        draft = act.Draft(act.Kind.COMPETITION, "Педагогический дебют", today(),
                          level=act.Level.MUNICIPAL, outcome=act.Outcome.PARTICIPANT)
        record = await run(app, act.submit, who, draft, today(), now())
        if accept:
            await run(app, act.decide, coord, record.id, True, None, now())

    await competition(ids["young"], True)
    await competition(ids["young"], True)  # one teacher counts once
    await competition(ids["young2"], False)  # not verified: not counted
    who = await actor(app, ids["mentor"])
    expert = await run(app, act.submit, who, act.Draft(
        act.Kind.EXPERT, "Жюри ВсОШ", today(), expert_role=act.ExpertRole.JURY), today(), now())
    await run(app, act.decide, coord, expert.id, True, None, now())
    mun = await actor(app, ids["mun"])
    lines = await read(app, act.figures, mun, orgs["mun1"], today() - timedelta(days=365))
    school1 = next(f for f in lines if f.org_id == orgs["school1"])
    # school 1: coord, young, young2, mentor, mentor2, stranger = 6 teachers; mun1 adds
    # school 2's coordinator and school 3's young teacher
    assert (school1.teachers, school1.in_competitions, school1.experts, school1.methodists) == (
        6, 1, 1, 1)
    assert school1.competition_share == 16.7
    total = lines[-1]
    assert total.org_id == orgs["mun1"] and total.teachers == 8 and total.in_competitions == 1
    with pytest.raises(AccessDenied):
        await read(app, act.figures, coord, orgs["mun1"], today())


async def test_mydata_and_forgetme_cover_activity_records(app, orgs) -> None:
    ids = await world(app, orgs)
    record = await add_practice(app, ids["mentor"])
    coord = await actor(app, ids["coord"])
    await run(app, act.decide, coord, record.id, False, "Добавьте ссылку на видео", now())
    m = Person(app, MENTOR)
    await m.send("/mydata")
    data = json.loads(m.tg.of(SendDocument)[-1].document.data.decode("utf-8"))
    [row] = data["records"]["activity_records"]
    assert row["title"] == "Кейс-метод на уроках математики"
    assert row["comment"] == "Добавьте ссылку на видео"
    c = Person(app, COORD)
    await c.send("/mydata")
    data = json.loads(c.tg.of(SendDocument)[-1].document.data.decode("utf-8"))
    assert any(a.get("comment") == "Добавьте ссылку на видео"
               for a in data["authored"]["activity_records.decided_by"])
    await m.send("/forgetme")
    await m.press("Да, удалить")
    assert not await records(app)
    with pytest.raises(DomainError):
        await read(app, act.record_for, coord, record.id)


async def test_practice_and_expert_work_through_the_screens(app, orgs) -> None:
    ids = await world(app, orgs)
    t = Person(app, MENTOR)
    await t.send("/menu")
    await t.press("Профактивность")
    await t.press("Выступление, открытый урок")
    await t.send("Кейс-метод на уроках математики")
    await t.press("Открытый урок")
    await t.press("Методические")
    await t.send("коротко")
    assert "хотя бы одним предложением" in t.last.text
    await t.send("Ученики решают задачи из жизни города в группах по четыре.")
    await t.press("Сегодня")
    await t.send("https://example.org/lesson")
    assert "отправлена координатору" in t.last.text
    await t.press("Назад")
    await t.press("Экспертная работа")
    await t.send("Жюри муниципального этапа ВсОШ по математике")
    calls = await t.press_data(AcCb(a="level", v="school").pack())  # not this step's button
    assert "уже пройден" in popups(calls)
    await t.press("Жюри конкурса")
    await t.send("01.09.2026" if today().year > 2026 or today().month >= 9 else "01.01.2026")
    await t.press("Без файла")
    assert "отправлена координатору" in t.last.text
    rows = await records(app)
    assert [(r.kind, r.practice, r.competence_group, r.link, r.expert_role) for r in rows] == [
        ("practice", "open_lesson", "methodological", "https://example.org/lesson", None),
        ("expert", None, None, None, "jury")]
    assert all(r.person_id == ids["mentor"] for r in rows)
    await t.press("Удалить")
    assert "удалена" in t.last.text
    assert len(await records(app)) == 1
