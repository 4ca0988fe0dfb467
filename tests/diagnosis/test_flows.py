"""Self-diagnosis through the real Dispatcher: the questionnaire, back, pause, restart, stray
input, forged buttons, the result with its chart, history, retakes, self-analysis, locales."""

from __future__ import annotations

import asyncio
import json
import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

from aiogram.methods import SendDocument, SendMessage, SendPhoto
from sqlalchemy import select, update

from domain import diagnosis as diag
from domain.access import Actor
from domain.enums import Role
from domain.errors import AccessDenied
from domain.instrument import CompetenceGroup
from handlers import charts
from storage.diagnosis.models import DiagAttemptRow, DiagDeficitRow
from storage.models import OutboxRow
from tests.conftest import ADMIN_ID, db, onboarded
from tests.harness import Person

TOTAL = 36
MOSCOW = ZoneInfo("Europe/Moscow")
#: answers by group, 9 statements each in the default instrument
STRONG_WEAK = ["Могу научить других"] * 9 + ["Не владею"] * 9 + ["Владею уверенно"] * 9 + [
    "Владею частично"] * 9


async def teacher(app, orgs, user_id: int = 555_101, school: str = "school1",
                  lang: str = "ru", **kw) -> Person:
    await onboarded(app, user_id, orgs[school], **kw)
    p = Person(app, user_id, language_code=lang)
    await p.send("/menu")
    return p


async def attempts(app, user_id: int | None = None) -> list[DiagAttemptRow]:
    async with app.sessions() as s:
        rows = (await s.scalars(select(DiagAttemptRow).order_by(DiagAttemptRow.id))).all()
    return list(rows)


async def answer(p: Person, labels: list[str]) -> None:
    for label in labels:
        await p.press(label)


async def complete(p: Person, labels: list[str] | None = None) -> None:
    """From the section screen (or a retake intro) to the result."""
    await p.press("Начать") if any("Начать" in b for b, _ in p.last.buttons()) else None
    await answer(p, labels or ["Владею уверенно"] * TOTAL)
    assert "все 36 утверждений пройдены" in p.last.text
    await p.press("Завершить")


async def test_happy_path_scores_stores_and_draws(app, orgs) -> None:
    p = await teacher(app, orgs)
    await p.press("Самодиагностика")
    intro = p.last.text
    assert "36 утверждений" in intro and "около 5 мин" in intro
    assert "Не владею</b> — не знаю, как это делать" in intro
    assert "координаторы вашей школы" in intro  # who sees the answers
    await p.press("Начать")
    assert "1 / 36" in p.last.text and "Предметные" in p.last.text
    assert "свободно владею содержанием своего предмета" in p.last.text
    assert [b for b, _ in p.last.buttons()][:4] == [
        "Не владею", "Владею частично", "Владею уверенно", "Могу научить других"]
    assert "Назад" not in str(p.last.buttons())  # nothing to go back to yet
    sent_before = len(p.tg.of(SendMessage))
    await answer(p, STRONG_WEAK[:12])
    assert "13 / 36" in p.last.text and "Методические" in p.last.text
    assert len(p.tg.of(SendMessage)) == sent_before  # one message, edited in place
    [row] = await attempts(app)
    assert row.status == "in_progress" and row.position == 12 and len(row.answers) == 12
    assert row.answers["s01"] == 4 and row.answers["m03"] == 1
    await answer(p, STRONG_WEAK[12:])
    assert "все 36 утверждений пройдены" in p.last.text
    await p.press("Завершить")

    [photo] = p.tg.of(SendPhoto)
    assert photo.photo.data.startswith(b"\x89PNG") and "Профиль компетенций" in photo.caption
    text = p.last.text
    assert "Результат самодиагностики" in text and "«Самодиагностика профессиональных" in text
    assert "🔵 <b>Предметные компетенции</b> — 100 % · экспертный" in text
    assert "🔴 <b>Методические компетенции</b> — 0 % · низкий" in text
    assert "🟡 <b>Психолого-педагогические компетенции</b> — 67 % · базовый" in text
    assert "▫️ Формирующее оценивание и критерии — 0 %" in text
    assert "Ваша сильная сторона — «Предметные компетенции»" in text
    assert "«Методические компетенции», «Коммуникативные компетенции»" in text
    assert "Выявлено 12 дефицитов" in text and "Мой ИОМ" in text
    assert {"🗺 Мой ИОМ", "✍️ Самоанализ", "🗂 История"} <= {b for b, _ in p.last.buttons()}

    [row] = await attempts(app)
    assert row.status == "completed" and row.total_percent == 50.0
    assert row.school_id == orgs["school1"] and row.municipality_id == orgs["mun1"]
    assert row.region_id == orgs["region"]
    async with app.sessions() as s:
        deficits = (await s.scalars(select(DiagDeficitRow).order_by(DiagDeficitRow.rank))).all()
    assert len(deficits) == 12 and deficits[0].rank == 1
    assert {d.group_code for d in deficits} == {"methodological", "communicative"}
    assert deficits[0].title == "Проектирование рабочей программы и урока"  # 0 %, first in order
    # the section now shows the last result and the retake date
    await p.press("К самодиагностике")
    assert "в среднем <b>50 %</b>" in p.last.text and "Пройти повторно можно с" in p.last.text


