"""Handlers of the route feature: the teacher's ИОМ (the screen modules registered on
``common.router``, dispatched by ``plan``), the coordinator's review (review), the DOCX/PDF
document (docx).

Re-exports the names of the former ``handlers/route.py``; ``router`` (a ``Routes``) builds the
feature's routers, in order."""

from handlers.route import plan as _plan  # registers every screen module, in order
from handlers.route import review as _review
from handlers.route.common import (  # noqa: F401
    BUTTON_MAX,
    Ctx,
    HasFile,
    ROWS_PAGE,
    RouteStates,
    RrCb,
    RtCb,
    STATUS_ICON,
    _ctx,
    _with_error,
    activity_line,
    btn,
    cancel_markup,
    clip,
    d,
    form_label,
)
from handlers.route.card import (  # noqa: F401
    _build,
    _hint,
    _route,
    route_markup,
    route_menu,
    route_text,
    show_home,
    show_route,
)
from handlers.route.rows import (  # noqa: F401
    _offer,
    _pick,
    _row,
    show_row,
)
from handlers.route.items import (  # noqa: F401
    _form,
    _new,
    ask_due,
    ask_form,
    ask_title,
    form_typed,
    got_due,
    got_title,
)
from handlers.route.activity import (  # noqa: F401
    TRANSITION_BUTTONS,
    _act,
    _evidence,
    _file,
    _remove,
    _status,
    evidence_text,
    got_evidence_file,
    got_evidence_text,
    show_activity,
)
from handlers.route.agreement import (  # noqa: F401
    _analysis,
    _document,
    _docx,
    _pdf,
    _start,
    _submit,
    got_analysis,
)
from handlers.route.deficits import (  # noqa: F401
    _addrow,
    _editrow,
    _group,
    got_deficit,
)
from handlers.route.plan import (  # noqa: F401
    ACTIONS,
    cancel,
    not_text,
    route_action,
)
from handlers.routing import Routes

router = Routes("route-feature", _plan.router, _review.router)
