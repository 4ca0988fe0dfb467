"""A small territory for the tests: two schools of one municipality and a school of another,
teachers with and without a diagnosis, coordinators of each level."""

from __future__ import annotations

from typing import Any

from domain.enums import Role
from tests.conftest import ADMIN_ID, onboarded
from tests.support.route import diagnose

T1, T2, T3, T_OTHER, SCHOOL_C, MUN_C, REG_C, OTHER_SCHOOL_C = (
    710_001, 710_002, 710_003, 710_004, 710_010, 710_011, 710_012, 710_013)


async def territory(app: Any, orgs: dict[str, int]) -> dict[str, int]:
    ids = {
        "t1": await onboarded(app, T1, orgs["school1"], name="Алексеева Анна Петровна"),
        "t2": await onboarded(app, T2, orgs["school1"], name="Борисова Вера Ивановна"),
        "t3": await onboarded(app, T3, orgs["school2"], name="Ёлкина Дарья Олеговна"),
        "t_other": await onboarded(app, T_OTHER, orgs["other_school"],
                                   name="Заречная Нина Львовна"),
        "school_c": await onboarded(app, SCHOOL_C, orgs["school1"], name="Завучева Ирина",
                                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])]),
        "mun_c": await onboarded(app, MUN_C, None, name="Методистова Анна",
                                 roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])]),
        "reg_c": await onboarded(app, REG_C, None, name="Куратор Региона",
                                 roles=[(Role.REGIONAL_COORDINATOR, orgs["region"])]),
        "other_school_c": await onboarded(
            app, OTHER_SCHOOL_C, orgs["school2"], name="Чужой Олег",
            roles=[(Role.SCHOOL_COORDINATOR, orgs["school2"])]),
        "admin": await onboarded(app, ADMIN_ID, None, name="Админ Админович"),
    }
    await diagnose(app, ids["t1"])  # three deficits: two methodological, one communicative
    await diagnose(app, ids["t3"], weak={})  # no deficit
    await diagnose(app, ids["t_other"])
    return ids


__all__ = ["MUN_C", "OTHER_SCHOOL_C", "REG_C", "SCHOOL_C", "T1", "T2", "T3", "T_OTHER",
           "territory"]


async def submitted_route(app: Any, person_id: int) -> int:
    """The teacher builds the draft from their diagnosis, fills each row, submits it."""
    from datetime import timedelta

    from domain import route as rt
    from domain.route import Column
    from tests.conftest import run
    from tests.support.route import actor, now, person, today

    teacher = await actor(app, person_id)
    plan = await run(app, rt.build_draft, teacher, await person(app, person_id), today(), now())
    for row in plan.rows:
        await run(app, rt.add_item, teacher, row.id, Column.SELF_EDUCATION,
                  f"Самообразование {row.position}", "reading", today() + timedelta(days=20),
                  now())
    await run(app, rt.submit, teacher, plan.route.id, now())
    return int(plan.route.id)