async def test_back_changes_an_answer_and_next_skips_forward(app, orgs) -> None:
    p = await teacher(app, orgs)
    await p.press("Самодиагностика")
    await p.press("Начать")
    await answer(p, ["Не владею", "Владею частично", "Владею уверенно"])
    assert "4 / 36" in p.last.text
    await p.press("Назад")
    await p.press("Назад")
    assert "2 / 36" in p.last.text and "Ваш ответ: «Владею частично»" in p.last.text
    assert "✅ Владею частично" in [b for b, _ in p.last.buttons()]
    await p.press("Могу научить других")  # changed
    assert "3 / 36" in p.last.text and "✅ Владею уверенно" in str(p.last.buttons())
    await p.press("Дальше")  # keep the third answer
    assert "4 / 36" in p.last.text and "Дальше" not in str(p.last.buttons())
    [row] = await attempts(app)
    assert row.answers == {"s01": 1, "s02": 4, "s03": 3} and row.position == 3


async def test_pause_cancel_and_continue(app, orgs) -> None:
    p = await teacher(app, orgs)
    await p.press("Самодиагностика")
    await p.press("Начать")
    await answer(p, ["Владею уверенно"] * 5)
    await p.press("Пауза")
    assert "Ответы сохранены (5 из 36)" in p.last.text
    await p.send("а что дальше?")  # no longer in the questionnaire: the general fallback
    assert "понимаю кнопки" in p.last.text
    await p.press("Самодиагностика")
    assert "остановились на утверждении 6 из 36" in p.last.text
    await p.press("Продолжить (6 / 36)")
    assert "6 / 36" in p.last.text
    await p.press("Не владею")
    await p.send("/cancel")
    assert "Ответы сохранены (6 из 36)" in p.last.text
    await p.send("/menu")
    await p.press("Самодиагностика")
    await p.press("Продолжить")
    assert "7 / 36" in p.last.text
    [row] = await attempts(app)
    assert len(row.answers) == 6 and row.answers["s06"] == 1


async def test_restart_mid_questionnaire_continues_at_the_same_statement(make_app, orgs) -> None:
    first = await make_app()
    p = await teacher(first, orgs, 555_120)
    await p.press("Самодиагностика")
    await p.press("Начать")
    await answer(p, ["Владею частично"] * 7)

    second = await make_app()  # the process restarted: new Dispatcher, same database
    p2 = Person(second, 555_120)
    p2.tg.messages[p2.chat.id] = list(p.tg.messages[p.chat.id])  # the phone keeps its messages
    await p2.send("привет")  # typed text still belongs to the questionnaire
    assert "кнопкой под утверждением" in p2.last.text and "8 / 36" in p2.last.text
    await p2.press("Владею уверенно")
    assert "9 / 36" in p2.last.text
    await answer(p2, ["Владею уверенно"] * (TOTAL - 8))
    await p2.press("Завершить")
    [row] = await attempts(second)
    assert row.status == "completed" and list(row.answers.values()).count(2) == 7


