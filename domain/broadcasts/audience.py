"""The audience model moved to ``domain/audience.py`` (shared with monitoring campaigns);
these names stay importable from here."""

from domain.audience import (
    COMPETENCE_GROUPS,
    DIMENSIONS,
    MAX_ORGS,
    VOCABULARY,
    Audience,
    EventRelation,
    RouteFilter,
)

__all__ = ["COMPETENCE_GROUPS", "DIMENSIONS", "MAX_ORGS", "VOCABULARY", "Audience",
           "EventRelation", "RouteFilter"]
