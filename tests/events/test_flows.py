"""Events through the real Dispatcher, as teachers and organisers use them: the catalogue and
filters, registration and the waitlist, notifications with one-tap buttons, .ics, «Мои записи»,
the organiser's conversation, reschedule, attendance, export, forged callbacks, restarts."""

from __future__ import annotations

import asyncio
import inspect
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram.methods import SendDocument, SendMessage
from openpyxl import load_workbook
from sqlalchemy import select

from bot.jobs import events_tick
from domain import events as ev
from domain.enums import Role
from handlers.events import EvActCb, EvChoiceCb
from storage.events.models import EventRow, HoursLedgerRow
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, onboarded
from tests.harness import Person
from tests.support.events import make_event, outbox, registration

TZ = ZoneInfo("Europe/Moscow")


async def deliver(app) -> None:  # type: ignore[no-untyped-def]
    app.sender.per_chat_interval = 0
    await app.sender.run_once(budget=2)


async def open_events(p: Person) -> None:
    await p.send("/menu")
    await p.press("📅 Мероприятия")


async def coordinator(app, orgs, user_id: int = 700_100) -> Person:  # type: ignore[no-untyped-def]
    await onboarded(app, user_id, None, name="Смирнов Андрей Викторович",
                    roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])])
    return Person(app, user_id)


def future(days: int, hour: int = 10) -> datetime:
    local = (TEST_CLOCK.now() + timedelta(days=days)).astimezone(TZ)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0).astimezone(UTC)


async def test_teacher_registers_waits_and_takes_a_freed_seat(app, orgs) -> None:
    event_id = await make_event(app, orgs["mun1"], title="Семинар по оцениванию", capacity=1,
                                starts=future(5))
    await make_event(app, orgs["mun1"], title="Курс ДПП по ФГОС", form=ev.EventForm.COURSE,
                     starts=future(7))
    await onboarded(app, 555_001, orgs["school1"])
    await onboarded(app, 555_002, orgs["school2"], name="Козлова Ирина Павловна")
    anna, irina = Person(app, 555_001), Person(app, 555_002)

    await open_events(anna)
    assert "Семинар по оцениванию" in anna.last.text and "Курс ДПП по ФГОС" in anna.last.text
    assert "Найдено: 2" in anna.last.text
    await anna.press("Семинар по оцениванию")
    assert "Свободно мест: <b>1</b> из 1" in anna.last.text
    assert "очные 4, дистанционные 2" in anna.last.text
    await anna.press("Записаться")
    assert "Вы записаны" in anna.last.text and "Ваш статус: ✅ вы записаны" in anna.last.text
    assert "Записаться" not in " ".join(b for b, _ in anna.last.buttons())

    await open_events(irina)
    assert "мест нет, ожидают: 0" in irina.last.text
    await irina.press("Семинар по оцениванию")
    await irina.press("Встать в лист ожидания")
    assert "ваша очередь: 1" in irina.last.text

    await anna.press("Отменить запись")
    assert "Запись отменена" in anna.last.text
    await deliver(app)
    assert "Освободилось место" in irina.last.text
    await irina.press("Подтвердить место")
    assert "Место подтверждено" in irina.last.text
    assert (await registration(app, event_id, 2)).status is ev.RegStatus.CONFIRMED

    # «Мои записи» (the card opened from a notice leads back there) and the calendar file
    await irina.press("Назад")
    assert "Семинар по оцениванию" in irina.last.text and "вы записаны" in irina.last.text
    await irina.press("Семинар по оцениванию")
    await irina.press("календарь")
    doc = app.bot.session.of(SendDocument)[-1]
    body = doc.document.data.decode("utf-8")
    assert doc.document.filename == f"event-{event_id}.ics"
    assert "BEGIN:VEVENT" in body and "SUMMARY:Семинар по оцениванию" in body
    await irina.press("Назад")
    await irina.press("Прошедшие")
    assert "Здесь пока пусто" in irina.last.text
    await anna.press("Назад")  # back to the catalogue the card was opened from
    assert "Найдено: 2" in anna.last.text
    await anna.press("Мои записи")
    await anna.press("Прошедшие")
    assert "Семинар по оцениванию" in anna.last.text and "запись отменена" in anna.last.text


