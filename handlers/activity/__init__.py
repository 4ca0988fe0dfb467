"""«Профактивность» (domain/activity/): records, verification, the bank of practice."""

from aiogram import Router

from handlers.activity.review import router as _review
from handlers.activity.screens import AcCb  # noqa: F401
from handlers.activity.screens import router as _screens

router = Router(name="activity_root")
router.include_routers(_review, _screens)
