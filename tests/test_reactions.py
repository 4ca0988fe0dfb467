"""Facts and reactions (domain/reactions.py): effects across features run at commit, in order,
in the same transaction; a rolled-back unit of work forgets its facts. No database here."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from domain.reactions import Reactions


@dataclass(frozen=True)
class Said:
    word: str


@dataclass(frozen=True)
class Echoed:
    word: str


class Work:
    """The part of a unit of work the registry uses."""

    def __init__(self, reactions: Reactions) -> None:
        self.reactions = reactions
        self.pending: list[object] = []
        self.log: list[str] = []

    def emit(self, fact: object) -> None:
        self.pending.append(fact)


async def test_reactions_run_in_order_and_facts_they_emit_are_handled_too() -> None:
    reactions = Reactions()

    async def first(uow: Work, fact: Said) -> None:
        uow.log.append(f"first {fact.word}")
        uow.emit(Echoed(fact.word))

    async def second(uow: Work, fact: Said) -> None:
        uow.log.append(f"second {fact.word}")

    async def echo(uow: Work, fact: Echoed) -> None:
        uow.log.append(f"echo {fact.word}")

    reactions.on(Said, first)
    reactions.on(Said, second)
    reactions.on(Echoed, echo)
    work = Work(reactions)
    work.emit(Said("a"))
    work.emit(Said("b"))
    await reactions.settle(work, work.pending)  # type: ignore[arg-type]
    assert work.log == ["first a", "second a", "first b", "second b", "echo a", "echo b"]
    assert work.pending == []


async def test_a_fact_nobody_reacts_to_is_dropped_quietly() -> None:
    work = Work(Reactions())
    work.emit(Said("unheard"))
    await work.reactions.settle(work, work.pending)  # type: ignore[arg-type]
    assert work.pending == [] and work.log == []


async def test_facts_causing_facts_forever_stop_loudly() -> None:
    reactions = Reactions()

    async def again(uow: Work, fact: Said) -> None:
        uow.emit(Said(fact.word))

    reactions.on(Said, again)
    work = Work(reactions)
    work.emit(Said("loop"))
    with pytest.raises(RuntimeError, match="facts keep causing facts"):
        await reactions.settle(work, work.pending)  # type: ignore[arg-type]


async def test_the_wiring_registers_every_cross_feature_effect_once() -> None:
    from domain.courses import ReportAccepted
    from domain.diagnosis import DiagnosisCompleted
    from domain.events import AttendanceMarked, AttendanceTakenBack
    from domain.wiring import REACTIONS

    # the ИОМ, the feedback form, the competition record (professional activity)
    assert len(REACTIONS.reactions_to(AttendanceMarked)) == 3
    assert len(REACTIONS.reactions_to(AttendanceTakenBack)) == 2  # the ИОМ, the record
    assert len(REACTIONS.reactions_to(ReportAccepted)) == 2  # the hours ledger, the ИОМ
    assert len(REACTIONS.reactions_to(DiagnosisCompleted)) == 1  # monitoring campaigns


async def test_rollback_forgets_the_facts(app) -> None:
    from storage.uow import SqlUnitOfWork
    from tests.clock import TEST_CLOCK

    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        uow.emit(Said("never"))
        await uow.rollback()
        assert uow.pending == []


async def test_the_update_middlewares_settle_facts_a_handler_left_uncommitted(app) -> None:
    """A service emits a fact and the handler returns without ``uow.commit()``: the update's
    own commit (CommitMiddleware, UnitOfWorkMiddleware) still runs the reactions first."""
    from aiogram.types import Chat, Message, User

    from bot.middlewares import CommitMiddleware, UnitOfWorkMiddleware
    from tests.clock import TEST_CLOCK

    ran: list[str] = []

    async def reaction(uow: object, fact: Said) -> None:
        ran.append(fact.word)

    async def handler(_event: object, data: dict) -> str:
        uow = data["uow"]
        uow.reactions = Reactions()
        uow.reactions.on(Said, reaction)
        uow.emit(Said("привет"))
        return "handled"

    async def inner(event: object, data: dict) -> str:
        return await CommitMiddleware()(handler, event, data)

    message = Message(message_id=1, date=TEST_CLOCK.now(), chat=Chat(id=1, type="private"),
                      from_user=User(id=1, is_bot=False, first_name="М"), text="x")
    result = await UnitOfWorkMiddleware(app.sessions, TEST_CLOCK)(inner, message, {})
    assert result == "handled"
    assert ran == ["привет"]
