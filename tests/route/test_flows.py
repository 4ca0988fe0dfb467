"""The ИОМ through the real Dispatcher: the draft from the diagnosis, choosing catalogue
activities, an own self-education item with bad input, submitting, the coordinator returning
and approving through the outbox alert, the municipal methodist's columns, forged callbacks,
carrying out, overdue items, a restart mid-flow, and the DOCX/PDF documents."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from aiogram.methods import AnswerCallbackQuery, SendDocument, SendMessage
from docx import Document
from sqlalchemy import select, update

from domain import route as rt
from domain.route import ActivityStatus, RouteStatus
from handlers.route import RrCb, RtCb
from storage.route.models import RouteActivityRow, RouteRow
from tests.clock import TEST_CLOCK
from tests.harness import Person
from tests.support.route import (
    COORD,
    MUN,
    OTHER_COORD,
    TEACHER,
    TEACHER2,
    actor,
    catalogue,
    diagnose,
    read,
    today,
    world,
)


@pytest.fixture(autouse=True)
def quick_outbox(app) -> None:
    app.sender.per_chat_interval = 0.0


async def deliver(app) -> None:
    await app.sender.run_once(budget=2)


def sent_to(app, chat_id: int) -> list[SendMessage]:
    return [m for m in app.bot.session.of(SendMessage) if int(m.chat_id) == chat_id]


def popups(calls) -> str:
    return " ".join(c.text or "" for c in calls if isinstance(c, AnswerCallbackQuery))


async def routes(app) -> list[RouteRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(RouteRow).order_by(RouteRow.id))).all())


async def activities(app) -> list[RouteActivityRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(RouteActivityRow).order_by(RouteActivityRow.id)))
                    .all())


async def open_route(p: Person) -> None:
    await p.send("/menu")
    await p.press("Мой ИОМ")


def day(offset: int) -> str:
    return (today() + timedelta(days=offset)).strftime("%d.%m.%Y")


async def build(app, orgs) -> tuple[dict[str, int], Person]:
    w = await world(app, orgs)
    await diagnose(app, w["teacher"])
    t = Person(app, TEACHER)
    await open_route(t)
    assert "выявлено дефицитов: <b>3</b>" in t.last.text
    await t.press("Построить черновик")
    return w, t


async def add_own(t: Person, title: str, form: str = "Вебинар", offset: int = 20) -> None:
    await t.press("Своё: самообразование")
    await t.send(title)
    await t.press(form)
    await t.send(day(offset))


async def test_teacher_builds_chooses_submits_coordinator_returns_and_approves(app, orgs) -> None:
    _w, t = await build(app, orgs)
    # an empty catalogue: every row gets a self-education proposal
    assert "Черновик готов: строк плана — 3" in t.last.text
    assert "📝 черновик" in t.last.text and "Выполнено" not in t.last.text
    await catalogue(app, orgs)

    # row 1: a catalogue course chosen by the teacher
    await t.press("1. ")
    assert "Дефицит 1" in t.last.text and "методические" in t.last.text
    await t.press("Выбрать из каталога")
    assert "Курс ДПП «Формирующее оценивание»" in t.last.text
    assert "Семинар соседей" not in t.last.text  # another municipality's event
    await t.press("➕ Курс ДПП")
    assert "Добавлено в маршрут" in t.last.text
    assert "Программы повышения квалификации" in t.last.text

    # row 1: an own self-education item, with bad input on the way
    await t.press("Своё: самообразование")
    assert "Самообразование" in t.last.text
    await t.send("ab")
    assert "Слишком коротко" in t.last.text
    await t.send("Книга «Оценивание для обучения»")
    assert "выберите форму" in t.last.text
    await t.send("вебинар")  # typed instead of a button
    assert "кнопкой" in " ".join(t.texts[-2:])
    await t.press("Изучение литературы")
    await t.send("31.02.2027")
    assert "Не понял дату" in t.last.text
    await t.send("01.01.2020")
    assert "уже прошла" in t.last.text
    await t.send(day(30))
    assert "Добавлено в маршрут: «Книга «Оценивание для обучения»»" in t.last.text

    # submitting with empty rows is refused with the row named
    await t.press("Назад")
    await t.press("Отправить на согласование")
    assert "В строке 2" in t.last.text
    for n in (2, 3):
        await t.press(f"{n}. ")
        await add_own(t, f"Самообразование по строке {n}")
        await t.press("Назад")
    await t.press("Отправить на согласование")
    assert "Координаторов школы уведомлено: 1" in t.last.text
    assert "⏳ на согласовании" in t.last.text

    # the coordinator's alert comes through the outbox; the button opens the route
    await deliver(app)
    c = Person(app, COORD)
    assert "ИОМ на согласование" in c.last.text and "Петрова Анна Сергеевна" in c.last.text
    assert [m.text for m in sent_to(app, MUN) if "Методические мероприятия" in m.text]
    await c.press("Открыть ИОМ")
    assert "Петрова Анна Сергеевна" in c.last.text and "Согласовать" in str(c.last.buttons())
    await c.press("Вернуть")
    await c.send("ok")
    assert "слишком короткий" in c.last.text
    await c.send("Добавьте внутришкольные мероприятия")
    assert "возвращён педагогу" in c.last.text
    await deliver(app)
    assert "возвращён на доработку" in t.last.text and "Добавьте внутришкольные" in t.last.text

    # the teacher corrects and resubmits; the coordinator approves from the queue
    await t.press("Открыть ИОМ")
    assert "Комментарий координатора" in t.last.text
    await t.press("Отправить на согласование")
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("ИОМ на согласовании")
    assert "Петрова Анна Сергеевна" in c.last.text and "версия 2" in c.last.text
    await c.press("1. Петрова")
    await c.press("Согласовать")
    assert "Маршрут согласован" in c.last.text and "✅ согласован" in c.last.text
    await deliver(app)
    assert "Ваш ИОМ согласован" in t.last.text
    assert (await routes(app))[0].status == "approved"

    # carrying out: the card's actions, evidence as a link
    await t.press("Открыть ИОМ")
    await t.press("1. ")
    await t.press("Книга")
    await t.press("В работе")
    assert "Статус: 🔵 в работе" in t.last.text
    await t.press("Подтверждение")
    await t.send("https://school.example/notes")
    assert "Подтверждение сохранено" in t.last.text and "school.example" in t.last.text
    await t.press("Выполнено")
    assert "✅ выполнено" in t.last.text
    assert (await routes(app))[0].status == "in_progress"

    # nothing waits any more; the conclusion closes the route
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("ИОМ на согласовании")
    assert "нет маршрутов" in c.last.text
    await c.press("Открыть ИОМ")  # the alert's button
    # three activities open and the period running: no conclusion yet, even forged
    assert "Заключение" not in str(c.last.buttons())
    route_id = (await routes(app))[0].id
    await c.press_data(RrCb(a="end", id=route_id).pack())
    assert "период маршрута закончился" in c.last.text
    async with app.sessions() as s:
        await s.execute(update(RouteRow).values(period_end=today()))
        await s.commit()
    await c.press_data(RrCb(a="open", id=route_id).pack())
    await c.press("Заключение")
    assert "Выполнено мероприятий: 1 из 4" in c.last.text
    await c.send("Хорошо")
    assert "слишком короткое" in c.last.text
    await c.send("План выполнен частично, работа над оцениванием продолжается")
    assert "Маршрут завершён" in c.last.text and "🏁 завершён" in c.last.text
    await deliver(app)
    assert "Ваш ИОМ завершён" in t.last.text and "работа над оцениванием" in t.last.text
    assert (await routes(app))[0].status == "completed"


async def test_municipal_methodist_fills_own_columns_only(app, orgs) -> None:
    w, _t = await build(app, orgs)
    route_id = (await routes(app))[0].id
    plan, _ = await read(app, rt.get_plan, await actor(app, w["teacher"]), route_id)
    row_id = plan.rows[0].id
    m = Person(app, MUN)
    await m.send("/menu")
    await m.press_data(RrCb(a="open", id=route_id).pack())
    assert "Петрова Анна Сергеевна" in m.last.text and "Согласовать" not in str(m.last.buttons())
    await m.press("1. ")
    labels = [b for b, _ in m.last.buttons()]
    assert "➕ Муниципальное мероприятие" in labels and "➕ Консультационные часы" in labels
    assert not any("самообразование" in b for b in labels)
    await m.press("Муниципальное мероприятие")
    await m.send("Муниципальный семинар «Оценивание»")
    await m.send(day(45))
    assert "Добавлено в маршрут" in m.last.text
    # teacher columns and approval: refused, even by forged buttons
    refusal = popups(await m.press_data(RtCb(a="new", id=row_id, x="self_education").pack()))
    assert "Самообразование" in refusal and "педагог" in refusal
    assert "самоанализ" in popups(await m.press_data(RtCb(a="analysis", id=route_id).pack()))
    assert "координатор школы" in popups(await m.press_data(RrCb(a="approve", id=route_id).pack()))
    acts = await activities(app)
    assert [(a.plan_column, a.added_by) for a in acts if not a.proposed] == [
        ("municipal", w["mun"])]


async def test_forged_callbacks_of_another_teacher_and_another_school(app, orgs) -> None:
    _w, t = await build(app, orgs)
    await t.press("1. ")
    await add_own(t, "Личный план чтения")
    route_id = (await routes(app))[0].id
    act_id = (await activities(app))[0].id
    row_id = (await activities(app))[0].row_id
    stranger = Person(app, TEACHER2)
    await stranger.send("/menu")
    for data in (RtCb(a="route", id=route_id).pack(), RtCb(a="row", id=row_id).pack(),
                 RtCb(a="act", id=act_id).pack(), RtCb(a="del", id=act_id).pack(),
                 RtCb(a="submit", id=route_id).pack(), RtCb(a="docx", id=route_id).pack(),
                 RtCb(a="new", id=row_id, x="self_education").pack(),
                 RrCb(a="open", id=route_id).pack()):
        calls = await stranger.press_data(data)
        assert "не ваш маршрут" in popups(calls), data
    assert "Петрова" not in stranger.last.text
    # the other school's coordinator
    other = Person(app, OTHER_COORD)
    await other.send("/menu")
    assert "не ваш маршрут" in popups(await other.press_data(RrCb(a="approve", id=route_id).pack()))
    assert "не ваш маршрут" in popups(await other.press_data(RrCb(a="ret", id=route_id).pack()))
    # a forged catalogue pick of an event that is not offered
    assert "не найдено" in popups(await t.press_data(RtCb(a="pick", id=row_id, x="999").pack()))
    assert len(await activities(app)) == 4 and (await routes(app))[0].status == "draft"


async def test_overdue_listed_and_restart_mid_flow(app, orgs, make_app) -> None:
    _w, t = await build(app, orgs)
    await t.press("1. ")
    await t.press("Своё: самообразование")
    # the bot restarts while the teacher types the title: the conversation continues
    app2 = await make_app()
    t2 = Person(app2, TEACHER)
    await t2.send("Разработать технологическую карту урока")
    await t2.press("Разработка материалов")
    await t2.send(day(10))
    assert "Добавлено в маршрут" in t2.last.text
    async with app2.sessions() as s:
        await s.execute(update(RouteActivityRow).where(RouteActivityRow.proposed.is_(False))
                        .values(due=today() - timedelta(days=3)))
        await s.commit()
    await open_route(t2)
    assert "Просрочено (1)" in t2.last.text and "Разработать технологическую карту" in \
        t2.last.text


async def test_docx_and_pdf_documents(app, orgs) -> None:
    _w, t = await build(app, orgs)
    await catalogue(app, orgs)
    await t.press("1. ")
    await t.press("Выбрать из каталога")
    await t.press("➕ Семинар по оцениванию")
    await add_own(t, "Книга «Оценивание для обучения»")
    await t.press("Назад")
    await t.press("Самоанализ")
    await t.send("Низкие баллы по оцениванию совпадают с результатами ВПР 7 классов")
    assert "Самоанализ сохранён" in t.last.text
    await t.press("Скачать ИОМ")
    from aiogram.methods import AnswerCallbackQuery, SendChatAction

    assert app.bot.session.of(SendChatAction)[-1].action == "upload_document"
    assert not any("Готовлю" in (a.text or "") for a in app.bot.session.of(AnswerCallbackQuery))
    doc_call = app.bot.session.of(SendDocument)[-1]
    assert doc_call.document.filename.endswith(".docx")
    document = Document(io.BytesIO(doc_call.document.data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "ИНДИВИДУАЛЬНЫЙ ОБРАЗОВАТЕЛЬНЫЙ МАРШРУТ" in text
    for heading in ("1. Основные сведения", "2. Информация о прохождении диагностики",
                    "3. Самоанализ", "4. План восполнения", "5. Заключение"):
        assert heading in text
    assert "совпадают с результатами ВПР" in text
    assert "Педагогический работник" in text and "Заместитель руководителя" in text
    tables = document.tables
    teacher_table = tables[0]
    assert teacher_table.cell(0, 1).text == "Петрова Анна Сергеевна"
    assert teacher_table.cell(1, 1).text == "МАОУ СОШ № 01"
    plan_table = tables[-1]
    header = [c.text for c in plan_table.rows[0].cells]
    assert header == [
        "Профессиональный дефицит", "Программы повышения квалификации",
        "Консультационные часы (тьютор, наставник, куратор ЦНППМ)",
        "Методические мероприятия муниципального уровня",
        "Внутришкольная система непрерывного профессионального развития",
        "Самообразование", "Период реализации"]
    assert len(plan_table.rows) == 1 + 3
    first = [c.text for c in plan_table.rows[1].cells]
    assert first[0].startswith("1. ") and "методические" in first[0]
    assert "Семинар по оцениванию" in first[3] and "Книга" in first[5]
    assert first[1] == "—" and " — " in first[6]
    deficits = tables[-2]
    assert [c.text for c in deficits.rows[0].cells][:2] == ["№", "Профессиональный дефицит"]
    assert len(deficits.rows) == 4
    await t.press("PDF")
    pdf = app.bot.session.of(SendDocument)[-1]
    assert pdf.document.filename.endswith(".pdf") and pdf.document.data.startswith(b"%PDF")


async def test_attendance_seen_by_the_teacher(app, orgs) -> None:
    from domain import events as ev
    from tests.support.route import future, run

    w, t = await build(app, orgs)
    events = await catalogue(app, orgs)
    teacher = await actor(app, w["teacher"])
    route_id = (await routes(app))[0].id
    plan, _ = await read(app, rt.get_plan, teacher, route_id)
    for row in plan.rows:
        await run(app, rt.add_item, teacher, row.id, rt.Column.SELF_EDUCATION, "Чтение",
                  "reading", today() + timedelta(days=9), TEST_CLOCK.now())
    await run(app, rt.choose_event, teacher, plan.rows[0].id, events["seminar"], ev_tz(), TEST_CLOCK.now())
    await run(app, rt.submit, teacher, route_id, TEST_CLOCK.now())
    await run(app, rt.approve, await actor(app, w["coord"]), route_id, TEST_CLOCK.now())
    reg = await run(app, ev.register, teacher, events["seminar"], TEST_CLOCK.now())
    await run(app, ev.set_attendance, await actor(app, w["mun"]), events["seminar"],
              reg.registration.id, True, future(5))
    await open_route(t)
    assert "🚀 выполняется" in t.last.text and "Выполнено: <b>1 из 4</b>" in t.last.text
    await t.press("1. ")
    await t.press("Семинар по оцениванию")
    assert "отмечено посещение мероприятия" in t.last.text
    assert [a.status for a in await activities(app)].count(ActivityStatus.DONE.value) == 1
    assert (await routes(app))[0].status == RouteStatus.IN_PROGRESS.value


def ev_tz():
    from tests.support.route import TZ

    return TZ
