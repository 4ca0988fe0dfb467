"""Compatibility path: the diagnosis tables live in ``storage.diagnosis.models``."""

from storage.diagnosis.models import (  # noqa: F401
    DiagAttemptRow,
    DiagDeficitRow,
    DiagInstrumentRow,
)