async def test_filters_and_paging(app, orgs) -> None:
    for n in range(7):
        await make_event(app, orgs["mun1"], title=f"Мастер-класс {n}",
                         form=ev.EventForm.MASTER_CLASS, starts=future(2 + n))
    # the course starts in a month of its own, whatever today is (the 1st after the last
    # master class's month), so the month filter separates them on any day of the year
    last = future(8).astimezone(TZ)
    course_start = (last.replace(day=1) + timedelta(days=32)).replace(day=1).astimezone(UTC)
    await make_event(app, orgs["mun1"], title="Курс повышения", form=ev.EventForm.COURSE,
                     level=ev.EventLevel.MUNICIPAL, starts=course_start)
    await onboarded(app, 555_001, orgs["school1"])
    p = Person(app, 555_001)
    await open_events(p)
    assert "Найдено: 8" in p.last.text and "1 / 2" in [b for b, _ in p.last.buttons()]
    await p.press("▶️")
    assert "Курс повышения" in p.last.text and "Мастер-класс 0" not in p.last.text
    await p.press("Форма")
    await p.press("Курс ДПП ПК")
    assert "Найдено: 1" in p.last.text and "Форма: Курс ДПП ПК" in p.last.text
    await p.press("Сбросить фильтры")
    await p.press("Месяц")
    month = course_start.astimezone(TZ)
    await p.press(f"{month:%m.%Y}")
    assert "Курс повышения" in p.last.text
    await p.press("Уровень")
    await p.press("Региональный")
    assert "Подходящих предстоящих мероприятий пока нет" in p.last.text
    await p.press_data("evl:0:webinar:*:*")  # a forged filter value
    assert any("Такого варианта нет" in a for a in p.alerts())


