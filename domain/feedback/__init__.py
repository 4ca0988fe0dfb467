"""Feedback after an event: a short form (usefulness 1–5, what to apply in class, a comment)
each attendee gets once when attendance is marked; organisers see the average and comments per
event and per organiser; ``figures`` gives the averages for a coordinator's territory."""

from domain.feedback.model import (  # noqa: F401
    COMMENTS_SHOWN,
    SCORE_MAX,
    SCORE_MIN,
    TEMPLATES,
    TEXT_MAX,
    TEXT_STEPS,
    Comment,
    EventFeedback,
    Feedback,
    Figures,
    Step,
    Template,
    template_for,
    template_of,
)
from domain.feedback.ports import FeedbackRepository  # noqa: F401
from domain.feedback.service import (  # noqa: F401
    answer,
    event_feedback,
    figures,
    on_attendance,
    own,
    score,
    subscribe,
)
