"""The second slice's rules without the chat: the diagnosis before/after, the changed volume
never below the plan, the figures' territory."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain import abonements as ab
from domain.enums import Role
from domain.errors import AccessDenied, ValidationError
from domain.events import Hours
from tests.abonements.kit import CURATOR, MUN, SCHOOL, accepted, actor, event_day, people
from tests.clock import TEST_CLOCK
from tests.conftest import run

START = datetime(2026, 9, 1, tzinfo=UTC)


def _at(month: int, day: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def test_the_diagnosis_before_and_after() -> None:
    taken = [
        (1, _at(5, 10), 11, frozenset({"subject", "methodological"})),  # before the period
        (1, _at(3, 1, 2027), 12, frozenset({"methodological"})),  # the repeat
        (2, _at(10, 1), 21, frozenset({"communicative"})),  # only within: before, no after
        (3, _at(4, 1), 31, frozenset()),  # two before the period: the latest counts
        (3, _at(8, 30), 32, frozenset({"subject"})),
    ]
    shift = ab.compare(taken, START)
    assert (shift.before, shift.after) == (3, 1)
    assert shift.before_share == {"subject": 67, "methodological": 33,
                                  "psycho_pedagogical": 0, "communicative": 33}
    assert shift.after_share["methodological"] == 100 and shift.after_share["subject"] == 0
    empty = ab.compare([], START)
    assert (empty.before, empty.after) == (0, 0) and set(empty.before_share.values()) == {0}


def test_a_changed_volume_is_never_below_the_plan() -> None:
    a = ab.Abonement(1, 1, None, False, ab.Status.AGREED, ab.Request(), None, START, START,
                     ordered=Hours(10, 4, 4))
    with pytest.raises(ValidationError) as same:
        ab.check_volume(a, Hours(8, 0, 0), Hours(10, 4, 4))
    assert same.value.key == "abon-error-change-same"
    with pytest.raises(ValidationError) as below:
        ab.check_volume(a, Hours(8, 0, 0), Hours(6, 4, 4))
    assert below.value.key == "abon-error-change-below-plan"
    assert below.value.params == {"kind": "in_person", "planned": 8, "proposed": 6}
    ab.check_volume(a, Hours(8, 0, 0), Hours(8, 0, 0))  # down to the plan exactly


async def test_figures_cover_the_readers_territory_only(make_app, orgs) -> None:
    app = await make_app()
    ids = await people(app, orgs)
    await accepted(app, orgs, ids, year=ab.school_year_of(event_day(5)))
    now = TEST_CLOCK.now()
    school = actor(ids[SCHOOL], (Role.SCHOOL_COORDINATOR, orgs["school1"]))
    with pytest.raises(AccessDenied):
        await run(app, ab.figures, school, now)
    regional = await run(app, ab.figures, actor(ids[CURATOR], (Role.REGIONAL_COORDINATOR,
                                                               orgs["region"])), now)
    assert [m.municipality.name for m in regional] == ["Городской округ Тестовый",
                                                       "Заречный район"]
    assert regional[0].by_status == {"accepted": 1} and not regional[0].schools
    mun = await run(app, ab.figures, actor(ids[MUN], (Role.MUNICIPAL_COORDINATOR,
                                                      orgs["mun1"])), now)
    assert [m.municipality.name for m in mun] == ["Городской округ Тестовый"]
