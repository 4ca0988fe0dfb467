"""Onboarding through the real Dispatcher: consent, every step, back, cancel, restart."""

from __future__ import annotations

from sqlalchemy import select

from domain.enums import Channel, Role
from storage.models import FsmStateRow, PersonRow
from tests.conftest import db
from tests.harness import Person


async def person_row(app, user_id: int) -> PersonRow | None:
    async with app.sessions() as s:
        return await s.scalar(select(PersonRow).where(PersonRow.external_id == str(user_id)))


async def consent(p: Person) -> None:
    await p.send("/start")
    await p.press("Согласен")


async def complete_profile(p: Person, school: str = "МАОУ СОШ № 03") -> None:
    await p.send("Иванова Мария Петровна")
    await p.press("Городской округ Тестовый")
    await p.press(school)
    await p.press("Учитель", exact=True)
    await p.press("Математика")
    await p.press("Физика")
    await p.press("Готово")
    await p.send("12")
    await p.press("Первая")
    await p.press("Молодой специалист")
    await p.press("Готово")
    assert "Проверьте" in p.last.text
    await p.press("Всё верно")


async def test_happy_path_stores_profile_and_teacher_role(app, orgs, teacher: Person) -> None:
    await teacher.send("/start")
    row = await person_row(app, teacher.user.id)
    assert row is not None and row.consented_at is None and row.full_name is None
    await teacher.press("Согласен")
    assert "Шаг 1 из 8" in teacher.last.text
    await complete_profile(teacher)
    assert "Профиль заполнен" in teacher.last.text
    labels = [b for b, _ in teacher.last.buttons()]
    assert "🧭 Самодиагностика" in labels and "📋 Координатор" not in labels
    row = await person_row(app, teacher.user.id)
    assert row.full_name == "Иванова Мария Петровна"
    assert row.school_id == orgs["school3"] and row.municipality_id == orgs["mun1"]
    assert row.subjects == ["math", "physics"] and row.experience_years == 12
    assert row.category == "first" and row.statuses == ["young_specialist"]
    uow = await db(app)
    person = await uow.people.get_by_external(Channel.TELEGRAM, str(teacher.user.id))
    await uow.session.close()
    assert [(g.role, g.org_id) for g in person.grants] == [(Role.TEACHER, orgs["school3"])]
