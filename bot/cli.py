"""``python -m bot [command]``: run the bot and the operator's commands."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from typing import Any
from pathlib import Path

from bot.settings import Settings, load_settings
from domain import orgs as org_service
from domain.clock import SYSTEM_CLOCK, Clock
from domain.enums import Channel, OrgKind, Role
from domain.errors import DomainError
from domain.invites import DEFAULT_DAYS, create_invite
from domain.people import first_contact
from handlers.uploads import MB, TABLE_SUFFIXES, FileProblem
from storage.db import create_engine, session_factory
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork

log = logging.getLogger("marshrut")

DEMO = {
    "Тюменская область (демо)": {
        "г. Тюмень": [
            "МАОУ СОШ № 5 г. Тюмени",
            "МАОУ СОШ № 16 г. Тюмени",
            "МАОУ гимназия № 21 г. Тюмени",
            "МАОУ лицей № 81 г. Тюмени",
            "МАОУ СОШ № 94 г. Тюмени",
        ],
        "г. Ишим": ["МАОУ СОШ № 1 г. Ишима", "МАОУ СОШ № 2 г. Ишима", "МАОУ СОШ № 4 г. Ишима"],
        "Тобольский муниципальный район": [
            "МАОУ «Прииртышская СОШ»",
            "МАОУ «Бизинская СОШ»",
            "МАОУ «Кутарбитская СОШ»",
        ],
        "Ялуторовский район": ["МАОУ «Киевская СОШ»", "МАОУ «Памятнинская СОШ»"],
        "г. Ялуторовск": [
            "МАОУ «СОШ № 1» г. Ялуторовска",
            "МАОУ «СОШ № 3» г. Ялуторовска",
            "МАОУ «СОШ № 4» г. Ялуторовска",
        ],
    }
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bot",
        description="«Маршрут»: a Telegram bot for teachers' professional development. "
        "Without a command: apply migrations and run the bot.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="apply pending migrations and start long polling (default)")
    sub.add_parser("webhook", help="apply pending migrations, set the webhook and take updates "
                   "over HTTP (WEBHOOK_URL, WEBHOOK_SECRET; behind a reverse proxy)")
    sub.add_parser("migrate", help="apply pending database migrations")
    sub.add_parser("seed-demo", help="add a demo region with municipalities and schools "
                   "(idempotent)")
    imp = sub.add_parser("import-orgs", help="import region/municipality/school from CSV or XLSX")
    imp.add_argument("file", type=Path, help="CSV (comma or semicolon) or XLSX; columns: "
                     "region, municipality, school; a header row is skipped")
    g = sub.add_parser("grant", help="give a role to a Telegram user")
    g.add_argument("user_id", type=int, help="numeric Telegram user id")
    g.add_argument("role", choices=[r.value for r in Role])
    g.add_argument("scope", nargs="?", help="org id or exact name (not for admin)")
    inv = sub.add_parser("invite", help="create an invite link and print it")
    inv.add_argument("role", choices=[r.value for r in Role])
    inv.add_argument("scope", nargs="?", help="org id or exact name (not for admin)")
    inv.add_argument("--days", type=int, default=DEFAULT_DAYS, help="valid for N days")
    inv.add_argument("--uses", type=int, default=None, help="how many people may use it")
    sub.add_parser("orgs", help="list org units with their ids")
    ins = sub.add_parser("import-instrument", help="validate a self-diagnosis instrument "
                         "(YAML or JSON) and make it the active one")
    ins.add_argument("file", type=Path, help="the instrument file (.yaml, .yml or .json)")
    ins.add_argument("--check", action="store_true", help="only validate; store nothing")
    srv = sub.add_parser("import-survey", help="validate a survey (YAML or JSON) and store it "
                         "as the next version of its code")
    srv.add_argument("file", type=Path, help="the survey file (.yaml, .yml or .json)")
    srv.add_argument("--check", action="store_true", help="only validate; store nothing")
    _backup_parsers(sub)
    return p


def main(argv: list[str] | None = None, clock: Clock = SYSTEM_CLOCK) -> None:
    """``clock``: the time of the operator's commands (tests pass a frozen one)."""
    from bot.logs import setup_logging

    args = _parser().parse_args(argv)
    settings = load_settings()
    setup_logging(settings.log_level, settings.log_format)
    command = args.command or "run"
    try:
        if command == "run":
            from bot.runner import run

            asyncio.run(run(settings))
        elif command == "webhook":
            from bot.webhook import run_webhook

            asyncio.run(run_webhook(settings))
        elif command == "migrate":
            asyncio.run(upgrade(settings.database_url))
            print("Migrations applied.")
        elif command == "seed-demo":
            asyncio.run(seed_demo(settings, clock=clock))
        elif command == "import-orgs":
            asyncio.run(import_orgs(settings, args.file, clock=clock))
        elif command == "grant":
            asyncio.run(grant(settings, args.user_id, Role(args.role), args.scope, clock=clock))
        elif command == "invite":
            asyncio.run(
                invite(settings, Role(args.role), args.scope, args.days, args.uses, clock=clock)
            )
        elif command == "orgs":
            asyncio.run(list_orgs(settings, clock=clock))
        elif command == "import-instrument":
            asyncio.run(import_instrument(settings, args.file, args.check, clock=clock))
        elif command == "import-survey":
            asyncio.run(import_survey(settings, args.file, args.check, clock=clock))
        elif command in ("backup", "restore"):
            asyncio.run(backup_restore(settings, command, args.file, args.force))
    except CliError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        pass
    except Exception as exc:  # an unreachable database (or Bot API): one line, not a traceback
        from bot.failures import explain

        line = explain(exc, settings)
        if line is None:
            raise
        raise SystemExit(line) from None


