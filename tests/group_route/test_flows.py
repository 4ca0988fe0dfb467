"""The group ИОМ through the real Dispatcher: the coordinator builds it from the deficits the
school's teachers share (with counts, those having it pre-ticked), a restart half-way loses
nothing, members are notified, each member marks their own progress (hours into their own
ledger, the other member untouched), the coordinator's table and XLSX, leaving, closing, and
forged buttons from people of another school or outside the group."""

from __future__ import annotations

import io

import pytest
from aiogram.methods import SendDocument
from docx import Document
from openpyxl import load_workbook

from domain import group_route as grp
from handlers.callbacks import GrCb, MenuCb, TerrCb
from storage.events.models import HoursLedgerRow
from storage.group_route.models import (
    GroupActivityRow,
    GroupMarkRow,
    GroupMemberRow,
    GroupRouteRow,
)
from tests.harness import Person
from tests.support.documents import deliver
from tests.support.group_route import THIRD, moved, rows, school
from tests.support.route import (
    COORD,
    OTHER_COORD,
    TEACHER,
    TEACHER2,
    actor,
    now,
    outbox,
    run,
    today,
)
from domain.route import default_period


@pytest.fixture(autouse=True)
def quick_outbox(app) -> None:
    app.sender.per_chat_interval = 0.0


