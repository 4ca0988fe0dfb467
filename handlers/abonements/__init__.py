"""Handlers of the «методический абонемент» (issue 18): the school's request form (form),
the section, the list / the centre's bank and a request's card (screens), the centre's
acceptance (accept), the school's plan (plan), the agreement's DOCX (docx), the
certificate threshold (threshold), launching the staff's diagnosis (diagnostics)."""

from handlers.abonements import (
    accept,
    changes,
    diagnostics,
    form,
    plan,
    report,
    screens,
    threshold,
)
from handlers.routing import Routes

router = Routes("abonements-feature", screens.router, accept.router, plan.router, changes.router,
                report.router, threshold.router, diagnostics.router,
                form.router)

__all__ = ["router"]