class CliError(Exception):
    pass


async def _uow_session(settings: Settings):  # type: ignore[no-untyped-def]
    """The database for one command (``_done(engine)`` at the end). The running bot processes
    serve people and the events catalogue from memory: what the command commits is told to
    them (Redis or, on SQLite, the sidecar files); storage/people_cache.py, read_model.py."""
    from storage.people_cache import make_cache
    from storage.read_model import make_read_model

    await upgrade(settings.database_url)
    engine = create_engine(settings.database_url)
    _telling[engine] = [c for c in (make_cache(settings.database_url, settings.redis_url),
                                    make_read_model(settings.database_url, settings.redis_url))
                        if c is not None]
    return engine, session_factory(engine)


_telling: dict[Any, list[Any]] = {}


async def _done(engine: Any) -> None:
    """Every change committed has been told to the bot processes; the database is let go."""
    from storage.people_cache import published

    await published()
    for told in _telling.pop(engine, []):
        await told.close()
    await engine.dispose()


async def seed_demo(settings: Settings, clock: Clock = SYSTEM_CLOCK) -> None:
    rows: list[tuple[int, list[object]]] = []
    n = 0
    for region, municipalities in DEMO.items():
        for municipality, schools in municipalities.items():
            for school in schools:
                n += 1
                rows.append((n, [region, municipality, school]))
    result = await _import(settings, rows, clock)
    print(
        f"Demo data: {result.created[OrgKind.REGION]} region(s), "
        f"{result.created[OrgKind.MUNICIPALITY]} municipality(ies), "
        f"{result.created[OrgKind.SCHOOL]} school(s) created; "
        f"{result.existing} already present."
    )
    await seed_demo_events_cli(settings, clock)  # events and courses (domain/events_demo.py)


async def seed_demo_events_cli(settings: Settings, clock: Clock = SYSTEM_CLOCK) -> None:
    from domain.events.demo import seed_demo_events

    engine, sessions = await _uow_session(settings)
    try:
        async with sessions() as session:
            uow = SqlUnitOfWork(session, clock)
            created = await seed_demo_events(uow, settings.tz, clock.now())
            await session.commit()
    finally:
        await _done(engine)
    print(f"Demo events: {created} created.")


def _english(key: str, **params: object) -> str:
    """A message from the English catalogue as one plain line (no HTML, no line breaks)."""
    import html
    import re

    from bot.i18n import make_core

    core = make_core("en")
    core.locales.update(core.find_locales())
    text = core.get(key, "en", **params)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def _read_file(path: Path, max_bytes: int) -> bytes:
    if not path.is_file():
        raise CliError(f"file not found: {path}")
    if path.stat().st_size > max_bytes:
        raise CliError(f"cannot read {path.name}: " + _english(
            "file-error-too-big", size=round(path.stat().st_size / MB, 2),
            max=round(max_bytes / MB, 2)))
    return path.read_bytes()


def read_rows(path: Path) -> list[tuple[int, list[object]]]:
    """Rows of a CSV (comma, semicolon or tab; UTF-8 or cp1251) or the first sheet of an XLSX,
    read by the same reader and limits as the admin's upload in the bot
    (handlers.territory.orgs), the header row skipped."""
    from handlers.territory.orgs import ORG_LIMITS, read_org_file

    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise CliError(f"{path.name}: expected a .csv or .xlsx file")
    data = _read_file(path, ORG_LIMITS.max_bytes)
    try:
        return read_org_file(data, path.name)
    except FileProblem as exc:
        raise CliError(f"cannot read {path.name}: {_english(exc.key, **exc.params)}") from None


