"""Compatibility path: the courses repository lives in ``storage.courses.repo``."""

from storage.courses.repo import (  # noqa: F401
    SqlCourses,
    event_from_row,
    form_from_row,
)
