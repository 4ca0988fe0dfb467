"""aiogram routers, one module per feature; ``setup_routers`` is the only entry point."""

from aiogram import Router


def setup_routers() -> Router:
    from handlers import (  # one package per feature
        activity,  # professional activity: records, verification, the bank of practice
        courses,  # course forms and their review
        diagnosis,  # self-diagnosis
        errors,
        events,  # events and courses catalogue, organisers
        fallback,
        invites,
        menu,
        mentoring,  # mentoring pairs and meetings
        privacy,
        profile,
        route,  # the ИОМ and its review
        start,
    )
    from handlers.filters import PrivateChat

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
        events.router,
        diagnosis.router,
        route.router,
        mentoring.router,
        activity.router,
        fallback.router,  # must stay last
    ]
    for router in routers:
        # feature routers are module-level; a second Dispatcher in one process (tests, a
        # restart simulated in-process) re-attaches them to its own root
        router._parent_router = None  # noqa: SLF001
    root.include_routers(*routers)
    return root
