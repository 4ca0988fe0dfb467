"""The centre's bank is told of a request that reaches it: the admins holding the role and the
admins the settings name (ADMIN_IDS, MAX_ADMIN_IDS: no role row), each person once."""

from __future__ import annotations

from domain import abonements as ab
from domain.enums import Channel, Role
from handlers.callbacks import AbCb
from tests.abonements.kit import (
    CURATOR,
    CURATOR2,
    MUN,
    SCHOOL,
    actor,
    deliver_all,
    notices,
    people,
    request,
)
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, onboarded, run
from tests.harness import Person

BOTH = 811  # in ADMIN_IDS and holding the admin role
ROLE_ONLY = 812  # the admin role, not in ADMIN_IDS
MAX_ADMIN = 813  # in MAX_ADMIN_IDS (a MAX account), no role


async def test_admins_named_by_the_settings_hear_of_the_bank(make_app, orgs) -> None:
    app = await make_app(quiet_hours="", admin_ids=frozenset({ADMIN_ID, BOTH}),
                         max_admin_ids=frozenset({MAX_ADMIN}))
    ids = await people(app, orgs)  # ADMIN_ID: in ADMIN_IDS, no role row
    ids[BOTH] = await onboarded(app, BOTH, None, name="Оба Способа",
                                roles=[(Role.ADMIN, None)])
    ids[ROLE_ONLY] = await onboarded(app, ROLE_ONLY, None, name="Ролевая Админка",
                                     roles=[(Role.ADMIN, None)])
    ids[MAX_ADMIN] = await onboarded(app, MAX_ADMIN, None, name="Макс Админ",
                                     channel=Channel.MAX)
    found = await run(app, ab.submit, actor(ids[SCHOOL], (Role.SCHOOL_COORDINATOR,
                                                          orgs["school1"])),
                      orgs["school1"], request(), TEST_CLOCK.now())
    assert await notices(app, "abon-alert-bank") == []  # three-party: the municipality first
    mun = Person(app, MUN)
    await mun.send("/menu")
    await mun.press_data(AbCb(a="agree", id=found.id).pack())
    assert "передан в центр" in mun.last.text
    bank = await notices(app, "abon-alert-bank")
    assert sorted(n.person_id for n in bank) == sorted(
        [ids[ADMIN_ID], ids[BOTH], ids[ROLE_ONLY], ids[MAX_ADMIN]])
    info = await notices(app, "abon-alert-bank-info")
    assert sorted(n.person_id for n in info) == sorted([ids[CURATOR], ids[CURATOR2]])
    # the admin known only by ADMIN_IDS accepts straight from the notice
    await deliver_all(app)
    admin = Person(app, ADMIN_ID)
    assert "МАОУ СОШ № 01" in admin.last.text
    await admin.press("Принять: куратор и объём")
    assert "Кураторова Нина Олеговна" in str(admin.last.buttons())


async def test_without_admin_ids_only_the_role_is_told(make_app, orgs) -> None:
    app = await make_app(quiet_hours="", admin_ids=frozenset())
    ids = await people(app, orgs)
    ids[ROLE_ONLY] = await onboarded(app, ROLE_ONLY, None, name="Ролевая Админка",
                                     roles=[(Role.ADMIN, None)])
    found = await run(app, ab.submit, actor(ids[SCHOOL], (Role.SCHOOL_COORDINATOR,
                                                          orgs["school1"])),
                      orgs["school1"], request(), TEST_CLOCK.now())
    mun = Person(app, MUN)
    await mun.send("/menu")
    await mun.press_data(AbCb(a="agree", id=found.id).pack())
    assert [n.person_id for n in await notices(app, "abon-alert-bank")] == [ids[ROLE_ONLY]]
