"""``python -m bot backup FILE`` / ``restore FILE``: a copy of the whole database and back.

SQLite: the sqlite3 online backup API (what the shell's ``.backup`` uses), so a copy taken
while the bot runs is consistent; the copy is one self-contained file (no ``-wal``).
PostgreSQL: ``pg_dump -Fc`` and ``pg_restore --clean --if-exists`` in one transaction; the
connection comes from DATABASE_URL (the asyncpg form), the password through the environment,
never on the command line. pg_dump must not be older than the server.

A restore refuses to replace a database that already has tables unless forced, and applies
pending migrations afterwards, so a backup taken by an older version comes back current.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from storage.db import create_engine, is_sqlite
from storage.migrate import upgrade


class BackupError(Exception):
    """A backup or restore that cannot go ahead: one line for the operator."""


# ---- SQLite ---------------------------------------------------------------------------------


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database:
        raise BackupError("DATABASE_URL names no SQLite file")
    return Path(database).expanduser()


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [r[0] for r in rows]


def _sqlite_backup(db: Path, dest: Path) -> None:
    if not db.is_file():
        raise BackupError(f"there is no database at {db}")
    part = dest.with_name(dest.name + ".part")
    part.unlink(missing_ok=True)
    src = sqlite3.connect(db)
    try:
        out = sqlite3.connect(part)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            out.close()
    finally:
        src.close()
    part.replace(dest)


def _check_sqlite_backup(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()
            if not ok or ok[0] != "ok":
                raise BackupError(f"{path.name} is damaged ({ok[0] if ok else '?'})")
            if "alembic_version" not in _sqlite_tables(conn):
                raise BackupError(f"{path.name} is an SQLite file but not a backup of this bot")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} is not an SQLite backup ({exc})") from None


def _sqlite_restore(src_path: Path, db: Path, force: bool) -> None:
    _check_sqlite_backup(src_path)
    db.parent.mkdir(parents=True, exist_ok=True)
    target = sqlite3.connect(db, timeout=30)
    try:
        if _sqlite_tables(target) and not force:
            raise BackupError(
                f"the database at {db} already has tables; stop the bot and pass --force "
                "to replace it with the backup"
            )
        src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
        try:
            src.backup(target)  # page by page, through SQLite: the WAL stays consistent
        finally:
            src.close()
    finally:
        target.close()


# ---- PostgreSQL -----------------------------------------------------------------------------


def libpq_env(url: str) -> dict[str, str]:
    """The connection as libpq environment variables (PGHOST, PGPASSWORD, …) from the
    ``postgresql+asyncpg://`` URL the bot uses."""
    u: URL = make_url(url)
    env = {
        "PGHOST": u.host or "127.0.0.1",
        "PGPORT": str(u.port or 5432),
        "PGDATABASE": u.database or "",
    }
    if u.username:
        env["PGUSER"] = u.username
    if u.password is not None:
        env["PGPASSWORD"] = str(u.password)
    ssl = u.query.get("sslmode") or u.query.get("ssl")
    if isinstance(ssl, str) and ssl:
        env["PGSSLMODE"] = {"true": "require", "false": "disable"}.get(ssl.lower(), ssl)
    if not env["PGDATABASE"]:
        raise BackupError("DATABASE_URL names no database")
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed (package postgresql-client, the server's major version "
            "or newer)"
        )
    return found


def _pg(args: list[str], url: str) -> None:
    env = {**os.environ, **libpq_env(url)}
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
        why = "; ".join(lines[:3]) or f"exit code {done.returncode}"
        raise BackupError(f"{Path(args[0]).name} failed: {why}")


def _pg_backup(url: str, dest: Path) -> None:
    part = dest.with_name(dest.name + ".part")
    part.unlink(missing_ok=True)
    try:
        _pg([_tool("pg_dump"), "--format=custom", "--file", str(part)], url)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    part.replace(dest)


async def _pg_tables(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(text(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            ))
            return [r[0] for r in rows]
    finally:
        await engine.dispose()


def _pg_restore(src: Path, url: str) -> None:
    pg_restore = _tool("pg_restore")
    try:
        _pg([pg_restore, "--list", str(src)], url)  # a pg_dump -Fc archive at all?
    except BackupError as exc:
        raise BackupError(f"{src.name} is not a pg_dump -Fc backup ({exc})") from None
    _pg([pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", "--dbname", libpq_env(url)["PGDATABASE"],
         str(src)], url)


# ---- the commands ---------------------------------------------------------------------------


async def backup(url: str, dest: Path, force: bool = False) -> str:
    """Write a backup of the database at ``url`` to ``dest``; returns a one-line report."""
    if dest.exists() and not force:
        raise BackupError(f"{dest} already exists; choose another name or pass --force")
    if dest.parent and not dest.parent.is_dir():
        raise BackupError(f"no such directory: {dest.parent}")
    if is_sqlite(url):
        await asyncio.to_thread(_sqlite_backup, sqlite_path(url), dest)
    else:
        await asyncio.to_thread(_pg_backup, url, dest)
    return f"Backup written to {dest} ({dest.stat().st_size / 1024:.0f} KB)."


async def restore(url: str, src: Path, force: bool = False) -> str:
    """Replace the database at ``url`` with the backup ``src``, then apply migrations."""
    if not src.is_file():
        raise BackupError(f"file not found: {src}")
    if is_sqlite(url):
        await asyncio.to_thread(_sqlite_restore, src, sqlite_path(url), force)
    else:
        if await _pg_tables(url) and not force:
            raise BackupError(
                f"the database {libpq_env(url)['PGDATABASE']} already has tables; stop the bot "
                "and pass --force to replace it with the backup"
            )
        await asyncio.to_thread(_pg_restore, src, url)
    await upgrade(url)
    return f"Restored from {src}; migrations applied."
