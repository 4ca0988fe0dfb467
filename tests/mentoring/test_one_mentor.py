"""One mentor per mentee, enforced by the database (a partial unique index over the pairs
not yet ended, migration 0011), not only by the service's lock and check: a second active
pair written past the service is refused as a friendly error, and a mentee whose pair ended
can be paired again."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from domain.errors import ValidationError
from storage.mentoring.models import MentoringPairRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.mentoring.support import now, today, world


async def _add(app, mentee: int, mentor: int) -> None:
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        await uow.mentoring.add_pair(mentee, mentor, None, today(), [], None, now())
        await uow.commit()


async def test_second_active_pair_refused_by_the_index(app, orgs) -> None:
    ids = await world(app, orgs)
    await _add(app, ids["young"], ids["mentor"])
    # past the service (no lock, no check): the index refuses, as the service's own error
    with pytest.raises(ValidationError) as refused:
        await _add(app, ids["young"], ids["mentor2"])
    assert refused.value.key == "mnt-error-has-mentor"
    async with app.sessions() as session:
        active = await session.scalar(
            select(func.count()).select_from(MentoringPairRow)
            .where(MentoringPairRow.mentee_id == ids["young"],
                   MentoringPairRow.ended_on.is_(None)))
        assert active == 1
        [pair_id] = (await session.scalars(select(MentoringPairRow.id).where(
            MentoringPairRow.mentee_id == ids["young"]))).all()
    # the pair ends: the mentee may have a mentor again
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        assert await uow.mentoring.end_pair(pair_id, today(), "Готова к работе сама")
        await uow.commit()
    await _add(app, ids["young"], ids["mentor2"])
    # another mentee of the same mentor is not affected
    await _add(app, ids["young2"], ids["mentor2"])
