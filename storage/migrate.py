"""Apply Alembic migrations from code (``python -m bot migrate`` and at start-up)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from storage.db import create_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["database_url"] = url
    return cfg


async def upgrade(url: str, revision: str = "head") -> None:
    """Run migrations on an async engine (works inside a running event loop)."""
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_run_upgrade, url, revision)
    finally:
        await engine.dispose()


async def downgrade(url: str, revision: str = "base") -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_run_downgrade, url, revision)
    finally:
        await engine.dispose()


def _run_upgrade(sync_conn: object, url: str, revision: str) -> None:
    cfg = alembic_config(url)
    cfg.attributes["connection"] = sync_conn
    command.upgrade(cfg, revision)


def _run_downgrade(sync_conn: object, url: str, revision: str) -> None:
    cfg = alembic_config(url)
    cfg.attributes["connection"] = sync_conn
    command.downgrade(cfg, revision)