async def test_stray_text_and_stale_buttons_lose_nothing(app, orgs) -> None:
    p = await teacher(app, orgs)
    await p.press("Самодиагностика")
    await p.press("Начать")
    await answer(p, ["Владею уверенно"] * 3)
    older = p.last  # shows statement 4
    # statement 4's buttons, as a phone that missed their removal (the tidy chat strips them
    # when the next screen comes) or a forged client still has them
    old_buttons = dict(older.buttons())
    teach_4 = old_buttons["Могу научить других"]
    await p.send("владею")
    assert "⚠️ Ответ выберите кнопкой под утверждением." in p.last.text
    assert "4 / 36" in p.last.text and p.last is not older
    await p.press("Могу научить других")  # on the new message
    assert "5 / 36" in p.last.text
    # the older message still shows statement 4: its buttons are stale now
    assert older.buttons() == []  # the new screen took them away
    stale = old_buttons["Не владею"]
    await p.press_data(stale, older)
    assert any("неактуальна" in a for a in p.alerts())
    assert "прежнего сообщения" in p.last.text and "5 / 36" in p.last.text
    # the same answer tapped twice (a double tap) changes nothing and sends nothing
    sent = len(p.tg.calls)
    await p.press_data(teach_4, older)
    assert [type(c).__name__ for c in p.tg.calls[sent:]] == ["AnswerCallbackQuery"]
    [row] = await attempts(app)
    assert row.answers == {"s01": 3, "s02": 3, "s03": 3, "s04": 4} and row.position == 4
    # an old «Начать» resumes instead of starting over
    await p.press_data("dg:start:0", older)
    assert "5 / 36" in p.last.text and len(await attempts(app)) == 1
    # once the next statement is answered too, the same old tap is no double tap any more:
    # it is explained, not silently dropped
    await p.press("Владею частично")
    assert "6 / 36" in p.last.text
    alerts = len(p.alerts())
    await p.press_data(teach_4, p.last)
    assert len(p.alerts()) == alerts + 1 and "неактуальна" in p.alerts()[-1]
    assert "6 / 36" in p.last.text


async def test_forged_callbacks_are_refused(app, orgs) -> None:
    a = await teacher(app, orgs, 555_131)
    b = await teacher(app, orgs, 555_132)
    await a.press("Самодиагностика")
    await a.press("Начать")
    await a.press("Владею уверенно")
    [row] = await attempts(app)
    for data in (f"da:{row.id}:1:1", f"ds:{row.id}:1:back", f"ds:{row.id}:1:submit",
                 f"dg:write:{row.id}", f"dg:result:{row.id}"):
        before = len(b.alerts())
        await b.press_data(data)
        assert len(b.alerts()) == before + 1 and any(
            "недоступно" in x or "Не найдено" in x for x in b.alerts()[before:]), data
    [row] = await attempts(app)
    assert row.answers == {"s01": 3} and row.position == 1 and row.status == "in_progress"
    # submitting one's own unfinished questionnaire (a forged submit) is refused too
    await a.press_data(f"ds:{row.id}:1:submit")
    assert any("не на все утверждения (осталось 35)" in x for x in a.alerts())
    assert "2 / 36" in a.last.text
    # a value outside the scale
    await a.press_data(f"da:{row.id}:1:9")
    assert any("Такого варианта ответа нет" in x for x in a.alerts())
    [row] = await attempts(app)
    assert row.status == "in_progress" and row.answers == {"s01": 3}


async def test_a_teacher_sees_only_own_results_coordinators_their_scope(app, orgs) -> None:
    a = await teacher(app, orgs, 555_141)
    await a.press("Самодиагностика")
    await complete(a, STRONG_WEAK)
    [row] = await attempts(app)
    far = await teacher(app, orgs, 555_144, school="other_school")  # another municipality
    await far.press("Самодиагностика")
    await complete(far, ["Владею частично"] * TOTAL)
    region = await onboarded(app, 555_145, None,
                             roles=[(Role.REGIONAL_COORDINATOR, orgs["region"])])
    coord = await onboarded(app, 555_142, orgs["school2"],
                            roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])])
    other = await onboarded(app, 555_143, orgs["other_school"],
                            roles=[(Role.SCHOOL_COORDINATOR, orgs["other_school"])])
    uow = await db(app)
    try:
        grants = (await uow.people.get(coord)).grants
        seen = await diag.attempt_for(uow, Actor(coord, tuple(grants)), row.id)
        assert seen.result is not None
        counts = await diag.deficit_counts(uow, Actor(coord, tuple(grants)), orgs["school1"])
        assert counts.diagnosed == 1
        assert counts.by_group[CompetenceGroup.METHODOLOGICAL] == 1
        assert counts.by_group[CompetenceGroup.SUBJECT] == 0
        assert counts.by_indicator["meth_assessment"] == 1
        regional = Actor(region, tuple((await uow.people.get(region)).grants))
        counts = await diag.deficit_counts(uow, regional, orgs["region"])
        assert counts.diagnosed == 2 and counts.by_group[CompetenceGroup.SUBJECT] == 1
        assert counts.by_group[CompetenceGroup.METHODOLOGICAL] == 2
        assert (await diag.deficit_counts(uow, regional, orgs["mun2"])).diagnosed == 1
        deficits = await diag.deficits_of(uow, Actor(coord, tuple(grants)), row.person_id)
        assert len(deficits) == 12 and deficits[0].rank == 1
        outsider = Actor(other, tuple((await uow.people.get(other)).grants))
        for call in (diag.attempt_for(uow, outsider, row.id),
                     diag.deficit_counts(uow, outsider, orgs["school1"]),
                     diag.deficits_of(uow, outsider, row.person_id)):
            try:
                await call
            except AccessDenied:
                continue
            raise AssertionError("a coordinator outside the scope was let in")
    finally:
        await uow.session.close()


