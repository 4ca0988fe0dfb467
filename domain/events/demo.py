"""Demo events for ``python -m bot seed-demo``: a realistic plan of a region, its municipal
methodical services and schools (forms from seed 000 §VI, courses from 001, competitions and
mentoring from 003). Idempotent: an event with the same title and organiser is not repeated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.events import (
    ChangeKind,
    EventChange,
    EventDraft,
    EventForm,
    EventLevel,
    Hours,
    Session,
    check_draft,
)
from domain.ports import UnitOfWork

#: the operator's command line acts with full rights
SYSTEM = Actor(person_id=0, is_config_admin=True)


@dataclass(frozen=True, slots=True)
class DemoEvent:
    title: str
    form: EventForm
    level: EventLevel
    organiser: str  # exact org name (bot/cli.py DEMO)
    groups: tuple[str, ...]
    days: tuple[tuple[int, str, str], ...]  # (days from now, start HH:MM, end HH:MM), local
    hours: Hours
    place: str | None = None
    online_url: str | None = None
    capacity: int | None = None
    deadline_days_before: int | None = None
    description: str | None = None


REGION = "Тюменская область (демо)"
TYUMEN = "г. Тюмень"
ISHIM = "г. Ишим"
TOBOLSK = "Тобольский муниципальный район"

DEMO_EVENTS: tuple[DemoEvent, ...] = (
    DemoEvent(
        "Курс ДПП ПК «Формирование функциональной грамотности обучающихся»",
        EventForm.COURSE, EventLevel.REGIONAL, REGION, ("subject", "methodological"),
        ((14, "14:00", "18:00"), (15, "14:00", "18:00"), (21, "14:00", "18:00")),
        Hours(12, 12, 12), place="ТОГИРРО, ул. Малыгина, 73, ауд. 305",
        online_url="https://sferum.ru/?call_link=demo-fg", capacity=25, deadline_days_before=3,
        description="Входной диагностический контроль, практикумы по заданиям PISA, итоговая "
        "аттестация — фрагмент урока. Объём программы 36 часов.",
    ),
    DemoEvent(
        "Региональная конференция «Наставничество: практики сопровождения молодых педагогов»",
        EventForm.CONFERENCE, EventLevel.REGIONAL, REGION, ("communicative",
                                                            "psycho_pedagogical"),
        ((30, "10:00", "16:00"),), Hours(6, 0, 0), place="ТОГИРРО, актовый зал",
        capacity=150, deadline_days_before=5,
        description="Пленарное заседание и секции: адаптация молодых специалистов, "
        "пары «наставник — наставляемый», школьные программы наставничества.",
    ),
    DemoEvent(
        "Конкурс профессионального мастерства «Педагогический дебют»: установочный семинар",
        EventForm.COMPETITION, EventLevel.REGIONAL, REGION, ("methodological", "subject"),
        ((24, "15:00", "17:00"),), Hours(0, 2, 4),
        online_url="https://sferum.ru/?call_link=demo-debut",
        description="Для педагогов со стажем до трёх лет: требования к конкурсным испытаниям, "
        "разбор открытых уроков прошлых лет.",
    ),
    DemoEvent(
        "Стажировка «Цифровая образовательная среда: урок с ЦОР»",
        EventForm.INTERNSHIP, EventLevel.REGIONAL, REGION, ("methodological",),
        ((35, "09:00", "15:00"), (36, "09:00", "15:00")), Hours(12, 0, 4),
        place="МАОУ лицей № 81 г. Тюмени (стажировочная площадка)", capacity=12,
        deadline_days_before=7,
    ),
    DemoEvent(
        "Семинар-практикум «Формирующее оценивание на уроках математики»",
        EventForm.SEMINAR, EventLevel.MUNICIPAL, TYUMEN, ("methodological", "subject"),
        ((7, "14:30", "17:30"),), Hours(3, 0, 1), place="МАОУ СОШ № 16 г. Тюмени, каб. 204",
        capacity=30, deadline_days_before=1,
        description="Критерии оценивания, листы самооценки, обратная связь на уроке. "
        "Возьмите с собой план одного урока.",
    ),
    DemoEvent(
        "Мастер-класс «Приёмы смыслового чтения в начальной школе»",
        EventForm.MASTER_CLASS, EventLevel.MUNICIPAL, TYUMEN, ("methodological",),
        ((9, "15:00", "17:00"),), Hours(2, 0, 0), place="МАОУ гимназия № 21 г. Тюмени",
        capacity=20,
    ),
    DemoEvent(
        "Коуч-сессия «Профилактика профессионального выгорания»",
        EventForm.COACH_SESSION, EventLevel.MUNICIPAL, TYUMEN,
        ("psycho_pedagogical", "communicative"), ((11, "16:00", "18:00"),), Hours(2, 0, 0),
        place="Городской методический центр, ауд. 12", capacity=15,
    ),
    DemoEvent(
        "Круглый стол «Трудный разговор с родителями»",
        EventForm.ROUND_TABLE, EventLevel.MUNICIPAL, TYUMEN, ("communicative",),
        ((16, "15:00", "17:00"),), Hours(2, 0, 0), place="МАОУ СОШ № 94 г. Тюмени",
        capacity=40,
    ),
    DemoEvent(
        "Методический день «Результаты ВПР как ресурс повышения качества образования»",
        EventForm.METHODICAL_DAY, EventLevel.MUNICIPAL, TYUMEN, ("subject", "methodological"),
        ((19, "10:00", "15:00"),), Hours(5, 0, 0), place="Городской методический центр",
        deadline_days_before=2,
    ),
    DemoEvent(
        "Педагогический десант «Урок в современной образовательной среде»",
        EventForm.LANDING, EventLevel.MUNICIPAL, ISHIM, ("methodological", "subject"),
        ((12, "09:00", "14:00"),), Hours(5, 0, 1), place="МАОУ СОШ № 2 г. Ишима", capacity=35,
    ),
    DemoEvent(
        "Консультация «Как составить ИОМ по результатам самодиагностики»",
        EventForm.CONSULTATION, EventLevel.MUNICIPAL, ISHIM, ("methodological",),
        ((8, "16:00", "17:00"),), Hours(0, 1, 0),
        online_url="https://sferum.ru/?call_link=demo-iom", capacity=50,
    ),
    DemoEvent(
        "Демонстрационный выезд «Разновозрастное обучение в сельской школе»",
        EventForm.DEMO_VISIT, EventLevel.MUNICIPAL, TOBOLSK, ("methodological",
                                                              "psycho_pedagogical"),
        ((17, "10:00", "15:00"),), Hours(4, 0, 2), place="МАОУ «Бизинская СОШ»", capacity=18,
        deadline_days_before=4,
    ),
    DemoEvent(
        "Открытый урок «Проектная задача по физике, 8 класс»",
        EventForm.OPEN_LESSON, EventLevel.SCHOOL, "МАОУ СОШ № 5 г. Тюмени", ("subject",),
        ((6, "11:00", "11:45"),), Hours(1, 0, 1), place="Каб. 31 (физика)", capacity=10,
        description="Посещение урока и анализ: постановка учебной задачи, работа в группах.",
    ),
    DemoEvent(
        "Тренинг «Бесконфликтное общение в классе»",
        EventForm.TRAINING, EventLevel.SCHOOL, "МАОУ гимназия № 21 г. Тюмени",
        ("psycho_pedagogical", "communicative"), ((10, "14:00", "17:00"),), Hours(3, 0, 0),
        place="Кабинет педагога-психолога", capacity=16,
    ),
)


def _local(now: datetime, tz: ZoneInfo, days: int, hhmm: str) -> datetime:
    day = (now.astimezone(tz) + timedelta(days=days)).date()
    hour, minute = (int(x) for x in hhmm.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz).astimezone(UTC)


async def seed_demo_events(uow: UnitOfWork, tz: ZoneInfo, now: datetime) -> int:
    """Create the demo events whose organisers exist; returns how many were created."""
    created = 0
    for spec in DEMO_EVENTS:
        found = await uow.orgs.find(spec.organiser)
        if len(found) != 1:
            continue
        organiser = found[0]
        if await uow.events.exists(organiser.id, spec.title):
            continue
        sessions = [Session(_local(now, tz, d, a), _local(now, tz, d, b)) for d, a, b in spec.days]
        deadline = None
        if spec.deadline_days_before is not None:
            deadline = sessions[0].starts_at - timedelta(days=spec.deadline_days_before)
        draft = EventDraft(
            title=spec.title, form=spec.form, level=spec.level, organiser_id=organiser.id,
            groups=list(spec.groups), description=spec.description, sessions=sessions,
            place=spec.place, online_url=spec.online_url, hours=spec.hours,
            capacity=spec.capacity, deadline=deadline, audience=[organiser.id],
        )
        await check_draft(uow, SYSTEM, draft, now)
        event = await uow.events.add(draft, None, now)
        await uow.events.add_change(EventChange(event.id, ChangeKind.CREATED, None, None, None,
                                                None, now))
        created += 1
    return created
