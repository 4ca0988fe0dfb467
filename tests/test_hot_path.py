"""The menu tap is the most frequent update: at most one connection, two statements (the conversation
state; the person with their roles). A count, not a timing: it fails on the change that adds a
round trip, whatever the machine."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from bot.app import App
from storage.db import is_sqlite
from tests.conftest import AppFactory, onboarded
from tests.harness import Person


async def test_a_menu_tap_costs_one_connection_and_two_statements(make_app: AppFactory,
                                                                  orgs: dict[str, int]) -> None:
    # the person read from the database every time (tests/test_people_cache.py: from memory)
    app = await make_app(people_cache=False)
    await onboarded(app, 740_001, orgs["school1"])
    p = Person(app, 740_001)
    await p.send("/menu")  # warm: "last seen" is written at most every few minutes
    statements: list[str] = []
    connections: list[int] = []

    def on_statement(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    def on_checkout(*_: Any) -> None:
        connections.append(1)

    event.listen(app.engine.sync_engine, "before_cursor_execute", on_statement)
    event.listen(app.engine.sync_engine.pool, "checkout", on_checkout)
    try:
        await p.send("/menu")
    finally:
        event.remove(app.engine.sync_engine, "before_cursor_execute", on_statement)
        event.remove(app.engine.sync_engine.pool, "checkout", on_checkout)
    assert "Самодиагностика" in str(p.last.buttons())  # the menu was shown
    assert len(connections) == 1
    if is_sqlite(app.settings.database_url):  # the conversation state is kept in memory
        statements.insert(0, "(fsm_states from memory)")
    assert len(statements) == 2, statements
    assert "fsm_states" in statements[0] and "people" in statements[1]
    assert "role_grants" in statements[1]  # the roles in the same statement
