"""Closed vocabularies of the domain. Labels live in locales/, keyed by these values."""

from enum import StrEnum


class Channel(StrEnum):
    TELEGRAM = "telegram"
    MAX = "max"


class OrgKind(StrEnum):
    REGION = "region"
    MUNICIPALITY = "municipality"
    SCHOOL = "school"


class Role(StrEnum):
    TEACHER = "teacher"
    MENTOR = "mentor"
    SCHOOL_COORDINATOR = "school_coordinator"
    MUNICIPAL_COORDINATOR = "municipal_coordinator"
    REGIONAL_COORDINATOR = "regional_coordinator"
    ADMIN = "admin"


#: Which kind of org unit each role is scoped to; ``None`` means the role is global.
ROLE_SCOPE_KIND: dict[Role, OrgKind | None] = {
    Role.TEACHER: OrgKind.SCHOOL,
    Role.MENTOR: OrgKind.SCHOOL,
    Role.SCHOOL_COORDINATOR: OrgKind.SCHOOL,
    Role.MUNICIPAL_COORDINATOR: OrgKind.MUNICIPALITY,
    Role.REGIONAL_COORDINATOR: OrgKind.REGION,
    Role.ADMIN: None,
}

COORDINATOR_ROLES = frozenset(
    {Role.SCHOOL_COORDINATOR, Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_COORDINATOR}
)


class Category(StrEnum):
    """Квалификационная категория."""

    NONE = "none"
    CONFORMITY = "conformity"  # соответствие занимаемой должности
    FIRST = "first"
    HIGHEST = "highest"


class Position(StrEnum):
    TEACHER = "teacher"
    PRIMARY_TEACHER = "primary_teacher"
    DEPUTY_HEAD = "deputy_head"
    HEAD = "head"
    PSYCHOLOGIST = "psychologist"
    SOCIAL_PEDAGOGUE = "social_pedagogue"
    SPEECH_THERAPIST = "speech_therapist"
    ADDITIONAL_EDUCATION = "additional_education"
    TUTOR = "tutor"
    LIBRARIAN = "librarian"
    METHODIST = "methodist"
    OTHER = "other"


class Subject(StrEnum):
    RUSSIAN = "russian"
    LITERATURE = "literature"
    MATH = "math"
    INFORMATICS = "informatics"
    PHYSICS = "physics"
    CHEMISTRY = "chemistry"
    BIOLOGY = "biology"
    GEOGRAPHY = "geography"
    HISTORY = "history"
    SOCIAL_STUDIES = "social_studies"
    ENGLISH = "english"
    GERMAN = "german"
    FRENCH = "french"
    PRIMARY = "primary"
    PHYSICAL_EDUCATION = "physical_education"
    SAFETY = "safety"  # ОБЗР
    MUSIC = "music"
    ART = "art"
    TECHNOLOGY = "technology"  # труд (технология)
    NATIVE_LANGUAGE = "native_language"
    NONE = "none"  # не веду предмет


class Status(StrEnum):
    """Statuses and flags a teacher holds (seed 004 §8.4, seed 003)."""

    MENTOR = "mentor"  # педагог-наставник
    METHODIST = "methodist"  # педагог-методист
    YOUNG_SPECIALIST = "young_specialist"


class Education(StrEnum):
    """«Образование» in section 1 of the ИОМ (001 annex 1: высшее / ср. спец.)."""

    HIGHER_PEDAGOGICAL = "higher_ped"
    HIGHER_OTHER = "higher_other"
    VOCATIONAL_PEDAGOGICAL = "vocational_ped"
    OTHER = "other"


class Locale(StrEnum):
    RU = "ru"
    EN = "en"


class OutboxStatus(StrEnum):
    #: waiting; may be claimed by a sender (``claimed_by``/``claimed_at``, a lease) that has
    #: not yet started to send it: a sender that dies leaves it for the others, not lost.
    PENDING = "pending"
    #: in flight: marked immediately before the HTTP call (at most one per sender).
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"
    #: in flight when its sender died, or the request got no answer (a timeout, a connection
    #: lost after sending): it may or may not have reached the chat, and is never sent again
    #: (no duplicates).
    UNKNOWN = "unknown"
    #: a broadcast cancelled by its sender before this message went out
    CANCELLED = "cancelled"
