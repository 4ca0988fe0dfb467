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
