"""Handlers of the courses feature, one module per screen group:

* ``callbacks`` — every CallbackData of the feature;
* ``card`` — a form as it reads (its fields, the card, the certificate, the history);
* ``home`` — the teacher's list «Курсы и отчёты» and leaving a form;
* ``asking`` and ``steps`` — the course forms' steps on the form engine (``FORM``);
* ``teacher`` — starting, continuing, sending; the teacher's own card;
* ``review`` — the coordinator's queue and decisions.

``router`` (a ``Routes``) builds the feature's routers, in order. The CallbackData classes are
re-exported: other features and ``bot/render.py`` link to a form through them."""

from handlers.courses import home as _home
from handlers.courses import review as _review
from handlers.courses import steps as _steps
from handlers.courses import teacher as _teacher
from handlers.courses.callbacks import (  # noqa: F401
    CrsEditCb,
    CrsFormCb,
    CrsMenuCb,
    CrsReviewCb,
    CrsStepCb,
)
from handlers.courses.steps import FORM  # noqa: F401
from handlers.routing import Routes

router = Routes("courses-feature", _home.router, _teacher.router, _steps.router, _review.router)
