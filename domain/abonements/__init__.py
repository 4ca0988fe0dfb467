"""«Методический абонемент» (issue 18, seed 000 §III, §VII–VIII): a school's request, its
way through the municipality to the centre, the agreement, the school's plan in hours and
its transfers. Framework-free; storage in storage/abonements, screens in handlers/abonements.
The second slice: the centre's bank told, the changed volume (changes), completion with the
school's report and the listeners' certificates (results), the territory's figures (figures)."""

from domain.abonements.agreement import Agreement, agreement
from domain.abonements.changes import (
    CHANGEABLE,
    Changes,
    changes,
    check_volume,
    decide,
    may_propose,
    propose,
    proposal,
    side_of,
)
from domain.abonements.figures import MunicipalityFigures, figures
from domain.abonements.model import (
    CANDIDATES_MAX,
    COMMENT_MAX,
    KINDS,
    MONTHS,
    NOTE_MAX,
    OPEN,
    PAGE,
    PLANNING,
    TOPICS_MAX,
    Abonement,
    Action,
    ChangeStatus,
    HistoryEntry,
    PlanItem,
    Reason,
    Request,
    Row,
    Side,
    Status,
    Transfer,
    VolumeChange,
    add_hours,
    over_volume,
    parse_comment,
    parse_hours,
    parse_note,
    parse_topics,
    period,
    school_year_of,
    toggle,
    years_offered,
)
from domain.abonements.plan import (
    ItemView,
    Plan,
    add_item,
    candidates,
    held_at,
    item_card,
    plan,
    plan_event,
    plan_of,
    remove_item,
    transfer,
    transfer_bounds,
    transfers,
)
from domain.abonements.ports import AbonementRepository, AbonementUnitOfWork
from domain.abonements.requests import (
    Card,
    Listing,
    Prefill,
    accept,
    agree_municipal,
    card,
    curators,
    editable,
    give_back,
    listing,
    may_return,
    my_schools,
    open_request,
    prefill,
    resubmit,
    schools_of,
    sign,
    start,
    submit,
)
from domain.abonements.results import (
    COMPETENCE_GROUPS,
    Listener,
    Report,
    Shift,
    check_completion,
    compare,
    complete,
    plan_done,
    report,
    shift,
)
from domain.abonements.rights import Rights, is_curator, is_municipal_coordinator

__all__ = [
    "COMPETENCE_GROUPS", "Listener", "MunicipalityFigures", "Report", "Shift", "check_completion", "compare", "figures",
    "plan_done", "plan_of", "report", "shift",
    "CHANGEABLE", "ChangeStatus", "Changes", "Side", "VolumeChange", "changes", "check_volume",
    "decide", "may_propose", "propose", "proposal", "side_of",
    "CANDIDATES_MAX", "COMMENT_MAX", "KINDS", "MONTHS", "NOTE_MAX", "OPEN", "PAGE", "PLANNING",
    "TOPICS_MAX", "Abonement", "AbonementRepository", "AbonementUnitOfWork", "Action",
    "Agreement", "Card", "HistoryEntry", "ItemView", "Listing", "Plan", "PlanItem", "Prefill",
    "Reason", "Request", "Rights", "Row", "Status", "Transfer", "accept", "add_hours",
    "add_item", "agree_municipal", "agreement", "candidates", "card", "complete", "curators",
    "editable", "give_back", "held_at", "is_curator", "is_municipal_coordinator", "item_card",
    "listing", "may_return", "my_schools", "open_request", "over_volume", "parse_comment", "parse_hours", "parse_note",
    "parse_topics", "period", "plan", "plan_event", "prefill", "remove_item", "resubmit", "school_year_of",
    "schools_of", "sign", "start", "submit", "toggle", "transfer", "transfer_bounds", "transfers",
    "years_offered",
]
