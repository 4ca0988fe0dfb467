"""The ИОМ — individual educational route (seed 002 §IV–V): a plan that fills the deficits of
the teacher's latest self-diagnosis, agreed with the school coordinator, carried out and
concluded.

Sections (002 §IV.5): teacher data; diagnosis data; self-analysis (kept on the diagnosis
attempt, domain/diagnosis.py); the deficit plan; the conclusion.

The plan has one row per deficit and the columns of 002 §V.4. Who fills what (§V.5–7):

* the teacher — «Самообразование» (with the school coordinator), the self-analysis, and the
  *choice* among offered catalogue activities in any column (§IV.6, principle of variability);
* the school coordinator of the teacher's school — «Профессиональный дефицит»,
  «Внутришкольная система…», «Программы ПК» (and «Самообразование» together with the teacher);
* municipal methodists (municipal coordinators; regional ones = ЦНППМ curators) —
  «Методические мероприятия муниципального уровня» and «Консультационные часы».

Statuses: draft → submitted → approved | returned (→ submitted again) → in progress →
completed (with the conclusion). The school coordinator of the route's school approves,
returns and concludes (never on their own route). Each step notifies the other side through
the outbox.

The package re-exports every name of the former module ``.work.wt.redesign.domain.route``."""

from domain.route.agreement import (  # noqa: F401
    Submitted,
    _people_names,
    _require_reviewer,
    _start_if_approved,
    approve,
    check_complete,
    check_reviewer,
    complete,
    return_route,
    review_queue,
    start,
    submit,
)
from domain.route.carrying import (  # noqa: F401
    _mark_done,
    _norm,
    _own_running,
    on_event_attended,
    on_event_unattended,
    on_report_accepted,
    record_overdue_reminders,
    set_activity_status,
    set_evidence,
    subscribe,
)
from domain.route.consulting import (  # noqa: F401
    CONSULTANTS_PAGE,
    HOURS_MAX,
    QUERY_MAX,
    Consultant,
    ConsultantPage,
    ConsultantRole,
    add_consultation,
    consultants,
    consultable_row,
    may_consult,
    parse_hours,
    parse_role,
    route_hours,
)
from domain.route.drafting import (  # noqa: F401
    MENTOR_COLUMNS,
    SOURCES,
    Basis,
    _check_row_room,
    _tell_owner_of_addition,
    add_from_mentor,
    add_item,
    add_row,
    basis,
    build_draft,
    choose_event,
    edit_row,
    proposals,
    remove_activity,
    save_self_analysis,
    source_deficits,
    swap,
)
from domain.route.export import (  # noqa: F401
    GroupPercent,
    GroupRow,
    RouteDocument,
    by_column,
    document,
    group_rows,
)
from domain.route.model import (  # noqa: F401
    ACTIVITIES_PER_ROW_MAX,
    ACTIVITY_TRANSITIONS,
    COLUMN_ORDER,
    COMMENT_MAX,
    COMMENT_MIN,
    COMPETENCE_GROUPS,
    CONCLUSION_MAX,
    CONCLUSION_MIN,
    COORDINATOR_EDITABLE,
    DEFICIT_MAX,
    EVIDENCE_MAX,
    EVIDENCE_MIN,
    PROPOSALS,
    ROWS_MAX,
    RUNNING,
    TEACHER_EDITABLE,
    TITLE_MAX,
    TITLE_MIN,
    URL_MAX,
    Activity,
    ActivityStatus,
    Column,
    DoneSource,
    HistoryAction,
    HistoryEntry,
    Part,
    Plan,
    PlanRow,
    Progress,
    QueuePage,
    Rights,
    Route,
    RouteStatus,
    RowEmpty,
    RowProposed,
    SelfForm,
    VersionHead,
    _clean,
    check_period,
    column_for_event,
    default_period,
    may_conclude,
    parse_due,
    parse_evidence,
    parse_self_form,
    parse_title,
    progress,
    validate_text,
)
from domain.route.parties import (  # noqa: F401
    METHODIST_COLUMNS,
    SCHOOL_COLUMNS,
    _refuse,
    is_methodist,
    is_school_coordinator,
    may_remove,
    own_choice,
    require_column,
    rights,
)
from domain.route.reading import (  # noqa: F401
    _route,
    _school,
    _viewable,
    activity_of,
    current,
    get_plan,
    history,
    load_plan,
    row_of,
)
from domain.route.ready import (  # noqa: F401
    Match,
    accept,
    candidates,
    groups_of,
    match,
    pending,
    pick_best,
    prefill,
)
from domain.route.shaping import (  # noqa: F401
    PeriodChange,
    check_period_rights,
    merge_rows,
    merge_targets,
    move_row,
    outside,
    remove_row,
    set_period,
    shapeable_row,
    siblings,
)
from domain.route.versions import (  # noqa: F401
    Rebuilt,
    VersionList,
    from_snapshot,
    may_rebuild,
    newer_diagnosis,
    rebuild,
    rebuild_sources,
    record_current,
    snapshot,
    version,
    versions,
)
