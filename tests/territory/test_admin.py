"""An admin reaches «Администрирование» without a teacher's profile; nobody else can."""

from __future__ import annotations

from sqlalchemy import select

from handlers.territory.common import TerrCb
from storage.models import PersonRow
from tests.conftest import ADMIN_ID
from tests.harness import Person


async def row(app, user_id: int) -> PersonRow | None:
    async with app.sessions() as s:
        return await s.scalar(select(PersonRow).where(PersonRow.external_id == str(user_id)))


async def test_admin_needs_no_teacher_profile(app, orgs) -> None:
    admin = Person(app, ADMIN_ID, first_name="Ольга")
    await admin.send("/start")
    await admin.press("Согласен")
    assert "Шаг 1" in admin.last.text
    await admin.press("Я администратор")
    assert "профиль педагога не нужен" in admin.last.text
    assert "Администрирование" in admin.last.text
    stored = await row(app, ADMIN_ID)
    assert stored.profile_completed_at is not None and stored.school_id is None
    assert stored.full_name == "Ольга"
    await admin.press("Моя территория")
    assert "Тестовая область" in admin.last.text
    await admin.send("/menu")
    assert "⚙️ Администрирование" in [b for b, _ in admin.last.buttons()]


async def test_teachers_do_not_get_the_shortcut(app, orgs, teacher: Person) -> None:
    await teacher.send("/start")
    await teacher.press("Согласен")
    assert not any("администратор" in b for b, _ in teacher.last.buttons())
    await teacher.press_data(TerrCb(a="adminonly").pack())
    assert "недоступно" in teacher.alerts()[-1]
    stored = await row(app, teacher.user.id)
    assert stored.profile_completed_at is None
    # the onboarding goes on where it was
    await teacher.send("Иванова Мария Петровна")
    assert "Шаг 2" in teacher.last.text
