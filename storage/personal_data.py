"""A person's data across every table, for /mydata (export) and /forgetme (erasure).

What belongs to a person and what only mentions them is read from the schema, not listed by
hand, so a new feature's tables are exported and erased without code here:

- **owned** rows: a table with a foreign key to ``people`` ``ON DELETE CASCADE``, or to an
  owned table ``ON DELETE CASCADE`` (a history row of a person's form, a plan row of their
  ИОМ). Exported whole; deleted.
- **authored** pointers: a foreign key to ``people`` ``ON DELETE SET NULL`` (the coordinator
  who decided on someone else's form, the admin who uploaded an instrument). The row belongs
  to someone else or to an organisation and stays; the pointer is cleared. /mydata lists
  what the person did there (the fields in :data:`AUTHORED`), not the others' data.
- **content** that may carry a person's name or words in rows that are not theirs (a
  coordinator's alert «Иванова submitted an ИОМ»): the columns marked
  :attr:`Policy.ANONYMISED` in :data:`CONTENT` are scanned, and in a row that names the
  person every value that names them or repeats their own words is replaced.
- **keys** built from the messenger id (aiogram FSM keys): :data:`EXTERNAL_KEYS`.

``tests/test_privacy.py`` checks the registries below against the metadata: a table, a
foreign key to ``people``, a JSON column or a column that looks like a person reference
nobody has classified fails the suite, so a future feature cannot forget.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ColumnElement,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    false,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from storage.schema import Base

PEOPLE = "people"
#: what replaces a value that named an erased person (a notice already recorded for someone
#: else keeps its shape: the renderer still gets a string)
ERASED = "—"


class Policy(StrEnum):
    #: the owner's own data: exported and erased with the row
    OWNED = "owned"
    #: may name other people (a notification's parameters): scanned on erasure
    ANONYMISED = "anonymised"
    #: belongs to a key built from the messenger id: the person's rows are deleted
    BY_EXTERNAL_ID = "by_external_id"
    #: organisation content or identifiers only, never a person's data
    NOT_PERSONAL = "not_personal"


#: Tables no person owns, and what they hold.
SHARED_TABLES: dict[str, str] = {
    "orgs": "the organisation tree",
    "invites": "an organisation's invitations; who created one is an authored pointer",
    "fsm_states": "conversation state under keys with the messenger id (EXTERNAL_KEYS)",
    "diag_instruments": "questionnaires; who uploaded one is an authored pointer",
    "events": "an organisation's events; who created one is an authored pointer",
    "event_sessions": "dates of an event",
    "event_audience": "which org subtrees see an event",
    "event_changes": "an event's edit history; who edited is an authored pointer",
    "outbox_pace": "the outbox's shared send rate: one row of timestamps, nothing personal",
    "broadcasts": "an admin's or coordinator's announcement; its author is an authored pointer",
    "broadcast_audit": "who did what with a broadcast; the actor is an authored pointer",
    "surveys": "survey definitions; who uploaded one is an authored pointer",
    "campaigns": "a monitoring campaign (filters, dates); its author is an authored pointer",
    "abonements": "a school's «методический абонемент» (request, agreement); who filed it and "
                  "the curator are authored pointers",
    "abonement_history": "what happened to an abonement; the actor is an authored pointer",
    "abonement_items": "the school's plan: events and hours; who added one is an authored "
                       "pointer",
    "abonement_transfers": "a plan event moved to another day; who moved it is an authored "
                           "pointer",
    "file_copies": "file id → the same file's id in the other messenger (opaque handles, no "
                   "name, no content); erased with the person's own files",
    "handled_updates": "which messenger updates were handled (bot id, update id, time) against "
                       "redelivery: no person, no content; pruned after a day",
    "abonement_changes": "a proposed change of an abonement's volume or topics; who proposed "
                         "and who decided are authored pointers",
    "abonement_campaigns": "which diagnosis campaigns of a school's staff belong to an "
                           "abonement (the start one, the final one)",
    "max_file_urls": "where a MAX file can be downloaded (MAX's link, the file's name as its "
                     "fragment); erased with the person's own files",
    "group_routes": "a group ИОМ a school coordinator built for several teachers; its author "
                    "is an authored pointer (the members' progress is theirs)",
    "group_route_activities": "the group ИОМ's plan; who added an activity is an authored "
                              "pointer",
}

#: Foreign keys to ``people`` ON DELETE SET NULL → what /mydata shows of such a row.
AUTHORED: dict[tuple[str, str], tuple[str, ...]] = {
    ("invites", "created_by"): ("role", "org_id", "created_at", "expires_at", "uses",
                                "max_uses", "revoked_at"),
    ("diag_instruments", "uploaded_by"): ("code", "version", "title", "created_at"),
    ("diag_attempts", "retake_unlocked_by"): ("retake_unlocked_at",),
    ("events", "created_by"): ("title", "organiser_id", "created_at"),
    ("event_changes", "by"): ("event_id", "kind", "field", "at"),
    ("course_forms", "decided_by"): ("kind", "status", "revision", "comment", "decided_at"),
    ("course_form_events", "actor_id"): ("form_id", "action", "revision", "comment", "at"),
    ("routes", "decided_by"): ("status", "revision", "comment", "decided_at"),
    ("routes", "completed_by"): ("status", "conclusion", "completed_at"),
    ("route_activities", "added_by"): ("route_id", "plan_column", "title", "created_at"),
    ("route_events", "actor_id"): ("route_id", "action", "revision", "comment", "at"),
    ("broadcasts", "author_id"): ("kind", "status", "html", "created_at", "started_at"),
    ("broadcast_audit", "actor_id"): ("broadcast_id", "action", "at"),
    ("mentoring_pairs", "created_by"): ("school_id", "started_on", "ended_on", "created_at"),
    ("activity_records", "decided_by"): ("kind", "title", "status", "comment", "decided_at"),
    ("surveys", "uploaded_by"): ("code", "version", "title", "created_at"),
    ("campaigns", "author_id"): ("title", "kind", "starts_on", "ends_on", "created_at"),
    ("abonements", "created_by"): ("school_id", "status", "created_at", "submitted_at"),
    ("abonements", "curator_id"): ("school_id", "status", "school_year", "accepted_at"),
    ("abonement_history", "actor_id"): ("abonement_id", "action", "comment", "at"),
    ("abonement_items", "added_by"): ("abonement_id", "event_id", "planned_on", "created_at"),
    ("abonement_transfers", "by"): ("item_id", "old_on", "new_on", "at"),
    ("route_activities", "consultant_id"): ("route_id", "plan_column", "hours", "created_at"),
    ("route_versions", "actor_id"): ("route_id", "number", "action", "status", "at"),
    ("group_routes", "author_id"): ("school_id", "title", "status", "created_at"),
    ("group_route_members", "added_by"): ("group_id", "added_at"),
    ("group_route_activities", "added_by"): ("group_id", "plan_column", "title", "created_at"),
    ("abonement_changes", "proposed_by"): ("abonement_id", "side", "reason", "created_at"),
    ("abonement_changes", "decided_by"): ("abonement_id", "status", "decided_at"),
    ("external_diagnoses", "entered_by"): ("person_id", "taken_on", "operator", "created_at"),
    ("external_diagnoses", "edited_by"): ("person_id", "taken_on", "operator", "edited_at"),
}

#: Every JSON column, and every free-text column of a shared table: what it may hold.
CONTENT: dict[tuple[str, str], Policy] = {
    ("people", "subjects"): Policy.OWNED,
    ("people", "statuses"): Policy.OWNED,
    ("outbox", "params"): Policy.ANONYMISED,
    ("outbox", "buttons"): Policy.NOT_PERSONAL,  # button labels' keys and callback ids
    ("fsm_states", "key"): Policy.BY_EXTERNAL_ID,
    ("fsm_states", "state"): Policy.BY_EXTERNAL_ID,
    ("fsm_states", "data"): Policy.BY_EXTERNAL_ID,
    ("orgs", "name"): Policy.NOT_PERSONAL,
    ("orgs", "name_key"): Policy.NOT_PERSONAL,
    ("diag_instruments", "title"): Policy.NOT_PERSONAL,
    ("diag_instruments", "content"): Policy.NOT_PERSONAL,
    ("diag_instruments", "source"): Policy.NOT_PERSONAL,
    ("diag_attempts", "answers"): Policy.OWNED,
    ("diag_attempts", "result"): Policy.OWNED,
    ("events", "groups"): Policy.NOT_PERSONAL,
    ("events", "reminders"): Policy.NOT_PERSONAL,
    ("events", "title"): Policy.NOT_PERSONAL,
    ("events", "description"): Policy.NOT_PERSONAL,
    ("events", "place"): Policy.NOT_PERSONAL,
    ("events", "online_url"): Policy.NOT_PERSONAL,
    ("event_changes", "old"): Policy.NOT_PERSONAL,  # an event's field values
    ("event_changes", "new"): Policy.NOT_PERSONAL,
    ("course_forms", "data"): Policy.OWNED,
    ("course_form_events", "snapshot"): Policy.OWNED,
    # an announcement is an organisation's text to many people; its audience is filters
    ("broadcasts", "html"): Policy.NOT_PERSONAL,
    ("broadcasts", "buttons"): Policy.NOT_PERSONAL,
    ("broadcasts", "media_file_id"): Policy.NOT_PERSONAL,  # a Telegram file id
    ("broadcasts", "audience"): Policy.NOT_PERSONAL,
    ("broadcast_audit", "details"): Policy.NOT_PERSONAL,  # filters, counts, times
    ("mentoring_pairs", "goals"): Policy.OWNED,  # the mentee's deficits chosen as goals
    ("surveys", "title"): Policy.NOT_PERSONAL,
    ("surveys", "definition"): Policy.NOT_PERSONAL,
    ("surveys", "source"): Policy.NOT_PERSONAL,
    ("campaigns", "title"): Policy.NOT_PERSONAL,
    ("campaigns", "audience"): Policy.NOT_PERSONAL,  # filters
    ("campaigns", "reminders"): Policy.NOT_PERSONAL,
    ("campaigns", "reminded"): Policy.NOT_PERSONAL,
    # a school's request may name teachers (target groups, topics); a return's comment too
    ("abonements", "request"): Policy.ANONYMISED,
    ("abonements", "comment"): Policy.ANONYMISED,
    ("abonement_history", "comment"): Policy.ANONYMISED,
    ("abonement_changes", "reason"): Policy.ANONYMISED,
    ("abonement_changes", "old_groups"): Policy.NOT_PERSONAL,  # competence group codes
    ("abonement_changes", "new_groups"): Policy.NOT_PERSONAL,
    ("survey_responses", "answers"): Policy.OWNED,
    ("survey_responses", "path"): Policy.OWNED,
    # copies of files in the other messenger: opaque file ids and an error text
    ("file_copies", "source_file_id"): Policy.NOT_PERSONAL,
    ("file_copies", "file_id"): Policy.NOT_PERSONAL,
    ("file_copies", "last_error"): Policy.NOT_PERSONAL,
    ("route_versions", "snapshot"): Policy.OWNED,  # the teacher's plan as it was
    # a link to a file a person sent and its name: deleted with the person's files (erase)
    ("max_file_urls", "file_id"): Policy.NOT_PERSONAL,
    ("max_file_urls", "url"): Policy.NOT_PERSONAL,
    # an external diagnosis's deficit indicators: the teacher's own result
    ("external_results", "indicators"): Policy.OWNED,
    ("group_routes", "title"): Policy.NOT_PERSONAL,  # the school's plan for a deficit
    ("group_routes", "deficit"): Policy.NOT_PERSONAL,
    ("group_routes", "conclusion"): Policy.ANONYMISED,  # the coordinator's words may name one
    ("group_route_activities", "title"): Policy.NOT_PERSONAL,
}

#: Columns whose value is a key built from messenger ids joined by a separator.
EXTERNAL_KEYS: dict[tuple[str, str], str] = {("fsm_states", "key"): ":"}

#: Integer columns whose name looks like a person reference but which are not one.
NOT_PERSON_REFERENCES: dict[tuple[str, str], str] = {
    ("outbox", "claimed_by"): "the name of the sender process holding a message",
    # the row is owned (person_id CASCADE): exported and erased with the person
    ("person_identities", "external_id"): "the person's own id in another messenger (MAX)",
    ("file_copies", "claimed_by"): "the name of the sender process making a copy of a file",
}

#: a column name that suggests a reference to a person (checked by the tests)
PERSON_REF_NAME = re.compile(
    r"(^|_)(person|people|user|teacher|mentor|coordinator|author|actor|owner|recipient|"
    r"subject|member|reviewer|chat|telegram|external)(_id)?$|(^|_)by$"
)

_MIN_NAME = 5  # shorter names are matched whole, never as a part of a longer text
_MIN_TEXT = 4  # the person's words repeated elsewhere are replaced from this length on
_PAGE = 500
FILE_COPIES = "file_copies"
FILE_URLS = "max_file_urls"


# ---- the schema, read -----------------------------------------------------------------------


def tables(metadata: MetaData | None = None) -> list[Table]:
    return list((metadata or Base.metadata).sorted_tables)


def people_fks(table: Table) -> list[tuple[Column[Any], str | None]]:
    """(column, ON DELETE action) of every foreign key from ``table`` to ``people``."""
    return [
        (col, fk.ondelete)
        for col in table.columns
        for fk in col.foreign_keys
        if fk.column.table.name == PEOPLE
    ]


def owned_tables(metadata: MetaData | None = None) -> dict[str, Table]:
    """Tables whose every row belongs to one person (CASCADE chains to ``people``), in
    dependency order (parents first)."""
    owned: set[str] = set()
    changed = True
    while changed:
        changed = False
        for table in tables(metadata):
            if table.name == PEOPLE or table.name in owned:
                continue
            if any(
                fk.ondelete == "CASCADE"
                and (fk.column.table.name == PEOPLE or fk.column.table.name in owned)
                for col in table.columns
                for fk in col.foreign_keys
            ):
                owned.add(table.name)
                changed = True
    return {t.name: t for t in tables(metadata) if t.name in owned}


def owner_clause(
    table: Table, person_id: int, owned: dict[str, Table], _seen: frozenset[str] = frozenset()
) -> ColumnElement[bool]:
    """Rows of an owned table that belong to the person (directly or through a parent)."""
    conds: list[ColumnElement[bool]] = []
    for col in table.columns:
        for fk in col.foreign_keys:
            if fk.ondelete != "CASCADE":
                continue
            parent = fk.column.table
            if parent.name == PEOPLE:
                conds.append(col == person_id)
            elif parent.name in owned and parent.name not in _seen:
                inner = owner_clause(owned[parent.name], person_id, owned, _seen | {table.name})
                conds.append(col.in_(select(fk.column).where(inner)))
    return or_(*conds) if conds else false()


def is_free_text(col: Column[Any]) -> bool:
    """Text, or a long string: somewhere a person types words (not a code or an enum)."""
    if isinstance(col.type, Text):
        return True
    return isinstance(col.type, String) and (col.type.length or 10_000) >= 100


def _primary_key(table: Table) -> list[Column[Any]]:
    return list(table.primary_key.columns)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (datetime, date)) else value


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def _norm(text: str) -> str:
    return " ".join(html.unescape(text).split()).casefold()


def problems(metadata: MetaData | None = None) -> list[str]:
    """What export and erasure would not handle: a table owned by no one and not shared, a
    foreign key to people that is neither CASCADE nor a SET NULL pointer in AUTHORED, a JSON
    or shared free-text column missing in CONTENT, a column that looks like a reference to a
    person without a foreign key, and registry entries that no longer match the schema."""
    all_tables = {t.name: t for t in tables(metadata)}
    owned = owned_tables(metadata)
    found: list[str] = []

    for name in all_tables:
        if name != PEOPLE and name not in owned and name not in SHARED_TABLES:
            found.append(f"table {name}: owned by no person (no CASCADE chain to people) "
                         "and not in SHARED_TABLES")
    found += [f"SHARED_TABLES {n}: no such table, or owned by a person"
              for n in SHARED_TABLES if n not in all_tables or n in owned]

    pointers = set()
    for table in all_tables.values():
        for col, ondelete in people_fks(table):
            where = f"{table.name}.{col.name}"
            if ondelete == "CASCADE":
                continue
            if ondelete != "SET NULL":
                found.append(f"{where}: ON DELETE {ondelete} to people: erasure would fail or "
                             "leave the id; use CASCADE (their row) or SET NULL (a pointer)")
                continue
            pointers.add((table.name, col.name))
            fields = AUTHORED.get((table.name, col.name))
            if fields is None:
                found.append(f"{where}: a SET NULL pointer to a person missing in AUTHORED")
            else:
                found += [f"AUTHORED {where}: no column {f}" for f in fields if f not in table.c]
    found += [f"AUTHORED {t}.{c}: not a SET NULL foreign key to people"
              for t, c in AUTHORED if (t, c) not in pointers]

    contents = set()
    keyed = {t for t, _ in EXTERNAL_KEYS}
    for table in all_tables.values():
        for col in table.columns:
            if not (isinstance(col.type, JSON)
                    or (table.name in SHARED_TABLES and is_free_text(col))):
                continue
            where = f"{table.name}.{col.name}"
            contents.add((table.name, col.name))
            policy = CONTENT.get((table.name, col.name))
            if policy is None:
                found.append(f"{where}: a JSON or free-text column missing in CONTENT")
            elif policy is Policy.OWNED and table.name not in owned and table.name != PEOPLE:
                found.append(f"{where}: OWNED, but no person owns the table's rows")
            elif policy is Policy.BY_EXTERNAL_ID and table.name not in keyed:
                found.append(f"{where}: BY_EXTERNAL_ID, but the table is not in EXTERNAL_KEYS")
            elif policy is Policy.ANONYMISED and len(table.primary_key.columns) != 1:
                found.append(f"{where}: ANONYMISED needs a table with a one-column primary key")
    found += [f"CONTENT {t}.{c}: no such JSON or free-text column"
              for t, c in CONTENT if (t, c) not in contents]
    found += [f"EXTERNAL_KEYS {t}.{c}: no such column" for t, c in EXTERNAL_KEYS
              if t not in all_tables or c not in all_tables[t].c]

    for table in all_tables.values():
        if table.name == PEOPLE:
            continue
        for col in table.columns:
            if (table.name, col.name) in NOT_PERSON_REFERENCES.keys() | EXTERNAL_KEYS.keys():
                continue
            if not isinstance(col.type, (Integer, BigInteger, String)):
                continue
            if PERSON_REF_NAME.search(col.name) and not any(
                    fk.column.table.name == PEOPLE for fk in col.foreign_keys):
                found.append(f"{table.name}.{col.name}: looks like a reference to a person but "
                             "has no foreign key to people (or list it in NOT_PERSON_REFERENCES)")
    return found


# ---- what names a person ------------------------------------------------------------------


class Markers:
    """The person's names, messenger id and own words, to recognise them in others' rows."""

    def __init__(self, external_id: str, names: set[str], texts: set[str]) -> None:
        self.external_id = external_id
        self.names = {n for n in (_norm(x) for x in names) if n}
        self.texts = {t for t in (_norm(x) for x in texts) if len(t) >= _MIN_TEXT}
        self._id = (
            re.compile(rf"(?<![0-9A-Za-z]){re.escape(external_id)}(?![0-9A-Za-z])")
            if external_id else None
        )

    def _names_it(self, leaf: Any) -> bool:
        if isinstance(leaf, bool) or leaf is None:
            return False
        if isinstance(leaf, int):
            return str(leaf) == self.external_id
        if not isinstance(leaf, str):
            return False
        if self._id is not None and self._id.search(leaf):
            return True
        text = _norm(leaf)
        return any(n == text or (len(n) >= _MIN_NAME and n in text) for n in self.names)

    def mentions(self, value: Any) -> bool:
        """Does a JSON value (a notification's parameters) name the person?"""
        return any(self._names_it(leaf) for leaf in _leaves(value))

    def scrub(self, value: Any) -> Any:
        """The value with every leaf that names the person or repeats their words replaced."""
        if isinstance(value, dict):
            return {k: self.scrub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.scrub(v) for v in value]
        if self._names_it(value) or (isinstance(value, str) and _norm(value) in self.texts):
            return ERASED
        return value


# ---- export and erasure -------------------------------------------------------------------


class PersonalData:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session
        self.owned = owned_tables()

    async def _owned_rows(self, table: Table, person_id: int) -> list[dict[str, Any]]:
        clause = owner_clause(table, person_id, self.owned)
        stmt = select(table).where(clause).order_by(*_primary_key(table))
        return [dict(r) for r in (await self.s.execute(stmt)).mappings().all()]

    async def records(self, person_id: int, skip: set[str]) -> dict[str, list[dict[str, Any]]]:
        """Every owned row of the person, table by table (histories and snapshots too)."""
        out: dict[str, list[dict[str, Any]]] = {}
        for name, table in self.owned.items():
            if name in skip:
                continue
            rows = await self._owned_rows(table, person_id)
            if rows:
                out[name] = [{k: _plain(v) for k, v in r.items()} for r in rows]
        return out

    async def authored(self, person_id: int) -> dict[str, list[dict[str, Any]]]:
        """Rows of others (or of organisations) where the person acted, with what they did."""
        out: dict[str, list[dict[str, Any]]] = {}
        for table in tables():
            for col, ondelete in people_fks(table):
                if ondelete != "SET NULL":
                    continue
                fields = AUTHORED[(table.name, col.name)]
                pk = _primary_key(table)
                stmt = select(*pk, *(table.c[f] for f in fields)).where(col == person_id)
                if table.name in self.owned:  # their own rows are in "records" already
                    stmt = stmt.where(not_(owner_clause(table, person_id, self.owned)))
                rows = (await self.s.execute(stmt.order_by(*pk))).mappings().all()
                if rows:
                    out[f"{table.name}.{col.name}"] = [
                        {k: _plain(v) for k, v in r.items()} for r in rows
                    ]
        return out

    async def markers(self, person_id: int) -> Markers:
        """Names the person goes by (their profile, names they typed into their forms),
        their messenger id and the words they wrote, from their own rows."""
        people = Base.metadata.tables[PEOPLE]
        row = (await self.s.execute(select(people).where(people.c.id == person_id))).one_or_none()
        if row is None:
            return Markers("", set(), set())
        names = {row.full_name} if row.full_name else set()
        texts: set[str] = set()
        for table in self.owned.values():
            cols = [
                c for c in table.columns
                if CONTENT.get((table.name, c.name)) is not Policy.ANONYMISED
                and (isinstance(c.type, JSON) or is_free_text(c) or c.name == "full_name")
            ]
            if not cols:
                continue
            stmt = select(*cols).where(owner_clause(table, person_id, self.owned))
            for r in (await self.s.execute(stmt)).mappings():
                for name, value in r.items():
                    if name == "full_name" and isinstance(value, str):
                        names.add(value)
                    if isinstance(value, (dict, list)):
                        _collect(value, names, texts)
                    elif isinstance(value, str):
                        texts.add(value)
        return Markers(str(row.external_id), names, texts)

    async def _scan(self, person_id: int, markers: Markers
                    ) -> list[tuple[Table, Column[Any], Any, Any]]:
        """(table, column, primary key, value) of every ANONYMISED value not owned by the
        person that names them."""
        found: list[tuple[Table, Column[Any], Any, Any]] = []
        for (table_name, col_name), policy in CONTENT.items():
            if policy is not Policy.ANONYMISED:
                continue
            table = Base.metadata.tables[table_name]
            col = table.c[col_name]
            [pk] = _primary_key(table)
            last = None
            while True:
                stmt = select(pk, col).order_by(pk).limit(_PAGE)
                if last is not None:
                    stmt = stmt.where(pk > last)
                if table_name in self.owned:
                    stmt = stmt.where(not_(owner_clause(table, person_id, self.owned)))
                batch = (await self.s.execute(stmt)).all()
                if not batch:
                    break
                last = batch[-1][0]
                found += [(table, col, key, value) for key, value in batch
                          if markers.mentions(value)]
        return found

    async def named_in(self, person_id: int) -> list[dict[str, Any]]:
        """Others' rows (a coordinator's alert about the person's form) that name the person,
        without the columns that point at people (who received them)."""
        markers = await self.markers(person_id)
        out = []
        for table, _col, key, _value in await self._scan(person_id, markers):
            [pk] = _primary_key(table)
            hidden = {c.name for c, _ in people_fks(table)}
            shown = [c for c in table.columns if c.name not in hidden]
            row = (await self.s.execute(select(*shown).where(pk == key))).mappings().one()
            out.append({"table": table.name, **{k: _plain(v) for k, v in row.items()}})
        return out

    async def erase(self, person_id: int) -> None:
        """Delete the person and everything they own; clear pointers to them in others' rows;
        replace their names and words in others' notifications; drop their conversation keys.
        Independent of the database's ON DELETE actions (and of SQLite's foreign_keys)."""
        markers = await self.markers(person_id)
        for table, col, key, value in await self._scan(person_id, markers):
            [pk] = _primary_key(table)
            await self.s.execute(
                update(table).where(pk == key).values({col.name: markers.scrub(value)})
            )
        for table in tables():
            for col, ondelete in people_fks(table):
                if ondelete == "SET NULL":
                    await self.s.execute(
                        update(table).where(col == person_id).values({col.name: None})
                    )
        await self._erase_file_copies(person_id)
        for table in reversed(list(self.owned.values())):  # children before their parents
            await self.s.execute(
                delete(table).where(owner_clause(table, person_id, self.owned))
            )
        if markers.external_id:
            for (table_name, col_name), sep in EXTERNAL_KEYS.items():
                col = Base.metadata.tables[table_name].c[col_name]
                part = f"{sep}{markers.external_id}"
                await self.s.execute(
                    delete(col.table).where(
                        or_(col.contains(part + sep, autoescape=True),
                            col.endswith(part, autoescape=True))
                    )
                )
        people = Base.metadata.tables[PEOPLE]
        await self.s.execute(delete(people).where(people.c.id == person_id))


    async def _erase_file_copies(self, person_id: int) -> None:
        """The copies in the other messenger of the files the person stored (every
        ``…file_id`` column of their own rows, or ``…file_id`` key in their JSON: a course
        form's certificate), and where MAX let the bot download them: erased with the files."""
        ids: set[str] = set()
        for name, table in self.owned.items():
            cols = [c for c in table.columns
                    if c.name.endswith("file_id") or isinstance(c.type, JSON)]
            if not cols or name == FILE_COPIES:
                continue
            stmt = select(*cols).where(owner_clause(table, person_id, self.owned))
            for r in (await self.s.execute(stmt)).all():
                for col, value in zip(cols, r, strict=True):
                    if isinstance(value, str) and value and col.name.endswith("file_id"):
                        ids.add(value)
                    elif isinstance(value, dict | list):
                        _file_ids(value, ids)
        copies = Base.metadata.tables[FILE_COPIES]
        urls = Base.metadata.tables[FILE_URLS]
        found = sorted(ids)
        for start in range(0, len(found), _PAGE):
            chunk = found[start:start + _PAGE]
            await self.s.execute(delete(copies).where(
                or_(copies.c.source_file_id.in_(chunk), copies.c.file_id.in_(chunk))))
            await self.s.execute(delete(urls).where(urls.c.file_id.in_(chunk)))


def _file_ids(value: Any, ids: set[str]) -> None:
    """File ids kept in a JSON value: the strings under a ``…file_id`` key."""
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, str) and v and str(k).endswith("file_id"):
                ids.add(v)
            else:
                _file_ids(v, ids)
    elif isinstance(value, list):
        for v in value:
            _file_ids(v, ids)


def _collect(value: Any, names: set[str], texts: set[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "full_name" and isinstance(v, str):
                names.add(v)
            _collect(v, names, texts)
    elif isinstance(value, list):
        for v in value:
            _collect(v, names, texts)
    elif isinstance(value, str):
        texts.add(value)


__all__ = [
    "AUTHORED",
    "CONTENT",
    "ERASED",
    "EXTERNAL_KEYS",
    "NOT_PERSON_REFERENCES",
    "PERSON_REF_NAME",
    "SHARED_TABLES",
    "Markers",
    "PersonalData",
    "Policy",
    "owned_tables",
    "people_fks",
    "problems",
]
