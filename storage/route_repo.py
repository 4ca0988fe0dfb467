"""Compatibility path: the route repository lives in ``storage.route.repo``."""

from storage.route.repo import (  # noqa: F401
    SqlRoutes,
    activity_from_row,
    plan_row_from_row,
    route_from_row,
)
