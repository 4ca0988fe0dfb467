"""Review of events: «Мои часы» counts every course, typed ones too."""

from __future__ import annotations

from datetime import UTC, datetime

from domain import events as ev
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.harness import Person


async def test_hours_count_each_typed_course(app, orgs) -> None:
    """Accepted reports of courses typed by hand (not from the catalogue) go to the ledger with
    no event; two of them in a year were counted as one («мероприятий: 1»)."""
    person_id = await onboarded(app, 661_001, orgs["school1"])
    now = TEST_CLOCK.now()
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        # what domain.courses.credit_report_hours writes for a typed course
        await uow.hours.credit(person_id, None, ev.Hours(in_person=72.0),  # type: ignore[arg-type]
                               datetime(now.year, 2, 10, 6, tzinfo=UTC), now)
        await uow.hours.credit(person_id, None, ev.Hours(in_person=36.0),  # type: ignore[arg-type]
                               datetime(now.year, 3, 20, 6, tzinfo=UTC), now)
        await uow.commit()
    teacher = Person(app, 661_001)
    await teacher.send("/menu")
    await teacher.press_data("evm:hours:0")
    assert "всего 108 ч" in teacher.last.text
    assert "мероприятий: 2" in teacher.last.text, teacher.last.text
