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
