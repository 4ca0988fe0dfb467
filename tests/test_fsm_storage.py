"""The conversation state in the database, read once per update and never stale: a write in
the update's session, a delete by another path (erasing a person) and a rollback are all seen
by the next read in the same update."""

from __future__ import annotations

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import delete, event

from bot.app import App
from storage.fsm import DatabaseStorage, current_session
from storage.models import FsmStateRow

KEY = StorageKey(bot_id=1, chat_id=42, user_id=42)


@pytest.mark.parametrize("memory", [False, True], ids=["database", "memory"])
async def test_one_read_per_update_and_every_change_seen(app: App, memory: bool) -> None:
    storage = DatabaseStorage(app.sessions, memory=memory)
    selects: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(app.engine.sync_engine, "before_cursor_execute", count)
    async with app.sessions() as session:
        token = current_session.set(session)
        try:
            assert await storage.get_state(KEY) is None
            await storage.set_state(KEY, None)  # unchanged: no write, no second read
            await storage.set_data(KEY, {})
            assert len(selects) == 1

            await storage.set_state(KEY, "form:name")
            await storage.set_data(KEY, {"draft": "Иванова"})
            assert await storage.get_state(KEY) == "form:name"
            assert await storage.get_data(KEY) == {"draft": "Иванова"}
            await session.commit()

            # another path deletes the row (as /forgetme does): the next read sees it gone
            await session.execute(delete(FsmStateRow))
            assert await storage.get_state(KEY) is None
            assert await storage.get_data(KEY) == {}
            await session.rollback()  # ...and after a rollback the row is back
            assert await storage.get_state(KEY) == "form:name"

            await storage.set_state(KEY, "form:school")
            await session.rollback()
            assert await storage.get_state(KEY) == "form:name"
        finally:
            current_session.reset(token)
    event.remove(app.engine.sync_engine, "before_cursor_execute", count)

    # outside an update (no current session) every call reads the database itself
    assert await storage.get_state(KEY) == "form:name"
    assert await storage.get_data(KEY) == {"draft": "Иванова"}
