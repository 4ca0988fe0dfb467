"""Campaigns and surveys through the real Dispatcher, with the frozen clock: setting a
campaign up by buttons, invitations (once, in scope), a survey answered step by step and
resumed after a restart, reminders that stop, the window's end, completion per unit,
the anonymity threshold, forged callbacks."""

from __future__ import annotations

from datetime import timedelta

from domain import campaigns as camp
from domain.access import Actor
from handlers.callbacks import CampCb
from handlers.campaigns.teacher import SvCb
from tests.campaigns.kit import (
    COORDINATOR,
    admin,
    campaign_row,
    coordinator,
    create,
    deliver,
    fill_motives,
    participants,
    people,
    responses,
    rows,
    survey_id,
    tick,
)
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, read, run
from tests.harness import Person


async def test_coordinator_sets_up_a_survey_teachers_are_invited_once(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    coord = Person(app, COORDINATOR)
    await coord.send("/menu")
    await coord.press("Опросы и мониторинг")
    await coord.press("Новая кампания")
    assert "Шаг 1 из 5" in coord.last.text
    await coord.press("Мотивы профессионального развития")
    assert "Шаг 2 из 5" in coord.last.text
    labels = [t for t, _ in coord.last.buttons()]
    assert any("Городской округ Тестовый" in t for t in labels)
    assert not any("Заречн" in t for t in labels)  # outside the coordinator's scope
    await coord.press("Городской округ Тестовый")
    await coord.press("Сегодня")
    await coord.press("14 дн.")
    await coord.press("Анонимно")
    assert "Проверьте кампанию" in coord.last.text and "Городской округ Тестовый" in coord.last.text
    await coord.press("через 3 дня")  # switched off
    await coord.press("Запустить")
    assert "запущена" in coord.last.text
    # mun1: the coordinator (a teacher of school1 too) and four teachers; not other_school
    assert "Приглашено: 5" in coord.last.text
    invites = await rows(app, camp.INVITE_KEY)
    assert sorted(r.person_id for r in invites) == sorted(
        ids[u] for u in (COORDINATOR, 601, 602, 603, 604))
    cid = invites[0].dedupe_key.split(":")[1]
    row = await campaign_row(app, int(cid))
    assert row.reminders == ["start", "before_end"] and row.anonymous
    # the tick repeats nothing
    assert (await tick(app))["queued"] == 0
    assert len(await rows(app)) == 5
    # delivered with a «Пройти» button that opens the card
    await deliver(app)
    teacher = Person(app, 601)
    assert "Мотивы профессионального развития" in teacher.last.text
    assert "Приглашаем пройти опрос" in teacher.last.text
    await teacher.press("Пройти")
    assert "Ещё не пройдено" in teacher.last.text
    assert "анонимные" in teacher.last.text


async def test_a_survey_step_by_step_with_skips_and_a_restart(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    sid = await survey_id(app)
    c = await create(app, coordinator(ids[COORDINATOR], orgs["mun1"]), sid=sid)
    p = Person(app, 603)
    await p.send("/menu")
    await p.press("Опросы и мониторинг")
    await p.press(c.title)
    await p.press("Пройти")
    assert "вопрос 1 из 7" in p.last.text
    await p.press("Интерес к предмету")
    assert "вопрос 2 из 7" in p.last.text
    await p.press("Готово")  # nothing ticked: a required question
    assert any("хотя бы один" in a for a in p.alerts())
    await p.press("Новые методики")
    await p.press("Саморазвитие")
    assert "✅ Новые методики" in str(p.last.buttons())
    # a restart in the middle: nothing is lost
    app2 = await make_app(quiet_hours="")
    p2 = Person(app2, 603)
    await p2.send("/menu")
    await p2.press("Опросы и мониторинг")
    await p2.press(c.title)
    await p2.press("Пройти")
    assert "вопрос 2 из 7" in p2.last.text
    assert "✅ Саморазвитие" in str(p2.last.buttons())
    [r] = await responses(app2)
    assert r.answers["main_motive"] == "interest"
    await p2.press("Готово")
    await p2.press("4")  # the scale
    await p2.press("Нет")  # «if no, skip to» the obstacles
    assert "Что мешает" in p2.last.text and "вопрос 5 из 7" in p2.last.text
    await p2.press("Назад")
    assert "Проходили ли вы курсы" in p2.last.text
    await p2.press("Да")
    assert "Сколько часов" in p2.last.text
    await p2.send("много")
    assert "Нужно число" in p2.last.text and "Сколько часов" in p2.last.text
    await p2.send("5000")
    assert "от 0 до 1\u00a0000" in p2.last.text  # ru: a non-breaking thousands space
    await p2.send("72")
    await p2.press("Пропустить")  # obstacles: optional
    await p2.send("Наставник <рядом> & время")
    assert "пройден" in p2.last.text
    [r] = await responses(app2)
    assert r.completed_at is not None
    assert r.answers == {"main_motive": "interest", "motives_all": ["new_methods", "self"],
                         "satisfaction_growth": 4, "had_courses": "yes", "courses_hours": 72,
                         "comment": "Наставник <рядом> & время"}
    # a stale button of an earlier question changes nothing
    await p2.press_data(SvCb(a="o", r=r.id, i=0, v="career").pack())
    [r] = await responses(app2)
    assert r.answers["main_motive"] == "interest"


async def test_reminders_stop_when_done_or_opted_out_and_the_window_ends(make_app, orgs
                                                                          ) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    sid = await survey_id(app)
    c = await create(app, coordinator(ids[COORDINATOR], orgs["mun1"]), sid=sid, days=7)
    assert len(await rows(app, camp.INVITE_KEY)) == 5
    await fill_motives(app, ids[601], c.id)
    await run(app, camp.opt_out, Actor(ids[602]), c.id, TEST_CLOCK.now())
    assert (await tick(app))["queued"] == 0  # day 0: nothing due yet
    TEST_CLOCK.advance(timedelta(days=3))
    report = await tick(app)
    reminded = {r.person_id for r in await rows(app, camp.REMIND_KEY)}
    assert report["queued"] == 3
    assert reminded == {ids[COORDINATOR], ids[603], ids[604]}  # not the done, not opted out
    assert (await tick(app))["queued"] == 0  # each stage once
    await fill_motives(app, ids[603], c.id)
    TEST_CLOCK.advance(timedelta(days=2, hours=12))  # a day before the end
    assert (await tick(app))["queued"] == 2
    assert (await campaign_row(app, c.id)).reminded == ["start", "day3", "before_end"]
    # the window ends: closed, reminders not yet sent are dropped, taking it is refused
    TEST_CLOCK.advance(timedelta(days=2))
    report = await tick(app)
    assert report["closed"] == 1
    assert all(r.status in ("cancelled", "sent") for r in await rows(app))
    p = Person(app, 604)
    await p.send("/menu")
    await p.press_data(CampCb(a="take", id=c.id).pack())
    assert "закрыта" in p.last.text
    assert await read(app, camp.mine, Actor(ids[604]), TEST_CLOCK.now()) == []


async def test_completion_per_unit_and_not_started_with_a_reminder(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    sid = await survey_id(app, "support")
    c = await create(app, admin(ids[ADMIN_ID]), sid=sid)  # the whole region
    assert c.total == 6  # four teachers of mun1, the coordinator, one of mun2 (admin: no school)
    actor = Actor(ids[601])
    now = TEST_CLOCK.now()
    _, _, r = await run(app, camp.start_survey, actor, c.id, now)
    for i, v in enumerate(["5", "4", "3"]):
        await run(app, camp.answer, actor, r.id, i, v, now)
    await run(app, camp.answer, actor, r.id, 3, ["seminars"], now)
    await run(app, camp.answer, actor, r.id, 4, "no", now)
    await run(app, camp.answer, actor, r.id, 6, None, now)
    coord = Person(app, COORDINATOR)
    await coord.send("/menu")
    await coord.press("Опросы и мониторинг")
    await coord.press("Кампании")
    await coord.press(f"#{c.id}")
    text = coord.last.text
    assert "Городской округ Тестовый</b>: прошли 1 из 5 — 20 %" in text
    assert "МАОУ СОШ № 01: 1 из 3 — 33 %" in text and "МАОУ СОШ № 02: 0 из 1" in text
    assert "Заречная" not in text  # outside the scope
    await coord.press("Кто не прошёл")
    late = coord.last.text
    assert "Не прошли: 4" in late and "Кузнецов &lt;Иван&gt; Ильич" in late
    assert "Иванова" not in late
    before = len(await rows(app, camp.REMIND_KEY))
    await coord.press("Напомнить: Кузнецов")
    assert "Напоминание отправлено" in coord.alerts()[-1]
    await coord.press("Напомнить: Кузнецов")  # once a day
    assert len(await rows(app, camp.REMIND_KEY)) == before + 1
    # the admin sees the region by municipality
    adm = Person(app, ADMIN_ID)
    await adm.send("/menu")
    await adm.press_data(CampCb(a="view", id=c.id).pack())
    assert "прошли 1 из 6" in adm.last.text and "Заречный район: 0 из 1" in adm.last.text


async def test_anonymous_results_need_five_respondents(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    for n in range(10):
        from tests.conftest import onboarded

        ids[800 + n] = await onboarded(app, 800 + n, orgs["school1"], name=f"Учитель {n}")
    sid = await survey_id(app)
    c = await create(app, coordinator(ids[COORDINATOR], orgs["mun1"]), sid=sid, anonymous=True)
    for n in range(4):
        await fill_motives(app, ids[800 + n], c.id, comment=f"Идея {n}")
    coord = Person(app, COORDINATOR)
    await coord.send("/menu")
    await coord.press_data(CampCb(a="res", id=c.id).pack())
    assert "итоги скрыты: меньше 5 ответов" in coord.last.text
    assert "Идея" not in coord.last.text
    await fill_motives(app, ids[804], c.id, comment="Идея 4", had="no")
    await coord.press_data(CampCb(a="res", id=c.id).pack())
    text = coord.last.text
    assert "скрыты" not in text.split("\n\n")[0]
    assert "Результаты учеников: 5" in text and "— Идея 4" in text
    assert "Учитель" not in text  # free text without names
    assert "МАОУ СОШ № 01</b> — ответили: 5" in text  # one school of five: shown
    # the XLSX: distributions, free texts
    await coord.press_data(CampCb(a="xlsx", id=c.id).pack())
    from aiogram.methods import SendDocument

    [doc] = coord.tg.of(SendDocument)
    assert doc.document.filename == f"campaign-{c.id}.xlsx"


async def test_forged_callbacks_are_refused(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    sid = await survey_id(app)
    c = await create(app, coordinator(ids[COORDINATOR], orgs["mun1"]), sid=sid)
    outsider = Person(app, 605)  # other_school: not invited
    await outsider.send("/menu")
    await outsider.press_data(CampCb(a="card", id=c.id).pack())
    assert "не найдена" in outsider.alerts()[-1]
    await outsider.press_data(CampCb(a="take", id=c.id).pack())
    assert "не найдена" in outsider.alerts()[-1]
    await outsider.press_data(CampCb(a="view", id=c.id).pack())
    await outsider.press_data(CampCb(a="new").pack())
    assert len(outsider.alerts()) == 4 and "недоступно" in outsider.alerts()[-1]
    await fill_motives(app, ids[601], c.id)
    [r] = await responses(app)
    await outsider.press_data(SvCb(a="o", r=r.id, i=0, v="salary").pack())
    [r] = await responses(app)
    assert r.answers["main_motive"] == "results"
    coord = Person(app, COORDINATOR)
    await coord.send("/menu")
    seen = len(coord.alerts())
    await coord.press_data(CampCb(a="view", id=c.id, org=orgs["mun2"]).pack())
    assert "Заречный" not in coord.last.text
    await coord.press_data(CampCb(a="nudge", id=c.id, org=orgs["mun1"],
                                  v=str(ids[605])).pack())  # not a participant
    await coord.press_data(CampCb(a="u", org=orgs["mun2"]).pack())  # set-up outside scope
    refused = coord.alerts()[seen:]
    assert len(refused) == 3 and "вне вашей зоны" in refused[0]
    assert not any("отправлено" in a for a in refused)
    assert len(await rows(app, camp.REMIND_KEY)) == 0
    # a teacher cannot see the coordinators' screens
    teacher = Person(app, 602)
    await teacher.send("/menu")
    seen = len(teacher.alerts())
    await teacher.press_data(CampCb(a="res", id=c.id).pack())
    await teacher.press_data(CampCb(a="late", id=c.id).pack())
    await teacher.press_data(CampCb(a="view", id=c.id).pack())
    assert all("недоступно" in a for a in teacher.alerts()[seen:])
    assert len(teacher.alerts()[seen:]) == 3
