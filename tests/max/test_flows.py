"""The same bot in MAX, through the fake MAX Bot API on loopback: the teacher's loop and a
coordinator's approval run through the same handlers as in Telegram; a notification caused
by a Telegram user reaches a MAX user; none of the bot's calls is rejected by the fake."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.enums import Channel, Role
from storage.models import PersonRow
from tests.diagnosis.test_flows import complete
from tests.max.fake_max import FakeMax
from tests.max.user import MaxUser
from tests.profile.test_onboarding import complete_profile, consent

MAX_TEACHER, MAX_COORD = 770_001, 770_002
#: two methodological statements not mastered: a short plan
FEW_WEAK = ["Владею уверенно"] * 9 + ["Не владею"] * 2 + ["Владею уверенно"] * 25


@pytest.fixture(autouse=True)
def quick_outbox(app) -> None:
    app.sender.per_chat_interval = 0.0


async def people(app) -> list[PersonRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(PersonRow).order_by(PersonRow.id))).all())


async def test_onboarding_in_max_is_a_max_person(app, orgs, fake_max: FakeMax) -> None:
    t = MaxUser(app, fake_max, MAX_TEACHER)
    await t.start()
    assert "Согласен" in str(t.last.buttons())
    assert t.last.format == "html"
    await t.press("Согласен")
    assert "Шаг 1 из 8" in t.last.text
    await complete_profile(t)
    assert "Профиль заполнен" in t.last.text
    [row] = await people(app)
    assert (row.channel, row.external_id) == (Channel.MAX.value, str(MAX_TEACHER))
    assert row.full_name == "Иванова Мария Петровна"
    # the same numeric id in Telegram is another person with its own conversation
    from tests.harness import Person
    tg = Person(app, MAX_TEACHER)
    await tg.send("/start")
    assert "Согласен" in str(tg.last.buttons())
    assert [(r.channel, r.external_id) for r in await people(app)] == [
        ("max", str(MAX_TEACHER)), ("telegram", str(MAX_TEACHER))]
    assert fake_max.rejected == []


async def _deliver(app) -> None:
    await app.sender.run_once(budget=3)


async def _fill_route(t) -> int:
    """Build the draft and give every row an own item; returns the rows."""
    await t.send("/menu")
    await t.press("Мой ИОМ")
    await t.press("Построить черновик")
    import re
    rows = int(re.search(r"строк плана — (\d+)", t.last.text).group(1))  # type: ignore[union-attr]
    from tests.route.test_flows import add_own
    for n in range(1, rows + 1):
        await t.press(f"{n}. ")
        await add_own(t, f"Самообразование по строке {n}")
        await t.press("Назад")
    return rows


async def test_teacher_loop_and_coordinator_approval_in_max(app, orgs, fake_max) -> None:
    from tests.conftest import onboarded
    from tests.support.route import catalogue

    await catalogue(app, orgs)
    await onboarded(app, MAX_COORD, orgs["school1"], name="Завучева Ирина Павловна",
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])], channel=Channel.MAX)
    t = MaxUser(app, fake_max, MAX_TEACHER)
    # consent → profile
    await consent(t)
    await complete_profile(t, school="МАОУ СОШ № 01")
    assert "Профиль заполнен" in t.last.text
    # diagnosis: 36 statements, one message edited in place, the chart uploaded as an image
    await t.press("Самодиагностика")
    sent_before = len(fake_max.of("POST", "/messages"))
    await t.press("Начать")
    await complete(t, FEW_WEAK)
    assert len(fake_max.of("PUT", "/messages")) >= 36
    assert fake_max.of("POST", "/uploads"), "the chart goes through MAX uploads"
    assert any(m.files() for m in fake_max.messages[MAX_TEACHER])
    assert len(fake_max.of("POST", "/messages")) - sent_before < 10
    # ИОМ: draft, rows, submit
    rows = await _fill_route(t)
    assert rows >= 1
    await t.press("Отправить на согласование")
    assert "Координаторов школы уведомлено: 1" in t.last.text
    # the coordinator (a MAX person) gets the alert in MAX and approves there
    await _deliver(app)
    c = MaxUser(app, fake_max, MAX_COORD)
    assert "ИОМ на согласование" in c.last.text and "Иванова Мария" in c.last.text
    await c.press("Открыть ИОМ")
    await c.press("Согласовать")
    assert "Маршрут согласован" in c.last.text
    await _deliver(app)
    assert "Ваш ИОМ согласован" in t.last.text
    # registration for an event
    from tests.events.test_flows import open_events
    await open_events(t)
    await t.press("Семинар по оцениванию")
    await t.press("Записаться")
    assert "Вы записаны" in t.last.text
    # the course form (ТЗ), approved by the coordinator in MAX; the report with a PDF
    from tests.courses.test_flows import approve_assignment, fill_assignment, fill_report
    await fill_assignment(t)
    await approve_assignment(app, c)
    await fill_report(t)
    assert "Отчёт отправлен" in t.last.text
    assert fake_max.rejected == []
    assert not app.bot.session.calls or all(  # nothing of this went through Telegram
        getattr(m, "chat_id", None) not in (MAX_TEACHER, MAX_COORD) for m in app.bot.session.calls)


async def test_a_telegram_teachers_route_reaches_a_max_coordinator(app, orgs, fake_max) -> None:
    from tests.conftest import onboarded
    from tests.harness import Person
    from tests.support.route import TEACHER, diagnose

    teacher_id = await onboarded(app, TEACHER, orgs["school1"])
    await onboarded(app, MAX_COORD, orgs["school1"], name="Завучева Ирина Павловна",
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])], channel=Channel.MAX)
    await diagnose(app, teacher_id)
    t = Person(app, TEACHER)
    await _fill_route(t)
    await t.press("Отправить на согласование")
    await _deliver(app)
    c = MaxUser(app, fake_max, MAX_COORD)
    assert "ИОМ на согласование" in c.last.text and "Петрова Анна Сергеевна" in c.last.text
    await c.press("Открыть ИОМ")
    await c.press("Согласовать")
    await _deliver(app)
    assert "Ваш ИОМ согласован" in t.last.text  # back in Telegram
    assert fake_max.rejected == []


async def test_an_invite_made_in_max_prints_both_links_and_works_in_max(app, orgs,
                                                                       fake_max) -> None:
    import re

    from tests.conftest import onboarded
    from tests.harness import BOT_USERNAME, Person
    from tests.max.fake_max import BOT_NICK

    await onboarded(app, MAX_COORD, orgs["school1"], name="Завучева Ирина Павловна",
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])], channel=Channel.MAX)
    c = MaxUser(app, fake_max, MAX_COORD)
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Пригласить")
    await c.press("Педагог")
    await c.press("МАОУ СОШ № 01")
    assert f"https://t.me/{BOT_USERNAME}?start=" in c.last.text
    found = re.search(rf"https://max\.ru/{BOT_NICK}\?start=([A-Za-z0-9_-]+)", c.last.text)
    assert found, c.last.text
    code = found.group(1)
    # the MAX link: the «Start» button brings the code in bot_started's payload
    t = MaxUser(app, fake_max, MAX_TEACHER)
    await t.start(code)
    assert "Вас приглашают" in t.last.text and "МАОУ СОШ № 01" in t.last.text
    await t.press("Согласен")
    assert any("Приглашение принято" in x for x in t.texts)
    # the Telegram link still works for a Telegram user
    tg = Person(app, 700_077)
    await tg.send(f"/start {code}")
    assert "Вас приглашают" in tg.last.text
    assert fake_max.rejected == []
