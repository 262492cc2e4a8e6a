"""Copy every row from one Parley database to another, e.g. from SQLite to PostgreSQL.

The target must already have the schema (``parley db upgrade``
against it) and be empty. Rows are copied table by table in foreign-key order,
keeping their ids, in one transaction: either everything arrives or nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from webapp.db import db

BATCH = 1000


class TransferError(RuntimeError):
    pass


def copy_rows(source: Engine, target: Engine) -> dict[str, int]:
    """Copy all rows of every table; returns how many rows each table received."""
    tables = db.metadata.sorted_tables
    copied = {}
    with source.connect() as reader, target.begin() as writer:
        for table in tables:
            if writer.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
                raise TransferError(f"the target's {table.name} table is not empty")
        for table in tables:
            rows = reader.execution_options(yield_per=BATCH).execute(
                sa.select(table).order_by(*table.primary_key.columns)
            )
            copied[table.name] = 0
            for chunk in rows.partitions(BATCH):
                writer.execute(table.insert(), [dict(row._mapping) for row in chunk])
                copied[table.name] += len(chunk)
        if writer.dialect.name == "postgresql":
            for table in tables:
                if "id" in table.c:
                    writer.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                            f" coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )
    return copied
