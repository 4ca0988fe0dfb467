"""Helpers for the campaigns tests (no tests here)."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.jobs import campaigns_tick
from domain import campaigns as camp
from domain import surveys
from domain.access import Actor
from domain.broadcasts import QuietHours
from domain.entities import RoleGrant
from domain.enums import Role
from storage.campaigns.models import CampaignParticipantRow, CampaignRow, SurveyResponseRow
from storage.models import OutboxRow
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, onboarded, run

TZ = ZoneInfo("Europe/Moscow")
NO_QUIET = QuietHours(time(0), time(0), TZ)  # none
COORDINATOR = 700

#: teachers: (user id, school key, name)
TEACHERS = (
    (601, "school1", "Иванова Мария Петровна"),
    (602, "school1", "Кузнецов <Иван> Ильич"),
    (603, "school2", "Смирнова Ольга Андреевна"),
    (604, "school3", "Орлова Анна Викторовна"),
    (605, "other_school", "Попов Пётр Петрович"),
)


async def people(app: Any, orgs: dict[str, int]) -> dict[int, int]:
    """The admin, a municipal coordinator of mun1 and the teachers; person ids by user id."""
    ids = {ADMIN_ID: await onboarded(app, ADMIN_ID, None, name="Админова Ольга Сергеевна")}
    ids[COORDINATOR] = await onboarded(app, COORDINATOR, orgs["school1"],
                                       name="Координаторова Анна Ивановна",
                                       roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])])
    for user_id, school, name in TEACHERS:
        ids[user_id] = await onboarded(app, user_id, orgs[school], name=name)
    return ids


def coordinator(person_id: int, mun_id: int) -> Actor:
    return Actor(person_id, (RoleGrant(Role.MUNICIPAL_COORDINATOR, mun_id),))


def admin(person_id: int) -> Actor:
    return Actor(person_id, (), is_config_admin=True)


async def survey_id(app: Any, code: str = "motives") -> int:
    found = await run(app, surveys.available, TEST_CLOCK.now())
    return next(s.id for s in found if s.code == code)


def today() -> Any:
    return TEST_CLOCK.now().astimezone(TZ).date()


async def create(app: Any, actor: Actor, *, kind: str = "survey", sid: int | None = None,
                 org_id: int | None = None, days: int = 14, anonymous: bool = False,
                 start_offset: int = 0, title: str = "") -> camp.Campaign:
    draft = camp.Draft(kind=camp.CampaignKind(kind), survey_id=sid, org_id=org_id,
                       starts_on=today() + timedelta(days=start_offset), days=days,
                       anonymous=anonymous, title=title or f"Кампания {kind}")
    return await run(app, camp.create, actor, draft, NO_QUIET, TZ, TEST_CLOCK.now())


async def tick(app: Any) -> dict[str, int]:
    return await campaigns_tick(app.sessions, TZ, TEST_CLOCK, NO_QUIET)


async def rows(app: Any, key: str | None = None) -> list[OutboxRow]:
    async with app.sessions() as s:
        q = select(OutboxRow).where(OutboxRow.dedupe_key.like("camp:%")).order_by(OutboxRow.id)
        if key:
            q = q.where(OutboxRow.key == key)
        return list((await s.scalars(q)).all())


async def participants(app: Any, campaign_id: int) -> list[CampaignParticipantRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(CampaignParticipantRow).where(
            CampaignParticipantRow.campaign_id == campaign_id))).all())


async def campaign_row(app: Any, campaign_id: int) -> CampaignRow:
    async with app.sessions() as s:
        row = await s.get(CampaignRow, campaign_id)
        assert row is not None
        return row


async def responses(app: Any) -> list[SurveyResponseRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(SurveyResponseRow)
                                     .order_by(SurveyResponseRow.id))).all())


async def deliver(app: Any) -> int:
    total = 0
    for _ in range(20):
        sent = await app.sender.run_once(budget=10)
        total += sent
        if not sent:
            break
    return total


async def fill_motives(app: Any, person_id: int, campaign_id: int, *, main: str = "results",
                       had: str = "yes", comment: str | None = "Больше практики") -> None:
    """The motives survey answered through the domain (the flow tests use the buttons)."""
    actor = Actor(person_id)
    now = TEST_CLOCK.now()
    _, _, r = await run(app, camp.start_survey, actor, campaign_id, now)
    await run(app, camp.answer, actor, r.id, 0, main, now)
    await run(app, camp.answer, actor, r.id, 1, ["results", "self"], now)
    await run(app, camp.answer, actor, r.id, 2, "4", now)
    await run(app, camp.answer, actor, r.id, 3, had, now)
    if had == "yes":
        await run(app, camp.answer, actor, r.id, 4, "36", now)
    await run(app, camp.answer, actor, r.id, 5, None, now)
    await run(app, camp.answer, actor, r.id, 6, comment, now)
