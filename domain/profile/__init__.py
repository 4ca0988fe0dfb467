"""The teacher's profile: validation of each step and the onboarding / editing services.

Re-exports ``domain.profile.service`` (the former ``domain/profile.py``)."""

from domain.profile.service import (  # noqa: F401
    _NAME_OK,
    FIELDS,
    MAX_SUBJECTS,
    MAX_YEARS,
    NAME_MAX,
    check_municipality,
    check_school,
    complete_onboarding,
    may_skip_school,
    missing_fields,
    require_subjects,
    toggle,
    update_field,
    validate_category,
    validate_education,
    validate_full_name,
    validate_position,
    validate_years,
)
