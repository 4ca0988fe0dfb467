"""The «методический абонемент» through the real Dispatcher, with the frozen clock: the
school's request (pre-filled from its staff's diagnosis, bad input, a restart in the middle),
the municipality's return with a comment and the resubmission that keeps the data, the
agreement, the centre's acceptance with a curator and the volume, the agreement's DOCX, the
plan within the volume (refused above it), a transfer listed, forged buttons refused."""

from __future__ import annotations

import io
from datetime import timedelta

import docx as python_docx
from aiogram.methods import AnswerCallbackQuery
from sqlalchemy import select

from domain import abonements as ab
from domain.events import EventLevel, Hours
from handlers.callbacks import AbCb
from storage.abonements.models import AbonementItemRow, AbonementTransferRow
from tests.abonements.kit import (
    CITY,
    CURATOR,
    CURATOR2,
    MUN,
    OTHER_SCHOOL,
    SCHOOL,
    TEACHER,
    accepted,
    deliver,
    deliver_all,
    event_day,
    notices,
    people,
    row,
    year_label,
)
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID
from tests.harness import Person, parse_html
from tests.support.events import make_event
from tests.support.route import diagnose

SCHOOL_LEVEL = EventLevel.SCHOOL


async def _open_section(p: Person, admin: bool = False) -> None:
    await p.send("/menu")
    await p.press("Администрирование" if admin else "Координатор")
    await p.press("Методический абонемент")


