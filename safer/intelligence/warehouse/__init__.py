"""The only door to the DuckDB analytic warehouse.

- `store.py`: schema, short-lived reader/writer connections, the bounded `query()` that web code uses.
- `custom_areas.py`: tagging warehouse records with the custom areas they fall in.

Everything outside this package imports from here (`from safer.intelligence.warehouse import reader`), so a
move to another store (DuckLake, see DESIGN.md) changes this package only.
"""

from safer.intelligence.warehouse.store import (
    READ_WAIT_SECONDS,
    WEB_ROW_CAP,
    WEB_TIME_LIMIT_SECONDS,
    WarehouseBusyError,
    WarehouseQueryTooLargeError,
    WarehouseReader,
    bounded_reader,
    ensure_schema,
    query,
    reader,
    warehouse_path,
    writer,
)

__all__ = [
    "READ_WAIT_SECONDS",
    "WEB_ROW_CAP",
    "WEB_TIME_LIMIT_SECONDS",
    "WarehouseBusyError",
    "WarehouseQueryTooLargeError",
    "WarehouseReader",
    "bounded_reader",
    "ensure_schema",
    "query",
    "reader",
    "warehouse_path",
    "writer",
]
