"""Monitoring campaigns and surveys (domain.campaigns, domain.surveys). ``make_router``
makes a fresh router each call (one per Dispatcher)."""

from handlers.routing import Router


def make_router() -> Router:
    from handlers.campaigns import setup, teacher, watch

    root = Router(name="campaigns")
    root.include_routers(teacher.router.build(), setup.router.build(), watch.router.build())
    return root


__all__ = ["make_router"]
