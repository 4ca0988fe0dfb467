"""Professional activity (seed 003): a teacher records competitions (level, result, diploma),
expert work and practice — talks, open lessons, publications — which a coordinator of their
scope verifies; verified practice forms a bank searchable by competence group and subject,
and verified records count in the territory figures (``figures``). Attendance of a «Конкурс»
event makes the attendee's competition record (``competitions``, a reaction to the events'
facts)."""

from domain.activity.competitions import (  # noqa: F401
    EVENT_DAY_TZ,
    RESULTS,
    add_result,
    on_attended,
    on_taken_back,
    subscribe,
)
from domain.activity.model import (  # noqa: F401
    ABSTRACT_MAX,
    GROUPS,
    TITLE_MAX,
    ActivityFigures,
    BankItem,
    Draft,
    ExpertRole,
    Kind,
    Level,
    Outcome,
    PracticeKind,
    Record,
    RecordStatus,
)
from domain.activity.ports import ActivityRepository  # noqa: F401
from domain.activity.service import (  # noqa: F401
    bank,
    check_abstract,
    check_day,
    check_draft,
    check_link,
    check_title,
    decide,
    deficit_groups,
    delete,
    figures,
    file_of,
    my_records,
    record_for,
    resubmit,
    review_queue,
    scope_schools,
    submit,
    total,
)
