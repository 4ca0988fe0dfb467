"""Routers built by a factory, not kept at module level.

A feature declares its handlers once, at import, with aiogram's own decorators on a ``Routes``
(``@routes.message(...)``, ``@routes.callback_query(...)``, ``@routes.errors()``); every
Dispatcher gets fresh ``Router`` objects from ``routes.build()``. aiogram attaches a router to
one parent only, so module-level routers could not serve a second Dispatcher in one process (the
tests, a restart simulated in-process) without resetting a private attribute of aiogram.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import Router
from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.types import CallbackQuery

Callback = Callable[..., Any]


class Routes:
    """Handlers of one screen group, in the order they were declared; ``parts`` are included
    after them, in order (a feature package's ``Routes`` holds its modules')."""

    def __init__(self, name: str, *parts: Routes) -> None:
        self.name = name
        self.parts = parts
        self._handlers: list[tuple[str, Callback, tuple[Any, ...], dict[str, Any]]] = []

    def _on(self, observer: str, filters: tuple[Any, ...], kwargs: dict[str, Any]
            ) -> Callable[[Callback], Callback]:
        def register(callback: Callback) -> Callback:
            self._handlers.append((observer, callback, filters, kwargs))
            return callback

        return register

    def message(self, *filters: Any, **kwargs: Any) -> Callable[[Callback], Callback]:
        return self._on("message", filters, kwargs)

    def callback_query(self, *filters: Any, **kwargs: Any) -> Callable[[Callback], Callback]:
        return self._on("callback_query", filters, kwargs)

    def errors(self, *filters: Any, **kwargs: Any) -> Callable[[Callback], Callback]:
        return self._on("errors", filters, kwargs)

    def build(self) -> Router:
        """A new Router with every handler (and the parts' routers), attached to nothing."""
        router = Router(name=self.name)
        for observer, callback, filters, kwargs in self._handlers:
            getattr(router, observer).register(callback, *filters, **kwargs)
        if self.parts:
            router.include_routers(*(part.build() for part in self.parts))
        return router


# ---- a button press skips the routers that cannot take it -----------------------------------


class PrefixIn(Filter):
    """A router-level filter: the press's callback data starts with one of ``prefixes``."""

    def __init__(self, prefixes: frozenset[str]) -> None:
        self.prefixes = prefixes

    async def __call__(self, query: CallbackQuery) -> bool:
        data = query.data or ""
        return data.split(":", 1)[0] in self.prefixes


def gate_callbacks(router: Router) -> frozenset[str] | None:
    """Give ``router`` and every router under it a ``PrefixIn`` filter on button presses.

    aiogram offers a press to router after router and, in each, checks handler after handler
    (~50 ``CallbackData`` unpacks before the catalogue's handler was found). A router whose
    every press handler is filtered by a ``CallbackData`` class (and so are its sub-routers')
    can take only those classes' prefixes: with the filter it is passed over in one check.
    A router with a handler that takes other data (a bare filter, ``F.data`` …) gets none —
    nor do the routers above it. Returns the prefixes the router can take, None for "any"."""
    prefixes: set[str] = set()
    gated = True
    for handler in router.callback_query.handlers:
        found = [f.callback.callback_data for f in handler.filters or ()
                 if isinstance(f.callback, CallbackQueryFilter)]
        if found and all(c.__separator__ == ":" and ":" not in c.__prefix__ for c in found):
            prefixes.update(c.__prefix__ for c in found)
        else:
            gated = False
    for sub in router.sub_routers:
        below = gate_callbacks(sub)
        if below is None:
            gated = False
        else:
            prefixes |= below
    if not gated:
        return None
    router.callback_query.filter(PrefixIn(frozenset(prefixes)))
    return frozenset(prefixes)
