"""Compatibility path: the courses tables live in ``storage.courses.models``."""

from storage.courses.models import (  # noqa: F401
    CourseFormEventRow,
    CourseFormRow,
)