async def test_forged_callbacks_are_refused(app, orgs) -> None:
    hidden = await make_event(app, orgs["mun1"], title="Только для своих")
    await onboarded(app, 555_003, orgs["other_school"])
    outsider = Person(app, 555_003)
    await outsider.send("/menu")
    await outsider.press_data(f"evc:{hidden}:l:0:*:*:*")
    await outsider.press_data(EvActCb(action="reg", event_id=hidden).pack())
    await outsider.press_data(EvActCb(action="ics", event_id=hidden).pack())
    await outsider.press_data(EvActCb(action="cancel", event_id=hidden).pack())
    await outsider.press_data(EvActCb(action="reg", event_id=99999).pack())
    await outsider.press_data("eva:reg")  # malformed: a stale-button answer, not a crash
    assert "неактуальна" in outsider.last.text
    assert sum("не найдено" in a for a in outsider.alerts()) >= 4
    async with app.sessions() as s:
        from storage.events.models import EventRegistrationRow

        assert (await s.scalars(select(EventRegistrationRow))).all() == []
    # organiser actions by a teacher and by a coordinator of another municipality
    await outsider.press_data(f"evx:card:{hidden}:0")
    await outsider.press_data(f"evt:{hidden}:1:0")
    await outsider.press_data(f"eve:{hidden}:title")
    await outsider.press_data("m:ev-org")
    assert sum("недоступно" in a for a in outsider.alerts()) >= 4
    other = await coordinator(app, orgs, 700_200)
    await onboarded(app, 700_201, None, roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun2"])])
    other = Person(app, 700_201)
    await other.send("/menu")
    await other.press_data(f"evx:att:{hidden}:0")
    await other.press_data(f"evx:cancel_yes:{hidden}:0")
    assert sum("вне вашей зоны" in a for a in other.alerts()) == 2
    async with app.sessions() as s:
        row = await s.get(EventRow, hidden)
        assert row.status == "published"


async def test_organiser_creates_an_event_by_conversation(app, orgs) -> None:
    c = await coordinator(app, orgs)
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Мероприятия: создать")
    await c.press("Создать мероприятие")
    assert "Шаг 1 из 13" in c.last.text
    await c.send("ab")
    assert "слишком короткое" in c.last.text
    await c.send("Формирующее оценивание: приёмы")
    await c.send("семинар")  # typed where a button is expected
    assert "кнопкой" in c.last.text
    await c.press("Семинар-практикум")
    labels = [b for b, _ in c.last.buttons()]
    assert "Региональный" not in labels and "Муниципальный" in labels
    await c.press("Муниципальный")
    await c.press("Городской округ Тестовый")
    await c.press("Готово")
    assert any("хотя бы одну группу" in a for a in c.alerts())
    await c.press("Методические")
    await c.press("Коммуникативные")
    await c.press("Готово")
    await c.send("завтра утром")
    assert "Не понял дату №1" in c.last.text
    await c.send("<b>25.12 & потом")  # user text inside an error is escaped for HTML
    assert "«&lt;b&gt;25.12 &amp; потом»" in c.last.text
    day = future(10).astimezone(TZ)
    await c.send(f"{day:%d.%m.%Y} 10:00-13:00\n{day + timedelta(days=1):%d.%m.%Y} 10:00-12:00")
    await c.send("МАОУ СОШ № 5, актовый зал")
    await c.press("Без ссылки")
    await c.send("шесть")
    assert "числами через пробел" in c.last.text
    await c.send("6 2 0")
    await c.send("0")
    assert "от 1 до" in c.last.text
    await c.send("25")
    await c.send(f"{day + timedelta(days=2):%d.%m.%Y} 10:00")
    assert "не может быть позже начала" in c.last.text
    # the date picker: a forged day after the start is refused, «Завтра» closes at 23:59
    await c.press_data(EvChoiceCb(value="d" + f"{day + timedelta(days=2):%Y%m%d}").pack())
    assert any("не может быть позже начала" in a for a in c.alerts())
    await c.press("Завтра")
    assert "Кто <b>увидит</b>" in c.last.text
    await c.press("Назад")
    tomorrow = TEST_CLOCK.now().astimezone(TZ).date() + timedelta(days=1)
    assert f"Сейчас: <b>{tomorrow:%d.%m.%Y} 23:59</b>" in c.last.text
    await c.press("До начала")
    assert "Кто <b>увидит</b>" in c.last.text
    await c.press("МАОУ СОШ № 01")  # narrow the audience to two schools
    await c.press("МАОУ СОШ № 02")
    assert "Сейчас выбрано: МАОУ СОШ № 01; МАОУ СОШ № 02" in c.last.text
    await c.press("Готово")
    await c.press("Пропустить")
    assert "Проверьте мероприятие" in c.last.text and "Методические, Коммуникативные" in c.last.text
    await c.press("Опубликовать")
    assert "опубликовано" in c.last.text and "Организатор: Городской округ Тестовый" in c.last.text
    async with app.sessions() as s:
        row = (await s.scalars(select(EventRow))).one()
    assert row.title == "Формирующее оценивание: приёмы" and row.capacity == 25
    assert row.hours_in_person == 6 and row.hours_remote == 2 and len(row.sessions) == 2
    assert sorted(a.org_id for a in row.audience) == sorted([orgs["school1"], orgs["school2"]])
    assert row.created_by is not None and row.registration_deadline is None
    # a teacher of school 1 sees it, one of school 3 does not
    await onboarded(app, 555_011, orgs["school1"])
    await onboarded(app, 555_013, orgs["school3"])
    await open_events(Person(app, 555_011))
    assert "Формирующее оценивание" in Person(app, 555_011).last.text
    p3 = Person(app, 555_013)
    await open_events(p3)
    assert "Формирующее оценивание" not in p3.last.text


async def test_conversation_survives_a_restart_and_cancel(make_app, orgs) -> None:
    first = await make_app()
    await onboarded(first, ADMIN_ID, None, name="Администратор Главный Тестовый")
    admin = Person(first, ADMIN_ID)
    await admin.send("/menu")
    await admin.press("Администрирование")
    await admin.press("Мероприятия: создать")
    await admin.press("Создать мероприятие")
    await admin.send("Региональная конференция наставников")
    await admin.press("Конференция")
    assert "Региональный" in [b for b, _ in admin.last.buttons()]

    second = await make_app()  # a restart: the conversation is in the database
    again = Person(second, ADMIN_ID)
    again.tg.messages[again.chat.id] = list(admin.tg.messages[admin.chat.id])
    await again.press("Региональный")
    await again.press("Тестовая область")
    assert "группы компетенций" in again.last.text
    await again.press("Назад")
    assert "организатора" in again.last.text
    await again.send("/cancel")
    assert "Создание мероприятия отменено" in again.last.text
    async with second.sessions() as s:
        assert (await s.scalars(select(EventRow))).all() == []


async def test_reschedule_and_cancel_through_the_bot(app, orgs) -> None:
    start = future(4)
    await make_event(app, orgs["mun1"], title="Круглый стол", capacity=1, starts=start,
                     form=ev.EventForm.ROUND_TABLE)
    c = await coordinator(app, orgs)
    await onboarded(app, 555_001, orgs["school1"])
    await onboarded(app, 555_002, orgs["school2"])
    anna, irina = Person(app, 555_001), Person(app, 555_002)
    for p in (anna, irina):
        await open_events(p)
        await p.press("Круглый стол")
        await p.press("Записаться" if p is anna else "лист ожидания")
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Мероприятия: создать")
    await c.press("Мои мероприятия")
    assert "Круглый стол" in c.last.text and "записаны 1 из 1, ожидают 1" in c.last.text
    await c.press("Круглый стол")
    assert "Записаны: 1" in c.last.text and "лист ожидания: 1" in c.last.text
    await c.press("Перенести")
    await c.send("01.01.2020 10:00-11:00")
    assert "уже прошла" in c.last.text
    new_day = future(9).astimezone(TZ)
    await c.send(f"{new_day:%d.%m.%Y} 15:00-17:00")
    assert "получат: 2" in c.last.text
    await c.press("Перенести и уведомить")
    assert "Сохранено: Даты" in c.last.text
    await deliver(app)
    for p in (anna, irina):
        assert "Перенос" in p.last.text and f"{new_day:%d.%m.%Y} 15:00–17:00" in p.last.text
        assert f"{start.astimezone(TZ):%d.%m.%Y %H:%M}" in p.last.text
    await anna.press("Отменить запись")  # one tap, right in the notice
    assert "Запись отменена" in anna.last.text
    await deliver(app)
    assert "Освободилось место" in irina.last.text
    await c.press("История")
    assert "перенос" in c.last.text and "→" in c.last.text

    await c.press("Назад")
    await c.press("Изменить")
    await c.press("Место и ссылка")
    await c.send("Дом учителя, ауд. 3")
    await c.send("https://sferum.ru/call/abc")
    assert "Сохранено: Место и ссылка" in c.last.text
    await deliver(app)
    assert "Изменилось место" in irina.last.text and "Дом учителя" in irina.last.text

    await c.press("Отменить мероприятие")
    assert "получат уведомление" in c.last.text
    await c.press("Да, отменить")
    assert "Мероприятие отменено; уведомлений отправлено: 1" in c.last.text
    await deliver(app)
    assert "отменено" in irina.last.text
    assert len(await outbox(app, "ev-notice-cancelled")) == 1
    assert "Перенести" not in " ".join(b for b, _ in c.last.buttons())


async def test_attendance_hours_export_and_check_in(app, orgs) -> None:
    start = TEST_CLOCK.now() + timedelta(minutes=20)
    event_id = await make_event(app, orgs["mun1"], title="Коуч-сессия", starts=start,
                                form=ev.EventForm.COACH_SESSION, hours=ev.Hours(3, 0, 1))
    c = await coordinator(app, orgs)
    people = []
    for n in range(3):
        await onboarded(app, 555_100 + n, orgs["school1"], name=f"Участник Номер{n} Тестович")
        p = Person(app, 555_100 + n)
        await open_events(p)
        await p.press("Коуч-сессия")
        await p.press("Записаться")
        people.append(p)
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Мероприятия: создать")
    await c.press("Мои мероприятия")
    await c.press("Коуч-сессия")
    await c.press("Посещаемость")
    assert "Отмечено: 0 из 3" in c.last.text
    await c.press("⬜ Участник Номер0")
    assert "Отмечено: 1 из 3" in c.last.text and any("часы начислены" in a for a in c.alerts())
    await c.press("⬜ Участник Номер1")
    await c.press("✅ Участник Номер1")  # a mistaken mark is undone
    assert "Отмечено: 1 из 3" in c.last.text
    async with app.sessions() as s:
        ledger = (await s.scalars(select(HoursLedgerRow))).all()
    assert sorted((r.kind, r.hours) for r in ledger) == [("in_person", 3.0), ("self_study", 1.0)]

    await c.press("Назад")
    await c.press("Код для отметки")
    code = c.last.text.split("<b>")[1].split("</b>")[0]
    assert len(code) == 6
    p2 = people[2]
    await p2.press("Отметиться по коду")
    await p2.send("/cancel")
    assert "Коуч-сессия" in p2.last.text and "Отметиться по коду" in " ".join(
        b for b, _ in p2.last.buttons())
    await p2.press("Отметиться по коду")
    await p2.send("123")
    assert "Неверный код" in p2.last.text or code == "123"
    await p2.send(code)
    assert "Участие отмечено! Начислено часов: 4" in p2.last.text
    await p2.press("Назад")
    await p2.press("Часы")
    assert "всего 4 ч" in p2.last.text and "очные — 3" in p2.last.text

    await c.press("Назад")
    await c.press("Список (XLSX)")
    doc = app.bot.session.of(SendDocument)[-1]
    assert doc.document.filename == f"registrants-{event_id}.xlsx"
    wb = load_workbook(io.BytesIO(doc.document.data))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][0] == "Коуч-сессия" and rows[1][1] == "ФИО"
    assert [r[1] for r in rows[2:]] == [f"Участник Номер{n} Тестович" for n in range(3)]
    assert rows[2][2] == "МАОУ СОШ № 01" and rows[2][7] and not rows[3][7] and rows[4][7]


