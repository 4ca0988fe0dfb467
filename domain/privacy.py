"""The right to erasure across features (152-ФЗ): leave what others depend on cleanly, then
delete.

What erasure does, table by table, is read from the schema (``storage/personal_data.py``;
``tests/test_privacy.py`` fails on any table or column nobody classified):

- the person's own rows go: profile, roles, self-diagnosis, ИОМ with its plan and history,
  course forms with their snapshots, registrations, hours, notifications *to* them (pending
  ones included), their conversation state (FSM keys carry their messenger id);
- their decisions on other people's records stay, without them: a coordinator's return
  comment on a teacher's form is the teacher's record; the pointer to the coordinator is
  cleared;
- notifications to other people that name them (a coordinator's «Иванова submitted an ИОМ»,
  a teacher's «returned by Петрова») keep their shape, but every parameter naming the person
  or repeating their words is replaced. Pending ones are anonymised, not dropped: a pending
  notice may be about the recipient's own record (a teacher learning that their report was
  returned by a coordinator who has just left), and once anonymised it carries nothing of the
  erased person; one about the erased person's own form just opens on "not found".
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from domain import events, people
from domain.access import Actor
from domain.entities import Person
from domain.ports import UnitOfWork


async def erase(
    uow: UnitOfWork, actor: Actor, person: Person, tz: ZoneInfo, now: datetime
) -> None:
    """Erase a person. Seats they hold in upcoming events are given up first, through the
    registration rules, so the waitlist moves on instead of a seat silently vanishing."""
    actor.require_self(person.id)
    for item in await events.my_registrations(uow, actor, now, past=False):
        await events.cancel_registration(uow, actor, item.event.id, tz, now)
    await people.forget(uow, actor, person)
