"""Every table the application has: importing this registers them all on ``Base.metadata``.

Each feature keeps its tables in its own module (``storage/<feature>_models.py``) and adds
one import line here; Alembic and the tests import this module.
"""

import storage.abonements.models  # noqa: F401  «методический абонемент»
import storage.activity.models  # noqa: F401  professional activity records
import storage.broadcasts.models  # noqa: F401  broadcasts and announcements
import storage.campaigns.models  # noqa: F401  campaigns and surveys
import storage.certificates.models  # noqa: F401  certificates of participation
import storage.courses_models  # noqa: F401  course forms (assignment, report)
import storage.diagnosis.latest  # noqa: F401  the latest diagnosis per person (diag_latest)
import storage.diagnosis_models  # noqa: F401  self-diagnosis
import storage.events_models  # noqa: F401  events and courses, hours ledger
import storage.external.models  # noqa: F401  external diagnostics
import storage.feedback.models  # noqa: F401  feedback after an event
import storage.files.models  # noqa: F401  copies of files in the other messenger
import storage.group_route.models  # noqa: F401  the group ИОМ
import storage.identities.models  # noqa: F401  linked messenger accounts (MAX)
import storage.mentoring.models  # noqa: F401  mentoring pairs and meetings
import storage.route_models  # noqa: F401  the ИОМ (individual educational route)
import storage.territory.models  # noqa: F401  coordinators' digest choices
from storage.models import Base

__all__ = ["Base"]
