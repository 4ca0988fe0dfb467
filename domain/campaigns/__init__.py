"""Monitoring campaigns (issue 13, seed 001): a diagnosis or a survey sent to an audience
(the broadcasts' filters) for a window of days, with reminders, live completion per unit,
results at the end and the input-vs-repeat comparison. Framework-free; storage in
storage/campaigns, screens in handlers/campaigns."""

from domain.campaigns.compare import compare
from domain.campaigns.model import (
    ANONYMITY_MIN,
    MAX_DAYS,
    STAGES,
    TOP_PERCENT,
    Campaign,
    CampaignKind,
    CampaignStatus,
    Comparison,
    Completion,
    Distribution,
    Draft,
    GroupChange,
    Straggler,
    UnitAnswers,
    UnitChange,
    UnitFigures,
    window,
)
from domain.campaigns.ports import CampaignRepository, CampaignUnitOfWork, Response
from domain.campaigns.service import (
    INVITE_KEY,
    PAGE,
    REMIND_KEY,
    StaleQuestion,
    answer,
    back,
    card,
    check_draft,
    completion,
    confirm_ticks,
    create,
    diagnosis_results,
    distributions,
    draft_from,
    drafted,
    listing,
    mine,
    nudge,
    open_campaign,
    opt_out,
    start_survey,
    stragglers,
    subscribe,
    survey_of,
    survey_results,
    take_diagnosis,
    tick,
    toggle,
    with_reminders,
)

__all__ = [
    "ANONYMITY_MIN", "INVITE_KEY", "MAX_DAYS", "PAGE", "REMIND_KEY", "STAGES", "TOP_PERCENT",
    "Campaign", "CampaignKind", "CampaignRepository", "CampaignStatus", "CampaignUnitOfWork",
    "Comparison", "Completion", "Distribution", "Draft", "GroupChange", "Response",
    "StaleQuestion", "Straggler", "UnitAnswers", "UnitChange", "UnitFigures", "answer",
    "back", "card", "check_draft", "compare", "confirm_ticks", "completion", "create", "diagnosis_results",
    "distributions", "draft_from", "drafted", "listing", "mine", "nudge", "open_campaign",
    "opt_out", "start_survey", "stragglers", "subscribe", "survey_of", "survey_results", "take_diagnosis",
    "tick", "toggle", "window", "with_reminders",
]
