"""The four groups of professional competences (seed 002 §I, 001 §5): one vocabulary for the
diagnosis, the ИОМ, events and course forms (their codes are stored and sent in buttons)."""

from __future__ import annotations

import functools
import re
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


#: words shorter than this do not count when wordings are compared (prepositions, conjunctions)
WORD_MIN = 5
#: a Russian word is compared by its first letters (a crude stem: «оценивания» ~ «оценивание»)
STEM = 6


def stems(text: str | None) -> set[str]:
    """The stems of the longer words of a wording (a deficit's indicator, an event's title)."""
    return set(_stems(text or ""))


@functools.lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    """The same wordings come back on every catalogue page: found once."""
    return frozenset(w[:STEM] for w in _WORD.findall(text.lower()) if len(w) >= WORD_MIN)


_WORD = re.compile(r"\w+")
