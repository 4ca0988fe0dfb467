"""The teacher's profile: validation of each step and the onboarding / editing services.

Re-exports ``domain.profile.service`` (the former ``domain/profile.py``)."""

from domain.profile.service import (  # noqa: F401
    NAME_MAX,
    MAX_YEARS,
    MAX_SUBJECTS,
    _NAME_OK,
    FIELDS,
    validate_full_name,
    validate_years,
    validate_position,
    validate_category,
    toggle,
    require_subjects,
    may_skip_school,
    check_municipality,
    check_school,
    missing_fields,
    complete_onboarding,
    update_field,
)
