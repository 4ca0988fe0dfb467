"""Two updates of one person in flight at once are handled one after the other, and the second
sees the conversation state the first one wrote (aiogram's per-user lock covers our commit)."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from storage.models import FsmStateRow
from tests.harness import Person


async def test_a_quick_second_message_sees_the_step_the_first_one_reached(app, orgs) -> None:
    p = Person(app, 730_001)
    await p.send("/start")
    await p.press("Согласен")
    assert "Шаг 1 из 8" in p.last.text  # the full name

    # typed twice in a row before the bot answered: the second arrives at step 2
    await asyncio.gather(p.send("Иванова Мария Петровна"), p.send("Петров Пётр Петрович"))

    async with app.sessions() as s:
        rows = (await s.scalars(select(FsmStateRow))).all()
    data = [r.data for r in rows if r.data]
    assert len(data) == 1
    # the name is the first message; the second was taken at step 2, as a search for the
    # municipality (typing there searches the list)
    assert data[0]["draft"]["full_name"] == "Иванова Мария Петровна"
    assert data[0]["query"] == "Петров Пётр Петрович"
