"""The four groups of professional competences (seed 002 §I, 001 §5): one vocabulary for the
diagnosis, the ИОМ, events and course forms (their codes are stored and sent in buttons)."""

from __future__ import annotations

from enum import StrEnum


class CompetenceGroup(StrEnum):
    """The four groups of professional competences (002 §I, 001 §5)."""

    SUBJECT = "subject"  # предметные
    METHODOLOGICAL = "methodological"  # методические
    PSYCHO_PEDAGOGICAL = "psycho_pedagogical"  # психолого-педагогические
    COMMUNICATIVE = "communicative"  # коммуникативные


GROUP_ORDER: tuple[CompetenceGroup, ...] = tuple(CompetenceGroup)
#: the codes, in order, as the features store them
COMPETENCE_GROUPS: tuple[str, ...] = tuple(g.value for g in CompetenceGroup)
