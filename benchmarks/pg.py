"""A throwaway, migrated PostgreSQL schema for a benchmark run (dropped afterwards)."""

from __future__ import annotations

import uuid
from typing import Any

from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine
from storage.migrate import alembic_config


async def scratch_schema(url: str) -> tuple[AsyncEngine, str]:
    """An engine whose search_path is a fresh schema with every migration applied."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    owner = create_engine(url)
    async with owner.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    await owner.dispose()
    engine = create_engine(url, connect_args={"server_settings": {"search_path": schema}})

    def migrate(sync_conn: Any) -> None:
        cfg = alembic_config(url)
        cfg.attributes["connection"] = sync_conn
        command.upgrade(cfg, "head")

    async with engine.begin() as conn:
        await conn.run_sync(migrate)
    return engine, schema


async def drop_schema(url: str, schema: str) -> None:
    owner = create_engine(url)
    async with owner.begin() as conn:
        await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    await owner.dispose()
