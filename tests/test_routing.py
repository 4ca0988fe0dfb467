"""Routers built by a factory (handlers/routing.py): every Dispatcher gets its own, with every
handler in the declared order; nothing pokes aiogram's private attributes."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiogram import Router
from aiogram.dispatcher.event.bases import UNHANDLED

from handlers import setup_routers
from handlers.routing import Routes

ROOT = Path(__file__).resolve().parent.parent


def _handlers(router: Router) -> list[str]:
    own = [h.callback.__name__ for h in (*router.message.handlers,
                                        *router.callback_query.handlers,
                                        *router.errors.handlers)]
    return own + [name for sub in router.sub_routers for name in _handlers(sub)]


def test_routes_build_fresh_routers_in_order() -> None:
    part = Routes("part")
    whole = Routes("whole", part)

    @whole.message()
    async def first() -> None: ...

    @part.callback_query()
    async def second() -> None: ...

    @whole.errors()
    async def third() -> None: ...

    a, b = whole.build(), whole.build()
    assert a is not b and a.sub_routers[0] is not b.sub_routers[0]
    assert _handlers(a) == _handlers(b) == ["first", "third", "second"]
    assert a.parent_router is None and a.sub_routers[0].parent_router is a


def test_two_dispatchers_in_one_process_get_the_same_handlers() -> None:
    one, two = setup_routers(), setup_routers()
    assert _handlers(one) == _handlers(two) and len(_handlers(one)) > 100
    assert [r.name for r in one.sub_routers][-1] == "fallback"  # the fallback stays last


def test_no_module_keeps_a_router_or_touches_its_parent() -> None:
    for path in (ROOT / "handlers").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "_parent_router" not in text, path
        if path.name != "routing.py":  # the factory itself
            assert "router = Router(" not in text, path
            # ours, which gate() can tell what to skip (handlers.routing.Router)
            assert not re.search(r"^from aiogram import [^\n]*\bRouter\b", text, re.M), path


def test_a_press_skips_only_the_routers_that_cannot_take_it() -> None:
    """``gate``: a router whose press handlers all filter by CallbackData classes (its
    sub-routers' too) takes their prefixes only; one with any other press handler takes any
    press, and so do the routers above it. Update types no handler takes are not taken."""
    from aiogram import F
    from aiogram.filters.callback_data import CallbackData

    from handlers.routing import Router, gate

    class ACb(CallbackData, prefix="a"):
        x: int

    class BCb(CallbackData, prefix="b"):
        x: int

    async def handler() -> None: ...

    root, typed, loose, inner = Router(), Router(), Router(), Router()
    typed.callback_query.register(handler, ACb.filter())
    inner.callback_query.register(handler, BCb.filter(F.x == 1))
    inner.message.register(handler)
    typed.include_router(inner)
    loose.callback_query.register(handler, F.data == "raw")
    loose.errors.register(handler)
    root.include_routers(typed, loose)
    assert gate(root) == {"callback_query": None, "message": None, "error": None}
    assert typed.takes == {"callback_query": {"a", "b"}, "message": None}
    assert inner.takes == {"callback_query": {"b"}, "message": None}
    assert loose.takes == {"callback_query": None, "error": None}


async def test_a_router_that_cannot_take_an_update_is_not_entered() -> None:
    """The update is offered only where a handler could take it: the other routers' filters
    (and their outer middlewares) never see it; an ungated router takes everything."""
    from aiogram import Dispatcher
    from aiogram.filters.callback_data import CallbackData
    from aiogram.types import CallbackQuery, Chat, Message, User

    from handlers.routing import Router, gate

    class ACb(CallbackData, prefix="a"):
        x: int

    class BCb(CallbackData, prefix="b"):
        x: int

    seen: list[str] = []

    def spy(name: str, result: bool = False) -> Callable[[object], Awaitable[bool]]:
        async def check(_event: object) -> bool:
            seen.append(name)
            return result
        return check

    async def took(_event: object) -> str:
        return "took"

    a, b, texts = Router(name="a"), Router(name="b"), Router(name="texts")
    a.callback_query.filter(spy("a"))
    a.callback_query.register(took, ACb.filter())
    b.callback_query.filter(spy("b", True))
    b.callback_query.register(took, BCb.filter())
    texts.message.filter(spy("texts"))
    texts.message.register(took)
    root = Router()
    root.include_routers(a, texts, b)
    Dispatcher().include_router(root)
    user = User(id=1, is_bot=False, first_name="x")
    press = CallbackQuery(id="1", from_user=user, chat_instance="c", data=BCb(x=1).pack())
    assert await root.propagate_event("callback_query", press) == "took"
    assert seen == ["a", "b"]  # not gated yet: every router is entered
    seen.clear()
    gate(root)
    assert await root.propagate_event("callback_query", press) == "took"
    assert seen == ["b"]
    seen.clear()
    forged = CallbackQuery(id="2", from_user=user, chat_instance="c", data="zz:1")
    assert await root.propagate_event("callback_query", forged) == UNHANDLED
    assert seen == []
    message = Message(message_id=1, date=0, chat=Chat(id=1, type="private"), text="hi")
    assert await root.propagate_event("message", message) == UNHANDLED
    assert seen == ["texts"]
    assert await root.propagate_event("edited_message", message) == UNHANDLED
    assert seen == ["texts"]


def test_the_bot_gates_every_feature_but_the_fallback() -> None:
    root = setup_routers()
    assert root.takes is not None
    ungated = [r.name for r in root.sub_routers
               if r.takes is None or r.takes.get("callback_query", frozenset()) is None]
    assert ungated == ["fallback"], ungated
    assert [r.name for r in root.sub_routers if "error" in (r.takes or {})] == ["errors"]