async def test_reminders_are_sent_through_the_outbox(app, orgs) -> None:
    start = TEST_CLOCK.now() + timedelta(minutes=45)
    event_id = await make_event(app, orgs["mun1"], title="Методический день", starts=start,
                                now=TEST_CLOCK.now() - timedelta(days=3))
    await onboarded(app, 555_001, orgs["school1"])
    await onboarded(app, 555_002, orgs["school2"])
    anna, irina = Person(app, 555_001), Person(app, 555_002)
    from storage.uow import SqlUnitOfWork
    from tests.support.events import actor

    async with app.sessions() as s:  # both registered two days ago
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        for p in (anna, irina):
            a = await actor(app, (await uow.people.get_by_external(
                __import__("domain.enums").enums.Channel.TELEGRAM, str(p.user.id))).id)
            await ev.register(uow, a, event_id, TEST_CLOCK.now() - timedelta(days=2))
        await uow.commit()
    await open_events(irina)
    await irina.press("Мои записи")
    await irina.press("Методический день")
    await irina.press("Отменить запись")
    report = await events_tick(app.sessions, TZ, app.clock)
    assert report.reminders == 1
    await deliver(app)
    texts = [c.text for c in app.bot.session.of(SendMessage) if "Напоминание" in (c.text or "")]
    assert len(texts) == 1 and "Методический день" in texts[0]
    assert "Напоминание" in anna.last.text and "Напоминание" not in irina.last.text
    assert (await events_tick(app.sessions, TZ, app.clock)).reminders == 0  # never twice
    # two instances ticking at once still record it once
    await asyncio.gather(events_tick(app.sessions, TZ, app.clock), events_tick(app.sessions, TZ, app.clock))
    assert len(await outbox(app, "ev-notice-reminder")) == 1
    job = app.scheduler.get_job("events")  # registered in build_app, run by the scheduler
    # (timed, and run only by the leader process: bot/metrics.py, bot/leader.py)
    assert job is not None and inspect.unwrap(job.func) is events_tick


