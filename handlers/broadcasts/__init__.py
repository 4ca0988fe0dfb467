"""Broadcasts and announcements (issue 11): the sender's screens (compose, audience,
progress), event announcements, and what recipients do with a broadcast."""

from handlers.routing import Router


def make_router() -> Router:
    """A fresh router tree (each Dispatcher gets its own: tests build several)."""
    from handlers.broadcasts import announce, audience, compose, recipients

    root = Router(name="broadcasts")
    root.include_routers(compose.make_router(), audience.make_router(),
                         announce.make_router(), recipients.make_router())
    return root


__all__ = ["make_router"]
