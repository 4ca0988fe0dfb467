"""Helpers for the group ИОМ tests (no tests here): a school whose teachers share a deficit,
a group route made through the services, rows read back, a person after a restart."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from domain import group_route as grp
from domain.route import default_period
from tests.harness import Person
from tests.support.route import actor, diagnose, now, onboarded, run, today, world

THIRD = 650_010


async def rows(app: Any, model: Any) -> list[Any]:
    async with app.sessions() as s:
        return list((await s.scalars(select(model))).all())


async def school(app: Any, orgs: dict[str, int]) -> dict[str, int]:
    """Two teachers share the deficits of WEAK; a third has none."""
    w = await world(app, orgs)
    w["third"] = await onboarded(app, THIRD, orgs["school1"], name="Сидорова Мария Ивановна")
    await diagnose(app, w["teacher"])
    await diagnose(app, w["teacher2"])
    await diagnose(app, w["third"], weak={})
    return w


async def group(app: Any, orgs: dict[str, int], w: dict[str, int]) -> grp.GroupRoute:
    """«Методическая группа» of the school coordinator: both diagnosed teachers, this school
    year, no activities yet."""
    return await run(app, grp.create, await actor(app, w["coord"]), orgs["school1"],
                     "methodological", None, "Методические дефициты", "Методическая группа",
                     default_period(today()), [w["teacher"], w["teacher2"]], today(), now())


def moved(p: Person, app: Any) -> Person:
    """The same person talking to a restarted bot, with the chat they had."""
    q = Person(app, p.user.id)
    q.tg.messages[q.chat.id] = list(p.tg.messages[p.chat.id])
    return q