async def test_registration_deadline_is_explained(app, orgs) -> None:
    event_id = await make_event(app, orgs["mun1"], title="Стажировка на площадке",
                                form=ev.EventForm.INTERNSHIP,
                                deadline=TEST_CLOCK.now() - timedelta(minutes=1),
                                starts=future(3))
    await onboarded(app, 555_001, orgs["school1"])
    p = Person(app, 555_001)
    await open_events(p)
    await p.press("Стажировка на площадке")
    assert "Запись закрыта: Срок записи истёк" in p.last.text
    assert not any("Записаться" in b for b, _ in p.last.buttons())
    # the button of a card opened before the deadline, pressed after it
    await p.press_data(EvActCb(action="reg", event_id=event_id).pack())
    assert any("Срок записи истёк" in a for a in p.alerts())
    assert await registration(app, event_id, 1) is None


async def test_organiser_edits_fields_one_by_one(app, orgs) -> None:
    event_id = await make_event(app, orgs["mun1"], title="Тренинг для классных руководителей",
                                capacity=1, starts=future(6), form=ev.EventForm.TRAINING)
    c = await coordinator(app, orgs)
    await onboarded(app, 555_001, orgs["school1"])
    await onboarded(app, 555_002, orgs["school2"])
    for uid in (555_001, 555_002):
        p = Person(app, uid)
        await open_events(p)
        await p.press("Тренинг для классных")
        await p.press("Записаться" if uid == 555_001 else "лист ожидания")
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Мероприятия: создать")
    await c.press("Мои мероприятия")
    await c.press("Тренинг для классных")

    async def edit(field: str) -> None:
        await c.press("Изменить")
        await c.press(field)

    await edit("Название")
    assert "Сейчас: <b>Тренинг для классных руководителей</b>" in c.last.text
    await c.press("Оставить")
    assert "Ничего не изменилось" in c.last.text
    await edit("Название")
    await c.press("Назад")  # back from the first step leaves the edit
    assert "Изменение отменено" in c.last.text
    await edit("Напоминания")
    await c.send("за полчаса")
    assert "Не понял" in c.last.text
    await c.send("2ч 15 мин")
    assert "Сохранено: Напоминания" in c.last.text
    await edit("Компетенции")
    await c.send("все")
    assert "кнопкой" in c.last.text
    await c.press("Предметные")
    await c.press("Готово")
    assert "Компетенции: Предметные, Методические" in c.last.text
    await edit("Число мест")
    await c.press("Без ограничения")  # the waitlisted teacher is offered a seat
    assert "Сохранено: Число мест" in c.last.text
    await edit("Описание")
    await c.send("Возьмите с собой ноутбук.")
    assert "Возьмите с собой ноутбук." in c.last.text
    await edit("Аудитория")
    await c.press("МАОУ СОШ № 03")
    await c.press("Готово")
    assert "Сохранено: Аудитория" in c.last.text
    await c.press("История")
    assert "напоминания" in c.last.text and "число мест: «1» → «—»" in c.last.text
    await c.press("Назад")
    await c.press("Как видит педагог")
    assert "Ваш статус" not in c.last.text and "Управление" in " ".join(
        b for b, _ in c.last.buttons())
    async with app.sessions() as s:
        row = await s.get(EventRow, event_id)
        assert row.reminders == [120, 15] and row.capacity is None
        assert row.groups == ["subject", "methodological"]
        assert [a.org_id for a in row.audience] == [orgs["school3"]]
    assert (await registration(app, event_id, 3)).status is ev.RegStatus.OFFERED  # 2nd teacher


