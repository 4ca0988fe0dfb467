"""Getting to know a person: first contact, consent (152-ФЗ), language, data export and erasure."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.access import Actor
from domain.entities import Person
from domain.enums import Channel, Locale
from domain.errors import ValidationError
from domain.ports import UnitOfWork

#: Bumped when the consent text changes materially; stored with the consent.
CONSENT_VERSION = 1


async def first_contact(
    uow: UnitOfWork, channel: Channel, external_id: str, now: datetime
) -> Person:
    """Before consent only the messenger id is stored."""
    person = await uow.people.get_by_external(channel, external_id)
    if person is None:
        person = await uow.people.create(channel, external_id, now)
    return person


async def give_consent(uow: UnitOfWork, actor: Actor, person: Person, now: datetime) -> None:
    actor.require_self(person.id)
    await uow.people.set_consent(person.id, now)
    person.consented_at = now


async def set_locale(uow: UnitOfWork, actor: Actor, person: Person, locale: str) -> None:
    actor.require_self(person.id)
    try:
        Locale(locale)
    except ValueError:
        raise ValidationError("error-choice-unknown") from None
    await uow.people.set_locale(person.id, locale)
    person.locale = locale


async def export_data(uow: UnitOfWork, actor: Actor, person: Person) -> dict[str, Any]:
    """Everything stored about the person (the right of access)."""
    actor.require_self(person.id)
    return await uow.people.export(person.id)


async def forget(uow: UnitOfWork, actor: Actor, person: Person) -> None:
    """Erase the person and everything that belongs to them (the right to erasure)."""
    actor.require_self(person.id)
    await uow.people.delete(person.id)

