"""`python -m bot backup FILE` / `restore FILE`: a database filled through the app comes back
after it was changed or lost. SQLite always; PostgreSQL with TEST_DATABASE_URL when pg_dump and
pg_restore are installed (scratch databases of this test's own, created and dropped here)."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, make_url, select

from bot.app import App
from bot.backup import libpq_env
from domain.enums import Channel
from storage.models import OrgRow
from storage.uow import SqlUnitOfWork
from tests.conftest import PG_URL, _admin, onboarded
from tests.test_cli import cli_db, on_db, run_cli  # noqa: F401  (fixture)
from tests.test_settings import clean_env  # noqa: F401  (fixture)

TEACHER, LATER = 555_001, 555_002
NAME = "Петрова Анна Сергеевна"


def _skip_without_pg_tools(url: str) -> None:
    if not url.startswith("sqlite") and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump / pg_restore are not installed")


def state(url: str) -> tuple[int, str | None, bool]:
    """(org units, the teacher's name, whether the later teacher exists)."""

    async def fn(uow: SqlUnitOfWork) -> tuple[int, str | None, bool]:
        orgs = await uow.session.scalar(select(func.count()).select_from(OrgRow))
        person = await uow.people.get_by_external(Channel.TELEGRAM, str(TEACHER))
        later = await uow.people.get_by_external(Channel.TELEGRAM, str(LATER))
        return int(orgs or 0), person.profile.full_name if person else None, later is not None

    return on_db(url, fn)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv)


async def test_backup_then_restore_over_a_changed_database(
    app: App, orgs: dict[str, int], cli_db: str, tmp_path: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    _skip_without_pg_tools(cli_db)
    await onboarded(app, TEACHER, orgs["school1"], name=NAME)
    await app.engine.dispose()  # nothing of ours holds a connection while the tools work
    before = await asyncio.to_thread(state, cli_db)
    assert before == (len(orgs), NAME, False)

    file = tmp_path / "marshrut.backup"
    code, out, err = await asyncio.to_thread(cli, capsys, "backup", str(file))
    assert code == 0, err
    assert "Backup written" in out and file.stat().st_size > 0
    # an existing backup is not overwritten by accident
    code, _, err = await asyncio.to_thread(cli, capsys, "backup", str(file))
    assert code == 2 and "already exists" in err

    # the database changes after the backup
    await onboarded(app, LATER, orgs["school2"])
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, app.clock)
        person = await uow.people.get_by_external(Channel.TELEGRAM, str(TEACHER))
        assert person
        await uow.people.delete(person.id)
        await uow.commit()
    await app.engine.dispose()
    assert await asyncio.to_thread(state, cli_db) == (len(orgs), None, True)

    # a database with tables is not replaced without --force
    code, _, err = await asyncio.to_thread(cli, capsys, "restore", str(file))
    assert code == 2 and "--force" in err, err
    assert await asyncio.to_thread(state, cli_db) == (len(orgs), None, True)

    code, out, err = await asyncio.to_thread(cli, capsys, "restore", str(file), "--force")
    assert code == 0, err
    assert "migrations applied" in out
    assert await asyncio.to_thread(state, cli_db) == before
    # and the app goes on working on it
    await onboarded(app, LATER, orgs["school2"])
    assert (await asyncio.to_thread(state, cli_db))[2]


async def test_restore_into_an_empty_database(
    app: App, orgs: dict[str, int], cli_db: str, tmp_path: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server or the disk is lost: a new, empty database gets everything back."""
    _skip_without_pg_tools(cli_db)
    await onboarded(app, TEACHER, orgs["school1"], name=NAME)
    await app.engine.dispose()
    file = tmp_path / "marshrut.backup"
    code, _, err = await asyncio.to_thread(cli, capsys, "backup", str(file))
    assert code == 0, err

    if cli_db.startswith("sqlite"):
        fresh = f"sqlite+aiosqlite:///{tmp_path / 'new' / 'marshrut.db'}"
        scratch = None
    else:
        assert PG_URL
        scratch = f"marshrut_restore_{uuid.uuid4().hex[:8]}"
        await _admin(PG_URL, f'CREATE DATABASE "{scratch}"')
        fresh = make_url(PG_URL).set(database=scratch).render_as_string(hide_password=False)
    try:
        monkeypatch.setenv("DATABASE_URL", fresh)
        code, out, err = await asyncio.to_thread(cli, capsys, "restore", str(file))
        assert code == 0, err
        assert await asyncio.to_thread(state, fresh) == (len(orgs), NAME, False)
    finally:
        if scratch:
            await _admin(PG_URL or "", f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def test_restore_refuses_what_is_not_a_backup(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _skip_without_pg_tools(cli_db)
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    code, _, err = run_cli(capsys, "restore", str(junk), "--force")
    assert code == 2 and "notes.txt" in err, err
    code, _, err = run_cli(capsys, "restore", str(tmp_path / "missing.backup"))
    assert code == 2 and "not found" in err
    if cli_db.startswith("sqlite"):
        other = tmp_path / "other.sqlite"  # an SQLite file of something else
        sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
        code, _, err = run_cli(capsys, "restore", str(other), "--force")
        assert code == 2 and "not a backup of this bot" in err, err
        # nothing of the bot's database was touched: it is still migrated
        monkeypatch.setenv("DATABASE_URL", cli_db)
        assert run_cli(capsys, "orgs")[0] == 0


def test_backup_of_a_missing_sqlite_database(
    clean_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'none.db'}")
    code, _, err = run_cli(capsys, "backup", str(tmp_path / "b.backup"))
    assert code == 2 and "no database" in err
    assert not (tmp_path / "b.backup").exists()


def test_libpq_env_from_the_asyncpg_url() -> None:
    env = libpq_env("postgresql+asyncpg://marshrut:p%40ss@db.local:6432/marshrut?ssl=require")
    assert env == {
        "PGHOST": "db.local", "PGPORT": "6432", "PGDATABASE": "marshrut", "PGUSER": "marshrut",
        "PGPASSWORD": "p@ss", "PGSSLMODE": "require",
    }
