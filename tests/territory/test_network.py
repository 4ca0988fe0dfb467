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


async def test_scope_totals_equal_the_per_unit_sums(app, orgs) -> None:
    """The dashboard reads the scope's totals in one statement each (``total``); they equal
    the total line of the per-unit figures the export shows, at every level, with meetings,
    methodists and accepted records of each kind in play (and a draft that must not count)."""
    from datetime import timedelta

    from domain import activity as act
    from domain import mentoring as mnt
    from domain.access import Actor
    from domain.activity import Draft, Kind, Level, Outcome, PracticeKind, RecordStatus

    ids = await _world(app, orgs)
    await set_profile(app, ids["t2"], ["young_specialist", "methodist"])
    await set_profile(app, ids["t_other"], ["methodist"])
    since = today().replace(month=1, day=1)
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        pair = await uow.mentoring.add_pair(ids["t3"], ids["school_c"], orgs["school2"],
                                            today(), [], ids["school_c"], now())
        await uow.mentoring.add_meeting(pair.id, today(), "Разбор урока", 1.5, None, None, now())
        await uow.mentoring.add_meeting(pair.id, since - timedelta(days=1), "Старая", 2.0,
                                        None, None, now())
        records = [
            (ids["t1"], orgs["school1"], Draft(Kind.COMPETITION, "Учитель года", today(),
                                               Level.MUNICIPAL, Outcome.WINNER)),
            (ids["t1"], orgs["school1"], Draft(Kind.COMPETITION, "Второй конкурс", today(),
                                               Level.REGIONAL, Outcome.PARTICIPANT)),
            (ids["t3"], orgs["school2"], Draft(Kind.PRACTICE, "Практика", today(),
                                               practice=PracticeKind.OPEN_LESSON,
                                               group="methodological")),
            (ids["t_other"], orgs["other_school"], Draft(Kind.COMPETITION, "Конкурс",
                                                         today(), Level.REGIONAL)),
        ]
        for person_id, school_id, draft in records:
            record = await uow.activity.add(person_id, school_id, draft, now())
            await uow.activity.decide(record.id, RecordStatus.ACCEPTED, ids["admin"], None,
                                      now())
        await uow.activity.add(ids["t2"], orgs["school1"],
                               Draft(Kind.COMPETITION, "Черновик", today()), now())
        await uow.commit()
    admin = Actor(ids["admin"], is_config_admin=True)
    seen = []
    for key in ("region", "mun1", "school1", "school2", "other_school"):
        async with app.sessions() as session:
            uow = SqlUnitOfWork(session, TEST_CLOCK)
            org = await uow.orgs.get(orgs[key])
            assert org is not None
            ment = await mnt.total(uow, admin, org, since)
            assert ment == (await mnt.figures(uow, admin, org.id, since)).total
            acts = await act.total(uow, admin, org, since)
            assert acts == (await act.figures(uow, admin, org.id, since))[-1]
            seen.append((key, ment.young, ment.young_mentored, ment.pairs, ment.meetings,
                         ment.hours, acts.in_competitions, acts.methodists, acts.practices))
    # the data really exercises every figure (an all-zero comparison would prove nothing)
    assert seen[0][1:] == (3, 2, 2, 1, 1.5, 2, 2, 1)
    assert seen[1][1:] == (3, 2, 2, 1, 1.5, 1, 1, 1)
    assert seen[2][1:] == (2, 1, 1, 0, 0.0, 1, 1, 0)
