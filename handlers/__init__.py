"""aiogram routers, one module per feature; ``setup_routers`` is the only entry point."""

from aiogram import Router


def setup_routers() -> Router:
    from handlers import (  # one package per feature
        courses,  # course forms and their review
        diagnosis,  # self-diagnosis
        errors,
        events,  # events and courses catalogue, organisers
        fallback,
        invites,
        menu,
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
        fallback.router,  # must stay last
    ]
    # each feature declares its handlers once (handlers/routing.py) and builds fresh routers for
    # every Dispatcher: a second one in the same process (tests, a restart) gets its own
    root.include_routers(*(routes.build() for routes in routers))
    return root
