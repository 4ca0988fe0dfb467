"""Mentoring through the real Dispatcher: the coordinator pairs a young specialist with a
mentor (suggestions, start date, goals from the deficits), both are notified and see only each
other's name and school; pairing out of scope and forged ids are refused; the mentor sees the
mentee's diagnosis and ИОМ, nobody else through this door; the meeting log with bad input, a
restart mid-way and hours credited once; the mentee's rating; the end with a conclusion."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from domain import mentoring as mnt
from domain.errors import AccessDenied, ValidationError
from handlers.mentoring import MnCb
from tests.harness import Person
from tests.mentoring.support import (
    COORD,
    MENTEE_NAME,
    MENTOR,
    MENTOR_NAME,
    MUN,
    OTHER_COORD,
    TZ,
    STRANGER,
    YOUNG,
    actor,
    diagnose,
    ledger,
    meetings,
    now,
    pair_up,
    pairs,
    popups,
    run,
    sent_to,
    today,
    world,
)


@pytest.fixture(autouse=True)
def quick_outbox(app) -> None:
    app.sender.per_chat_interval = 0.0


async def deliver(app) -> None:
    await app.sender.run_once(budget=2)


async def test_coordinator_pairs_a_young_specialist_with_a_suggested_mentor(app, orgs) -> None:
    ids = await world(app, orgs)
    await diagnose(app, ids["young"])
    c = Person(app, COORD)
    await c.send("/menu")
    await c.press("Наставничество")
    await c.press("Новая пара")
    text = c.last.text
    assert "без наставника: 2" in text  # the two of school 1, not school 3's or another's
    labels = [label for label, _ in c.last.buttons()]
    assert any(MENTEE_NAME in label for label in labels)
    assert not any("Третьякова" in label or "Заречная" in label for label in labels)
    await c.press(MENTEE_NAME)
    # the same subject first (📘), though the other has the mentor role
    mentors = [label for label, data in c.last.buttons() if data.startswith("mn:mentor")]
    assert MENTOR_NAME in mentors[0] and mentors[0].startswith("📘")
    assert any("Историкова" in m for m in mentors[1:])
    await c.press(MENTOR_NAME)
    await c.send("31.02.2026")  # no such day
    assert "Не удалось прочитать дату" in c.last.text
    await c.press("Сегодня")
    assert "Отметьте цели" in c.last.text
    goal_buttons = [label for label, data in c.last.buttons() if data.startswith("mn:goal")]
    assert len(goal_buttons) == 3
    await c.press(goal_buttons[0])
    assert c.last.buttons()[0][0].startswith("✅")
    await c.press("Создать пару")
    assert "Пара создана" in c.last.text and MENTOR_NAME in c.last.text

    [pair] = await pairs(app)
    assert (pair.mentee_id, pair.mentor_id, pair.school_id) == (
        ids["young"], ids["mentor"], orgs["school1"])
    assert pair.started_on == today() and len(pair.goals) == 1
    assert pair.goals[0]["title"] in goal_buttons[0]

    await deliver(app)
    [to_mentee] = sent_to(app, YOUNG)
    [to_mentor] = sent_to(app, MENTOR)
    assert MENTOR_NAME in to_mentee.text and "МАОУ СОШ № 01" in to_mentee.text
    assert MENTEE_NAME in to_mentor.text
    # name and school only: no deficits, no goals in the notice
    assert pair.goals[0]["title"] not in to_mentor.text

    # the mentee now has a mentor: no longer suggested, and a second pair is refused
    await c.press("Назад")
    await c.press("Новая пара")
    assert "без наставника: 1" in c.last.text
    calls = await c.press_data(MnCb(a="mentee", id=ids["young"]).pack())
    assert "уже есть наставник" in popups(calls) + c.last.text


async def test_pairing_out_of_scope_and_forged_ids_are_refused(app, orgs) -> None:
    ids = await world(app, orgs)
    other = Person(app, OTHER_COORD)  # the coordinator of school 2
    await other.send("/menu")
    calls = await other.press_data(MnCb(a="mentee", id=ids["young"]).pack())
    assert "вне вашей зоны" in popups(calls)
    assert not await pairs(app)
    # the domain refuses whatever the screens show
    who = await actor(app, ids["other_coord"])
    with pytest.raises(AccessDenied):
        await run(app, mnt.create_pair, who, ids["young"], ids["mentor"], today(), [], today(),
                  now())
    # a school coordinator cannot take a mentor from another municipality either
    coord = await actor(app, ids["coord"])
    with pytest.raises(AccessDenied):
        await run(app, mnt.create_pair, coord, ids["young"], ids["outsider"], today(), [],
                  today(), now())
    with pytest.raises(ValidationError):
        await run(app, mnt.create_pair, coord, ids["young"], ids["young"], today(), [],
                  today(), now())
    with pytest.raises(ValidationError):  # a goal that is not among the deficits
        await run(app, mnt.create_pair, coord, ids["young"], ids["mentor"], today(), ["x99"],
                  today(), now())
    # a plain teacher has no pairing at all
    t = Person(app, STRANGER)
    await t.send("/menu")
    calls = await t.press_data(MnCb(a="new").pack())
    assert "координатор школы" in popups(calls)
    # the municipal methodist pairs only in schools without a coordinator (school 3)
    mun = await actor(app, ids["mun"])
    with pytest.raises(AccessDenied):
        await run(app, mnt.create_pair, mun, ids["young"], ids["mentor"], today(), [], today(),
                  now())
    m = Person(app, MUN)
    await m.send("/menu")
    await m.press("Наставничество")
    await m.press("Новая пара")
    assert "Третьякова" in " ".join(label for label, _ in m.last.buttons())
    assert MENTEE_NAME not in " ".join(label for label, _ in m.last.buttons())
    pair = await run(app, mnt.create_pair, mun, ids["young3"], ids["young2"], today(), [],
                     today(), now())
    assert pair.school_id == orgs["school3"]


async def test_the_mentor_sees_the_mentees_data_and_nobody_elses(app, orgs) -> None:
    ids = await world(app, orgs)
    await diagnose(app, ids["young"])
    await diagnose(app, ids["young2"])
    mine = await pair_up(app, ids["coord"], ids["young"], ids["mentor"])
    theirs = await pair_up(app, ids["coord"], ids["young2"], ids["mentor2"])
    mentor = Person(app, MENTOR)
    await mentor.send("/menu")
    await mentor.press("Наставничество")
    assert MENTEE_NAME in mentor.last.text
    await mentor.press(MENTEE_NAME)
    await mentor.press("Диагностика")
    assert "Дефицитов: 3" in mentor.last.text
    await mentor.press("Назад")
    await mentor.press("ИОМ")
    assert "нет ИОМ" in mentor.last.text

    # forged: another pair's mentee, and the card of a pair not theirs
    for action in ("diag", "route", "meet", "end"):
        calls = await mentor.press_data(MnCb(a=action, id=theirs.id).pack())
        assert "только наставнику" in popups(calls), action
    calls = await mentor.press_data(MnCb(a="pair", id=theirs.id).pack())
    assert "не ваша пара" in popups(calls)
    # the mentee sees the pair, not the mentor's door to their own data
    mentee = Person(app, YOUNG)
    await mentee.send("/menu")
    await mentee.press("Наставничество")
    await mentee.press(MENTOR_NAME)
    assert "Диагностика" not in " ".join(label for label, _ in mentee.last.buttons())
    calls = await mentee.press_data(MnCb(a="diag", id=mine.id).pack())
    assert "только наставнику" in popups(calls)
    # a teacher of the same school sees nothing
    stranger = Person(app, STRANGER)
    await stranger.send("/menu")
    calls = await stranger.press_data(MnCb(a="pair", id=mine.id).pack())
    assert "не ваша пара" in popups(calls)
    # a coordinator of another school neither; their own school's coordinator does
    other = Person(app, OTHER_COORD)
    await other.send("/menu")
    calls = await other.press_data(MnCb(a="pair", id=mine.id).pack())
    assert "не ваша пара" in popups(calls)
    coord = Person(app, COORD)
    await coord.send("/menu")
    await coord.press("Наставничество")
    await coord.press("Пары в моей зоне")
    assert "в вашей зоне:</b> 2" in coord.last.text
    calls = await coord.press_data(MnCb(a="diag", id=mine.id).pack())
    assert "только наставнику" in popups(calls)


async def test_meeting_log_credits_hours_once_and_the_mentee_rates_it(make_app, app,
                                                                      orgs) -> None:
    ids = await world(app, orgs)
    pair = await pair_up(app, ids["coord"], ids["young"], ids["mentor"],
                         started_on=today() - timedelta(days=30))
    mentor = Person(app, MENTOR)
    await mentor.send("/menu")
    await mentor.press("Наставничество")
    await mentor.press(MENTEE_NAME)
    await mentor.press("Записать встречу")
    future = today() + timedelta(days=2)
    await mentor.send(future.strftime("%d.%m.%Y"))
    assert "не может быть в будущем" in mentor.last.text
    await mentor.press("Вчера")
    await mentor.send("ab")
    assert "слишком короткая" in mentor.last.text

    app2 = await make_app()  # a restart mid-way: the step is kept
    app2.sender.per_chat_interval = 0.0
    mentor = Person(app2, MENTOR)
    await mentor.send("Формирующее <оценивание> на уроке")
    assert "Сколько часов" in mentor.last.text
    await mentor.send("много")
    assert "с шагом 0,25" in mentor.last.text
    await mentor.send("1,5")
    await mentor.send("просто текст")  # not a file
    assert "Пришлите файл" in mentor.last.text
    await mentor.send_document("konspekt.pdf", file_id="DOC-MEET-1")
    assert "Встреча записана" in mentor.last.text
    assert "Формирующее &lt;оценивание&gt; на уроке" in mentor.last.text
    # a second tap on a passed step saves nothing twice
    calls = await mentor.press_data(MnCb(a="nofile", id=pair.id).pack())
    assert "ничего не записано повторно" in popups(calls)

    [meeting] = await meetings(app2)
    assert meeting.held_on == today() - timedelta(days=1) and meeting.hours == 1.5
    assert meeting.file_id == "DOC-MEET-1" and meeting.credited_at is not None
    assert sorted(await ledger(app2)) == sorted([(ids["mentor"], "in_person", 1.5),
                                                 (ids["young"], "in_person", 1.5)])
    # crediting again does nothing
    async with app2.sessions() as s:
        from storage.uow import SqlUnitOfWork
        from tests.clock import TEST_CLOCK

        uow = SqlUnitOfWork(s, TEST_CLOCK)
        m = await uow.mentoring.get_meeting(meeting.id)
        assert not await uow.mentoring.credit_meeting(m, (ids["mentor"], ids["young"]), now(),
                                                      now())
        await uow.commit()
    assert len(await ledger(app2)) == 2

    # the mentor may not rate; the mentee may, from the pair's card
    calls = await mentor.press_data(MnCb(a="rv", id=meeting.id, v=5).pack())
    assert "только наставляемый" in popups(calls)
    await app2.sender.run_once(budget=2)
    notice = [m for m in sent_to(app2, YOUNG) if "записал встречу" in m.text]
    assert notice and "1,5" in notice[0].text
    mentee = Person(app2, YOUNG)
    await mentee.send("/menu")
    await mentee.press("Наставничество")
    await mentee.press(MENTOR_NAME)
    await mentee.press("Оценить")
    await mentee.press("⭐⭐⭐⭐", exact=True)
    assert "Ваша оценка: ⭐⭐⭐⭐" in mentee.last.text
    calls = await mentee.press_data(MnCb(a="rv", id=meeting.id, v=9).pack())
    assert "от 1 до 5" in popups(calls)
    [meeting] = await meetings(app2)
    assert meeting.rating == 4


async def test_the_mentor_ends_the_pair_with_a_conclusion(app, orgs) -> None:
    ids = await world(app, orgs)
    pair = await pair_up(app, ids["coord"], ids["young"], ids["mentor"])
    mentor = Person(app, MENTOR)
    await mentor.send("/menu")
    await mentor.press("Наставничество")
    await mentor.press(MENTEE_NAME)
    await mentor.press("Записать встречу")  # by buttons only
    await mentor.press("Сегодня")
    await mentor.send("Планирование урока")
    await mentor.press("1,5", exact=True)
    await mentor.press("Без файла")
    assert "Встреча записана" in mentor.last.text
    [meeting] = await meetings(app)
    assert (meeting.held_on, meeting.hours, meeting.file_id) == (today(), 1.5, None)
    await mentor.press("Завершить наставничество")
    await mentor.send("/cancel")
    assert "Отменено" in mentor.last.text
    await mentor.press(MENTEE_NAME)
    await mentor.press("Завершить наставничество")
    await mentor.send("Ок")
    assert "слишком короткое" in mentor.last.text
    await mentor.send("Освоила формирующее оценивание, рекомендую открытый урок весной.")
    assert "Наставничество завершено" in mentor.last.text
    [row] = await pairs(app)
    assert row.ended_on == today() and row.conclusion.startswith("Освоила")
    calls = await mentor.press_data(MnCb(a="meet", id=pair.id).pack())
    assert "уже завершено" in popups(calls)
    await deliver(app)
    assert any("Освоила формирующее" in m.text for m in sent_to(app, YOUNG))
    # the longest card fits one message: a long conclusion and ten meetings of long topics
    long_pair = await pair_up(app, ids["coord"], ids["young2"], ids["mentor"],
                              started_on=today() - timedelta(days=20))
    who = await actor(app, ids["mentor"])
    topic = ("Очень длинная тема встречи <с разметкой> & " * 5)[:195]
    for n in range(12):
        await run(app, mnt.log_meeting, who, long_pair.id, today() - timedelta(days=n),
                  f"{n} {topic}", Decimal("1"), "DOC", "f.pdf", today(), TZ, now())
    await run(app, mnt.end_pair, who, long_pair.id, "Заключение " * 180, today(), now())
    await mentor.press_data(MnCb(a="pair", id=long_pair.id).pack())
    assert "Пара наставничества" in mentor.last.text and "Завершено" in mentor.last.text
    # the mentee is free for a new pair
    coord = await actor(app, ids["coord"])
    again = await run(app, mnt.create_pair, coord, ids["young"], ids["mentor2"], today(), [],
                      today(), now())
    assert again.id != pair.id
