"""Handlers of the diagnosis feature: self-diagnosis screens, one module per screen group
(``home``, ``questionnaire``, ``result``, ``analysis``, ``admin``; what they share in
``common``). ``router`` holds the feature's routers in order; the names of the former
``handlers/diagnosis.py`` are re-exported."""

from handlers.diagnosis import admin as _admin
from handlers.diagnosis import analysis as _analysis
from handlers.diagnosis import home as _home
from handlers.diagnosis import questionnaire as _questionnaire
from handlers.diagnosis import result as _result
from handlers.diagnosis.admin import (  # noqa: F401
    RESET,
    _admin_cancel,
    admin,
    cancel_admin,
    download,
    got_file,
    problems_text,
    reset,
    reset_pick,
    show_admin,
    upload,
)
from handlers.diagnosis.analysis import (  # noqa: F401
    analysis,
    cancel_analysis,
    got_analysis,
    show_analysis,
    write_analysis,
)
from handlers.diagnosis.common import (  # noqa: F401
    BAR,
    DEFICITS_SHOWN,
    HISTORY_BUTTONS,
    MAX_PROBLEMS_SHOWN,
    Ctx,
    DiagAnswerCb,
    DiagCb,
    DiagResetCb,
    DiagStepCb,
    DiagnosisForm,
    _btn,
    _leave_my_state,
    _menu_row,
    fit,
    pct,
)
from handlers.diagnosis.home import (  # noqa: F401
    home,
    intro,
    intro_text,
    section,
    show_home,
)
from handlers.diagnosis.questionnaire import (  # noqa: F401
    answered,
    cancel_answering,
    enter_answering,
    moved,
    pause,
    paused,
    show_current,
    show_step,
    start,
    step_view,
    stray_text,
    submitted,
)
from handlers.diagnosis.result import (  # noqa: F401
    _change,
    history,
    log,
    render_chart,
    result,
    result_keyboard,
    result_text,
    send_result,
)
from handlers.routing import Routes

router = Routes("diagnosis-feature", _home.router, _questionnaire.router, _result.router,
                _analysis.router, _admin.router)
