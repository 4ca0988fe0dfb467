"""«Профактивность» (domain/activity/): records, verification, the bank of practice."""

from handlers.activity.review import router as _review
from handlers.activity.screens import AcCb  # noqa: F401
from handlers.activity.screens import router as _screens
from handlers.routing import Routes

router = Routes("activity_root", _review, _screens)
