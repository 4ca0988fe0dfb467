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


async def test_bad_input_is_explained_and_nothing_is_lost(app, orgs, teacher: Person) -> None:
    await consent(teacher)
    for bad, hint in [
        ("   ", "ФИО текстом"),
        ("Иванова 2 Мария", "не должно быть цифр"),
        ("Иванова", "фамилию и имя"),
        ("Иван@ Петров", "только буквы"),
        ("Я" * 121 + " Петров", "не больше 120"),
    ]:
        await teacher.send(bad)
        assert hint in teacher.last.text, bad
        assert "Шаг 1 из 8" in teacher.last.text
    await teacher.send("Сидоров-Петров Иван")
    await teacher.send("просто текст")  # a search, not an error, on the municipality step
    assert "ничего не найдено" in teacher.last.text
    await teacher.press("Сбросить поиск")
    await teacher.press("Городской округ Тестовый")
    await teacher.press("МАОУ СОШ № 01")
    await teacher.send("учитель")  # typed where a button is expected
    assert "кнопкой" in teacher.last.text and "должность" in teacher.last.text
    await teacher.press("Учитель", exact=True)
    await teacher.press("Готово")  # no subject ticked yet
    assert any("хотя бы один предмет" in a for a in teacher.alerts())
    await teacher.press("Не веду предмет")
    await teacher.press("Готово")
    for bad, hint in [("двенадцать", "целое число"), ("61", "от 0 до 60"), ("-3", "целое число"),
                      ("", "числом")]:
        await teacher.send(bad or " ")
        assert hint in teacher.last.text, bad
    await teacher.send("0")
    assert "категория" in teacher.last.text
    row = await person_row(app, teacher.user.id)
    assert row.full_name is None  # nothing is stored in the profile before confirmation
    async with app.sessions() as s:
        fsm = (await s.scalars(select(FsmStateRow))).one()
    assert fsm.data["draft"]["full_name"] == "Сидоров-Петров Иван"
    assert fsm.data["draft"]["experience_years"] == 0


async def test_back_keeps_answers_and_cancel_pauses(app, orgs, teacher: Person) -> None:
    await consent(teacher)
    await teacher.send("Иванова Мария Петровна")
    await teacher.press("Городской округ Тестовый")
    await teacher.press("Назад")
    assert "муниципалитет" in teacher.last.text
    await teacher.press("Назад")
    assert "Сейчас: <b>Иванова Мария Петровна</b>" in teacher.last.text
    await teacher.press("Оставить")
    await teacher.press("Городской округ Тестовый")
    await teacher.press("▶️")
    labels = [b for b, _ in teacher.last.buttons()]
    assert "МАОУ СОШ № 09" in labels and "МАОУ СОШ № 01" not in labels
    await teacher.send("/cancel")
    assert "приостановлено" in teacher.last.text
    await teacher.send("/start")
    assert "Продолжим" in teacher.last.text or "образовательную организацию" in teacher.last.text
    await teacher.press("▶️")  # the old page-2 screen lost its buttons (a tidy chat)
    await teacher.press("МАОУ СОШ № 10")
    assert "должность" in teacher.last.text


async def test_restart_mid_onboarding_continues_at_the_same_step(make_app, orgs) -> None:
    first = await make_app()
    p = Person(first, 555_010)
    await consent(p)
    await p.send("Иванова Мария Петровна")
    await p.press("Городской округ Тестовый")
    await p.press("МАОУ СОШ № 02")
    await p.press("Учитель", exact=True)
    await p.press("Математика")

    second = await make_app()  # the process restarted: new Dispatcher, same database
    p2 = Person(second, 555_010)
    p2.tg.messages[p2.chat.id] = list(p.tg.messages[p.chat.id])  # the phone keeps its messages
    await p2.press("Готово")  # the subjects step was waiting; the tick survived
    assert "стажа" in p2.last.text
    await p2.send("7")
    await p2.press("Высшая")
    await p2.press("Готово")
    await p2.press("Всё верно")
    row = await person_row(second, 555_010)
    assert row.subjects == ["math"] and row.category == "highest" and row.experience_years == 7


