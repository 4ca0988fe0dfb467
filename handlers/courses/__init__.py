"""Handlers of the courses feature: the course forms (forms) and the coordinator's review (review).

Re-exports the names of the former ``handlers/courses.py`` (now ``forms``); ``router`` (a ``Routes``)
builds the feature's routers, in order."""

from handlers.courses import forms as _forms
from handlers.courses import review as _review
from handlers.courses.forms import (  # noqa: F401
    CHOICES,
    PAGE_SIZE,
    TEXT_STEPS,
    CrsEditCb,
    CrsFormCb,
    CrsMenuCb,
    CrsReviewCb,
    CrsStepCb,
    Ctx,
    FORM,
    _choice_value,
    _ctx,
    _option_label,
    _options,
    _prompt,
    card_steps,
    clip,
    courses_menu,
    courses_page,
    edit_field,
    field_label,
    file_text,
    fmt_iso_date,
    fmt_number,
    fmt_size,
    form_action,
    form_card,
    group_label,
    history_text,
    internship_line,
    new_form,
    pause,
    position_label,
    raw_answer,
    resume,
    send_certificate,
    short_title,
    show_form,
    show_home,
    start_form,
    status_text,
    step_button,
    step_button_pressed,
    submit,
    value_text,
)
from handlers.routing import Routes

router = Routes("courses-feature", _forms.router, _review.router)
