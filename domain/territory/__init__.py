"""«Моя территория»: a coordinator's figures, teachers and spreadsheet for their scope
(school → municipality → region; an admin sees the region). Free of frameworks."""

from domain.territory import alerts, roles
from domain.territory.alerts import subscribe
from domain.territory.figures import (
    GROUPS,
    HOURS_KINDS,
    REPEAT_SUCCESS,
    ROUTE_STATES,
    Comparison,
    Dashboard,
    Figures,
    IndicatorCount,
    Period,
    TeacherFilter,
    TeacherPage,
    TeacherRow,
    UnitFigures,
)
from domain.territory.ports import TerritoryRepository
from domain.territory.records import SHEETS, Col, ColKind, Sheet
from domain.territory.services import (
    PAGE_SIZE,
    TeacherCard,
    admin_without_profile,
    clean_query,
    comparison,
    dashboard,
    nudge,
    nudge_key,
    period,
    scopes,
    teacher_card,
    teachers,
    workbook,
)

__all__ = [
    "GROUPS",
    "HOURS_KINDS",
    "PAGE_SIZE",
    "REPEAT_SUCCESS",
    "ROUTE_STATES",
    "SHEETS",
    "Col",
    "ColKind",
    "Comparison",
    "Dashboard",
    "Figures",
    "IndicatorCount",
    "Period",
    "Sheet",
    "TeacherCard",
    "TeacherFilter",
    "TeacherPage",
    "TeacherRow",
    "TerritoryRepository",
    "UnitFigures",
    "admin_without_profile",
    "alerts",
    "clean_query",
    "comparison",
    "dashboard",
    "nudge",
    "nudge_key",
    "period",
    "roles",
    "scopes",
    "subscribe",
    "teacher_card",
    "teachers",
    "workbook",
]
