"""Handlers of the group ИОМ (002 §II.2): the coordinator's list and creation wizard
(create), the card and what members and the coordinator do on it (screens). The member's
ИОМ card lists the group routes among its rows (handlers/route/card.py, over
``domain.route.group_rows``)."""

from handlers.group_route import create as _create  # noqa: F401  (registers, in order)
from handlers.group_route import screens as _screens  # noqa: F401
from handlers.group_route.common import router  # noqa: F401
