"""Saved column mappings (ColumnMapping): save, fetch and list by extract kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from safer.core.services.audit import audit_record
from safer.intelligence.models import ColumnMapping
from safer.intelligence.sources.schemas import SCHEMAS


class ColumnMappingNotFoundError(LookupError):
    """No saved mapping by that name for that kind."""


class ColumnMappingInvalidError(ValueError):
    """A mapping names a column the schema lacks, or has no name."""


def column_mapping_save(*, actor: Any, name: str, kind: str, mapping: Mapping[str, str]) -> ColumnMapping:
    """Create or update the named mapping {file heading: schema column}; audited."""
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise ColumnMappingInvalidError("Give the mapping a name of 1 to 100 characters.")
    schema = SCHEMAS.get(kind)
    if schema is None:
        raise ColumnMappingInvalidError(f'"{kind}" is not an extract kind ({", ".join(SCHEMAS)}).')
    unknown = sorted({c for c in mapping.values() if c and c not in schema.names})
    if unknown:
        raise ColumnMappingInvalidError(f"Not {schema.title.lower()} columns: {', '.join(unknown)}.")
    saved, created = ColumnMapping.objects.update_or_create(
        kind=kind,
        name=name,
        defaults={"mapping": dict(mapping), "created_by": actor if getattr(actor, "is_authenticated", False) else None},
    )
    audit_record(
        actor=actor,
        action="intelligence.column_mapping_saved",
        target=saved,
        detail={"created": created, "columns": len(mapping)},
    )
    return saved


def column_mapping_get(*, kind: str, name: str) -> ColumnMapping:
    """The saved mapping, or ColumnMappingNotFoundError naming the ones that exist."""
    found = ColumnMapping.objects.filter(kind=kind, name=" ".join(name.split())).first()
    if found is None:
        names = ", ".join(ColumnMapping.objects.filter(kind=kind).values_list("name", flat=True)) or "none saved yet"
        raise ColumnMappingNotFoundError(f'No saved {kind} mapping called "{name}" (saved: {names}).')
    return found


def column_mapping_list(*, kind: str) -> list[ColumnMapping]:
    return list(ColumnMapping.objects.filter(kind=kind).order_by("name"))
