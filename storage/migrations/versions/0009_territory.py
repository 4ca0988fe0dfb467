"""coordinators' figures: diag_latest (each person's latest completed self-diagnosis, small
and indexed, backfilled here), people.name_key for name search in SQL, registrations by person,
territory_prefs (a coordinator's digest: off / daily / weekly)

Revision ID: 0009_territory
Revises: 0008_broadcasts
Create Date: 2026-11-30 17:00:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0009_territory"
down_revision: str | Sequence[str] | None = "0008_broadcasts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPS = ("subject", "methodological", "psycho_pedagogical", "communicative")
_BATCH = 1000


def _fk(column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_diag_latest_{column}_{target}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("name_key", sa.String(length=200), nullable=True))
    op.create_index("ix_event_registrations_person", "event_registrations", ["person_id"])
    op.create_table(
        "diag_latest",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("previous_attempt_id", sa.Integer(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("previous_total", sa.Float(), nullable=True),
        *(sa.Column(g, sa.Float(), nullable=True) for g in GROUPS),
        *(sa.Column(f"{g}_deficit", sa.Boolean(), nullable=False) for g in GROUPS),
        _fk("person_id", "people", "CASCADE"),
        _fk("attempt_id", "diag_attempts", "CASCADE"),
        _fk("previous_attempt_id", "diag_attempts", "SET NULL"),
        _fk("school_id", "orgs", "SET NULL"),
        _fk("municipality_id", "orgs", "SET NULL"),
        _fk("region_id", "orgs", "SET NULL"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_diag_latest")),
    )
    op.create_index("ix_diag_latest_attempt_id", "diag_latest", ["attempt_id"])
    op.create_index("ix_diag_latest_school", "diag_latest", ["school_id"])
    op.create_index("ix_diag_latest_municipality", "diag_latest", ["municipality_id"])
    op.create_index("ix_diag_latest_region", "diag_latest", ["region_id"])
    op.create_table(
        "territory_prefs",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=8), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_territory_prefs_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_territory_prefs")),
    )
    _backfill()


def _backfill() -> None:
    conn = op.get_bind()
    people = sa.table("people", sa.column("id", sa.Integer), sa.column("full_name", sa.String),
                      sa.column("name_key", sa.String))
    rows = conn.execute(sa.select(people.c.id, people.c.full_name)
                        .where(people.c.full_name.is_not(None))).all()
    for pid, name in rows:
        conn.execute(people.update().where(people.c.id == pid)
                     .values(name_key=" ".join(name.split()).casefold()))

    attempts = sa.table(
        "diag_attempts", sa.column("id", sa.Integer), sa.column("person_id", sa.Integer),
        sa.column("status", sa.String), sa.column("completed_at", sa.DateTime(timezone=True)),
        sa.column("school_id", sa.Integer), sa.column("municipality_id", sa.Integer),
        sa.column("region_id", sa.Integer), sa.column("total_percent", sa.Float),
        sa.column("result", sa.JSON),
    )
    latest = sa.table("diag_latest", *(sa.column(c) for c in (
        "person_id", "attempt_id", "previous_attempt_id", "completed_at", "school_id",
        "municipality_id", "region_id", "total", "previous_total", *GROUPS,
        *(f"{g}_deficit" for g in GROUPS))))
    stmt = (sa.select(attempts).where(attempts.c.status == "completed")
            .order_by(attempts.c.person_id, attempts.c.completed_at, attempts.c.id))
    last: dict[int, Any] = {}
    prev: dict[int, Any] = {}
    for row in conn.execute(stmt):
        if row.person_id in last:
            prev[row.person_id] = last[row.person_id]
        last[row.person_id] = row
    batch: list[dict[str, Any]] = []
    for pid, row in last.items():
        before = prev.get(pid)
        result = row.result or {}
        values: dict[str, Any] = {
            "person_id": pid, "attempt_id": row.id,
            "previous_attempt_id": before.id if before is not None else None,
            "completed_at": row.completed_at, "school_id": row.school_id,
            "municipality_id": row.municipality_id, "region_id": row.region_id,
            "total": float(result.get("total") or row.total_percent or 0.0),
            "previous_total": (float((before.result or {}).get("total")
                                     or before.total_percent or 0.0)
                               if before is not None else None),
        }
        for g in GROUPS:
            values[g], values[f"{g}_deficit"] = None, False
        for g in result.get("groups") or []:
            if g.get("group") in GROUPS:
                values[g["group"]] = g.get("percent")
                values[f"{g['group']}_deficit"] = bool(g.get("deficits"))
        batch.append(values)
        if len(batch) >= _BATCH:
            conn.execute(latest.insert(), batch)
            batch = []
    if batch:
        conn.execute(latest.insert(), batch)


def downgrade() -> None:
    op.drop_table("territory_prefs")
    op.drop_table("diag_latest")
    op.drop_index("ix_event_registrations_person", table_name="event_registrations")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("name_key")
