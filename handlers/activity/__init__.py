"""«Профактивность» (domain/activity/): records, verification, the bank of practice."""

from handlers.activity.screens import AcCb, router  # noqa: F401
