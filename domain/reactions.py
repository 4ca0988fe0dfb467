"""Effects across features as domain events ("facts"), not imports between features.

A service states what happened — ``uow.emit(AttendanceMarked(...))`` — and goes on; the unit of
work keeps the facts and, when it commits, hands each one to the reactions registered for its
type, in the same transaction, before the commit (so the change and its effects are stored
together or not at all). A reaction may emit further facts; they are handled in the same round.

The feature that publishes a fact defines it (a small frozen dataclass in its package); the
feature that reacts registers itself with ``subscribe(reactions)``; ``domain/wiring.py`` is the
one place that knows both (the composition), so features never import each other for effects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from domain.ports import UnitOfWork

F = TypeVar("F")
Reaction = Callable[["UnitOfWork", Any], Awaitable[None]]

ROUNDS_MAX = 20  # facts causing facts: a loop in the wiring stops here, loudly


class Reactions:
    """Which reactions each type of fact has, in the order they were registered."""

    def __init__(self) -> None:
        self._by_type: dict[type, list[Reaction]] = defaultdict(list)

    def on(self, fact_type: type[F], reaction: Callable[[UnitOfWork, F], Awaitable[None]]
           ) -> None:
        self._by_type[fact_type].append(reaction)

    def reactions_to(self, fact_type: type) -> tuple[Reaction, ...]:
        return tuple(self._by_type.get(fact_type, ()))

    async def settle(self, uow: UnitOfWork, pending: list[Any]) -> None:
        """Handle ``pending`` (and whatever the reactions emit into it) until it is empty."""
        handled = 0
        while pending:
            fact = pending.pop(0)
            handled += 1
            if handled > ROUNDS_MAX * 50:
                raise RuntimeError(f"facts keep causing facts (last: {fact!r})")
            for reaction in self.reactions_to(type(fact)):
                await reaction(uow, fact)
