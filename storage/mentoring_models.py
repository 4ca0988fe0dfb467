"""Compatibility path: the mentoring tables live in ``storage.mentoring.models``."""

from storage.mentoring.models import MentoringMeetingRow, MentoringPairRow  # noqa: F401
