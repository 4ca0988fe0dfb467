"""Compatibility path: the diagnosis repository lives in ``storage.diagnosis.repo``."""

from storage.diagnosis.repo import (  # noqa: F401
    SqlDeficits,
    SqlDiagnosis,
    attempt_from_row,
)
