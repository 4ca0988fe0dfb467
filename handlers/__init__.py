"""aiogram routers, one module per feature; ``setup_routers`` is the only entry point."""

from aiogram import Router


def setup_routers() -> Router:
    from handlers import errors, fallback, invites, menu, privacy, profile, start
    from handlers.filters import PrivateChat
    from handlers import courses, courses_review  # course forms (issue 6)
    from handlers import events, events_admin  # events and courses catalogue (issue 4)
    from handlers import diagnosis  # self-diagnosis (issue 3)
    from handlers import route, route_review  # the ИОМ (issue 5)

    root = Router(name="root")
    # private chats only: a teacher's data never shows up in a group
    root.message.filter(PrivateChat())
    routers = [
        errors.router,
        start.router,
        privacy.router,
        profile.router,
        menu.router,
        invites.router,
        courses.router,
        courses_review.router,
        events.router,
        events_admin.router,
        diagnosis.router,
        route.router,
        route_review.router,
        fallback.router,  # must stay last
    ]
    for router in routers:
        # feature routers are module-level; a second Dispatcher in one process (tests, a
        # restart simulated in-process) re-attaches them to its own root
        router._parent_router = None  # noqa: SLF001
    root.include_routers(*routers)
    return root
