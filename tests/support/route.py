"""Helpers for the ИОМ tests (no tests here): a world of people, a teacher's diagnosis taken
through the diagnosis services, services run in their own unit of work."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain import diagnosis as diag
from domain import events as ev
from domain.access import Actor
from domain.enums import Role
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded, outbox, read, run  # noqa: F401  (re-exported)
from tests.support.events import make_event

TZ = ZoneInfo("Europe/Moscow")
TEACHER, COORD, OTHER_COORD, MUN, TEACHER2, OTHER_MUN = (
    650_001, 650_002, 650_003, 650_004, 650_005, 650_006)

#: answers that leave three deficits: formative assessment (0 %), differentiation (16.7 %),
#: both methodological, and classroom dialogue (33.3 %), communicative
WEAK = {"m06": 1, "m04": 2, "m05": 1, "c01": 2}


def now() -> datetime:
    return TEST_CLOCK.now()


def today() -> date:
    return now().astimezone(TZ).date()


def future(days: int, hour: int = 10) -> datetime:
    local = (now() + timedelta(days=days)).astimezone(TZ)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0).astimezone(UTC)


async def world(app: Any, orgs: dict[str, int]) -> dict[str, int]:
    return {
        "teacher": await onboarded(app, TEACHER, orgs["school1"]),
        "coord": await onboarded(app, COORD, orgs["school1"], name="Завучева Ирина Павловна",
                                 roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])]),
        "other": await onboarded(app, OTHER_COORD, orgs["school2"], name="Чужой Олег Олегович",
                                 roles=[(Role.SCHOOL_COORDINATOR, orgs["school2"])]),
        "mun": await onboarded(app, MUN, None, name="Методистова Анна Львовна",
                               roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])]),
        "teacher2": await onboarded(app, TEACHER2, orgs["school1"],
                                    name="Козлова Ирина Павловна"),
        "other_mun": await onboarded(app, OTHER_MUN, None, name="Заречная Ольга Ивановна",
                                     roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun2"])]),
    }


async def actor(app: Any, person_id: int) -> Actor:
    async with app.sessions() as session:
        person = await SqlUnitOfWork(session, TEST_CLOCK).people.get(person_id)
        assert person is not None
        return Actor(person_id, tuple(person.grants))


async def person(app: Any, person_id: int) -> Any:
    async with app.sessions() as session:
        return await SqlUnitOfWork(session, TEST_CLOCK).people.get(person_id)


async def diagnose(app: Any, person_id: int, weak: dict[str, int] | None = None,
                   campaign_id: int | None = None) -> int:
    """Take the default questionnaire through the diagnosis services (from a diagnosis
    campaign's invitation with ``campaign_id``: no retake interval); returns the attempt id."""
    from domain import campaigns as camp

    weak = WEAK if weak is None else weak
    who = await actor(app, person_id)
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        progress = await (camp.take_diagnosis(uow, who, campaign_id, now()) if campaign_id
                          else diag.start(uow, who, now()))
        for i, item in enumerate(progress.instrument.items):
            await diag.answer(uow, who, progress.attempt.id, i,
                              weak.get(item.statement.code, 3), now())
        attempt = await diag.submit(uow, who, progress.attempt.id, now())
        await uow.commit()
        return attempt.id


async def catalogue(app: Any, orgs: dict[str, int]) -> dict[str, int]:
    """Upcoming events of the first municipality and school 1 that address the deficits."""
    return {
        "seminar": await make_event(app, orgs["mun1"], title="Семинар по оцениванию",
                                    groups=["methodological"], starts=future(5)),
        "course": await make_event(app, orgs["mun1"], title="Курс ДПП «Формирующее оценивание»",
                                   form=ev.EventForm.COURSE, groups=["methodological"],
                                   starts=future(10)),
        "consult": await make_event(app, orgs["mun1"], title="Консультация тьютора ЦНППМ",
                                    form=ev.EventForm.CONSULTATION,
                                    groups=["methodological", "communicative"],
                                    starts=future(6)),
        "school": await make_event(app, orgs["school1"], title="Открытый урок коллеги",
                                   form=ev.EventForm.OPEN_LESSON, level=ev.EventLevel.SCHOOL,
                                   groups=["communicative"], starts=future(4)),
        "subject": await make_event(app, orgs["mun1"], title="Практикум по предмету",
                                    groups=["subject"], starts=future(8)),
        "far": await make_event(app, orgs["mun2"], title="Семинар соседей",
                                groups=["methodological"], starts=future(5)),
    }
