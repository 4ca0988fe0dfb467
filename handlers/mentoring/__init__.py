"""Mentoring screens (domain/mentoring/): the pairs' side and the coordinator's pairing."""

from handlers.mentoring.common import MnCb  # noqa: F401
from handlers.mentoring.meetings import router as meetings_router
from handlers.mentoring.pairing import router as pairing_router
from handlers.mentoring.proposals import router as proposals_router
from handlers.mentoring.screens import router as screens_router
from handlers.routing import Routes

# screens first: its /cancel comes before the meeting log's «send a file» step
router = Routes("mentoring_root", pairing_router, proposals_router, screens_router,
                meetings_router)