async def test_stale_and_forged_buttons(app, orgs, teacher: Person) -> None:
    await consent(teacher)
    await teacher.send("Иванова Мария Петровна")
    await teacher.press("Городской округ Тестовый")
    # a school of another municipality, as a forged client would send it
    await teacher.press_data(f"o:{orgs['other_school']}")
    assert any("вне вашей зоны" in a for a in teacher.alerts())
    assert (await person_row(app, teacher.user.id)).school_id is None
    await teacher.press("МАОУ СОШ № 01")
    # the consent button from the very first message, tapped again
    await teacher.press_data("c:yes", teacher.tg.messages[teacher.chat.id][0])
    assert "должность" in teacher.last.text
    # a position button pressed in the subjects step: out of place
    await teacher.press("Учитель", exact=True)
    await teacher.press_data("o:1")
    assert "неактуальна" in teacher.last.text and "предметы" in teacher.last.text


async def test_decline_keeps_only_the_telegram_id(app, orgs, teacher: Person) -> None:
    await teacher.send("/start")
    await teacher.press("Не согласен")
    assert "передумаете" in teacher.last.text
    row = await person_row(app, teacher.user.id)
    assert row.consented_at is None and row.full_name is None and row.locale is None
    assert row.last_seen_at is None and row.school_id is None
    await teacher.send("Здравствуйте")
    assert "152-ФЗ" in teacher.last.text  # asked again, politely
    await teacher.press("Согласен")
    assert "Шаг 1 из 8" in teacher.last.text


async def test_menu_help_and_preparing_sections(app, orgs, teacher: Person) -> None:
    await consent(teacher)
    await complete_profile(teacher)
    for label, expected in [("Самодиагностика", "утверждений"), ("Мой ИОМ", "самодиагностику"),
                            ("Помощь", "/forgetme")]:
        await teacher.press(label)
        assert expected in teacher.last.text
        await teacher.press("Главное меню")
        assert "Главное меню" in teacher.last.text
    await teacher.send("что-нибудь")
    assert "понимаю кнопки" in teacher.last.text and teacher.last.buttons()
    await teacher.send("/nonsense")
    assert "Такой команды нет" in teacher.last.text
    await teacher.send("/help")
    assert "Самодиагностика" in teacher.last.text
    # a teacher forging the coordinator section is refused, not shown it
    await teacher.press_data("m:coordinator")
    assert any("недоступно" in a for a in teacher.alerts())


async def test_profile_edit_field_by_field_and_language(app, orgs, teacher: Person) -> None:
    await consent(teacher)
    await complete_profile(teacher)
    await teacher.send("/profile")
    assert "Стаж: 12 лет" in teacher.last.text
    await teacher.press("Стаж")
    await teacher.send("сто")
    assert "целое число" in teacher.last.text
    await teacher.send("15")
    assert "Сохранено" in teacher.last.text and "Стаж: 15 лет" in teacher.last.text
    await teacher.press("Организация")
    await teacher.press("Заречный район")
    await teacher.press("МКОУ Заречная СОШ")
    assert "МКОУ Заречная СОШ" in teacher.last.text
    uow = await db(app)
    person = await uow.people.get_by_external(Channel.TELEGRAM, str(teacher.user.id))
    await uow.session.close()
    assert [(g.role, g.org_id) for g in person.grants] == [(Role.TEACHER, orgs["other_school"])]
    await teacher.press("Должность")
    await teacher.press("Отмена")
    assert "отменено" in teacher.last.text
    await teacher.press("Язык")
    await teacher.press("English")
    assert "My profile" in teacher.last.text and "Language: English" in teacher.last.text
    await teacher.press("Main menu")
    assert "Self-assessment" in teacher.last.buttons()[0][0]
    assert (await person_row(app, teacher.user.id)).locale == "en"