async def _import(  # type: ignore[no-untyped-def]
    settings: Settings, rows: list[tuple[int, list[object]]], clock: Clock = SYSTEM_CLOCK
):
    engine, sessions = await _uow_session(settings)
    try:
        async with sessions() as session:
            uow = SqlUnitOfWork(session, clock)
            result = await org_service.import_rows(uow, rows)
            await uow.commit()
            return result
    finally:
        await _done(engine)


async def import_orgs(settings: Settings, path: Path, clock: Clock = SYSTEM_CLOCK) -> None:
    rows = read_rows(path)
    result = await _import(settings, rows, clock)
    for line, problem in result.errors:
        print(f"line {line}: {problem}", file=sys.stderr)
    print(
        f"Imported from {path.name}: {result.created[OrgKind.REGION]} region(s), "
        f"{result.created[OrgKind.MUNICIPALITY]} municipality(ies), "
        f"{result.created[OrgKind.SCHOOL]} school(s) created; {result.existing} already present; "
        f"{len(result.errors)} row(s) skipped."
    )


async def _scope(uow: SqlUnitOfWork, scope: str | None) -> int | None:
    if scope is None:
        return None
    found = await uow.orgs.find(scope)
    if not found:
        raise CliError(f"no organisation matches {scope!r}; see `python -m bot orgs`")
    if len(found) > 1:
        ids = ", ".join(f"{o.id} ({o.kind.value})" for o in found)
        raise CliError(f"{scope!r} is ambiguous: {ids}; give the id instead")
    return found[0].id


async def grant(
    settings: Settings, user_id: int, role: Role, scope: str | None, clock: Clock = SYSTEM_CLOCK
) -> None:
    from domain.access import check_role_scope

    engine, sessions = await _uow_session(settings)
    try:
        async with sessions() as session:
            uow = SqlUnitOfWork(session, clock)
            org_id = await _scope(uow, scope)
            org = await uow.orgs.get(org_id) if org_id else None
            try:
                check_role_scope(role, org)
            except DomainError as exc:
                raise CliError(_explain(exc, role)) from None
            person = await first_contact(uow, Channel.TELEGRAM, str(user_id), clock.now())
            added = await uow.people.add_grant(person.id, role, org_id)
            await uow.commit()
    finally:
        await _done(engine)
    where = f" in {org.name} (id {org.id})" if org else ""
    print(f"User {user_id} {'now has' if added else 'already had'} role {role.value}{where}.")


def _explain(exc: DomainError, role: Role) -> str:
    from domain.enums import ROLE_SCOPE_KIND

    kind = ROLE_SCOPE_KIND[role]
    if kind is None:
        return f"role {role.value} is global: give no scope"
    return f"role {role.value} needs a scope of kind {kind.value} (an org id or exact name)"


async def invite(
    settings: Settings, role: Role, scope: str | None, days: int, uses: int | None,
    clock: Clock = SYSTEM_CLOCK,
) -> None:
    # the username first: an invite nobody can be given a link to must not be created
    username = settings.bot_username or await _bot_username(settings)
    engine, sessions = await _uow_session(settings)
    try:
        async with sessions() as session:
            uow = SqlUnitOfWork(session, clock)
            org_id = await _scope(uow, scope)
            try:
                created = await create_invite(uow, None, role, org_id, clock.now(), days, uses)
            except DomainError as exc:
                if exc.key.startswith("invite-error"):
                    raise CliError(f"--days must be 1–365 and --uses 1–10000 ({exc.key})") from None
                raise CliError(_explain(exc, role)) from None
            await uow.commit()
    finally:
        await _done(engine)
    tz = settings.tz
    print(f"https://t.me/{username}?start={created.code}")
    print(
        f"role {role.value}, valid until {created.expires_at.astimezone(tz):%d.%m.%Y %H:%M} "
        f"({settings.timezone}), {created.max_uses} use(s)"
    )


async def _bot_username(settings: Settings) -> str:
    from bot.app import make_bot

    if not settings.bot_token:
        raise CliError("set BOT_USERNAME (the bot's @username) or BOT_TOKEN to build the link")
    bot = make_bot(settings)
    try:
        me = await bot.get_me()
    except Exception as exc:
        raise CliError(
            f"cannot ask Telegram for the bot's username ({exc}); set BOT_USERNAME"
        ) from None
    finally:
        await bot.session.close()
    return me.username or ""


