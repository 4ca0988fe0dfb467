"""Every table the application has: importing this registers them all on ``Base.metadata``.

Each feature keeps its tables in its own module (``storage/<feature>_models.py``) and adds
one import line here; Alembic and the tests import this module.
"""

from storage.models import Base

__all__ = ["Base"]
