"""Helpers for the broadcasts tests (no tests here)."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import Message, MessageEntity, Update
from sqlalchemy import select

from domain.enums import Role
from handlers.broadcasts.progress import ProgressReporter, broadcasts_tick
from storage.broadcasts.models import BroadcastRow
from storage.models import OutboxRow
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, onboarded
from tests.harness import Person

TZ = ZoneInfo("Europe/Moscow")
_ids = itertools.count(9_000_000)

#: teachers of the fixture's region: (user id, school key, full name)
TEACHERS = (
    (601, "school1", "Иванова Мария Петровна"),
    (602, "school2", "Кузнецов <Иван> Ильич"),  # a name that must be escaped
    (603, "school3", "Смирнова Ольга Андреевна"),
    (604, "other_school", "Попов Пётр Петрович"),
)


async def people(app: Any, orgs: dict[str, int]) -> dict[str, int]:
    """The admin (ADMIN_IDS, at school1) and the teachers; returns person ids by user id."""
    ids = {"admin": await onboarded(app, ADMIN_ID, orgs["school1"],
                                    name="Админова Ольга Сергеевна")}
    for user_id, school, name in TEACHERS:
        ids[str(user_id)] = await onboarded(app, user_id, orgs[school], name=name)
    return ids


async def municipal_coordinator(app: Any, orgs: dict[str, int], user_id: int = 700) -> int:
    return await onboarded(app, user_id, orgs["school1"], name="Координаторова Анна Ивановна",
                           roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])])


async def send_formatted(p: Person, text: str, entities: list[MessageEntity] | None = None
                         ) -> None:
    """A text with formatting entities, as Telegram delivers it."""
    message = Message(message_id=next(p.tg._ids), date=TEST_CLOCK.now(), chat=p.chat,
                      from_user=p.user, text=text, entities=entities)
    await p._feed(Update(update_id=next(_ids), message=message))


async def open_broadcasts(p: Person, section: str = "Администрирование") -> None:
    await p.send("/menu")
    await p.press(section)
    await p.press("Рассылки")


async def compose(p: Person, text: str, section: str = "Администрирование") -> int:
    """A new draft with ``text``; returns its id."""
    await open_broadcasts(p, section)
    await p.press("Новая рассылка")
    await p.send(text)
    assert "Черновик сохранён" in p.last.text, p.last.text
    return await last_broadcast(p.app)


async def last_broadcast(app: Any) -> int:
    async with app.sessions() as s:
        return int(await s.scalar(select(BroadcastRow.id).order_by(BroadcastRow.id.desc())))


async def broadcast_row(app: Any, broadcast_id: int) -> BroadcastRow:
    async with app.sessions() as s:
        row = await s.get(BroadcastRow, broadcast_id)
        assert row is not None
        return row


async def rows_of(app: Any, broadcast_id: int) -> list[OutboxRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(OutboxRow).where(
            OutboxRow.broadcast_id == broadcast_id).order_by(OutboxRow.id))).all())


async def deliver(app: Any) -> int:
    """Run the app's outbox sender until nothing is due."""
    total = 0
    for _ in range(20):
        sent = await app.sender.run_once(budget=5)
        total += sent
        if not sent:
            break
    return total


async def tick(app: Any) -> int:
    reporter = ProgressReporter(app.bot, app.sender.translate, "ru", app.settings.send_rate)
    return await broadcasts_tick(app.sessions, app.settings.quiet, TEST_CLOCK, reporter)


def until_local(hour: int, minute: int = 0) -> timedelta:
    """From the frozen now to the next local HH:MM."""
    now = TEST_CLOCK.now().astimezone(TZ)
    target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return target - now


def local(at: datetime) -> datetime:
    return at.astimezone(TZ)
