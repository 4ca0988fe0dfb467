"""Helpers for the external diagnostics tests (no tests here): typed dates, table rows, the
entry form filled in."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from tests.harness import Person
from tests.support.route import today

OPERATOR = "ЦНППМ Тестовой области"
INSTRUMENT = "Тест <ЦНППМ>-2026"


def day(offset: int) -> str:
    return (today() + timedelta(days=offset)).strftime("%d.%m.%Y")


async def rows_of(app: Any, model: Any, *where: Any) -> list[Any]:
    async with app.sessions() as s:
        return list((await s.scalars(select(model).where(*where).order_by(model.id))).all())


async def enter(p: Person, percents: tuple[str, str, str, str]) -> None:
    """The date ten days ago, the operator, the instrument and a percent per group."""
    await p.send(day(-10))
    assert "Кто проводил диагностику" in p.last.text
    await p.send(OPERATOR)
    await p.send(INSTRUMENT)
    for value in percents:
        assert "Результат по группе" in p.last.text
        await p.send(value)
