"""aiogram routers, one module per feature; ``setup_routers`` is the only entry point."""

import aiogram

from handlers.routing import Router


def setup_routers(parent: aiogram.Router | None = None) -> aiogram.Router:
    """Every feature's router, in order, included into ``parent`` — the Dispatcher itself in
    the bot (aiogram copies an update's data at every router level it enters: one level less
    is ~15 µs less on every update) — or into a new root router when None; returns it."""
    from handlers import (  # one package per feature
        abonements,  # «методический абонемент»: request, agreement, the school's plan
        activity,  # professional activity: records, verification, the bank of practice
        broadcasts,  # announcements and broadcasts
        certificates,  # certificates of participation: download, issue to all, /verify
        campaigns,  # monitoring campaigns and surveys
        courses,  # course forms and their review
        diagnosis,  # self-diagnosis
        errors,
        events,  # events and courses catalogue, organisers
        external,  # external diagnostics
        fallback,
        feedback,  # feedback after an event
        group_route,  # the group ИОМ
        identities,  # one profile in Telegram and MAX (/link)
        invites,
        menu,
        mentoring,  # mentoring pairs and meetings
        privacy,
        profile,
        route,  # the ИОМ and its review
        start,
        territory,  # coordinators' figures, teachers, spreadsheets
    )
    from handlers.filters import PrivateChat
    from handlers.routing import gate

    root = Router(name="root") if parent is None else parent
    # private chats only: a teacher's data never shows up in a group
    root.message.filter(PrivateChat())
    # a factory per feature: every Dispatcher gets fresh routers (a second one in the same
    # process — the tests, a restart — gets its own). Most features declare their handlers once
    # with decorators on a ``Routes`` (handlers/routing.py) and build from it; newer ones write
    # ``make_router()`` functions that register their handlers explicitly.
    factories = [
        errors.router.build,
        menu.router.build,  # the most frequent updates first (its handlers are onboarded-only)
        events.router.build,  # the catalogue: the peak after an announcement
        identities.router.build,  # before start: /start link-<code>
        start.router.build,
        privacy.router.build,
        profile.router.build,
        invites.router.build,
        courses.router.build,
        diagnosis.router.build,
        route.router.build,
        external.router.build,  # external diagnostics (issue 15)
        broadcasts.make_router,
        campaigns.make_router,  # monitoring campaigns and surveys
        territory.build_router,  # coordinators' figures
        mentoring.router.build,
        activity.router.build,
        feedback.router.build,  # feedback after an event
        certificates.router.build,  # certificates of participation
        abonements.router.build,  # «методический абонемент»
        group_route.router.build,  # the group ИОМ
        fallback.router.build,  # must stay last
    ]
    root.include_routers(*(build() for build in factories))
    gate(root)  # an update skips the routers that cannot take it
    return root
