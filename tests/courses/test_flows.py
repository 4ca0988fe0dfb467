"""Course forms through the real Dispatcher: the technical assignment and the course report,
every field's bad input, back / cancel / restart, the coordinator's review and its effects."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from aiogram.methods import AnswerCallbackQuery, SendDocument, SendMessage, SendPhoto
from sqlalchemy import func, select

from domain.access import Actor
from domain.enums import Role
from storage.courses.models import CourseFormEventRow, CourseFormRow
from storage.models import FsmStateRow, OutboxRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.harness import Person

TEACHER, COORD, OTHER_COORD, MUN_COORD, TEACHER2 = 640_001, 640_002, 640_003, 640_004, 640_005
TZ = ZoneInfo("Europe/Moscow")


@pytest.fixture(autouse=True)
def quick_outbox(app) -> None:
    """One chat gets several alerts in a test: no one-second pause between them."""
    app.sender.per_chat_interval = 0.0


def day(offset: int) -> str:
    """A date ``offset`` days from today (Moscow time), typed as dd.mm.yyyy."""
    return (TEST_CLOCK.now().astimezone(TZ).date() + timedelta(days=offset)).strftime("%d.%m.%Y")


async def people(app, orgs) -> dict[str, int]:
    return {
        "teacher": await onboarded(app, TEACHER, orgs["school1"]),
        "coord": await onboarded(app, COORD, orgs["school1"], name="Завучева Ирина Павловна",
                                 roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])]),
        "other": await onboarded(app, OTHER_COORD, orgs["school2"], name="Чужой Олег Олегович",
                                 roles=[(Role.SCHOOL_COORDINATOR, orgs["school2"])]),
        "mun": await onboarded(app, MUN_COORD, None, name="Методистова Анна Львовна",
                               roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])]),
    }


async def forms(app) -> list[CourseFormRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(CourseFormRow).order_by(CourseFormRow.id))).all())


async def history(app, form_id: int) -> list[tuple[str, int, str | None]]:
    async with app.sessions() as s:
        rows = (await s.scalars(select(CourseFormEventRow).where(
            CourseFormEventRow.form_id == form_id).order_by(CourseFormEventRow.id))).all()
        return [(r.action, r.revision, r.comment) for r in rows]


async def outbox(app) -> list[OutboxRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(OutboxRow).order_by(OutboxRow.id))).all())


def sent_to(app, chat_id: int, method: type = SendMessage) -> list:
    return [m for m in app.bot.session.of(method) if int(m.chat_id) == chat_id]


async def tap(p: Person, data: str) -> str:
    """Press raw (possibly forged) callback data; returns the pop-up the person saw."""
    calls = await p.press_data(data)
    return " ".join(c.text or "" for c in calls if isinstance(c, AnswerCallbackQuery))


async def open_courses(p: Person) -> None:
    await p.send("/menu")
    await p.press("Курсы и отчёты")


async def fill_assignment(p: Person, submit: bool = True) -> None:
    await open_courses(p)
    await p.press("Техническое задание")
    assert "взяты из профиля" in p.last.text and "образование" in p.last.text
    assert "шаг 1 из 8" in p.last.text  # the three prefilled from the profile are not counted
    await p.press("Высшее")
    await p.send("104818 0123456")
    await p.send("30.06.2010")
    await p.send("Учитель математики и информатики")
    await p.send("12")
    await p.send("38")
    await p.send("Функциональная грамотность: математическая")
    await p.press("предметные")
    await p.press("методические")
    await p.press("Готово")
    assert "затруднений" in p.last.text and "<b>предметные</b>" in p.last.text
    assert "шаг 9 из 10" in p.last.text
    await p.send("Задачи с параметром")
    await p.send("Формирующее оценивание")
    assert "Проверьте форму" in p.last.text
    if submit:
        await p.press("Отправить координатору")
        assert "отправлено координатору" in p.last.text


async def fill_report(p: Person, link: bool = True, submit: bool = True,
                      pdf: bool = True) -> None:
    await open_courses(p)
    await p.press("Отчёт о курсах")
    if link:
        await p.press("По ТЗ")
    else:
        await p.send("Цифровая образовательная среда")
    await p.send(day(-40))
    await p.send(day(-10))
    await p.send("72")
    await p.send("96")
    await p.press("Не проходил")
    await p.press("Добавить стажировку")
    await p.send("МАОУ «Лицей № 44»")
    assert "Осталось в пределах объёма курсов: 72 ч." in p.last.text
    await p.send("8")
    await p.send("Посещение и анализ уроков")
    assert "1) МАОУ «Лицей № 44» — 8 ч.; Посещение и анализ уроков" in p.last.text
    await p.press("Готово")
    await p.press("открытое занятие")
    await p.press("Готово")
    await p.press("предметные")
    await p.press("Готово")
    await p.send("482412345678")
    if pdf:
        await p.send_document("udostoverenie.pdf", "application/pdf", 1_200_000, file_id="CERT-1")
    else:
        await p.send_photo(size=300_000, file_id="PHOTO-1")
    await p.press("Да, рекомендация")
    assert "Проверьте форму" in p.last.text
    if submit:
        await p.press("Отправить координатору")
        assert "Отчёт отправлен" in p.last.text


async def approve_assignment(app, c: Person) -> None:
    await app.sender.run_once(budget=2)
    await c.press("Открыть")
    await c.press("Согласовать")
    await c.press("Да, подтверждаю")
    assert "согласовано" in c.last.text


# ---- happy paths --------------------------------------------------------------------------


async def test_assignment_reaches_the_school_coordinator_who_approves(app, orgs) -> None:
    ids = await people(app, orgs)
    t, c = Person(app, TEACHER), Person(app, COORD)
    await fill_assignment(t)
    [row] = await forms(app)
    assert row.kind == "assignment" and row.status == "submitted" and row.revision == 1
    assert row.school_id == orgs["school1"]
    assert row.data["full_name"] == "Петрова Анна Сергеевна"
    assert row.data["workplace"] == "МАОУ СОШ № 01" and row.data["position"] == "Учитель"
    assert row.data["education"] == "higher" and row.data["diploma_date"] == "2010-06-30"
    assert row.data["position_years"] == 12 and row.data["age"] == 38
    assert row.data["groups"] == ["subject", "methodological"]
    assert row.data["difficulties"] == {"subject": "Задачи с параметром",
                                        "methodological": "Формирующее оценивание"}
    # the school coordinator is asked to decide (not another school's); the municipal
    # coordinator is told it arrived (domain/territory/alerts.py, at once)
    assert [(o.person_id, o.key) for o in await outbox(app)] == [
        (ids["coord"], "crs-alert-assignment"), (ids["mun"], "terr-alert-form")]
    await app.sender.run_once(budget=2)
    [alert] = sent_to(app, COORD)
    assert "Техническое задание на согласование" in alert.text
    assert "Петрова Анна Сергеевна, МАОУ СОШ № 01" in alert.text
    assert not sent_to(app, OTHER_COORD)
    [told] = sent_to(app, MUN_COORD)
    assert "Поступил техническое задание: Петрова Анна Сергеевна (МАОУ СОШ № 01)" in told.text
    await c.press("Открыть")
    assert "Затруднения: предметные: <b>Задачи с параметром</b>" in c.last.text
    await c.press("Согласовать")
    assert "Согласовать техническое задание" in c.last.text
    await c.press("Да, подтверждаю")
    [row] = await forms(app)
    assert row.status == "accepted" and row.decided_by == ids["coord"]
    await app.sender.run_once(budget=2)
    assert "согласовано (Завучева Ирина Павловна)" in t.last.text
    await t.press("Открыть")
    assert "✅ согласовано" in t.last.text
    await t.press("История")
    assert "отправлено (версия 1)" in t.last.text and "принято (Завучева" in t.last.text


async def test_report_with_file_is_accepted_and_credits_hours(app, orgs) -> None:
    await people(app, orgs)
    t, c = Person(app, TEACHER), Person(app, COORD)
    await fill_assignment(t)
    await approve_assignment(app, c)
    await open_courses(t)
    await t.press("Отчёт о курсах")
    # the approved technical assignment is offered; competences come from its groups
    assert any("По ТЗ: Функциональная грамотность" in b for b, _ in t.last.buttons())
    await t.press("Отмена")
    await fill_report(t)
    rows = await forms(app)
    report = rows[1]
    assert report.kind == "report" and report.assignment_id == rows[0].id
    assert report.hours == 72 and report.data["input_percent"] == 96.0
    assert report.data["repeat_percent"] is None
    assert report.data["internships"] == [
        {"place": "МАОУ «Лицей № 44»", "hours": 8, "activity": "Посещение и анализ уроков"}]
    assert report.data["certificate_file"] == {
        "file_id": "CERT-1", "kind": "document", "size": 1_200_000,
        "mime": "application/pdf", "name": "udostoverenie.pdf"}
    assert report.data["recommendation"] is True
    await app.sender.run_once(budget=2)
    alert = sent_to(app, COORD)[-1]
    assert "Отчёт о прохождении курсов на проверку" in alert.text and "72 ч." in alert.text
    await c.press("Открыть", exact=False)
    # opening the card sends the certificate by its stored file id
    [doc] = sent_to(app, COORD, SendDocument)
    assert doc.document == "CERT-1" and "482412345678" in doc.caption
    await c.press("Принять отчёт")
    assert "В зачёт пойдут 72 ч." in c.last.text
    await c.press("Да, подтверждаю")
    assert "часы зачтены" in c.last.text
    async with app.sessions() as s:  # the hours ledger reacted to the accepted report
        ledger = await SqlUnitOfWork(s, TEST_CLOCK).hours.entries(report.person_id)
    assert [(e.event_id, e.kind.value, e.hours) for e in ledger] == [(None, "in_person", 72.0)]
    await app.sender.run_once(budget=2)
    assert "Зачтено 72 ч." in t.last.text
    await open_courses(t)
    assert "Зачтено по принятым отчётам: <b>72 ч.</b>" in t.last.text
    assert "✅ принят" in t.last.text
    # the same technical assignment is no longer offered for a new report
    await t.press("Отчёт о курсах")
    assert not any("По ТЗ" in b for b, _ in t.last.buttons())


async def test_report_with_a_photo_and_typed_programme(app, orgs) -> None:
    await people(app, orgs)
    t, c = Person(app, TEACHER), Person(app, COORD)
    await fill_report(t, link=False, submit=False, pdf=False)
    assert "Скан удостоверения: <b>фото (292 КБ)</b>" in t.last.text
    await t.press("Отправить координатору")
    [row] = await forms(app)
    assert row.assignment_id is None and row.data["program"] == "Цифровая образовательная среда"
    assert row.data["certificate_file"]["kind"] == "photo"
    assert row.data["certificate_file"]["file_id"] == "PHOTO-1"  # the largest size
    await app.sender.run_once(budget=2)
    await c.press("Открыть")
    [photo] = sent_to(app, COORD, SendPhoto)
    assert photo.photo == "PHOTO-1"
    await t.press("Удостоверение")
    assert sent_to(app, TEACHER, SendPhoto)[-1].photo == "PHOTO-1"


# ---- bad input, field by field -------------------------------------------------------------


async def test_assignment_bad_input_is_explained(app, orgs) -> None:
    await people(app, orgs)
    p = Person(app, TEACHER)
    await open_courses(p)
    await p.press("Техническое задание")
    await p.send("высшее")  # typed where a button is expected
    assert "кнопкой" in p.last.text and "образование" in p.last.text
    await p.send_document("scan.pdf")
    assert "Файл здесь не нужен" in p.last.text
    await p.press("Высшее")
    for bad, hint in [("абв", "должны быть цифры"), ("12$34", "допустимы буквы, цифры"),
                      ("1" * 41, "не больше 40")]:
        await p.send(bad)
        assert hint in p.last.text, bad
        assert "Номер диплома" in p.last.text
    await p.send("ВСГ 1234567")
    for bad, hint in [("2010-06-30", "ДД.ММ.ГГГГ"), ("30.06.10", "ДД.ММ.ГГГГ"),
                      ("31.02.2010", "Такой даты нет"), (day(3), "позже сегодняшней"),
                      ("01.01.1940", "не раньше 01.01.1950")]:
        await p.send(bad)
        assert hint in p.last.text, bad
    await p.send("1.7.2010")
    for bad, hint in [("   ", "ответ текстом"), ("12345", "должны быть слова"),
                      ("Я" * 201, "201 символов, можно не больше 200")]:
        await p.send(bad)
        assert hint in p.last.text, bad
    await p.send("Математика")
    for bad in ("двенадцать", "61", "-1", "7.5"):
        await p.send(bad)
        assert "целое число лет от 0 до 60" in p.last.text, bad
    await p.send("0")
    for bad in ("17", "81", "сорок"):
        await p.send(bad)
        assert "целое число от 18 до 80" in p.last.text, bad
    await p.send("23")
    await p.send("!!!")
    assert "должны быть слова" in p.last.text
    await p.send("Методика преподавания")
    await p.send("/nonsense")
    assert "Такой команды нет" in p.last.text and "компетенции" in p.last.text
    await p.press("Готово")  # nothing marked yet
    assert any("хотя бы одну группу" in a for a in p.alerts())
    await p.press("коммуникативные")
    await p.press("Готово")
    await p.send("Я" * 501)
    assert "не больше 500" in p.last.text
    await p.send("Общение с родителями\nКонфликты в классе")
    assert "Проверьте форму" in p.last.text
    [row] = await forms(app)
    assert row.status == "draft"
    assert row.data["diploma_number"] == "ВСГ 1234567" and row.data["diploma_date"] == "2010-07-01"
    assert row.data["position_years"] == 0 and row.data["age"] == 23
    assert row.data["difficulties"] == {"communicative": "Общение с родителями\nКонфликты в классе"}
    # the name can be changed on the summary card; bad names are refused there too
    await p.press("✏️ ФИО")
    await p.send("Иванова")
    assert "фамилию и имя" in p.last.text
    await p.send("Петрова-Водкина Анна Сергеевна")
    assert "Проверьте форму" in p.last.text and "Петрова-Водкина" in p.last.text


async def test_report_bad_input_is_explained(app, orgs) -> None:
    await people(app, orgs)
    p = Person(app, TEACHER)
    await open_courses(p)
    await p.press("Отчёт о курсах")
    await p.send("123")
    assert "должны быть слова" in p.last.text
    await p.send("Цифровая образовательная среда")
    for bad, hint in [("1.1.25", "ДД.ММ.ГГГГ"), ("30.02.2025", "Такой даты нет"),
                      (day(1), "позже сегодняшней"), ("31.12.1999", "не раньше 01.01.2000")]:
        await p.send(bad)
        assert hint in p.last.text, bad
        assert "Дата начала" in p.last.text
    await p.send(day(-40))
    for bad, hint in [(day(-41), f"раньше начала курсов ({day(-40)})"),
                      (day(1), "позже сегодняшней"), ("завтра", "ДД.ММ.ГГГГ")]:
        await p.send(bad)
        assert hint in p.last.text, bad
    await p.send(day(-40))  # a one-day course is fine
    for bad in ("0", "1001", "72.5", "много"):
        await p.send(bad)
        assert "целое число часов от 1 до 1\xa0000" in p.last.text, bad
    await p.send("36")
    for bad, hint in [("101", "от 0 до 100"), ("abc", "числом от 0 до 100"),
                      ("-5", "числом от 0 до 100"), ("87,55", "числом от 0 до 100")]:
        await p.send(bad)
        assert hint in p.last.text, bad
    await p.send("87,5")
    await p.send("150")
    assert "от 0 до 100" in p.last.text and "повторного" in p.last.text
    await p.send("100 %")
    await p.press("Добавить стажировку")
    await p.send("   ")
    assert "ответ текстом" in p.last.text
    await p.send("Лицей № 44")
    await p.send("40")
    assert "не могут быть дольше курсов (36 ч.): осталось 36 ч." in p.last.text
    await p.send("6")
    await p.send("…")
    assert "должны быть слова" in p.last.text
    await p.send("Наставничество")
    await p.press("Готово")
    await p.press("Готово")  # no attestation form marked
    assert any("хотя бы одну форму" in a for a in p.alerts())
    await p.press("другое")
    await p.press("Готово")
    assert "другой форме" in p.last.text
    await p.send("Защита проекта")
    await p.press("Готово")
    assert any("хотя бы одну компетенцию" in a for a in p.alerts())
    await p.press("коммуникативные")  # no technical assignment: all four are offered
    await p.press("Готово")
    await p.send("номер")
    assert "должны быть цифры" in p.last.text
    await p.send("ПК № 0048/2025")
    await p.send("вот мой файл")
    assert "прислать удостоверение" in p.last.text
    await p.send_document("udostoverenie.docx", "application/vnd.openxmlformats-officedocument."
                          "wordprocessingml.document", 30_000)
    assert "Подходят только PDF, JPEG или PNG" in p.last.text
    await p.send_document("scan.pdf", "application/pdf", 25 * 1024 * 1024)
    assert "не больше 20 МБ" in p.last.text
    await p.send_document("scan.pdf", "application/pdf", 0)
    assert "Файл пустой" in p.last.text
    # some clients send no MIME type: the extension decides
    await p.send_document("scan.PDF", None, 700_000, file_id="CERT-X")
    assert "рекомендацию" in p.last.text
    # 87,5 % on the input test and no open lesson: no recommendation possible
    await p.press("Да, рекомендация")
    assert any("от 95 %" in a for a in p.alerts())
    await p.press("Нет")
    assert "Проверьте форму" in p.last.text
    [row] = await forms(app)
    assert row.data["input_percent"] == 87.5 and row.data["repeat_percent"] == 100.0
    assert row.data["attestation"] == ["other"] and row.data["attestation_other"] == "Защита проекта"
    assert row.data["certificate_file"]["mime"] == "application/pdf"
    assert row.data["recommendation"] is False
    assert "Входной контроль: <b>87,5 %</b>" in p.last.text
    # the summary re-checks rules across fields: fewer course hours than the internship
    await p.press("✏️ Объём")
    await p.send("5")
    assert "меньше часов стажировки (6 ч.)" in p.last.text
    await p.press("Оставить")
    assert "Проверьте форму" in p.last.text


# ---- back, cancel, restart, edit from the summary -------------------------------------------


async def test_back_cancel_and_restart_keep_the_draft(make_app, orgs) -> None:
    first = await make_app()
    await people(first, orgs)
    p = Person(first, TEACHER)
    await open_courses(p)
    await p.press("Техническое задание")
    await p.press("Среднее специальное")
    await p.send("12 345")
    await p.press("Назад")
    assert "Номер диплома" in p.last.text and "Сейчас: <b>12 345</b>" in p.last.text
    await p.press("Назад")
    assert "✅ Среднее специальное" in [b for b, _ in p.last.buttons()]
    await p.press("Назад")  # the prefilled position, with its value to keep
    assert "Сейчас: <b>Учитель</b>" in p.last.text
    await p.press("Оставить")
    await p.press("Высшее")
    assert "Сейчас: <b>12 345</b>" in p.last.text
    await p.press("Оставить")
    assert "Дата выдачи диплома" in p.last.text
    # a button of an earlier step (an older message): stale, the current step is asked again
    await p.press_data("crp:education:pick:vocational")
    assert "неактуальна" in p.last.text and "Дата выдачи диплома" in p.last.text
    await p.send("/cancel")
    assert "Черновик сохранён" in p.last.text
    [row] = await forms(first)
    assert row.data["education"] == "higher" and row.data["diploma_number"] == "12 345"
    await p.send("15.06.2005")  # not in the form any more: the fallback answers
    assert "понимаю кнопки" in p.last.text
    # starting the form again continues the same draft
    await open_courses(p)
    assert "ТЗ «без названия» — 📝 черновик" in p.last.text
    await p.press("Техническое задание")
    assert "Продолжим черновик" in p.last.text and "Дата выдачи диплома" in p.last.text
    await p.send("15.06.2005")
    assert "Специальность" in p.last.text

    second = await make_app()  # the process restarted: the step and the draft survived
    p2 = Person(second, TEACHER)
    p2.tg.messages[p2.chat.id] = list(p.tg.messages[p.chat.id])
    await p2.send("Физика")
    assert "Стаж работы в должности" in p2.last.text
    await p2.send("/cancel")
    await open_courses(p2)
    await p2.press("1. ТЗ")
    await p2.press("Продолжить заполнение")
    assert "Стаж работы в должности" in p2.last.text
    assert len(await forms(second)) == 1
    async with second.sessions() as s:
        fsm = (await s.scalars(select(FsmStateRow))).all()
    assert any(f.state == "CrsForm:position_years" for f in fsm)
    # a draft can be deleted after a confirmation
    await p2.send("/cancel")
    await open_courses(p2)
    await p2.press("1. ТЗ")
    await p2.press("Удалить черновик")
    await p2.press("Нет, оставить")
    assert len(await forms(second)) == 1
    await p2.press("Удалить черновик")
    await p2.press("Да, удалить")
    assert "Черновик удалён" in p2.last.text and await forms(second) == []


async def test_summary_changes_any_field(app, orgs) -> None:
    await people(app, orgs)
    p = Person(app, TEACHER)
    await fill_assignment(p, submit=False)
    await p.press("✏️ Компетенции к развитию")
    await p.press("методические")  # unmarked: its difficulties go
    await p.press("психолого-педагогические")
    await p.press("Готово")
    assert "психолого-педагогические" in p.last.text and "затруднений" in p.last.text
    await p.send("Работа с детьми с ОВЗ")
    assert "Проверьте форму" in p.last.text
    [row] = await forms(app)
    assert row.data["difficulties"] == {"subject": "Задачи с параметром",
                                        "psycho_pedagogical": "Работа с детьми с ОВЗ"}
    await p.press("✏️ Возраст")
    await p.press("Назад")  # back from a change: the summary, nothing changed
    assert "Проверьте форму" in p.last.text and "Возраст: <b>38</b>" in p.last.text
    await p.press("✏️ Возраст")
    await p.send("39")
    assert "Возраст: <b>39</b>" in p.last.text
    await p.press("Закончить позже")
    assert "Черновик сохранён" in p.last.text
    # an old summary's button (an older message) still works after leaving the form
    await p.press_data(f"cre:{row.id}:position_years")
    await p.send("13")
    assert "Стаж в должности: <b>13 лет</b>" in p.last.text


async def test_report_dates_and_internships_from_the_summary(app, orgs) -> None:
    await people(app, orgs)
    p = Person(app, TEACHER)
    await fill_report(p, link=False, submit=False)
    # a new start after the old end: the end is asked again
    await p.press("✏️ Начало курсов")
    await p.send(day(-5))
    assert "Дата окончания" in p.last.text
    await p.send(day(-1))
    assert "Проверьте форму" in p.last.text and f"Окончание курсов: <b>{day(-1)}</b>" in p.last.text
    await p.press("✏️ Стажировка")
    await p.press("🗑 1")
    assert "Стажировки не было" in [b for b, _ in p.last.buttons()][-3]
    await p.press("Стажировки не было")
    assert "Стажировка: <b>не было</b>" in p.last.text
    # a lower input percentage withdraws the «yes» recommendation: it is asked again
    await p.press("✏️ Входной контроль")
    await p.send("80")
    assert "рекомендацию" in p.last.text
    await p.press("Нет")
    assert "Рекомендация к диссеминации опыта: <b>нет</b>" in p.last.text


# ---- review: return, resubmit with history -------------------------------------------------


async def test_returned_report_is_corrected_and_resubmitted_with_history(app, orgs) -> None:
    ids = await people(app, orgs)
    t, c = Person(app, TEACHER), Person(app, COORD)
    await fill_report(t, link=False)
    await app.sender.run_once(budget=2)
    await c.press("Открыть")
    await c.press("Вернуть с комментарием")
    await c.send("ок")
    assert "слишком короткий" in c.last.text
    await c.send_photo()
    assert "комментарий текстом" in c.last.text
    await c.send("Укажите номер удостоверения полностью, с серией")
    assert "возвращён на доработку" in c.last.text
    [row] = await forms(app)
    assert row.status == "returned" and (row.comment or "").startswith("Укажите номер")
    await app.sender.run_once(budget=2)
    assert "возвращён на доработку (Завучева Ирина Павловна)" in t.last.text
    assert "💬 Укажите номер удостоверения" in t.last.text
    await t.press("Открыть")
    assert "Комментарий координатора" in t.last.text
    await t.press("Исправить и отправить")
    assert "Исправьте то, о чём просит координатор" in t.last.text
    await t.press("✏️ Удостоверение №")
    await t.send("ПК-48 № 482412345678")
    await t.press("Отправить повторно")
    [row] = await forms(app)
    assert row.status == "submitted" and row.revision == 2
    assert row.data["certificate_number"] == "ПК-48 № 482412345678"
    await app.sender.run_once(budget=2)
    alert = sent_to(app, COORD)[-1]
    assert "исправленный, версия 2" in alert.text
    await c.press("Открыть")
    assert "(версия 2)" in c.texts[-2]  # the card; the certificate follows it
    await c.press("История")
    assert "отправлено (версия 1)" in c.last.text
    assert "возвращено: «Укажите номер удостоверения полностью, с серией»" in c.last.text
    assert "отправлено (версия 2)" in c.last.text
    await c.press("Назад")
    await c.press("Принять отчёт")
    await c.press("Да, подтверждаю")
    assert await history(app, row.id) == [
        ("submitted", 1, None),
        ("returned", 1, "Укажите номер удостоверения полностью, с серией"),
        ("submitted", 2, None),
        ("accepted", 2, None),
    ]
    async with app.sessions() as s:
        snap = (await s.scalars(select(CourseFormEventRow.snapshot).where(
            CourseFormEventRow.action == "submitted").order_by(CourseFormEventRow.id))).all()
    assert [x["certificate_number"] for x in snap] == ["482412345678", "ПК-48 № 482412345678"]
    # a decided form cannot be decided again, nor changed by the teacher
    assert "уже не ждёт решения" in await tap(c, f"crv:accept_yes:{row.id}")
    assert "нельзя изменить" in await tap(t, f"cre:{row.id}:hours")
    assert "нельзя изменить" in await tap(t, f"crf:submit:{row.id}")
    assert ids["teacher"] == row.person_id


# ---- scope: who sees and who decides ---------------------------------------------------------


async def test_other_school_coordinator_and_forged_buttons_are_refused(app, orgs) -> None:
    ids = await people(app, orgs)
    await onboarded(app, TEACHER2, orgs["school1"], name="Соседова Вера Ивановна")
    t, c = Person(app, TEACHER), Person(app, COORD)
    other, mun, t2 = Person(app, OTHER_COORD), Person(app, MUN_COORD), Person(app, TEACHER2)
    await fill_report(t, link=False)
    [row] = await forms(app)
    fid = row.id
    for p in (other, mun, t2):
        await p.send("/menu")
    # a coordinator of another school: cannot open, accept or return, even with forged data
    for data in (f"crv:open:{fid}", f"crv:accept:{fid}", f"crv:accept_yes:{fid}",
                 f"crv:return:{fid}", f"crv:file:{fid}", f"crv:history:{fid}"):
        assert "вне вашей зоны" in await tap(other, data), data
    assert not sent_to(app, OTHER_COORD, SendDocument)
    await other.press("Координатор")
    await other.press("Курсы: на согласовании")
    assert "Ничего не ждёт решения" in other.last.text
    # another teacher of the same school: not their form
    for data in (f"crf:open:{fid}", f"crf:file:{fid}", f"cre:{fid}:hours",
                 f"crf:submit:{fid}", f"crf:delete_yes:{fid}"):
        assert "недоступно" in await tap(t2, data), data
    assert "вне вашей зоны" in await tap(t2, f"crv:accept_yes:{fid}")
    assert not sent_to(app, TEACHER2, SendDocument)
    # the municipal coordinator sees it in the queue, read-only
    await mun.press("Координатор")
    await mun.press("Курсы: на согласовании")
    assert "Ждут решения</b> (1)" in mun.last.text and "Петрова Анна Сергеевна" in mun.last.text
    await mun.press("1. Петрова")
    assert "принимает координатор школы" in mun.last.text
    assert not any("Принять" in b for b, _ in mun.last.buttons())
    assert "координатор школы педагога" in await tap(mun, f"crv:accept_yes:{fid}")
    assert "координатор школы педагога" in await tap(mun, f"crv:return:{fid}")
    [row] = await forms(app)
    assert row.status == "submitted" and row.decided_by is None
    # the school's own coordinator decides
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Курсы: на согласовании")
    await c.press("1. Петрова")
    await c.press("Принять отчёт")
    await c.press("Да, подтверждаю")
    [row] = await forms(app)
    assert row.status == "accepted" and row.decided_by == ids["coord"]


async def test_a_forged_action_is_a_stale_button(app, orgs) -> None:
    """What a button does is a closed vocabulary: a value outside it matches no handler."""
    await people(app, orgs)
    t, c = Person(app, TEACHER), Person(app, COORD)
    await fill_assignment(t)
    [row] = await forms(app)
    await c.send("/menu")
    for person, data in ((t, f"crf:approve:{row.id}"), (c, f"crv:approve:{row.id}"),
                         (t, "crm:elsewhere:0"), (t, "crp:confirm:explode:")):
        assert "неактуальна" in await tap(person, data), data
    [after] = await forms(app)
    assert (after.status, after.data, after.decided_by) == ("submitted", row.data, None)
    await t.press_data(f"crf:open:{row.id}")  # a known action still works
    assert "на согласовании" in t.last.text


async def test_queue_is_oldest_first_and_a_coordinator_never_reviews_own_form(app, orgs) -> None:
    ids = await people(app, orgs)
    await onboarded(app, TEACHER2, orgs["school1"], name="Соседова Вера Ивановна")
    t, t2, c = Person(app, TEACHER), Person(app, TEACHER2), Person(app, COORD)
    await fill_report(t2, link=False)
    await fill_report(t, link=False)
    await fill_report(c, link=False)  # the coordinator's own report
    await c.press("Главное меню")
    await c.press("Координатор")
    await c.press("Курсы: на согласовании")
    text = c.last.text
    assert text.index("Соседова") < text.index("Петрова") < text.index("Завучева")
    await c.press("3. Завучева")
    assert not any("Принять" in b for b, _ in c.last.buttons())
    own = (await forms(app))[2]
    assert "Свою форму согласовывать нельзя" in await tap(c, f"crv:accept_yes:{own.id}")
    # nobody else coordinates the school: no alert to oneself
    assert ids["coord"] not in [o.person_id for o in await outbox(app)
                                if o.key == "crs-alert-report" and "Завучева" in str(o.params)]


async def test_a_teacher_without_a_school_is_told_why(app, orgs) -> None:
    await onboarded(app, TEACHER, None)
    p = Person(app, TEACHER)
    await open_courses(p)
    await p.press("Техническое задание")
    assert any("укажите вашу школу" in a for a in p.alerts())
    async with app.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(CourseFormRow)) == 0


async def test_no_school_coordinator_yet(app, orgs) -> None:
    await onboarded(app, TEACHER, orgs["school5"])
    p = Person(app, TEACHER)
    await fill_assignment(p)
    assert "пока не назначен координатор" in p.last.text
    assert await outbox(app) == []


# ---- the other locale -----------------------------------------------------------------------


async def test_english_teacher_and_russian_coordinator(app, orgs) -> None:
    ids = await people(app, orgs)
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        await uow.people.set_locale(ids["teacher"], "en")
        await uow.commit()
    t, c = Person(app, TEACHER, language_code="en"), Person(app, COORD)
    await t.send("/menu")
    await t.press("Courses & reports")
    assert "Courses &amp; reports" in t.last.text
    await t.press("Course report")
    assert "step 1 of 12" in t.last.text
    await t.send("Digital learning environment")
    await t.send("2025-10-01")
    assert "DD.MM.YYYY" in t.last.text
    await t.send(day(-30))
    await t.send(day(-2))
    await t.send("1001")
    assert "from 1 to 1,000" in t.last.text
    await t.send("36")
    await t.send("95")
    await t.send("90,5")
    await t.press("There was none")
    await t.press("open lesson")
    await t.press("Done")
    await t.press("communicative")
    await t.press("Done")
    await t.send("A-123")
    await t.send_document("certificate.png", "image/png", 90_000)
    await t.press("Yes, I received it")
    assert "Check the form" in t.last.text and "Repeat test: <b>90.5 %</b>" in t.last.text
    assert "Certificate scan: <b>PNG image (87 KB)</b>" in t.last.text
    await t.press("Send to the coordinator")
    assert "sent to your school coordinator" in t.last.text
    await app.sender.run_once(budget=2)
    assert "Отчёт о прохождении курсов на проверку" in sent_to(app, COORD)[-1].text
    await c.press("Открыть")
    await c.press("Вернуть с комментарием")
    await c.send("Приложите скан обеих сторон")
    await app.sender.run_once(budget=2)
    assert "was returned for changes" in t.last.text and "Приложите скан" in t.last.text
    await t.press("Open")
    assert "Coordinator's comment" in t.last.text and "returned for changes" in t.last.text


# ---- the catalogue and the hours ledger (the events feature) ---------------------------------


async def course_event(app, orgs, title: str, starts: datetime, hours,
                       audience: str = "mun1") -> int:
    """A course of the catalogue (an event of form «course»), stored directly."""
    from domain import events as ev

    draft = ev.EventDraft(
        title=title, form=ev.EventForm.COURSE, level=ev.EventLevel.REGIONAL,
        organiser_id=orgs["region"], groups=["subject"],
        sessions=[ev.Session(starts, starts + timedelta(hours=6))], place="ИРО",
        online_url=None, hours=hours, capacity=None, deadline=None, audience=[orgs[audience]],
        reminders=[],
    )
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        event = await uow.events.add(draft, None, TEST_CLOCK.now())
        await uow.commit()
        return event.id


async def test_catalogue_courses_and_the_hours_ledger(app, orgs) -> None:
    from domain import events as ev
    from domain import hours as hours_service
    from storage.events.models import HoursLedgerRow

    ids = await people(app, orgs)
    now = TEST_CLOCK.now()
    upcoming = await course_event(app, orgs, "Наставничество в школе", now + timedelta(days=20),
                                  ev.Hours(48, 24, 0))
    taken = await course_event(app, orgs, "Проектная деятельность", now - timedelta(days=30),
                               ev.Hours(36, 0, 0))
    hidden = await course_event(app, orgs, "Курс другого района", now + timedelta(days=5),
                                ev.Hours(16, 0, 0), audience="mun2")
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        await uow.events.save_registration(ev.Registration(
            0, taken, ids["teacher"], ev.RegStatus.CONFIRMED, 1, now - timedelta(days=40)),
            now - timedelta(days=40))
        await uow.commit()
    t, c = Person(app, TEACHER), Person(app, COORD)
    await open_courses(t)
    await t.press("Техническое задание")
    await t.press("Высшее")
    await t.send("104818 0123456")
    await t.send("30.06.2010")
    await t.send("Математика")
    await t.send("12")
    await t.send("38")
    labels = [b for b, _ in t.last.buttons()]
    assert "📚 Наставничество в школе" in labels and "Или выберите кнопкой" in t.last.text
    assert not any("другого района" in b or "Проектная" in b for b in labels)
    # a forged id of a course this teacher is not offered
    assert "недоступен" in await tap(t, f"crp:program:event:{hidden}")
    await t.press("📚 Наставничество в школе")
    await t.press("предметные")
    await t.press("Готово")
    await t.send("Задачи с параметром")
    assert "Наставничество в школе (курс из каталога)" in t.last.text
    await t.press("Отправить координатору")
    await approve_assignment(app, c)
    # after the course: the approved assignment and the course the teacher took are offered
    await open_courses(t)
    await t.press("Отчёт о курсах")
    labels = [b for b, _ in t.last.buttons()]
    assert "📝 По ТЗ: Наставничество в школе" in labels
    assert "📚 Проектная деятельность" in labels and "📚 Наставничество в школе" not in labels
    await t.press("📚 Проектная деятельность")
    assert "Дата начала" in t.last.text
    await t.press("Назад")
    await t.press("По ТЗ")  # linked: the assignment's catalogue course comes along
    await t.press("Отмена")
    [_, report] = await forms(app)
    assert report.assignment_id is not None and report.data["event_id"] == upcoming
    await t.send("/menu")
    await t.press("Курсы и отчёты")
    await t.press("Отчёт «Наставничество")
    await t.press("Продолжить заполнение")
    for answer in (day(-40), day(-10), "72", "96"):
        await t.send(answer)
    await t.press("Не проходил")
    await t.press("Стажировки не было")
    await t.press("открытое занятие")
    await t.press("Готово")
    await t.press("предметные")
    await t.press("Готово")
    await t.send("482412345678")
    await t.send_photo()
    await t.press("Нет")
    await t.press("Отправить координатору")
    await app.sender.run_once(budget=2)
    await c.press("Открыть")
    await c.press("Принять отчёт")
    await c.press("Да, подтверждаю")
    # credited as the catalogue course's attendance would be: by kind, keyed by the event
    async with app.sessions() as s:
        rows = (await s.scalars(select(HoursLedgerRow).order_by(HoursLedgerRow.kind))).all()
        assert [(r.person_id, r.event_id, r.kind, r.hours) for r in rows] == [
            (ids["teacher"], upcoming, "in_person", 48.0),
            (ids["teacher"], upcoming, "remote", 24.0)]
        totals = await hours_service.my_hours(SqlUnitOfWork(s, TEST_CLOCK), Actor(ids["teacher"]), TZ)
    assert totals[0].total == 72


async def test_a_typed_course_goes_to_the_ledger_without_an_event(app, orgs) -> None:
    from domain import hours as hours_service
    from storage.events.models import HoursLedgerRow

    ids = await people(app, orgs)
    t, c = Person(app, TEACHER), Person(app, COORD)
    await fill_report(t, link=False)
    await app.sender.run_once(budget=2)
    await c.press("Открыть")
    await c.press("Принять отчёт")
    await c.press("Да, подтверждаю")
    async with app.sessions() as s:
        rows = (await s.scalars(select(HoursLedgerRow))).all()
        assert [(r.person_id, r.event_id, r.kind, r.hours) for r in rows] == [
            (ids["teacher"], None, "in_person", 72.0)]
        # dated by the course's last day
        assert rows[0].occurred_at.astimezone(TZ).strftime("%d.%m.%Y") == day(-10)
        totals = await hours_service.my_hours(SqlUnitOfWork(s, TEST_CLOCK), Actor(ids["teacher"]), TZ)
    assert totals[0].total == 72


async def test_a_date_is_picked_in_the_calendar_or_typed_short(app, orgs) -> None:
    """The date steps offer the date picker: month paging, «Сегодня», a typed «дд.мм»; a forged
    day outside the bounds is refused by the domain and nothing is stored."""
    await people(app, orgs)
    p = Person(app, TEACHER)
    await open_courses(p)
    await p.press("Техническое задание")
    await p.press("Высшее")
    await p.send("104818 0123456")
    today = TEST_CLOCK.now().astimezone(TZ).date()
    assert "Дата выдачи диплома" in p.last.text
    labels = [text for text, _ in p.last.buttons()]
    assert "Сегодня" in labels and "Завтра" not in labels  # a diploma is not issued tomorrow
    assert "▶️" not in labels and "◀️" in labels  # no paging past today
    await p.press("◀️")
    assert "Дата выдачи диплома" in p.last.text  # the same step, the month before
    future = (today + timedelta(days=3)).strftime("%Y%m%d")
    alert = await tap(p, f"crp:diploma_date:day:{future}")
    assert "позже" in alert
    alert = await tap(p, "crp:diploma_date:day:2026-13-1")
    assert "ДД.ММ.ГГГГ" in alert
    async with app.sessions() as s:
        row = (await s.scalars(select(CourseFormRow))).one()
        assert "diploma_date" not in row.data
    await p.press("Сегодня")
    assert "Специальность" in p.last.text or "специальност" in p.last.text
    async with app.sessions() as s:
        row = (await s.scalars(select(CourseFormRow))).one()
        assert row.data["diploma_date"] == today.isoformat()
    await p.press("Назад")
    assert "Дата выдачи диплома" in p.last.text
    assert f"[{today.day}]" in [text for text, _ in p.last.buttons()]  # the answer is marked
    shortly = today - timedelta(days=40)
    await p.send(shortly.strftime("%d.%m"))  # no year: the last such day, not a future one
    async with app.sessions() as s:
        row = (await s.scalars(select(CourseFormRow))).one()
        assert row.data["diploma_date"] == shortly.isoformat()
