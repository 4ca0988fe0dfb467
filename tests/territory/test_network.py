"""Mentoring and professional activity in «Моя территория» (issues 12 and 16: the «leave a
place» filled): the share of young specialists with a mentor and the pairs on the dashboard
and in the export's own sheet, counted on a small known dataset and per unit."""

from __future__ import annotations

import io

from aiogram.methods import SendDocument
from openpyxl import load_workbook

from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.harness import Person
from tests.mentoring.support import set_profile
from tests.support.route import now, today
from tests.territory.kit import MUN_C, SCHOOL_C, territory


async def _world(app, orgs) -> dict[str, int]:
    """School 1: t1 and t2 young specialists, t1 paired with the coordinator as mentor;
    school 2: t3 young, no mentor."""
    ids = await territory(app, orgs)
    for key in ("t1", "t2", "t3"):
        await set_profile(app, ids[key], ["young_specialist"])
    await set_profile(app, ids["school_c"], ["mentor"])
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        await uow.mentoring.add_pair(ids["t1"], ids["school_c"], orgs["school1"], today(), [],
                                     ids["school_c"], now())
        await uow.commit()
    return ids


async def _open(p: Person) -> None:
    await p.send("/menu")
    await p.press("Координатор")
    await p.press("Моя территория")


async def test_dashboard_shows_young_with_a_mentor(app, orgs) -> None:
    await _world(app, orgs)
    school = Person(app, SCHOOL_C)
    await _open(school)
    text = school.last.text
    assert "Наставничество" in text
    assert "молодых специалистов с наставником 1 из 2 (50 %" in text
    assert "пар 1" in text
    mun = Person(app, MUN_C)
    await _open(mun)
    # the municipality: three young specialists, one with a mentor
    assert "молодых специалистов с наставником 1 из 3 (33,3 %" in mun.last.text
    assert "В конкурсах" not in mun.last.text and "в конкурсах 0" in mun.last.text


async def test_export_has_the_network_sheet_per_unit(app, orgs) -> None:
    await _world(app, orgs)
    p = Person(app, MUN_C)
    await _open(p)
    await p.press("Выгрузить в Excel")
    [doc] = [m for m in app.bot.session.of(SendDocument) if int(m.chat_id) == p.user.id]
    wb = load_workbook(io.BytesIO(doc.document.data))
    ws = wb["Наставничество и активность"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Подразделение", "Молодых специалистов", "С наставником",
                          "С наставником, %"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    school1 = next(r for name, r in rows.items() if name and "01" in name)
    assert school1[1:5] == (2, 1, 50, 1)
    total = list(ws.iter_rows(min_row=ws.max_row, values_only=True))[0]
    assert total[1:3] == (3, 1)
