"""Compatibility path: the route tables live in ``storage.route.models``."""

from storage.route.models import (  # noqa: F401
    RouteActivityRow,
    RouteEventRow,
    RoutePlanRow,
    RouteRow,
)