async def test_seed_demo_adds_a_realistic_plan(app, settings) -> None:
    from bot.cli import seed_demo

    await seed_demo(settings, clock=TEST_CLOCK)
    await seed_demo(settings, clock=TEST_CLOCK)  # idempotent
    async with app.sessions() as s:
        rows = (await s.scalars(select(EventRow))).all()
    assert len(rows) == 14 and len({r.form for r in rows}) == 14
    assert all(r.starts_at > TEST_CLOCK.now() for r in rows)
    async with app.sessions() as s:
        from storage.uow import SqlUnitOfWork

        school = (await SqlUnitOfWork(s, TEST_CLOCK).orgs.find("МАОУ СОШ № 5 г. Тюмени"))[0]
    await onboarded(app, 555_050, school.id)
    p = Person(app, 555_050)
    await open_events(p)
    # regional events, the city's events and the school's own open lesson; not Ishim's
    assert "Найдено: 10" in p.last.text


async def test_the_calendar_file_needs_a_confirmed_seat(app, orgs) -> None:
    """The .ics is gated by ``RegistrationRights`` in the domain: a visible event's forged (or
    stale) «в календарь» button is refused to someone not registered, on the waitlist or who
    left; the confirmed registrant gets the file."""
    event_id = await make_event(app, orgs["mun1"], title="Семинар с одним местом", capacity=1,
                                starts=future(4))
    await onboarded(app, 555_011, orgs["school1"])
    await onboarded(app, 555_012, orgs["school2"], name="Козлова Ирина Павловна")
    anna, irina = Person(app, 555_011), Person(app, 555_012)
    ics = EvActCb(action="ics", event_id=event_id).pack()

    await anna.send("/menu")
    await anna.press_data(ics)  # seen in the catalogue, not registered
    assert any("когда место за вами подтверждено" in a for a in anna.alerts())
    assert app.bot.session.of(SendDocument) == []

    await open_events(anna)
    await anna.press("Семинар с одним местом")
    await anna.press("Записаться")
    await open_events(irina)
    await irina.press("Семинар с одним местом")
    await irina.press("Встать в лист ожидания")
    assert "календарь" not in " ".join(b for b, _ in irina.last.buttons())
    await irina.press_data(ics)  # on the waitlist
    assert any("когда место за вами подтверждено" in a for a in irina.alerts())
    assert app.bot.session.of(SendDocument) == []

    await anna.press("календарь")
    assert [d.chat_id for d in app.bot.session.of(SendDocument)] == [555_011]
    await anna.press("Отменить запись")
    await anna.press_data(ics)  # a stale button after leaving
    assert len(app.bot.session.of(SendDocument)) == 1


