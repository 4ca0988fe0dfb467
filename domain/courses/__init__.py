"""Course forms (seed 001, annexes 1 and 2): the technical assignment a teacher fills before a
course of professional development (ДПП ПК) and the report after it, and the school
coordinator's review of both.

A form is one row whose ``data`` holds the answers given so far: a draft survives a restart,
/cancel or a wrong tap, and a returned form is corrected in place and sent again. Every
submission and decision is kept as an event with a snapshot (the history).

Who may do what:
* the teacher acts on their own forms only;
* the school coordinator of the form's school accepts or returns it (never their own);
* municipal and regional coordinators (and admins) read forms inside their scope.

The package re-exports every name of the former module ``domain.courses``."""

from domain.courses.answers import (  # noqa: F401
    _PERCENT,
    check_consistency,
    clean_text,
    parse_date,
    parse_int,
    parse_percent,
    validate_comment,
    validate_document_number,
    validate_file,
)
from domain.courses.data import (  # noqa: F401
    ANSWERS,
    Answers,
    AssignmentAnswers,
    FormAnswers,
    Internship,
    InternshipDraft,
    ReportAnswers,
    load_answers,
    new_answers,
)
from domain.courses.facts import FormSubmitted, ReportAccepted  # noqa: F401
from domain.courses.filling import (  # noqa: F401
    CATALOGUE_OFFER,
    _assignment_answer,
    _check_link,
    _linked_assignment,
    _own_editable,
    _report_answer,
    answer,
    catalogue_options,
    certificate_of,
    delete_draft,
    get_editable,
    get_form,
    get_own,
    linkable_assignments,
    offered_for,
    open_draft,
    require_selection,
    set_internships,
    toggle,
)
from domain.courses.model import (  # noqa: F401
    AGE_MAX,
    AGE_MIN,
    ALLOWED_MIME,
    ASSIGNMENT_STEPS,
    COMMENT_MIN,
    COMPETENCE_GROUPS,
    DIFF_PREFIX,
    EARLIEST_COURSE,
    EARLIEST_DIPLOMA,
    EDITABLE,
    HOURS_MAX,
    HOURS_MIN,
    INTERNSHIP_STEPS,
    MAX_FILE_BYTES,
    MAX_FILE_MB,
    MAX_INTERNSHIPS,
    MIME_BY_EXTENSION,
    MULTI_STEPS,
    PERCENT_MAX,
    POSITION_YEARS_MAX,
    PREFILLED,
    RECOMMEND_MIN_PERCENT,
    REPORT_STEPS,
    TEXT_MAX,
    Attestation,
    CourseForm,
    CourseOption,
    Decision,
    Education,
    EventAction,
    FileKind,
    FileMeta,
    FormEvent,
    FormKind,
    FormPage,
    FormStatus,
    HoursCredit,
    offered_competences,
)
from domain.courses.reading import (  # noqa: F401
    accepted_hours,
    history,
    my_forms,
    review_queue,
)
from domain.courses.reviewing import (  # noqa: F401
    Submitted,
    check_reviewer,
    report_credit,
    review,
    submit,
)
from domain.courses.rights import (  # noqa: F401
    FormRights,
    can_read,
    can_review,
    is_school_coordinator,
    require_reviewer,
)
from domain.profile import validate_full_name  # noqa: F401  (named here before the split)
