"""Review: numbers in forged callback data that no database column can hold.

Every id, page and index in our callback data ends up in a query. A forged value beyond a
PostgreSQL INTEGER (2**31) made asyncpg refuse the query, and one beyond 64 bits made SQLite
refuse it too: the person got «Что-то пошло не так — мы уже разбираемся» and the log an
error for what is just a bad button. Such data must not unpack: the fallback answers it as a
stale button, like any other malformed callback.
"""

from __future__ import annotations

from aiogram.methods import AnswerCallbackQuery

from domain.enums import Role
from tests.conftest import onboarded
from tests.harness import Person
from tests.support.events import make_event

HUGE = [2**31, 10**20]
FORGED = [
    # self-diagnosis
    "dg:result:{n}", "dg:analysis:{n}", "dg:write:{n}", "da:{n}:0:1", "ds:{n}:0:next",
    "ds:{n}:0:submit", "dr:{n}:0",
    # events (teacher and organiser)
    "evc:{n}:l:0:*:*:*", "eva:reg:{n}:m:0:*:*:*", "evm:up:{n}", "evl:{n}:*:*:*",
    "evx:card:{n}:0", "evx:att:{e}:{n}", "evt:{e}:{n}:0", "eve:{n}:title", "evo:mine:{n}",
    # course forms
    "crm:home:{n}", "crm:queue:{n}", "crf:open:{n}", "cre:{n}:program", "crv:open:{n}",
    # the ИОМ
    "rt:route:{n}:", "rt:row:{n}:", "rt:act:{n}:", "rt:pick:1:{n}", "rr:open:{n}:0",
    "rr:queue:0:{n}",
    # foundation
    "iv:{n}", "o:{n}", "p:{n}", "is:{n}",
]


async def test_huge_numbers_in_callback_data_are_stale_buttons(app, orgs) -> None:
    event_id = await make_event(app, orgs["mun1"])
    await onboarded(app, 660_001, orgs["school1"])
    await onboarded(app, 660_002, None, name="Координаторова Ольга Игоревна",
                    roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])])
    for user_id in (660_001, 660_002):
        p = Person(app, user_id)
        await p.send("/menu")
        for template in FORGED:
            for n in HUGE:
                data = template.format(n=n, e=event_id)
                calls = await p.press_data(data)
                answers = [c for c in calls if isinstance(c, AnswerCallbackQuery)]
                assert answers, f"{data}: the button keeps spinning"
                texts = " ".join((getattr(c, "text", None) or "") for c in calls)
                assert "пошло не так" not in texts, f"{data}: internal error for a forged button"
                assert "неактуальна" in answers[0].text, (data, answers[0].text)
                assert "Главное меню" in p.last.text  # and where to go from here
