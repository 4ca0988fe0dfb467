"""Who may correct an external diagnosis result (``domain.external.may_correct``), without a
database: whoever entered it while still entitled, any coordinator whose scope holds the
teacher, never the teacher over what a coordinator entered."""

from __future__ import annotations

from datetime import date

import pytest

from domain.access import Actor
from domain.external import ExternalDiagnosis, may_correct

TEACHER, COORD, OTHER = 1, 2, 3


def result(entered_by: int | None) -> ExternalDiagnosis:
    return ExternalDiagnosis(id=10, person_id=TEACHER, taken_on=date(2026, 11, 1),
                             operator="ЦНППМ", instrument="Тест", entered_by=entered_by)


@pytest.mark.parametrize(("who", "entered_by", "covers", "allowed"), [
    (TEACHER, TEACHER, False, True),  # one's own entry
    (TEACHER, COORD, False, False),  # a coordinator's entry for the teacher
    (TEACHER, None, False, False),  # the one who entered it is gone: not the teacher's
    (COORD, COORD, True, True),  # what the coordinator entered, the teacher in scope
    (COORD, COORD, False, False),  # … the teacher has moved out of the scope
    (COORD, TEACHER, True, True),  # the teacher's own entry, by a coordinator in scope
    (COORD, None, True, True),
    (OTHER, TEACHER, False, False),  # out of scope
    (OTHER, COORD, False, False),
])
def test_who_may_correct(who: int, entered_by: int | None, covers: bool,
                         allowed: bool) -> None:
    assert may_correct(Actor(who, ()), result(entered_by), covers) is allowed
