"""One unit of work per update: one session, repositories over it, one commit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from domain.clock import Clock
from domain.enums import Channel
from domain.reactions import Reactions
from domain.wiring import REACTIONS
from storage.abonements.repo import SqlAbonements
from storage.activity.repo import SqlActivity
from storage.broadcasts.repo import SqlBroadcasts
from storage.campaigns.repo import SqlCampaigns, SqlSurveys
from storage.certificates.repo import SqlCertificates
from storage.courses_repo import SqlCourses
from storage.diagnosis_repo import SqlDeficits, SqlDiagnosis
from storage.events_repo import SqlEvents, SqlHoursLedger
from storage.external.repo import SqlExternal
from storage.feedback.repo import SqlFeedback
from storage.group_route.repo import SqlGroupRoutes
from storage.identities.repo import SqlIdentities
from storage.mentoring.repo import SqlMentoring
from storage.people_cache import PeopleCache, published
from storage.read_model import ReadModel
from storage.repositories import SqlInvites, SqlOrgs, SqlOutbox, SqlPeople
from storage.route_repo import SqlRoutes
from storage.territory.repo import SqlTerritory


#: the admins the settings name (ADMIN_IDS, MAX_ADMIN_IDS) as (channel, messenger id): they
#: hold no admin role row, yet the centre's notices reach them (``config_admins`` below)
ConfigAdmins = frozenset[tuple[str, str]]


def config_admins(telegram: frozenset[int], max_ids: frozenset[int]) -> ConfigAdmins:
    return frozenset({(Channel.TELEGRAM.value, str(i)) for i in telegram}
                     | {(Channel.MAX.value, str(i)) for i in max_ids})


class SqlUnitOfWork:
    """``clock`` is the time source of whoever opens the unit of work: the update middleware
    passes the dispatcher's clock, jobs the scheduler's, the CLI the system clock, and tests a
    frozen one. Handlers read the time as ``uow.clock.now()``; services take ``now``.
    ``admins``: the admins the settings name (the update middleware passes them).
    ``people`` and ``reads``: the process's people cache and read model (the update
    middleware passes them; jobs and the CLI read the database)."""

    def __init__(self, session: AsyncSession, clock: Clock,
                 reactions: Reactions = REACTIONS, admins: ConfigAdmins = frozenset(),
                 people: PeopleCache | None = None, reads: ReadModel | None = None) -> None:
        self.session = session
        self.clock = clock
        self.reactions = reactions
        self.pending: list[object] = []  # facts emitted, handled at commit (domain/reactions.py)
        self._before_commit: list[Callable[[], Awaitable[None]]] = []
        self.people = SqlPeople(session, people)
        self.orgs = SqlOrgs(session, reads)
        self.invites = SqlInvites(session)
        self.outbox = SqlOutbox(session)
        self.events = SqlEvents(session, reads)  # events and courses
        self.hours = SqlHoursLedger(session)
        self.deficits = SqlDeficits(session, reads)
        self.diagnosis = SqlDiagnosis(session)  # self-diagnosis
        self.courses = SqlCourses(session)  # course forms
        self.routes = SqlRoutes(session)  # the ИОМ
        self.broadcasts = SqlBroadcasts(session)  # broadcasts (domain/broadcasts)
        self.territory = SqlTerritory(session)  # coordinators' figures
        self.mentoring = SqlMentoring(session)  # mentoring pairs and meetings
        self.activity = SqlActivity(session)  # professional activity records
        self.feedback = SqlFeedback(session)  # feedback after an event
        self.certificates = SqlCertificates(session)  # certificates of participation
        self.identities = SqlIdentities(session)  # linked messenger accounts (MAX)
        self.campaigns = SqlCampaigns(session)  # monitoring campaigns (domain/campaigns)
        self.surveys = SqlSurveys(session)  # survey definitions (domain/surveys)
        self.abonements = SqlAbonements(session, admins)  # «методический абонемент» (domain/abonements)
        self.external = SqlExternal(session)  # external diagnostics (domain/external)
        self.group_routes = SqlGroupRoutes(session)  # the group ИОМ (domain/group_route)

    def emit(self, fact: object) -> None:
        self.pending.append(fact)

    async def settle(self) -> None:
        """Run the reactions to the facts emitted so far (commit does it first)."""
        await self.reactions.settle(self, self.pending)

    def before_commit(self, hook: Callable[[], Awaitable[None]]) -> None:
        """Run ``hook`` once, in the transaction, just before the next commit (after the
        reactions): a write that must be stored with whatever the commit stores
        (bot/redelivery.py marks an update handled). It may raise to refuse the commit."""
        self._before_commit.append(hook)

    async def commit(self) -> None:
        await self.settle()
        hooks, self._before_commit = self._before_commit, []
        for hook in hooks:
            await hook()
        if self.session.in_transaction():  # nothing read or written: nothing to commit
            await self.session.commit()
        await published()  # the other processes forget a changed person before we reply

    async def rollback(self) -> None:
        self.pending.clear()
        await self.session.rollback()