async def test_retake_interval_history_and_comparison(app, orgs) -> None:
    p = await teacher(app, orgs)
    await p.press("Самодиагностика")
    await complete(p, ["Владею частично"] * TOTAL)
    await p.press("К самодиагностике")
    [row] = await attempts(app)
    due = (row.completed_at + timedelta(days=30)).astimezone(MOSCOW).strftime("%d.%m.%Y")
    assert f"Пройти повторно можно с {due}" in p.last.text
    assert "Пройти ещё раз" not in str(p.last.buttons())
    await p.press_data("dg:start:0")  # a forged or old «start»
    assert any(f"можно с {due}" in a for a in p.alerts())
    assert len(await attempts(app)) == 1
    # a month later
    async with app.sessions() as s:
        await s.execute(update(DiagAttemptRow).values(
            completed_at=row.completed_at - timedelta(days=31)))
        await s.commit()
    await p.send("/menu")
    await p.press("Самодиагностика")
    await p.press("Пройти ещё раз")
    assert "36 утверждений" in p.last.text
    await complete(p, ["Владею уверенно"] * TOTAL)
    photos = p.tg.of(SendPhoto)
    assert len(photos) == 2 and "серый пунктир" in photos[1].caption
    assert "— 67 % · базовый · ▲ +33" in p.last.text and "по сравнению с" in p.last.text
    await p.press("История")
    history = p.last.text
    assert history.count("версия 2026.1") == 2 and "<b>67 %</b>" in history
    assert "<b>33 %</b>" in history
    dates = [b for b, _ in p.last.buttons() if b.startswith("📄")]
    assert len(dates) == 2
    await p.press(dates[1])  # the older attempt, again as a picture and a text
    assert "— 33 % · низкий" in p.last.text and len(p.tg.of(SendPhoto)) == 3


async def test_admin_resets_the_interval_and_the_teacher_is_told(app, orgs) -> None:
    p = await teacher(app, orgs, 555_151)
    await p.press("Самодиагностика")
    await complete(p)
    await p.press_data("dr:1:1")  # a teacher cannot unlock anything
    assert any("недоступно" in a for a in p.alerts())
    await onboarded(app, ADMIN_ID, None, name="Админов Админ")
    admin = Person(app, ADMIN_ID)
    await admin.send("/menu")
    await admin.press("Самодиагностика")
    await admin.press("Инструмент диагностики")
    assert "версия <b>2026.1</b>" in admin.last.text and "утверждений: 36" in admin.last.text
    await admin.press("Досрочная пересдача")
    await admin.send("никто")
    assert "никого не нашлось" in admin.last.text
    await admin.send("петрова")  # case-insensitive, part of the name
    await admin.press("Петрова Анна Сергеевна")
    assert "Разрешить педагогу Петрова Анна Сергеевна" in admin.last.text
    await admin.press("Разрешить пересдачу")
    assert "может пройти самодиагностику повторно" in admin.last.text
    async with app.sessions() as s:
        notice = (await s.scalars(select(OutboxRow))).one()
    assert notice.key == "diag-notice-retake-unlocked" and notice.person_id != 0
    assert await app.sender.run_once(budget=5) == 1
    await p.press("Открыть самодиагностику")  # the notice's button opens the section
    assert "Администратор открыл" in p.last.text
    await p.press("Пройти ещё раз")
    await complete(p)
    assert len(await attempts(app)) == 2
    await p.press("К самодиагностике")
    assert "Пройти повторно можно с" in p.last.text  # the interval applies again


