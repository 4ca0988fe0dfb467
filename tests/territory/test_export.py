"""«Выгрузить в Excel»: the workbook opened in the test — sheets, header row, widths, frozen
header, filters, dates as dates, formula-like text stored as text, scope only."""

from __future__ import annotations

import io
from datetime import date

from aiogram.methods import SendDocument
from openpyxl import load_workbook

from handlers.territory.common import TerrCb
from tests.conftest import onboarded
from tests.harness import Person
from tests.territory.kit import MUN_C, SCHOOL_C, submitted_route, territory
from tests.support.route import diagnose, today


async def workbook(app, p: Person):
    await p.press("Выгрузить в Excel")
    [doc] = [m for m in app.bot.session.of(SendDocument) if int(m.chat_id) == p.user.id]
    assert doc.document.filename.endswith(".xlsx")
    return load_workbook(io.BytesIO(doc.document.data))


async def test_municipal_workbook(app, orgs) -> None:
    ids = await territory(app, orgs)
    await submitted_route(app, ids["t1"])
    evil = await onboarded(app, 740_001, orgs["school2"], name="=HYPERLINK(\"http://x\")")
    await onboarded(app, 740_002, orgs["school2"], name="+79990001122 Плюсова")
    await onboarded(app, 740_003, orgs["school2"], name="@Собакина -Минусова")
    await diagnose(app, evil)
    p = Person(app, MUN_C)
    await p.send("/menu")
    await p.press("Координатор")
    await p.press("Моя территория")
    wb = await workbook(app, p)
    assert wb.sheetnames == [
        "Педагоги", "Диагностика по группам", "Дефициты по индикаторам", "ИОМ", "Часы",
        "Курсы и отчёты", "Мероприятия", "Учёт прошедших диагностику",
        "Учёт построенных ИОМ", "Наставничество и активность",
    ]
    ws = wb["Педагоги"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["ФИО", "Муниципалитет", "Организация", "Должность"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws[1][0].font.b
    assert 34 <= ws.column_dimensions["A"].width < 36
    names = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    # the municipality's eight people (school 1: three, school 2: two + three here)
    assert len(names) == 8
    assert "Заречная Нина Львовна" not in names  # the other municipality
    # formula-like names are text, never formulas
    cells = {c.value: c for row in ws.iter_rows(min_row=2, max_col=1) for c in row}
    for text in ('=HYPERLINK("http://x")', "+79990001122 Плюсова", "@Собакина -Минусова"):
        assert cells[text].data_type == "s", text
    # dates are dates; labels instead of codes
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Алексеева Анна Петровна")
    assert row[3].value == "Учитель" and row[5].value == "Первая"
    assert row[6].is_date and row[6].value.date() == today()
    assert row[8].value == "на согласовании"
    diag = wb["Диагностика по группам"]
    assert diag.max_row == 1 + 3  # t1, t3 and the evil one
    ind = wb["Дефициты по индикаторам"]
    top = [r for r in ind.iter_rows(min_row=2, values_only=True)]
    # three indicators, each a deficit of t1 and of the evil name
    assert sorted((g, n) for g, _c, _t, n in top) == [
        ("коммуникативные", 2), ("методические", 2), ("методические", 2)]
    routes = wb["ИОМ"]
    [route] = list(routes.iter_rows(min_row=2, values_only=True))
    assert route[0] == "Алексеева Анна Петровна" and route[3] == "на согласовании"
    assert isinstance(route[4], (date,))
    record = wb["Учёт прошедших диагностику"]
    assert [c.value for c in record[1]][:2] == ["№", "ФИО"]
    assert [r[0] for r in record.iter_rows(min_row=2, values_only=True)] == [1, 2, 3]
    assert wb["Учёт построенных ИОМ"].max_row == 1  # submitted, not yet agreed


async def test_school_workbook_and_forged_scope(app, orgs) -> None:
    await territory(app, orgs)
    p = Person(app, SCHOOL_C)
    await p.send("/menu")
    await p.press_data(TerrCb(a="xlsx", org=orgs["mun1"]).pack())
    assert p.alerts()[-1].startswith("⛔")
    assert not app.bot.session.of(SendDocument)
    await p.press("Координатор")
    await p.press("Моя территория")
    wb = await workbook(app, p)
    names = [r[0] for r in wb["Педагоги"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Алексеева Анна Петровна", "Борисова Вера Ивановна",
                             "Завучева Ирина"]
