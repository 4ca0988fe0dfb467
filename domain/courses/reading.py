"""reading"""

from __future__ import annotations

from domain.access import Actor, require_coordinator
from domain.courses.filling import get_form
from domain.courses.model import FormEvent, FormPage
from domain.ports import UnitOfWork


async def my_forms(uow: UnitOfWork, actor: Actor, page: int, page_size: int) -> FormPage:
    page = max(page, 0)
    items, total = await uow.courses.page_by_person(actor.person_id, page * page_size,
                                                    page_size)
    if not items and total and page > 0:
        page = (total - 1) // page_size
        items, total = await uow.courses.page_by_person(actor.person_id, page * page_size,
                                                        page_size)
    return FormPage(items=items, total=total, page=page)


async def accepted_hours(uow: UnitOfWork, actor: Actor) -> int:
    return await uow.courses.accepted_hours(actor.person_id)


async def review_queue(uow: UnitOfWork, actor: Actor, page: int, page_size: int) -> FormPage:
    """Submitted forms inside the actor's scope, oldest first."""
    require_coordinator(actor)
    scope = None if actor.is_admin else [g.org_id for g in actor.scope_grants() if g.org_id]
    page = max(page, 0)
    items, total = await uow.courses.queue(scope, page * page_size, page_size)
    if not items and total and page > 0:
        page = (total - 1) // page_size
        items, total = await uow.courses.queue(scope, page * page_size, page_size)
    return FormPage(items=items, total=total, page=page)


async def history(uow: UnitOfWork, actor: Actor, form_id: int) -> list[FormEvent]:
    form = await get_form(uow, actor, form_id)
    return await uow.courses.events(form.id)
