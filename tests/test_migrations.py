"""The models and the Alembic migrations describe the same schema, on SQLite and PostgreSQL:
a model changed without a migration fails here."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storage.db import create_engine
from storage.migrate import downgrade, upgrade
from storage.schema import Base


async def _diff(url: str) -> list:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata)
            )
    finally:
        await engine.dispose()


async def test_models_match_the_migrations(db_url: str) -> None:
    assert await _diff(db_url) == []


async def test_migrations_go_down_and_up_again(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'm.sqlite'}"
    await upgrade(url)
    await downgrade(url, "base")
    await upgrade(url)
    assert await _diff(url) == []


def test_the_schema_has_one_head() -> None:
    """A new migration goes on top of the head, so `upgrade head` and a plain `alembic
    upgrade` mean the same thing and two features never race for the same table."""
    from alembic.script import ScriptDirectory

    from storage.migrate import alembic_config

    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert len(heads) == 1, heads
