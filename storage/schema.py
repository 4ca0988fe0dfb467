"""Every table the application has: importing this registers them all on ``Base.metadata``.

Each feature keeps its tables in its own module (``storage/<feature>_models.py``) and adds
one import line here; Alembic and the tests import this module.
"""

from storage.models import Base
import storage.diagnosis_models  # noqa: F401,E402  self-diagnosis
import storage.events_models  # noqa: F401,E402  events and courses
import storage.courses_models  # noqa: F401,E402  course forms (assignment, report)
import storage.route_models  # noqa: F401,E402  the ИОМ (individual educational route)

__all__ = ["Base"]
