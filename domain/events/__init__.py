"""Methodical events and courses: catalogue, registration with seats and a waitlist,
reschedules, reminders, attendance and hours (seed 000 §VI–VII, 001, 003).

The rules live here; storage only supplies two primitives the rules rely on:

* ``uow.events.lock(event_id)`` — the event row is locked until the unit of work commits
  (``SELECT … FOR NO KEY UPDATE`` on PostgreSQL; on SQLite the first write of the transaction takes
  the database's single write lock). Every decision about seats is taken *after* the lock,
  on counts read under it, so concurrent registrations never oversell.
* ``seq`` — a per-event arrival number given under the lock; the waitlist is ordered by it.

Notifications name their buttons' targets (domain.notifications); the sender maps them to
the handlers' callback data.

The package re-exports every name of the former module ``.work.wt.redesign.domain.events``."""

from domain.events.access import (  # noqa: F401
    _event,
    _organiser_of,
    can_organise,
    check_draft,
    levels_for,
    require_manage,
    require_organiser,
    scope_ids,
    scope_orgs,
    viewer,
)
from domain.events.attendance import (  # noqa: F401
    _credit,
    check_in,
)
from domain.events.browsing import (  # noqa: F401
    CatalogueFilter,
    CatalogueItem,
    CataloguePage,
    EventView,
    calendar_file,
    catalogue,
    event_view,
)
from domain.events.facts import AttendanceMarked, AttendanceTakenBack  # noqa: F401
from domain.events.ics import (  # noqa: F401
    _ics_fold,
    _ics_text,
    _ics_time,
    event_ics,
)
from domain.events.importing import (  # noqa: F401
    IMPORT_FIELDS,
    IMPORT_MAX_ROWS,
    REQUIRED_FIELDS,
    ImportReport,
    ImportRow,
    RowContext,
    RowError,
    _split_list,
    import_rows,
    read_row,
)
from domain.events.mine import (  # noqa: F401
    MyItem,
    my_registrations,
)
from domain.events.model import (  # noqa: F401
    ACTIVE,
    ATTENDANCE_FROM,
    AUDIENCE_MAX,
    CAPACITY_MAX,
    CATALOGUE_PAGE,
    CHECKIN_AFTER,
    CHECKIN_ATTEMPTS,
    CHECKIN_BEFORE,
    CHECKIN_CODE_DIGITS,
    COMPETENCE_GROUPS,
    DEFAULT_REMINDERS,
    DESCRIPTION_MAX,
    HOLDING,
    HORIZON,
    HOURS_MAX,
    LEVEL_ORG_KIND,
    LIST_PAGE,
    OFFER_TTL,
    PLACE_MAX,
    REMINDER_MAX,
    REMINDER_MIN,
    REMINDERS_MAX,
    SESSION_MAX_LENGTH,
    SESSIONS_MAX,
    TITLE_MAX,
    TITLE_MIN,
    URL_MAX,
    ChangeKind,
    Event,
    EventChange,
    EventDraft,
    EventForm,
    EventLevel,
    EventStatus,
    Hours,
    HoursKind,
    Registrant,
    Registration,
    RegistrationRights,
    RegStatus,
    ReminderTarget,
    SeatCounts,
    SeatState,
    Session,
    Subgroup,
    SUBGROUP_KINDS,
    Viewer,
    _notice_targets,
    checkin_open,
    checkin_window,
    deficits_addressed,
    due_reminder,
    leave_refusal,
    month_bounds,
    new_checkin_code,
    next_months,
    offer_expiry,
    place_for_newcomer,
    rank_for_deficits,
    registration_error,
    reminder_key,
    reminder_prefix,
    seats_left,
    seats_to_offer,
    sort_catalogue,
    spans,
    visible_to,
)
from domain.events.organising import (  # noqa: F401
    ANNOUNCED,
    OrganisedPage,
    _field_values,
    cancel_event,
    create_event,
    edit_event,
    export_registrants,
    history,
    issue_checkin_code,
    manage_view,
    organised,
    registrants,
    set_attendance,
    set_subgroup,
    toggle_attendance,
)
from domain.events.parsing import (  # noqa: F401
    _DATE,
    _DATETIME,
    _REMINDER,
    _SESSION,
    _TIME,
    _URL,
    _clean,
    _local,
    parse_capacity,
    parse_datetime,
    parse_deadline,
    parse_description,
    parse_groups,
    parse_hour_value,
    parse_hours,
    parse_place,
    parse_reminders,
    parse_sessions,
    parse_title,
    parse_url,
)
from domain.events.reminders import (  # noqa: F401
    events_with_due_offers,
    record_due_reminders,
)
from domain.events.seats import (  # noqa: F401
    RegistrationOutcome,
    _own_registration,
    cancel_registration,
    confirm_offer,
    expire_offers,
    fill_free_seats,
    register,
)
