"""Routers built by a factory (handlers/routing.py): every Dispatcher gets its own, with every
handler in the declared order; nothing pokes aiogram's private attributes."""

from __future__ import annotations

from pathlib import Path

from aiogram import Router

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


def test_a_press_skips_only_the_routers_that_cannot_take_it() -> None:
    """``gate_callbacks``: a router whose press handlers all filter by CallbackData classes
    (its sub-routers' too) gets their prefixes as a router-level filter; one with any other
    press handler gets none, nor do the routers above it."""
    from aiogram import F
    from aiogram.filters.callback_data import CallbackData

    from handlers.routing import PrefixIn, gate_callbacks

    class ACb(CallbackData, prefix="a"):
        x: int

    class BCb(CallbackData, prefix="b"):
        x: int

    def gate(router: Router) -> frozenset[str] | None:
        found = [f.callback for f in router.callback_query._handler.filters or ()
                 if isinstance(f.callback, PrefixIn)]
        return found[0].prefixes if found else None

    async def handler() -> None: ...

    root, typed, loose, inner = Router(), Router(), Router(), Router()
    typed.callback_query.register(handler, ACb.filter())
    inner.callback_query.register(handler, BCb.filter(F.x == 1))
    typed.include_router(inner)
    loose.callback_query.register(handler, F.data == "raw")
    root.include_routers(typed, loose)
    assert gate_callbacks(root) is None
    assert gate(typed) == {"a", "b"} and gate(inner) == {"b"}
    assert gate(loose) is None and gate(root) is None


async def test_the_gate_passes_its_prefixes_only() -> None:
    from aiogram.types import CallbackQuery, User

    from handlers.routing import PrefixIn

    def press(data: str | None) -> CallbackQuery:
        return CallbackQuery(id="1", from_user=User(id=1, is_bot=False, first_name="x"),
                             chat_instance="c", data=data)

    gate = PrefixIn(frozenset({"m", "evl"}))
    assert await gate(press("m:events")) and await gate(press("evl:0:*:*:*"))
    assert not await gate(press("ev:1")) and not await gate(press("mx:1"))
    assert not await gate(press(None))


def test_the_bot_gates_every_feature_but_the_fallback() -> None:
    from handlers.routing import PrefixIn

    root = setup_routers()
    ungated = [r.name for r in root.sub_routers
               if not any(isinstance(f.callback, PrefixIn)
                          for f in r.callback_query._handler.filters or ())]
    assert ungated == ["fallback"], ungated
