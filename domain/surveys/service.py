"""Surveys: the shipped ones, uploads (admin, or the CLI), versions."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from domain.access import Actor, require_admin
from domain.surveys.model import Survey, validate
from domain.surveys.ports import StoredSurvey

DATA = Path(__file__).resolve().parent.parent / "data" / "surveys"
SHIPPED = ("motives", "support")


def shipped() -> list[tuple[Survey, str]]:
    """The surveys that come with the project (seed 001 stages I and III): trusted files."""
    import yaml

    out = []
    for name in SHIPPED:
        text = (DATA / f"{name}.yaml").read_text(encoding="utf-8")
        out.append((validate(yaml.safe_load(text)), text))
    return out


async def ensure_shipped(uow: Any, now: datetime) -> list[StoredSurvey]:
    """The shipped surveys stored once (version 1) if no version of their code exists."""
    have = {s.code for s in await uow.surveys.latest()}
    for survey, text in shipped():
        if survey.code not in have:
            await uow.surveys.add(survey, text, None, now)
    return await uow.surveys.latest()


async def import_survey(uow: Any, actor: Actor | None, survey: Survey, source: str,
                        now: datetime) -> StoredSurvey:
    """A validated survey stored as the next version of its code (``actor`` None: the CLI).
    Campaigns keep the version they were created with."""
    if actor is not None:
        require_admin(actor)
    return await uow.surveys.add(survey, source, actor.person_id if actor else None, now)


async def available(uow: Any, now: datetime) -> list[StoredSurvey]:
    """The latest version of every survey (the shipped ones stored on first use)."""
    return await ensure_shipped(uow, now)
