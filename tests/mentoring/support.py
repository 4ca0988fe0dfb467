"""Helpers for the mentoring tests (no tests here): a small world of a school with a
coordinator, young specialists and mentors; services run in their own unit of work."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram.methods import AnswerCallbackQuery, SendMessage
from sqlalchemy import select

from domain import mentoring as mnt
from domain.enums import Role, Status
from storage.events_models import HoursLedgerRow
from storage.mentoring.models import MentoringMeetingRow, MentoringPairRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.support.route import TZ, actor, diagnose, now, read, run, today  # noqa: F401

COORD, YOUNG, YOUNG2, MENTOR, MENTOR2, STRANGER, OTHER_COORD, MUN, YOUNG3, OUTSIDER = (
    660_001, 660_002, 660_003, 660_004, 660_005, 660_006, 660_007, 660_008, 660_009, 660_010)

MENTEE_NAME = "Молодцова Юлия Андреевна"
MENTOR_NAME = "Наставникова Вера Петровна"


async def set_profile(app: Any, person_id: int, statuses: list[str],
                      subjects: list[str] | None = None) -> None:
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        person = await uow.people.get(person_id)
        assert person is not None
        person.profile.statuses = statuses
        if subjects is not None:
            person.profile.subjects = subjects
        await uow.people.save_profile(person_id, person.profile, person.profile_completed_at)
        await uow.commit()


async def world(app: Any, orgs: dict[str, int]) -> dict[str, int]:
    """School 1 with a coordinator, two young specialists and two mentors (the second of
    another subject); school 2 with its own coordinator; school 3 without one (the municipal
    methodist pairs there), with a young specialist; a teacher of another municipality."""
    s1, s2, s3 = orgs["school1"], orgs["school2"], orgs["school3"]
    ids = {
        "coord": await onboarded(app, COORD, s1, name="Завучева Ирина Павловна",
                                 roles=[(Role.SCHOOL_COORDINATOR, s1)]),
        "young": await onboarded(app, YOUNG, s1, name=MENTEE_NAME),
        "young2": await onboarded(app, YOUNG2, s1, name="Новикова Дарья Олеговна"),
        "mentor": await onboarded(app, MENTOR, s1, name=MENTOR_NAME),
        "mentor2": await onboarded(app, MENTOR2, s1, name="Историкова Алла Львовна",
                                   roles=[(Role.MENTOR, s1)]),
        "stranger": await onboarded(app, STRANGER, s1, name="Посторонний Пётр Петрович"),
        "other_coord": await onboarded(app, OTHER_COORD, s2, name="Чужой Олег Олегович",
                                       roles=[(Role.SCHOOL_COORDINATOR, s2)]),
        "mun": await onboarded(app, MUN, None, name="Методистова Анна Львовна",
                               roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])]),
        "young3": await onboarded(app, YOUNG3, s3, name="Третьякова Ольга Ивановна"),
        "outsider": await onboarded(app, OUTSIDER, orgs["other_school"],
                                    name="Заречная Ольга Ивановна"),
    }
    young = [Status.YOUNG_SPECIALIST.value]
    for key in ("young", "young2", "young3", "outsider"):
        await set_profile(app, ids[key], young)
    await set_profile(app, ids["mentor"], [Status.MENTOR.value], ["math"])
    await set_profile(app, ids["mentor2"], [], ["history"])
    return ids


async def pair_up(app: Any, coord_id: int, mentee_id: int, mentor_id: int,
                  started_on: date | None = None, goals: list[str] | None = None) -> mnt.Pair:
    who = await actor(app, coord_id)
    return await run(app, mnt.create_pair, who, mentee_id, mentor_id, started_on or today(),
                     goals or [], today(), now())


async def pairs(app: Any) -> list[MentoringPairRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(MentoringPairRow).order_by(MentoringPairRow.id)))
                    .all())


async def meetings(app: Any) -> list[MentoringMeetingRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(MentoringMeetingRow)
                                     .order_by(MentoringMeetingRow.id))).all())


async def ledger(app: Any) -> list[tuple[int, str, float]]:
    async with app.sessions() as s:
        rows = (await s.scalars(select(HoursLedgerRow).order_by(HoursLedgerRow.id))).all()
        return [(r.person_id, r.kind, r.hours) for r in rows]


def popups(calls: list[Any]) -> str:
    return " ".join(c.text or "" for c in calls if isinstance(c, AnswerCallbackQuery))


def sent_to(app: Any, chat_id: int) -> list[SendMessage]:
    return [m for m in app.bot.session.of(SendMessage) if int(m.chat_id) == chat_id]