async def test_buttons_packed_before_the_enums_work_and_unknown_actions_are_stale(app, orgs
                                                                                  ) -> None:
    """Each action has its own handler: the strings buttons already carry in chats still
    open the same screens; an action no handler knows (forged, or from another version) gets
    «Эта кнопка уже неактуальна», not silence and not a generic error."""
    event_id = await make_event(app, orgs["mun1"], title="Семинар по оцениванию",
                                starts=future(5))
    c = await coordinator(app, orgs)
    await c.send("/menu")
    await c.press_data("evo:mine:0")  # as packed by the earlier versions
    assert "Мероприятия вашей зоны ответственности" in c.last.text
    await c.press_data(f"evx:card:{event_id}:0")
    assert "Записаны: 0" in c.last.text
    await c.press_data(f"evx:hist:{event_id}:0")
    assert "История «Семинар по оцениванию»" in c.last.text
    await c.press_data(f"eva:reg:{event_id}:m:0:*:*:*")  # a teacher's button, as stored
    assert "записаны" in c.last.text.lower()
    await c.press_data("evm:hours:0")
    assert "Мои часы" in c.last.text
    forged = ["evo:delete:0", f"evx:purge:{event_id}:0", f"eva:steal:{event_id}:m:0:*:*:*",
              "evm:all:0", "evf:price:*:*:*", f"evc:{event_id}:z:0:*:*:*"]
    for n, data in enumerate(forged, 1):
        await c.press_data(data)
        stale = [a for a in c.alerts() if a.startswith("Эта кнопка уже неактуальна")]
        assert len(stale) == n, data
    async with app.sessions() as s:
        row = await s.get(EventRow, event_id)
    assert row is not None and row.status == "published"
