"""Handlers of the group ИОМ (002 §II.2): the coordinator's list and creation wizard
(create), the card and what members and the coordinator do on it (screens), and the
«Групповые ИОМ» section of the teacher's ИОМ card (section)."""

from handlers.group_route import create as _create  # noqa: F401  (registers, in order)
from handlers.group_route import screens as _screens  # noqa: F401
from handlers.group_route.common import router  # noqa: F401
from handlers.group_route.section import section  # noqa: F401