async def test_self_analysis_is_written_and_edited(app, orgs) -> None:
    p = await teacher(app, orgs)
    await p.press("Самодиагностика")
    await complete(p)
    await p.press("Самоанализ")
    assert "Раздел 3 ИОМ" in p.last.text and "ещё не написан" in p.last.text
    await p.press("Написать")
    await p.send("ок")
    assert "Слишком коротко" in p.last.text
    await p.send("Результаты ВПР по математике <7 класс> подтверждают дефицит в оценивании.")
    assert "Самоанализ сохранён" in p.last.text
    assert "<blockquote>Результаты ВПР по математике &lt;7 класс&gt;" in p.last.text
    await p.press("Изменить")
    await p.send("/cancel")
    assert "Результаты ВПР" in p.last.text  # unchanged
    await p.press("Изменить")
    await p.send("Новый текст самоанализа, подробнее.")
    [row] = await attempts(app)
    assert row.self_analysis == "Новый текст самоанализа, подробнее."


async def test_english_locale(app, orgs) -> None:
    p = await teacher(app, orgs, 555_161, lang="en")
    await p.press("Self")
    assert "36 statements" in p.last.text and "Can teach others" in p.last.text
    await p.press("Start")
    assert "Self-diagnosis</b> · 1 / 36" in p.last.text
    assert "confident command of my subject" in p.last.text
    await p.send("hello")
    assert "choose your answer with a button" in p.last.text
    await answer(p, ["Confidently"] * TOTAL)
    await p.press("Finish")
    assert "Self-diagnosis result" in p.last.text and "Subject competences" in p.last.text
    assert "No deficits found" in p.last.text
    assert "Competence profile" in p.tg.of(SendPhoto)[0].caption


async def test_chart_rendering_does_not_block_other_people(app, orgs, monkeypatch) -> None:
    started, release = threading.Event(), threading.Event()
    real = charts.render_radar

    def slow_render(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(charts, "render_radar", slow_render)
    a = await teacher(app, orgs, 555_171)
    b = await teacher(app, orgs, 555_172)
    await a.press("Самодиагностика")
    await a.press("Начать")
    await answer(a, ["Владею уверенно"] * TOTAL)
    finishing = asyncio.create_task(a.press("Завершить"))
    while not started.is_set():
        await asyncio.sleep(0.005)
    # while A's chart is being drawn, B is answered at the usual pace
    await b.press("Самодиагностика")
    await b.press("Начать")
    await answer(b, ["Не владею"] * 5)
    # B was answered while A's chart was still blocked in its thread: no timing needed
    assert "6 / 36" in b.last.text and not finishing.done()
    release.set()
    await finishing
    assert "Результат самодиагностики" in a.last.text and a.tg.of(SendPhoto)


async def test_a_failed_chart_still_gives_the_result(app, orgs, monkeypatch) -> None:
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("no fonts")

    monkeypatch.setattr(charts, "render_radar", broken)
    p = await teacher(app, orgs)
    await p.press("Самодиагностика")
    await complete(p)
    assert "Результат самодиагностики" in p.last.text and not p.tg.of(SendPhoto)


async def test_mydata_exports_and_forgetting_erases_the_diagnosis(app, orgs) -> None:
    p = await teacher(app, orgs)
    await p.press("Самодиагностика")
    await complete(p, STRONG_WEAK)
    await p.press("Самоанализ")
    await p.press("Написать")
    await p.send("Мой самоанализ по итогам ВПР.")
    await p.send("/mydata")
    records = json.loads(p.tg.of(SendDocument)[-1].document.data.decode("utf-8"))["records"]
    [attempt] = records["diag_attempts"]
    assert attempt["answers"]["s01"] == 4 and attempt["result"]["total"] == 50.0
    assert attempt["self_analysis"] == "Мой самоанализ по итогам ВПР."
    assert len(records["diag_deficits"]) == 12
    await p.send("/forgetme")
    await p.press("Да, удалить")
    assert await attempts(app) == []
    async with app.sessions() as s:
        assert (await s.scalars(select(DiagDeficitRow))).all() == []
