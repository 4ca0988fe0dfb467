"""Fixtures: a migrated database per test (SQLite always; PostgreSQL when TEST_DATABASE_URL is
set), and the real application wired to a fake Bot API."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url, select, text

from bot.app import App, build_app
from bot.settings import Settings
from domain.enums import OrgKind, Role
from storage.db import create_engine, session_factory
from storage.migrate import downgrade, upgrade
from storage.models import OutboxRow
from storage.schema import Base
from storage.uow import SqlUnitOfWork
from tests.clock import START, TEST_CLOCK
from tests.harness import BOT_TOKEN, FakeTelegram, Person

# The bot imports matplotlib on its first chart (handlers/charts.py: not at start-up, to save a
# worker's memory). That import holds the GIL for ~0.5 s from a worker thread; a worker process
# pays it once. In the suite it would land inside whichever test draws the first chart and stall
# its event loop — and the fake MAX API, which counts requests per second on that same loop,
# then saw 31 in a second once. Each test process pays it here instead.
import matplotlib  # noqa: E402

matplotlib.use("Agg")

PG_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
ADMIN_ID = 900_001


@pytest.fixture(autouse=True)
def frozen_time() -> Iterator[None]:
    """Every test starts at the run's frozen moment (tests.clock); a test may move it."""
    TEST_CLOCK.set(START)
    yield
    TEST_CLOCK.set(START)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "template.sqlite"
    asyncio.run(upgrade(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def pg_ready() -> Iterator[str]:
    """A throwaway database on the server TEST_DATABASE_URL names, created for this run and
    dropped after it: the database in the URL itself is only used to connect, never changed,
    and several runs (CI, a second checkout) can share one server."""
    assert PG_URL
    url = make_url(PG_URL)
    scratch = f"marshrut_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(PG_URL, f'CREATE DATABASE "{scratch}"'))
    scratch_url = url.set(database=scratch).render_as_string(hide_password=False)
    try:
        asyncio.run(upgrade(scratch_url))
        yield scratch_url
    finally:
        asyncio.run(_admin(PG_URL, f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))


async def _admin(url: str, statement: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(statement))
    finally:
        await engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite+aiosqlite:///{path}"
    url: str = request.getfixturevalue("pg_ready")
    asyncio.run(_truncate(url))
    return url


async def _truncate(url: str) -> None:
    engine = create_engine(url)
    names = ", ".join(t.name for t in Base.metadata.sorted_tables)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    await engine.dispose()


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, BOT_TOKEN=BOT_TOKEN, DATABASE_URL=db_url, ADMIN_IDS=str(ADMIN_ID),
        TIMEZONE="Europe/Moscow",
    )


AppFactory = Callable[..., Awaitable[App]]


@pytest.fixture
async def make_app(settings: Settings) -> AsyncIterator[AppFactory]:
    """Build the real app on the test database; call again to simulate a restart."""
    apps: list[App] = []

    async def factory(**overrides: Any) -> App:
        s = settings.model_copy(update=overrides) if overrides else settings
        app = build_app(s, session=FakeTelegram(), throttle=False, clock=TEST_CLOCK)
        await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp)
        await app.close()


@pytest.fixture
async def app(make_app: AppFactory) -> App:
    return await make_app()


@pytest.fixture
async def orgs(app: App) -> dict[str, int]:
    """A region with two municipalities; the first has 11 schools (two pages)."""
    ids: dict[str, int] = {}
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        region, _ = await uow.orgs.ensure(OrgKind.REGION, "Тестовая область", None)
        ids["region"] = region.id
        m1, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, "Городской округ Тестовый", region)
        m2, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, "Заречный район", region)
        ids["mun1"], ids["mun2"] = m1.id, m2.id
        for n in range(1, 12):
            school, _ = await uow.orgs.ensure(OrgKind.SCHOOL, f"МАОУ СОШ № {n:02d}", m1)
            ids[f"school{n}"] = school.id
        other, _ = await uow.orgs.ensure(OrgKind.SCHOOL, "МКОУ Заречная СОШ", m2)
        ids["other_school"] = other.id
        await uow.commit()
    return ids


@pytest.fixture
def teacher(app: App) -> Person:
    return Person(app, 555_001)


async def db(app: App) -> SqlUnitOfWork:
    """A fresh unit of work for assertions (caller closes its session)."""
    return SqlUnitOfWork(session_factory(app.engine)(), TEST_CLOCK)





async def onboarded(
    app: App,
    user_id: int,
    school_id: int | None,
    *,
    name: str = "Петрова Анна Сергеевна",
    roles: list[tuple[Role, int | None]] | None = None,
    channel: Any = None,
) -> int:
    """Create a consented person with a finished profile directly in the database (setup for
    tests of later features); returns the person id. Onboarding itself is tested end to end
    in test_onboarding.py."""

    from domain.entities import Profile
    from domain.enums import Category, Channel, Position

    now = TEST_CLOCK.now()
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        person = await uow.people.create(channel or Channel.TELEGRAM, str(user_id), now)
        await uow.people.set_consent(person.id, now)
        school = await uow.orgs.get(school_id) if school_id else None
        profile = Profile(
            full_name=name, municipality_id=school.municipality_id if school else None,
            school_id=school_id, position=Position.TEACHER, subjects=["math"],
            experience_years=5, category=Category.FIRST, statuses=[],
        )
        await uow.people.save_profile(person.id, profile, completed_at=now)
        if school_id:
            await uow.people.add_grant(person.id, Role.TEACHER, school_id)
        for role, org_id in roles or []:
            await uow.people.add_grant(person.id, role, org_id)
        await uow.commit()
        return person.id


async def run(app: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a domain service in its own unit of work and commit."""
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        result = await fn(uow, *args, **kwargs)
        await uow.commit()
        return result


async def read(app: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
    async with app.sessions() as session:
        return await fn(SqlUnitOfWork(session, TEST_CLOCK), *args, **kwargs)


async def outbox(app: Any, key: str | None = None) -> list[OutboxRow]:
    async with app.sessions() as session:
        q = select(OutboxRow).order_by(OutboxRow.id)
        if key:
            q = q.where(OutboxRow.key == key)
        return list((await session.scalars(q)).all())


__all__ = ["ADMIN_ID", "db", "downgrade", "onboarded", "outbox", "read", "run"]
