"""What the external diagnostics feature tells other features (domain/reactions.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.external import ExternalDiagnosis


@dataclass(frozen=True, slots=True)
class ExternalCorrected:
    """An entered external diagnosis was corrected: ``diagnosis`` as stored after it (the
    routes built on it take its percents); ``at`` is when."""

    diagnosis: ExternalDiagnosis
    at: datetime
