"""The same bot in MAX, through the fake MAX Bot API on loopback: the teacher's loop and a
coordinator's approval run through the same handlers as in Telegram; a notification caused
by a Telegram user reaches a MAX user; none of the bot's calls is rejected by the fake."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.enums import Channel, Role
from storage.models import PersonRow
from tests.diagnosis.test_flows import STRONG_WEAK, complete
from tests.max.fake_max import FakeMax
from tests.max.user import MaxUser
from tests.profile.test_onboarding import complete_profile, consent

MAX_TEACHER, MAX_COORD = 770_001, 770_002


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
