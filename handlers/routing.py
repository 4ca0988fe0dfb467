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

import aiogram
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.types import TelegramObject

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


# ---- an update skips the routers that cannot take it ----------------------------------------


class Router(aiogram.Router):
    """aiogram's Router that passes over, in one check, an update no handler under it can take.

    aiogram offers an update to router after router; entering one (its outer middlewares, root
    filters, the handlers' filters, and a copy of the update's data at every step) cost ~15 µs
    even when nothing in it could take the update — and a button press crossed a dozen routers
    before reaching the catalogue (benchmarks/bench_updates.py). ``gate`` tells each router, once
    the tree is built, which update types its handlers take and, for button presses, the
    ``CallbackData`` prefixes; anything else is passed over before aiogram looks inside. A router
    that was never gated takes everything, as aiogram's does."""

    def __init__(self, *, name: str | None = None) -> None:
        super().__init__(name=name)
        #: update type → the callback data prefixes taken (None: any data); None: not gated
        self.takes: dict[str, frozenset[str] | None] | None = None

    async def propagate_event(self, update_type: str, event: TelegramObject, **kwargs: Any
                              ) -> Any:
        takes = self.takes
        if takes is not None:
            if update_type not in takes:
                return UNHANDLED
            prefixes = takes[update_type]
            if prefixes is not None and _prefix(event) not in prefixes:
                return UNHANDLED
        observer = self.observers.get(update_type)
        if observer is not None and not len(observer.outer_middleware):
            # what aiogram's propagate_event does, minus wrapping an empty middleware chain
            # (a functools.wraps and two copies of the update's data per router level)
            kwargs["event_router"] = self
            return await self._propagate_event(observer, update_type, event, **kwargs)
        return await super().propagate_event(update_type, event, **kwargs)


def _prefix(event: TelegramObject) -> str:
    data = getattr(event, "data", None) or ""
    return data.split(":", 1)[0]


Takes = dict[str, frozenset[str] | None]


def gate(router: aiogram.Router) -> Takes:
    """Tell ``router`` and every router under it what they can take; returns ``router``'s.

    An update type is taken where an observer has handlers or outer middlewares (its own or a
    sub-router's). Button presses are narrowed further: a router whose every press handler is
    filtered by ``CallbackData`` classes (its sub-routers' too) takes only those classes'
    prefixes; one with a handler that takes other data (a bare filter, ``F.data`` …) takes any —
    and so do the routers above it."""
    takes: Takes = {}
    for name, observer in router.observers.items():
        if len(observer.outer_middleware):  # it runs for whatever comes: nothing is skipped
            takes[name] = None
        elif observer.handlers:
            takes[name] = _prefixes(observer.handlers) if name == "callback_query" else None
    for sub in router.sub_routers:
        for name, below in gate(sub).items():
            takes[name] = _either(takes[name], below) if name in takes else below
    if isinstance(router, Router):
        router.takes = takes
    return takes


def _either(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    return None if a is None or b is None else a | b


def _prefixes(handlers: list[Any]) -> frozenset[str] | None:
    prefixes: set[str] = set()
    for handler in handlers:
        found = [f.callback.callback_data for f in handler.filters or ()
                 if isinstance(f.callback, CallbackQueryFilter)]
        if not found or not all(c.__separator__ == ":" and ":" not in c.__prefix__
                                for c in found):
            return None
        prefixes.update(c.__prefix__ for c in found)
    return frozenset(prefixes)
