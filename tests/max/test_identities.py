"""One profile in both messengers: /link in one, the code (or the link) in the other."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from domain.enums import Channel
from storage.identities.models import PersonIdentityRow
from storage.models import PersonRow
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.harness import Person
from tests.max.fake_max import BOT_NICK
from tests.max.user import MaxUser

TG_ID, MAX_ID, OTHER_MAX = 780_001, 780_002, 780_003


async def count(app, model) -> int:
    async with app.sessions() as s:
        return int(await s.scalar(select(func.count()).select_from(model)) or 0)


async def test_link_a_max_account_to_a_telegram_profile(app, orgs, fake_max) -> None:
    person_id = await onboarded(app, TG_ID, orgs["school1"])
    tg = Person(app, TG_ID)
    await tg.send("/link")
    m = re.search(r"/link (\S+)</code>", tg.last.text)
    assert m, tg.last.text
    code = m.group(1)
    assert f"https://max.ru/{BOT_NICK}?start=link-{code}" in tg.last.text
    # in MAX: /start from the link; a bare first contact is given up for the link
    mx = MaxUser(app, fake_max, MAX_ID)
    await mx.send("/start")  # pressed Start before following the link
    await mx.start(f"link-{code}")
    assert "Аккаунт привязан" in mx.last.text
    await mx.send("/menu")
    assert "Главное меню" in mx.last.text and "Согласен" not in str(mx.last.buttons())
    async with app.sessions() as s:
        rows = (await s.scalars(select(PersonRow))).all()
        assert [(r.id, r.channel) for r in rows] == [(person_id, "telegram")]
        link = (await s.scalars(select(PersonIdentityRow))).one()
        assert (link.person_id, link.channel, link.external_id) == (person_id, "max",
                                                                     str(MAX_ID))
    # the code worked once
    other = MaxUser(app, fake_max, OTHER_MAX)
    await other.send(f"/link {code}")
    assert "не найден" in other.last.text
    assert fake_max.rejected == []


async def test_link_refusals(app, orgs, fake_max) -> None:
    await onboarded(app, TG_ID, orgs["school1"])
    await onboarded(app, OTHER_MAX, orgs["school2"], name="Своя Анна Петровна",
                    channel=Channel.MAX)
    tg = Person(app, TG_ID)
    await tg.send("/link")
    code = re.search(r"/link (\S+)</code>", tg.last.text).group(1)  # type: ignore[union-attr]
    # an account with a profile of its own is never merged
    own = MaxUser(app, fake_max, OTHER_MAX)
    await own.send(f"/link {code}")
    assert "уже есть свой профиль" in own.last.text
    # a new code; expired after 15 minutes
    await tg.send("/link")
    code = re.search(r"/link (\S+)</code>", tg.last.text).group(1)  # type: ignore[union-attr]
    TEST_CLOCK.set(TEST_CLOCK.now() + timedelta(minutes=16))
    mx = MaxUser(app, fake_max, MAX_ID)
    await mx.send(f"/link {code}")
    assert "Срок кода" in mx.last.text
    # someone with no profile gets no code
    newcomer = Person(app, 780_009)
    await newcomer.send("/link")
    assert "Сначала заполните профиль" in newcomer.last.text
    assert await count(app, PersonIdentityRow) == 0
