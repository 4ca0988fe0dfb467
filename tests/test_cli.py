"""`python -m bot …`: the operator's commands through bot.cli.main, against the test database
(a migrated SQLite file; PostgreSQL too with TEST_DATABASE_URL). Every test runs in an empty
working directory with the settings variables removed, so a developer's .env cannot leak in."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from bot import cli
from domain.enums import Channel, OrgKind, Role
from storage.db import create_engine, session_factory
from storage.models import InviteRow, OrgRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.harness import BOT_USERNAME, Person
from tests.support import hostile
from tests.test_settings import clean_env  # noqa: F401  (fixture)

T = TypeVar("T")
COMMANDS = ("run", "migrate", "seed-demo", "import-orgs", "grant", "invite", "orgs")


@pytest.fixture
def cli_db(clean_env: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:  # noqa: F811
    monkeypatch.setenv("DATABASE_URL", db_url)
    return db_url


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `python -m bot ARGV`; returns (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = 0
    try:
        cli.main(list(argv), clock=TEST_CLOCK)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)  # as Python does for SystemExit(str)
    out, err = capsys.readouterr()
    return code, out, err


def on_db(url: str, fn: Callable[[SqlUnitOfWork], Awaitable[T]]) -> T:
    async def go() -> T:
        engine = create_engine(url)
        try:
            async with session_factory(engine)() as session:
                return await fn(SqlUnitOfWork(session, TEST_CLOCK))
        finally:
            await engine.dispose()

    return asyncio.run(go())


def orgs_in(url: str) -> set[tuple[str, str, str | None]]:
    """(kind, name, parent name) of every org unit."""

    async def fn(uow: SqlUnitOfWork) -> set[tuple[str, str, str | None]]:
        rows = (await uow.session.scalars(select(OrgRow))).all()
        names = {r.id: r.name for r in rows}
        return {(r.kind, r.name, names.get(r.parent_id) if r.parent_id else None) for r in rows}

    return on_db(url, fn)


def roles_of(url: str, user_id: int) -> set[tuple[Role, int | None]]:
    async def fn(uow: SqlUnitOfWork) -> set[tuple[Role, int | None]]:
        person = await uow.people.get_by_external(Channel.TELEGRAM, str(user_id))
        return {(g.role, g.org_id) for g in person.grants} if person else set()

    return on_db(url, fn)


def invites_count(url: str) -> int:
    async def fn(uow: SqlUnitOfWork) -> int:
        return int(await uow.session.scalar(select(func.count()).select_from(InviteRow)) or 0)

    return on_db(url, fn)


def make_tree(url: str, schools: dict[str, list[str]]) -> dict[str, int]:
    """A region «Область» with municipalities and schools; returns ids by name (schools by
    "municipality/school")."""

    async def fn(uow: SqlUnitOfWork) -> dict[str, int]:
        ids: dict[str, int] = {}
        region, _ = await uow.orgs.ensure(OrgKind.REGION, "Область", None)
        ids["Область"] = region.id
        for mun_name, names in schools.items():
            mun, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, mun_name, region)
            ids[mun_name] = mun.id
            for name in names:
                school, _ = await uow.orgs.ensure(OrgKind.SCHOOL, name, mun)
                ids[f"{mun_name}/{name}"] = school.id
        await uow.commit()
        return ids

    return on_db(url, fn)


# ---- help, migrate, seed, orgs ------------------------------------------------------------


def test_help_lists_every_command(clean_env: Path, capsys: Any) -> None:  # noqa: F811
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0
    for command in COMMANDS:
        assert re.search(rf"^\s+{re.escape(command)}\s", out, re.MULTILINE), (command, out)


def test_migrate_creates_the_default_sqlite_database(clean_env: Path, capsys: Any) -> None:  # noqa: F811
    code, out, err = run_cli(capsys, "migrate")
    assert code == 0, err
    assert "Migrations applied." in out
    path = clean_env / "data" / "marshrut.db"  # the default DATABASE_URL, relative to cwd
    assert path.exists()
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"people", "orgs", "role_grants", "invites", "outbox", "fsm_states",
                "alembic_version"} <= tables
        heads = conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0]
    code, out, _ = run_cli(capsys, "migrate")  # again: nothing to do, still fine
    assert code == 0 and "Migrations applied." in out
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == heads


def test_migrate_on_the_test_database(cli_db: str, capsys: Any) -> None:
    code, out, err = run_cli(capsys, "migrate")
    assert code == 0, err
    assert "Migrations applied." in out


def test_seed_demo_is_idempotent_and_orgs_lists_it(cli_db: str, capsys: Any) -> None:
    code, out, err = run_cli(capsys, "seed-demo")
    assert code == 0, err
    assert "1 region(s), 5 municipality(ies), 16 school(s) created; 0 already present" in out
    first = orgs_in(cli_db)
    assert len(first) == 22
    assert ("school", "МАОУ СОШ № 5 г. Тюмени", "г. Тюмень") in first

    code, out, err = run_cli(capsys, "seed-demo")
    assert code == 0, err
    assert "0 region(s), 0 municipality(ies), 0 school(s) created" in out
    assert orgs_in(cli_db) == first

    code, out, err = run_cli(capsys, "orgs")
    assert code == 0, err
    lines = [line.split("\t") for line in out.splitlines()]
    assert len(lines) == 22 and all(len(cells) == 4 for cells in lines)
    by_name = {cells[2]: cells for cells in lines}
    region = by_name["Тюменская область (демо)"]
    assert region[1] == "region" and region[3] == "parent=-"
    tyumen = by_name["г. Тюмень"]
    assert tyumen[1] == "municipality" and tyumen[3] == f"parent={region[0]}"
    school = by_name["МАОУ лицей № 81 г. Тюмени"]
    assert school[1] == "school" and school[3] == f"parent={tyumen[0]}"
    assert [c[1] for c in lines] == ["region"] + ["municipality"] * 5 + ["school"] * 16


# ---- import-orgs --------------------------------------------------------------------------

ROWS = [
    ["Регион", "Муниципалитет", "Образовательная организация"],  # header: skipped
    ["Тюменская область", "г. Тюмень", "МАОУ СОШ № 5 г. Тюмени"],
    ["Тюменская область", "г. Тюмень", "МАОУ «Гимназия № 21», корпус 2"],
    ["Тюменская область", "", "МАОУ СОШ без муниципалитета"],  # line 4: bad
    ["Тюменская область", "г. Ишим", "МАОУ СОШ № 1 г. Ишима"],
    ["Тюменская область", "Ялуторовский район", ""],  # a municipality without schools
]
EXPECTED = {
    ("region", "Тюменская область", None),
    ("municipality", "г. Тюмень", "Тюменская область"),
    ("municipality", "г. Ишим", "Тюменская область"),
    ("municipality", "Ялуторовский район", "Тюменская область"),
    ("school", "МАОУ СОШ № 5 г. Тюмени", "г. Тюмень"),
    ("school", "МАОУ «Гимназия № 21», корпус 2", "г. Тюмень"),
    ("school", "МАОУ СОШ № 1 г. Ишима", "г. Ишим"),
}


def _csv(rows: list[list[str]], delimiter: str) -> str:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def check_import(url: str, code: int, out: str, err: str, bad_line: int = 4) -> None:
    assert code == 0, err
    assert f"line {bad_line}: region and municipality are required" in err
    assert err.count("line ") == 1, err
    assert "1 region(s), 3 municipality(ies), 3 school(s) created" in out
    assert "1 row(s) skipped" in out
    assert orgs_in(url) == EXPECTED


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8"), (";", "cp1251"), (",", "cp1251"), (";", "utf-8-sig"),
     ("\t", "utf-8")],
)
def test_import_orgs_csv(cli_db: str, clean_env: Path, capsys: Any, delimiter: str,  # noqa: F811
                         encoding: str) -> None:
    path = clean_env / "orgs.csv"
    path.write_bytes(_csv(ROWS, delimiter).encode(encoding))
    check_import(cli_db, *run_cli(capsys, "import-orgs", str(path)))
    # importing again finds everything and creates nothing
    code, out, _ = run_cli(capsys, "import-orgs", str(path))
    assert code == 0 and "0 region(s), 0 municipality(ies), 0 school(s) created" in out
    assert orgs_in(cli_db) == EXPECTED


def test_import_orgs_xlsx(cli_db: str, clean_env: Path, capsys: Any) -> None:  # noqa: F811
    wb = Workbook()
    sheet = wb.active
    for row in ROWS[:3]:
        sheet.append(row)
    sheet.append([None, None, None])  # a blank line 4: skipped silently, still counted
    for row in ROWS[3:]:
        sheet.append([cell or None for cell in row])
    path = clean_env / "orgs.xlsx"
    wb.save(path)
    check_import(cli_db, *run_cli(capsys, "import-orgs", str(path)), bad_line=5)


def test_import_orgs_without_header_and_with_numbers(cli_db: str, clean_env: Path,  # noqa: F811
                                                     capsys: Any) -> None:
    wb = Workbook()
    wb.active.append(["Область", "Округ", 57])  # a school named by its number
    path = clean_env / "orgs.xlsx"
    wb.save(path)
    code, _, err = run_cli(capsys, "import-orgs", str(path))
    assert code == 0, err
    assert ("school", "57", "Округ") in orgs_in(cli_db)


def test_import_orgs_single_column_csv_is_reported_by_line(
    cli_db: str, clean_env: Path, capsys: Any  # noqa: F811
) -> None:
    path = clean_env / "orgs.csv"
    path.write_text("Тюменская область\nг. Тюмень\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "import-orgs", str(path))
    assert code == 0, err
    assert "line 1: region and municipality are required" in err
    assert "line 2: region and municipality are required" in err
    assert "2 row(s) skipped" in out
    assert orgs_in(cli_db) == set()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "file not found"),
        ("orgs.json", b"{}", "expected a .csv or .xlsx file"),
        ("broken.xlsx", b"not a zip", "cannot read"),
    ],
)
def test_import_orgs_bad_file(cli_db: str, clean_env: Path, capsys: Any, name: str,  # noqa: F811
                              content: bytes | None, message: str) -> None:
    path = clean_env / name
    if content is not None:
        path.write_bytes(content)
    code, _, err = run_cli(capsys, "import-orgs", str(path))
    assert code == 2
    assert err.startswith("Error: ") and message in err
    assert "Traceback" not in err


def test_import_orgs_csv_from_excel_for_mac(cli_db: str, clean_env: Path,  # noqa: F811
                                            capsys: Any) -> None:
    path = clean_env / "orgs.csv"
    path.write_bytes(_csv(ROWS, ";").replace("\r\n", "\r").encode("cp1251"))
    check_import(cli_db, *run_cli(capsys, "import-orgs", str(path)))


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("orgs.xlsx", hostile.xlsx_bomb, "the table is too big once unpacked"),
        ("orgs.xlsx", hostile.xlsx_lying, "Cannot read the file as an Excel workbook"),
        ("orgs.csv", hostile.binary, "This is neither a text file nor a table"),
        ("orgs.csv", lambda: b"x" * (11 * 2**20), "The file is too big: 11 MB"),
    ],
)
def test_import_orgs_refuses_hostile_files(cli_db: str, clean_env: Path,  # noqa: F811
                                           capsys: Any, name: str, make: Any,
                                           message: str) -> None:
    path = clean_env / name
    path.write_bytes(make())
    code, out, err = run_cli(capsys, "import-orgs", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"Error: cannot read {name}: ")
    assert message.casefold() in err.casefold()
    assert orgs_in(cli_db) == set()


# ---- grant --------------------------------------------------------------------------------

TREE = {
    "г. Тюмень": ["МАОУ СОШ № 1", "МАОУ СОШ № 5 г. Тюмени"],
    "г. Ишим": ["МАОУ СОШ № 1"],  # the same name in another municipality
}


def test_grant_by_id_and_by_exact_name(cli_db: str, capsys: Any) -> None:
    ids = make_tree(cli_db, TREE)
    school = ids["г. Тюмень/МАОУ СОШ № 5 г. Тюмени"]

    code, out, err = run_cli(capsys, "grant", "700100", "school_coordinator", str(school))
    assert code == 0, err
    assert f"User 700100 now has role school_coordinator in МАОУ СОШ № 5 г. Тюмени (id {school})" \
        in out
    # by name: case and extra spaces do not matter
    code, out, err = run_cli(capsys, "grant", "700100", "municipal_coordinator", " Г.  тюмень ")
    assert code == 0, err
    code, out, err = run_cli(capsys, "grant", "700100", "regional_coordinator", "Область")
    assert code == 0, err
    code, out, err = run_cli(capsys, "grant", "700100", "admin")
    assert code == 0, err
    assert roles_of(cli_db, 700100) == {
        (Role.SCHOOL_COORDINATOR, school),
        (Role.MUNICIPAL_COORDINATOR, ids["г. Тюмень"]),
        (Role.REGIONAL_COORDINATOR, ids["Область"]),
        (Role.ADMIN, None),
    }
    code, out, err = run_cli(capsys, "grant", "700100", "admin")
    assert code == 0 and "already had role admin" in out
    assert len(roles_of(cli_db, 700100)) == 4


@pytest.mark.parametrize(
    ("role", "scope", "message"),
    [
        ("teacher", "МАОУ СОШ № 1", "is ambiguous"),
        ("teacher", "Несуществующая школа", "no organisation matches"),
        ("teacher", "999999", "no organisation matches"),
        ("school_coordinator", "г. Тюмень", "needs a scope of kind school"),
        ("municipal_coordinator", "Область", "needs a scope of kind municipality"),
        ("regional_coordinator", "г. Ишим", "needs a scope of kind region"),
        ("municipal_coordinator", None, "needs a scope of kind municipality"),
        ("admin", "Область", "is global: give no scope"),
    ],
)
def test_grant_refuses_bad_scope(cli_db: str, capsys: Any, role: str, scope: str | None,
                                 message: str) -> None:
    ids = make_tree(cli_db, TREE)
    argv = ["grant", "700200", role] + ([scope] if scope else [])
    code, out, err = run_cli(capsys, *argv)
    assert code == 2, (out, err)
    assert err.startswith("Error: ") and message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    if message == "is ambiguous":  # the ids to choose from are shown
        assert str(ids["г. Тюмень/МАОУ СОШ № 1"]) in err and str(ids["г. Ишим/МАОУ СОШ № 1"]) in err
    assert roles_of(cli_db, 700200) == set()
    assert out == ""


def test_grant_rejects_unknown_role(cli_db: str, capsys: Any) -> None:
    code, _, err = run_cli(capsys, "grant", "700300", "superuser")
    assert code == 2 and "invalid choice" in err


# ---- invite -------------------------------------------------------------------------------


async def test_invite_prints_a_working_link(
    cli_db: str, monkeypatch: pytest.MonkeyPatch, capsys: Any, make_app: Any
) -> None:
    monkeypatch.setenv("BOT_USERNAME", BOT_USERNAME)
    ids = await asyncio.to_thread(make_tree, cli_db, TREE)
    code, out, err = await asyncio.to_thread(
        run_cli, capsys, "invite", "teacher", "МАОУ СОШ № 5 г. Тюмени", "--uses", "3"
    )
    assert code == 0, err
    link, details = out.splitlines()
    match = re.fullmatch(rf"https://t\.me/{BOT_USERNAME}\?start=([A-Za-z0-9_-]+)", link)
    assert match, link
    assert len(match.group(1)) <= 64  # Telegram's limit for a start parameter
    assert "role teacher" in details and "3 use(s)" in details and "Europe/Moscow" in details

    app = await make_app()
    p = Person(app, 700_400)
    await p.send(f"/start {match.group(1)}")
    assert "Вас приглашают" in p.last.text and "МАОУ СОШ № 5 г. Тюмени" in p.last.text
    await p.press("Согласен")
    assert any("Приглашение принято" in t for t in p.texts), p.texts
    assert ids  # the teacher role itself is granted when the profile is complete


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["invite", "school_coordinator", "г. Тюмень"], "needs a scope of kind school"),
        (["invite", "teacher", "МАОУ СОШ № 1"], "is ambiguous"),
        (["invite", "teacher", "Нет такой"], "no organisation matches"),
        (["invite", "teacher", "г. Ишим", "--days", "0"], "--days must be"),
        (["invite", "teacher", "г. Ишим", "--uses", "0"], "--uses"),
    ],
)
def test_invite_refusals(cli_db: str, monkeypatch: pytest.MonkeyPatch, capsys: Any,
                         argv: list[str], message: str) -> None:
    monkeypatch.setenv("BOT_USERNAME", BOT_USERNAME)
    make_tree(cli_db, TREE)
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and err.startswith("Error: ") and message in err, (out, err)
    assert invites_count(cli_db) == 0


def test_invite_without_username_or_token_creates_nothing(cli_db: str, capsys: Any) -> None:
    make_tree(cli_db, TREE)
    code, out, err = run_cli(capsys, "invite", "teacher", "г. Ишим")
    assert code != 0
    assert "BOT_USERNAME" in err and "Traceback" not in err
    assert "t.me" not in out
    assert invites_count(cli_db) == 0  # no link was printed, so no invite is left behind


def test_invite_username_with_at_sign(cli_db: str, monkeypatch: pytest.MonkeyPatch,
                                      capsys: Any) -> None:
    monkeypatch.setenv("BOT_USERNAME", f"@{BOT_USERNAME}")
    make_tree(cli_db, TREE)
    code, out, err = run_cli(capsys, "invite", "admin")
    assert code == 0, err
    assert out.startswith(f"https://t.me/{BOT_USERNAME}?start=")
