"""Surveys as data (issue 13): definitions validated with line-and-field problems, versions,
the two shipped surveys (seed 001). Taking a survey happens inside a campaign
(domain/campaigns). Framework-free; storage in storage/campaigns."""

from domain.surveys.model import (
    END,
    KINDS,
    MAX_TEXT,
    Option,
    Question,
    Survey,
    SurveyInvalid,
    check_answer,
    validate,
)
from domain.surveys.ports import StoredSurvey, SurveyRepository
from domain.surveys.service import available, ensure_shipped, import_survey, shipped

__all__ = [
    "END", "KINDS", "MAX_TEXT", "Option", "Question", "StoredSurvey", "Survey",
    "SurveyInvalid", "SurveyRepository", "available", "check_answer", "ensure_shipped",
    "import_survey", "shipped", "validate",
]