async def test_create_with_suggestions_members_mark_their_own_progress(make_app, orgs
                                                                        ) -> None:
    app = await make_app()
    w = await school(app, orgs)
    coord = Person(app, COORD)
    await coord.send("/groupiom")
    assert "пока нет" in coord.last.text
    await coord.press("Новый групповой ИОМ")
    assert "Шаг 1 из 4" in coord.last.text
    shared = [label for label, _ in coord.last.buttons() if label.endswith("(2)")]
    assert shared, coord.last.buttons()  # both diagnosed teachers have it; the third has none
    await coord.press(shared[0], exact=True)
    labels = [label for label, _ in coord.last.buttons()]
    assert "✅ Петрова Анна Сергеевна" in labels and "✅ Козлова Ирина Павловна" in labels
    assert "⬜ Сидорова Мария Ивановна" in labels
    assert not any("Завучева" in label for label in labels)  # not a member of their own

    # a restart half-way: the choice made so far is still there
    second = await make_app()
    coord = moved(coord, second)
    await coord.send("Сидорова")  # typed where buttons are: said so, the choice kept
    assert "кнопками" in coord.last.text
    await coord.press("⬜ Сидорова")
    await coord.press("✅ Сидорова")
    await coord.press("Далее (2)")
    assert "Шаг 3 из 4" in coord.last.text
    await coord.send("аб")
    assert "⚠️" in coord.last.text and "Шаг 3 из 4" in coord.last.text
    await coord.send_photo()
    assert "текст" in coord.last.text
    await coord.send("Формирующее оценивание: <школьная> группа")
    assert "Шаг 4 из 4" in coord.last.text
    await coord.send("31.12")
    assert "⚠️" in coord.last.text and not await rows(second, GroupRouteRow)
    await coord.press("Учебный год")
    assert "Групповой ИОМ создан" in coord.last.text
    (route,) = await rows(second, GroupRouteRow)
    assert route.title == "Формирующее оценивание: <школьная> группа"
    assert (route.period_start, route.period_end) == default_period(today())
    assert "&lt;школьная&gt;" in coord.last.text
    assert sorted(m.person_id for m in await rows(second, GroupMemberRow)) == sorted(
        [w["teacher"], w["teacher2"]])
    assert len(await outbox(second, "grp-notice-added")) == 2

    await coord.press("➕ Мероприятие")
    await coord.press("Внутришкольное мероприятие")
    await coord.send("Семинар-практикум «Приёмы формирующего оценивания»")
    await coord.press("До конца периода")
    await coord.send("сто")
    assert "⚠️" in coord.last.text
    await coord.press("4", exact=True)
    await coord.press("➕ Мероприятие")
    await coord.press("Своё: самообразование")
    await coord.send("Статья о критериальном оценивании")
    await coord.press("До конца периода")
    await coord.press("без часов")
    first, other = sorted(await rows(second, GroupActivityRow), key=lambda a: a.id)
    assert (first.hours, other.hours) == (4.0, None) and first.plan_column == "school"

    # members: notified, see it on their ИОМ card, mark their own progress
    await deliver(second)
    anna, irina = Person(second, TEACHER), Person(second, TEACHER2)
    assert "групповой ИОМ" in anna.last.text and "Завучева" in anna.last.text
    await anna.press_data(MenuCb(to="route").pack())
    assert "Групповые ИОМ" in anna.last.text and "Формирующее оценивание" in anna.last.text
    await anna.press("👥 Формирующее")
    assert "Вы выполнили: 0 из 2" in anna.last.text
    await anna.press("⚪️ 1.")
    await anna.press("✅ Выполнено")
    await anna.press("Назад")
    await anna.press("⚪️ 2.")
    await anna.press("Подтверждение")
    await anna.send("x")
    assert "⚠️" in anna.last.text
    await anna.send("https://example.org/konspekt")
    assert "example.org" in anna.last.text
    marks = {(m.person_id, m.activity_id): m for m in await rows(second, GroupMarkRow)}
    assert set(marks) == {(w["teacher"], first.id), (w["teacher"], other.id)}
    assert marks[(w["teacher"], other.id)].evidence_url == "https://example.org/konspekt"
    ledger = await rows(second, HoursLedgerRow)
    assert [(e.person_id, e.hours) for e in ledger] == [(w["teacher"], 4.0)]
    await irina.press("Открыть групповой ИОМ")
    assert "Вы выполнили: 0 из 2" in irina.last.text  # her progress is her own

    # the coordinator's table and XLSX
    await coord.press_data(GrCb(a="open", id=route.id).pack())
    await coord.press("Прогресс")
    assert "Петрова Анна Сергеевна: ✅✅ — 2 из 2" in coord.last.text
    assert "Козлова Ирина Павловна: ⬜⬜ — 0 из 2" in coord.last.text
    await coord.press("Таблица XLSX")
    doc = second.bot.session.of(SendDocument)[-1]
    sheet = load_workbook(io.BytesIO(doc.document.data)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == ["Участник", "Семинар-практикум «Приёмы формирующего оценивания»",
                         "Статья о критериальном оценивании", "Выполнено"]
    assert values[1] == ["Козлова Ирина Павловна", "нет", "нет", 0]
    assert values[2] == ["Петрова Анна Сергеевна", "да", "да", 2]
    assert values[3] == ["Выполнили, человек", 1, 1, None]

    # her own ИОМ: the card has the section, the document has the group's row with her marks
    await anna.press_data(MenuCb(to="route").pack())
    await anna.press("Построить черновик")
    assert "Групповые ИОМ" in anna.last.text
    await anna.press("Скачать ИОМ")
    doc = second.bot.session.of(SendDocument)[-1]
    assert doc.document.filename.endswith(".docx")
    cells = [cell.text for table in Document(io.BytesIO(doc.document.data)).tables
             for row in table.rows for cell in row.cells]
    assert any(c.startswith("4.") and "Формирующее оценивание: <школьная> группа" in c
               for c in cells), cells
    assert any("Семинар-практикум «Приёмы формирующего оценивания»" in c and "выполнено" in c
               for c in cells)

    # taken back: out of the ledger again
    await anna.press_data(GrCb(a="undo", id=route.id, v=first.id).pack())
    assert await rows(second, HoursLedgerRow) == []


async def test_leave_close_and_forged_buttons(app, orgs) -> None:
    w = await school(app, orgs)
    coordinator = await actor(app, w["coord"])
    start, end = default_period(today())
    route = await run(app, grp.create, coordinator, orgs["school1"], "methodological", None,
                      "Методические дефициты", "Методическая группа", (start, end),
                      [w["teacher"], w["teacher2"]], today(), now())
    act = await run(app, grp.add_activity, coordinator, route.id, "school", "Открытый урок",
                    2.0, None, today(), now())

    # a coordinator of another school: their list is their own; forged ids are not found
    other = Person(app, OTHER_COORD)
    await other.send("/groupiom")
    assert "Методическая группа" not in other.last.text
    for a in ("open", "mem", "tbl", "xlsx", "end", "add"):
        await other.press_data(GrCb(a=a, id=route.id).pack())
        assert "не найден" in other.last.text, a
    await other.press_data(GrCb(a="mtg", id=route.id, v=w["third"]).pack())
    assert not app.bot.session.of(SendDocument)
    assert len(await rows(app, GroupMemberRow)) == 2

    # a teacher outside the group, a member forging the coordinator's buttons
    third, irina = Person(app, THIRD), Person(app, TEACHER2)
    await third.send("/menu")
    await irina.send("/menu")
    await third.press_data(GrCb(a="open", id=route.id).pack())
    assert "не найден" in third.last.text
    await third.press_data(GrCb(a="done", id=route.id, v=act.id).pack())
    await third.press_data(GrCb(a="new").pack())
    assert "координатор школы" in third.last.text
    await irina.press_data(GrCb(a="tbl", id=route.id).pack())
    assert "не найден" in irina.last.text
    await irina.press_data(GrCb(a="mtg", id=route.id, v=w["third"]).pack())
    assert await rows(app, GroupMarkRow) == [] and len(await rows(app, GroupMemberRow)) == 2

    # leaving, with a confirmation
    await irina.press_data(GrCb(a="open", id=route.id).pack())
    await irina.press("Выйти из группы")
    assert "Выйти из группового ИОМ" in irina.last.text
    await irina.press("Да, выйти")
    assert "Вы вышли" in irina.last.text
    await irina.press_data(GrCb(a="open", id=route.id).pack())
    assert "не найден" in irina.last.text
    await irina.press_data(MenuCb(to="route").pack())
    assert "Групповые ИОМ" not in irina.last.text

    # the coordinator adds the third teacher and closes the route with a conclusion
    coord = Person(app, COORD)
    await coord.send("/menu")
    await coord.press_data(TerrCb(a="dash", org=orgs["school1"]).pack())  # the school's figures
    await coord.press("Групповые ИОМ")
    await coord.press("Методическая группа")
    await coord.press("Участники")
    await coord.press("⬜ Сидорова")
    assert len(await outbox(app, "grp-notice-added")) == 3
    await coord.press("✅ Петрова")  # removed by the coordinator
    assert {m.person_id for m in await rows(app, GroupMemberRow) if m.left_at is None} == {
        w["third"]}
    await coord.press("Назад")
    await coord.press("Завершить")
    await coord.send("мало")
    assert "⚠️" in coord.last.text
    await coord.send("Группа освоила приёмы; открытые уроки проведены.")
    assert "завершён" in coord.last.text
    (row,) = await rows(app, GroupRouteRow)
    assert row.status == "closed" and row.conclusion.startswith("Группа освоила")
    assert len(await outbox(app, "grp-notice-closed")) == 1  # the third teacher, the only one
    anna = Person(app, TEACHER)
    await anna.send("/menu")
    await anna.press_data(GrCb(a="done", id=route.id, v=act.id).pack())
    assert await rows(app, GroupMarkRow) == []  # removed (and closed): no marks
    assert "не найден" in anna.last.text