async def test_the_whole_path_request_agreement_plan(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    await diagnose(app, ids[TEACHER])  # the staff's figures pre-fill the request
    school = Person(app, SCHOOL)
    await _open_section(school)
    await school.press("Запрос: МАОУ СОШ № 01")
    assert "Шаг 1 из 6" in school.last.text
    assert "✅ По итогам диагностики" in str(school.last.buttons())  # a diagnosis was taken
    await school.press("По желанию школы")
    assert "Шаг 2 из 6" in school.last.text and "прошли 1 из" in school.last.text
    marked = [t for t, _ in school.last.buttons() if t.startswith("✅") and "Готово" not in t]
    assert marked and all("— 1" in t for t in marked)  # the deficit groups, pre-selected
    await school.press("Готово")
    assert "Шаг 3 из 6" in school.last.text
    await school.send("Формирующее <оценивание> & функциональная грамотность")
    assert "Шаг 4 из 6" in school.last.text
    # a restart in the middle of the form: nothing typed is lost
    app = await make_app(quiet_hours="")
    school = Person(app, SCHOOL)
    await school.send("молодые специалисты, 8 человек")  # the step goes on where it was
    assert "Шаг 4 из 6" in school.last.text
    await school.press("Учитель")
    assert "✅ Учитель" in str(school.last.buttons())
    await school.press("Готово")
    assert "Шаг 5 из 6" in school.last.text
    await school.send("тридцать шесть")  # bad input: the step again, with the example
    assert "Не получилось прочитать часы" in school.last.text and "Шаг 5 из 6" in school.last.text
    await school.send("36 12 24")
    await school.press("Готово")  # no month yet
    assert "хотя бы один месяц" in school.alerts()[-1]
    await school.press("октябрь")
    await school.press("ноябрь")
    await school.press("Готово")
    summary = school.last.text
    assert "Формирующее &lt;оценивание&gt; &amp;" in summary  # escaped: shown as typed
    assert "Формирующее <оценивание> & функциональная грамотность" in parse_html(summary)
    assert "молодые специалисты" in summary and "36" in summary and "октябрь" in summary
    await school.press("Отправить запрос")
    assert "на согласование в муниципалитет" in school.last.text
    [alert] = await notices(app, "abon-alert-submitted")
    assert alert.person_id == ids[MUN]
    abonement_id = int(alert.buttons[0][0]["abonement_id"])

    # the municipality returns it with a comment
    await deliver(app)
    mun = Person(app, MUN)
    assert "МАОУ СОШ № 01" in mun.last.text
    await mun.press("Вернуть с комментарием")
    await mun.send("ok")  # too short: asked again
    assert "слишком короткий" in mun.last.text
    await mun.send("Уточните часы: дистанционных больше")
    assert "возвращён" in mun.last.text
    await deliver(app)
    assert "Уточните часы" in school.last.text
    await school.press("Открыть запрос")
    await school.press("Исправить и отправить снова")
    kept = school.last.text  # the summary with everything the request held
    assert "функциональная грамотность" in kept and "Учитель;" in kept and "молодые специалисты" in kept
    assert "Уточните часы" in kept
    await school.press("Часы")
    await school.send("30 18 24")
    assert "Проверьте запрос" in school.last.text  # straight back to the summary
    await school.press("Отправить запрос")
    stored = await row(app, abonement_id)
    assert stored.status == "submitted"
    assert stored.request["topics"] == "Формирующее <оценивание> & функциональная грамотность"
    assert stored.request["hours"] == [30, 18, 24] and stored.request["months"] == [10, 11]

    # the municipality agrees from the notice
    await deliver(app)
    assert "исправила запрос" in mun.last.text
    await mun.press("Согласовать")
    assert "передан в центр" in mun.last.text
    assert (await row(app, abonement_id)).status == "agreed_municipality"

    # the centre's bank: the admin accepts with a curator, the volume and the school year
    centre = Person(app, ADMIN_ID)
    await _open_section(centre, admin=True)
    await centre.press("Банк запросов")
    assert "МАОУ СОШ № 01" in centre.last.text or any(
        "МАОУ СОШ № 01" in t for t, _ in centre.last.buttons())
    await centre.press("🔎 Статус")
    await centre.press("согласован муниципалитетом")
    await centre.press("МАОУ СОШ № 01")
    await centre.press("Принять: куратор и объём")
    await centre.press("Кураторова Нина Олеговна")
    await centre.send("много")
    assert "Не получилось прочитать часы" in centre.last.text
    await centre.send("10 4 4")
    day = event_day(5)
    year = ab.school_year_of(day)
    await centre.press(year_label(year))
    await centre.press("✅ Принять", exact=True)
    assert "Запрос принят" in centre.last.text and "Кураторова" in centre.last.text
    stored = await row(app, abonement_id)
    assert stored.status == "accepted" and stored.curator_id == ids[CURATOR]
    assert (stored.ordered_in_person, stored.ordered_remote) == (10, 4)

    # the plan: the curator adds the school's events, within the volume
    first = await make_event(app, orgs["school1"], level=SCHOOL_LEVEL, title="Открытый урок «Оценивание»",
                             starts=TEST_CLOCK.now() + timedelta(days=5),
                             hours=Hours(4, 2, 0))
    big = await make_event(app, orgs["school1"], level=SCHOOL_LEVEL, title="Семинар-практикум на 12 часов",
                           starts=TEST_CLOCK.now() + timedelta(days=6), hours=Hours(12, 0, 0))
    await make_event(app, orgs["school2"], level=SCHOOL_LEVEL, title="Чужое мероприятие",
                     starts=TEST_CLOCK.now() + timedelta(days=6))
    await deliver_all(app)  # the bank's notice came first
    curator = Person(app, CURATOR)
    assert "куратором" in curator.last.text
    await curator.press("Открыть запрос")
    await curator.press("План школы")
    await curator.press("Добавить мероприятие")
    labels = [t for t, _ in curator.last.buttons()]
    assert any("Открытый урок" in t for t in labels)
    assert not any("Чужое" in t for t in labels)  # another school's event
    await curator.press("Открытый урок")
    await curator.press("Добавить с этими часами")
    assert "в плане" in curator.last.text
    assert "Запланировано:</b> очные 4 · дистанционные 2" in curator.last.text
    # over the volume: refused with the numbers, nothing lost
    await curator.press("Добавить мероприятие")
    await curator.press("Семинар-практикум")
    await curator.press("Добавить с этими часами")
    assert "План превысит заказ: очных часов будет 16, а заказано 10 (свободно 6)" \
        in curator.last.text
    await curator.press("Указать другие часы")
    assert "Свободно в заказе: очные 6" in curator.last.text
    await curator.send("8")
    assert "будет 12, а заказано 10" in curator.last.text
    await curator.send("6")
    assert "в плане" in curator.last.text
    async with app.sessions() as s:
        items = list((await s.scalars(select(AbonementItemRow)
                                      .order_by(AbonementItemRow.id))).all())
    assert [(i.event_id, i.in_person) for i in items] == [(first, 4), (big, 6)]

    # the agreement's DOCX, opened
    await curator.press("К запросу")
    await curator.press("Соглашение (DOCX)")
    sent = curator.last
    assert sent.document is not None and "Соглашение" in sent.text
    document = python_docx.Document(io.BytesIO(sent.document.data))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "СОГЛАШЕНИЕ" in text and "трёхстороннее" in text
    assert "МАОУ СОШ № 01" in text and "Городской округ Тестовый" in text
    assert "Кураторова Нина Олеговна" in text
    assert f"01.09.{year}" in text and f"31.08.{year + 1}" in text
    assert ["Очные", "10", "Дистанционные", "4"] == cells[2:6]
    assert "Открытый урок «Оценивание»" in cells
    assert text.count("«___»") == 3  # school, municipality, centre sign

    # a transfer keeps the agreement's date and is listed
    new_day = day + timedelta(days=1)
    if ab.school_year_of(new_day) != year:
        new_day = day - timedelta(days=1)
    await curator.press("План школы")
    await curator.press("Открытый урок «Оценивание» ·")
    await curator.press("Перенести")
    await curator.send("31.02.2027")
    assert "Такой даты нет" in curator.last.text
    await curator.send(new_day.strftime("%d.%m.%Y"))
    assert "перенесено" in curator.last.text and "переносов: 1" in curator.last.text
    await curator.press("Переносы")
    shown = curator.last.text
    assert f"{day:%d.%m.%Y} → {new_day:%d.%m.%Y}" in shown
    assert f"дата по соглашению: {day:%d.%m.%Y}" in shown
    async with app.sessions() as s:
        [moved] = (await s.scalars(select(AbonementTransferRow))).all()
    assert (moved.old_on, moved.new_on) == (day, new_day)
    assert (await row(app, abonement_id)).status == "accepted"  # the agreement stays

    # the school sees ordered / planned / delivered; no plan buttons
    await school.press_data(AbCb(a="plan", id=abonement_id).pack())
    assert "Заказано:</b> очные 10" in school.last.text
    assert "Проведено:</b> очные 0" in school.last.text
    assert not any(t.startswith("➕") for t, _ in school.last.buttons())
    # the centre records the signature; the curator starts it
    await centre.press_data(AbCb(a="sign", id=abonement_id).pack())
    assert "подписанное" in centre.last.text
    await curator.press_data(AbCb(a="start", id=abonement_id).pack())
    assert (await row(app, abonement_id)).status == "running"


async def test_two_party_request_goes_straight_to_the_centre(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    city = Person(app, CITY)
    await _open_section(city)
    await city.press("Запрос: МКОУ Заречная СОШ")
    assert "Шаг 1 из 6" in city.last.text
    await city.press("По результатам независимой оценки")
    await city.press("предметные")
    await city.press("Готово")
    await city.send_photo()  # not an answer: the step again
    assert "нужен ответ текстом" in city.last.text and "Шаг 3 из 6" in city.last.text
    await city.press("Темы предложит центр")
    await city.press("Готово")  # the whole staff
    await city.send("24")
    await city.press("март")
    await city.press("Готово")
    assert "Весь педагогический коллектив" in city.last.text
    await city.press("Отправить запрос")
    assert "двустороннее соглашение" in city.last.text
    assert await notices(app, "abon-alert-submitted") == []
    centre = Person(app, ADMIN_ID)
    await _open_section(centre, admin=True)
    await centre.press("Банк запросов")
    await centre.press("🏙 Муниципалитет")
    await centre.press("Заречный район")
    await centre.press("МКОУ Заречная СОШ")
    assert "Двустороннее соглашение" in centre.last.text
    # the centre returns it; the school sees the comment
    await centre.press("Вернуть с комментарием")
    await centre.send("Добавьте темы, пожалуйста")
    await deliver_all(app)  # the bank's notices to the methodists are queued too
    assert "Добавьте темы" in city.last.text
    assert ids[CITY]


async def test_forged_buttons_are_refused(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    year = ab.school_year_of(event_day(5))
    abonement_id = await accepted(app, orgs, ids, year=year)
    event_id = await make_event(app, orgs["school1"], level=SCHOOL_LEVEL, title="Урок",
                                starts=TEST_CLOCK.now() + timedelta(days=5))
    curator = Person(app, CURATOR)
    await curator.send("/menu")
    await curator.press_data(AbCb(a="put", id=abonement_id, v=str(event_id)).pack())
    assert "в плане" in curator.last.text
    async with app.sessions() as s:
        [item] = (await s.scalars(select(AbonementItemRow))).all()
    refusals = {
        OTHER_SCHOOL: [AbCb(a="card", id=abonement_id), AbCb(a="edit", id=abonement_id),
                       AbCb(a="new", id=orgs["school1"]), AbCb(a="docx", id=abonement_id)],
        TEACHER: [AbCb(a="home"), AbCb(a="list"), AbCb(a="plan", id=abonement_id)],
        CURATOR2: [AbCb(a="add", id=abonement_id), AbCb(a="item", id=item.id),
                   AbCb(a="rmy", id=item.id), AbCb(a="mv", id=item.id),
                   AbCb(a="put", id=abonement_id, v=str(event_id))],
        MUN: [AbCb(a="acc", id=abonement_id), AbCb(a="add", id=abonement_id),
              AbCb(a="sign", id=abonement_id)],
        SCHOOL: [AbCb(a="agree", id=abonement_id), AbCb(a="acc", id=abonement_id),
                 AbCb(a="rmy", id=item.id), AbCb(a="start", id=abonement_id)],
    }
    for user, buttons in refusals.items():
        p = Person(app, user)
        await p.send("/menu")
        for data in buttons:
            before = len(p.tg.calls)
            await p.press_data(data.pack())
            answers = [c.text or "" for c in p.tg.calls[before:]
                       if isinstance(c, AnswerCallbackQuery)]
            # refused: an alert (out of scope) or the card saying it is not the time for it
            assert any(answers) or "⚠️ Сейчас это действие недоступно" in p.last.text, \
                (user, data, answers, p.last.text)
            assert "в плане" not in p.last.text and "✅" not in p.last.text[:2]
    async with app.sessions() as s:
        assert len((await s.scalars(select(AbonementItemRow))).all()) == 1  # nothing removed
    assert (await row(app, abonement_id)).status == "accepted"
