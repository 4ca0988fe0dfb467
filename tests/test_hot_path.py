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


async def test_a_tap_served_from_memory_opens_no_connection_and_leaves_none_open(
        make_app: AppFactory, orgs: dict[str, int]) -> None:
    """With the person cache and the SQLite conversation state in memory a menu tap never
    touches the database (bot/middlewares.py then skips closing the untouched session); the
    updates that do read give their connection back all the same."""
    app = await make_app()
    await onboarded(app, 740_002, orgs["school1"])
    p = Person(app, 740_002)
    await p.send("/menu")  # warm the caches; "last seen" written
    checkouts: list[int] = []

    def on_checkout(*_: Any) -> None:
        checkouts.append(1)

    event.listen(app.engine.sync_engine.pool, "checkout", on_checkout)
    try:
        await p.send("/menu")
        if is_sqlite(app.settings.database_url):
            assert checkouts == []
        await p.press("Мероприятия")  # the catalogue: reads events, writes nothing
        await p.send("/menu")
    finally:
        event.remove(app.engine.sync_engine.pool, "checkout", on_checkout)
    assert "Главное меню" in p.last.text
    assert app.engine.sync_engine.pool.checkedout() == 0


def test_formatted_messages_are_kept_by_the_values_of_their_parameters() -> None:
    """bot/i18n.py keeps formatted messages: the same parameters give Fluent's own text, other
    values another text; a datetime or a long text is formatted every time."""
    from datetime import UTC, datetime

    from aiogram_i18n.cores import FluentRuntimeCore

    from bot.i18n import make_core

    core = make_core("ru")
    core.locales = core.find_locales()
    plain = FluentRuntimeCore.get
    for n in (1, 2, 5, 21, 1, 2):  # Russian plural forms: год, года, лет
        assert core.get("years-count", "ru", n=n) == plain(core, "years-count", "ru", n=n)
    assert core.get("years-count", "ru", n=1) != core.get("years-count", "ru", n=5)
    assert core.get("years-count", "en", n=1) != core.get("years-count", "ru", n=1)
    assert core.get("years-count", "ru", n=1.5) == plain(core, "years-count", "ru", n=1.5)
    kept = len(core._texts)
    assert kept == 6  # ru 1, 2, 5, 21, 1.5; en 1
    when = datetime(2026, 1, 1, tzinfo=UTC)
    core.get("years-count", "ru", n=when)  # not by value: formatted, not kept
    core.get("ev-list-seats", "ru", left="x" * 500)  # a long text: not kept either
    assert len(core._texts) == kept


def test_packed_callback_data_is_what_pack_gives() -> None:
    from handlers.callbacks import MenuCb, packed
    from handlers.events.callbacks import CardFrom, EvCardCb, EvListCb

    for n in (0, 1, 7, 0):
        assert packed(EvListCb, page=n, form="*", level="*", month="*") \
            == EvListCb(page=n, form="*", level="*", month="*").pack()
    assert packed(EvCardCb, event_id=5, src=CardFrom.CATALOGUE, page=1, form="seminar",
                  level="*", month="202612") == EvCardCb(
        event_id=5, src=CardFrom.CATALOGUE, page=1, form="seminar", level="*",
        month="202612").pack()
    assert packed(MenuCb, to="home") == "m:home"
