"""The group ИОМ (002 §II.2): a school coordinator builds one route for several teachers of
the school with a shared deficit; each member sees it beside their own ИОМ and marks their own
progress; the coordinator sees and exports the member × activity table and closes the route
with a conclusion."""

from domain.group_route.model import (  # noqa: F401
    ACTIVITIES_MAX,
    MEMBERS_MAX,
    GroupPlan,
    GroupRights,
    GroupRoute,
    GroupStatus,
    Mark,
    Member,
    Suggestion,
)
from domain.group_route.service import (  # noqa: F401
    DUE_KEYS,
    add_activity,
    candidates,
    check_due,
    close,
    coordinated_school,
    create,
    due_bounds,
    leave,
    load,
    managed,
    mark,
    member_progress,
    read_due,
    record_overdue_reminders,
    rights,
    school_list,
    set_evidence,
    set_members,
    suggestions,
    table,
)