async def list_orgs(settings: Settings, clock: Clock = SYSTEM_CLOCK) -> None:
    engine, sessions = await _uow_session(settings)
    try:
        async with sessions() as session:
            uow = SqlUnitOfWork(session, clock)
            for kind in (OrgKind.REGION, OrgKind.MUNICIPALITY, OrgKind.SCHOOL):
                page = 0
                while True:
                    result = await org_service.browse(uow, kind, None, None, page, 500)
                    for o in result.items:
                        print(f"{o.id}\t{o.kind.value}\t{o.name}\tparent={o.parent_id or '-'}")
                    if (page + 1) * 500 >= result.total:
                        break
                    page += 1
    finally:
        await _done(engine)


async def import_instrument(
    settings: Settings, path: Path, check_only: bool, clock: Clock = SYSTEM_CLOCK
) -> None:
    """Problems are printed as ``FILE:LINE: field: message``, like a compiler's."""
    from domain import diagnosis
    from domain.instrument import MAX_FILE_BYTES, Instrument, InstrumentInvalid, Problem
    from handlers.uploads import read_instrument

    raw = _read_file(path, MAX_FILE_BYTES)
    instrument: Instrument
    try:
        instrument, source = read_instrument(raw, path.name)
        if not check_only:
            engine, sessions = await _uow_session(settings)
            try:
                async with sessions() as session:
                    uow = SqlUnitOfWork(session, clock)
                    outcome = await diagnosis.import_instrument(
                        uow, None, instrument, source, clock.now()
                    )
                    await uow.commit()
            finally:
                await _done(engine)
            instrument = outcome.stored.instrument
    except InstrumentInvalid as exc:
        def place(p: Problem) -> str:
            return f"{path.name}:{p.line}" if p.line else path.name

        if len(exc.problems) == 1 and not exc.problems[0].where:  # the file as a whole
            p = exc.problems[0]
            raise CliError(f"{place(p)}: {_english(p.key, **p.params)}; nothing imported"
                           ) from None
        for p in exc.problems:
            field = f" {p.where}:" if p.where else ""
            print(f"{place(p)}:{field} {_english(p.key, **p.params)}", file=sys.stderr)
        raise CliError(f"{len(exc.problems)} problem(s) in {path.name}; nothing imported") from None
    groups, indicators, statements = instrument.counts()
    what = f"{groups} groups, {indicators} indicators, {statements} statements"
    if check_only:
        print(f"{path.name} is valid: version {instrument.version}, {what}.")
    else:
        print(f"Instrument \"{instrument.title.ru}\" version {instrument.version} is active: "
              f"{what}.")


async def import_survey(
    settings: Settings, path: Path, check_only: bool, clock: Clock = SYSTEM_CLOCK
) -> None:
    """A survey for campaigns (domain/surveys); problems as ``FILE:LINE: field: message``."""
    from domain import surveys
    from handlers.campaigns.watch import read_survey

    raw = _read_file(path, 128 * 1024)
    try:
        survey, source = read_survey(raw, path.name)
    except surveys.SurveyInvalid as exc:
        for p in exc.problems:
            where = f"{path.name}:{p.line}" if p.line else path.name
            field = f" {p.where}:" if p.where else ""
            print(f"{where}:{field} {_english(p.key, **p.params)}", file=sys.stderr)
        raise CliError(f"{len(exc.problems)} problem(s) in {path.name}; nothing imported"
                       ) from None
    if check_only:
        print(f"{path.name} is valid: {len(survey.questions)} questions.")
        return
    engine, sessions = await _uow_session(settings)
    try:
        async with sessions() as session:
            uow = SqlUnitOfWork(session, clock)
            stored = await surveys.import_survey(uow, None, survey, source, clock.now())
            await uow.commit()
    finally:
        await _done(engine)
    print(f"Survey \"{stored.title}\" ({stored.code}) stored as version {stored.version}: "
          f"{len(survey.questions)} questions.")


def _backup_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    b = sub.add_parser("backup", help="copy the whole database to FILE (SQLite: online backup "
                       "API; PostgreSQL: pg_dump -Fc)")
    b.add_argument("file", type=Path, help="where to write the backup")
    b.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    r = sub.add_parser("restore", help="replace the database with the backup in FILE, then "
                       "apply migrations (stop the bot first)")
    r.add_argument("file", type=Path, help="a file written by `backup`")
    r.add_argument("--force", action="store_true",
                   help="replace a database that already has tables")


async def backup_restore(settings: Settings, command: str, path: Path, force: bool) -> None:
    from bot.backup import BackupError, backup, restore

    try:
        if command == "backup":
            print(await backup(settings.database_url, path, force))
        else:
            print(await restore(settings.database_url, path, force))
    except BackupError as exc:
        raise CliError(str(exc)) from None
