"""Every dataset the warehouse imports, declared once; the pipeline (pipeline.py) consumes these declarations.

    DATASETS["policeuk"].loader  -> the load step for police.uk monthly files
    dataset_get("offences").schema -> the offence extract's columns and checks (sources/schemas.py)

A declaration names what the pipeline needs: the import_run kinds and warehouse tables it writes, the columns
and row checks (police.uk: `PoliceUkKind` in policeuk.py; extracts: `ExtractSchema` in sources/schemas.py,
validated by sources/validation.py), its load step (staging SQL, placement, dedup keys) and where users meet it
(command, web choice, documentation). Adding a dataset is one `Dataset(...)` here plus its command or web
choice: see docs/imports.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from safer.intelligence.imports.errors import ImportFileError
from safer.intelligence.imports.policeuk import OUTCOMES, STOP_SEARCH, STREET, PoliceUkKind
from safer.intelligence.sources.schemas import (
    AE_SCHEMA,
    ASB_SCHEMA,
    DA_SCHEMA,
    OFFENCE_SCHEMA,
    POSTCODE_SCHEMA,
    ExtractSchema,
)


@dataclass(frozen=True)
class Dataset:
    """One importable dataset: what it is called, what it writes, how its files load, where users start it."""

    key: str  # the ImportJob kind and the `dataset=` of dataset_import
    title: str
    kinds: tuple[str, ...]  # import_run.kind values it writes
    tables: tuple[str, ...]  # warehouse tables it writes
    # Dotted path of the load step, (*, dataset, paths, progress, actor_label, **options) -> list[ImportResult]:
    # it checks, stages, validates and loads each file in one transaction with its import_run row, then
    # refreshes the dashboard aggregates (loaders.py).
    loader: str
    # Month-replace key: "force-month" (a newer file for the force and month replaces the month) or "extract"
    # (a file with the same name, or --replace IMPORT_ID, replaces the earlier import). Same bytes: never twice.
    replaces_by: str
    command: str
    documentation: str
    schema: ExtractSchema | None = None
    policeuk_kinds: tuple[PoliceUkKind, ...] = ()


_POLICEUK_KINDS = (STREET, OUTCOMES, STOP_SEARCH)
_EXTRACT_LOADER = "safer.intelligence.imports.loaders.extract_files_load"

DATASETS: dict[str, Dataset] = {
    d.key: d
    for d in (
        Dataset(
            key="policeuk",
            title="police.uk street, outcomes and stop-and-search files",
            kinds=tuple(k.kind for k in _POLICEUK_KINDS),
            tables=tuple(k.table for k in _POLICEUK_KINDS),
            loader="safer.intelligence.imports.loaders.policeuk_files_load",
            replaces_by="force-month",
            command="import-policeuk",
            documentation="docs/policeuk-import.md",
            policeuk_kinds=_POLICEUK_KINDS,
        ),
        Dataset(
            key=OFFENCE_SCHEMA.kind,
            title=OFFENCE_SCHEMA.title,
            kinds=(OFFENCE_SCHEMA.kind,),
            tables=(OFFENCE_SCHEMA.table,),
            loader=_EXTRACT_LOADER,
            replaces_by="extract",
            command="import-offences",
            documentation="docs/extract-schemas.md",
            schema=OFFENCE_SCHEMA,
        ),
        Dataset(
            key=ASB_SCHEMA.kind,
            title=ASB_SCHEMA.title,
            kinds=(ASB_SCHEMA.kind,),
            tables=(ASB_SCHEMA.table,),
            loader=_EXTRACT_LOADER,
            replaces_by="extract",
            command="import-asb",
            documentation="docs/extract-schemas.md",
            schema=ASB_SCHEMA,
        ),
        Dataset(
            key=DA_SCHEMA.kind,
            title=DA_SCHEMA.title,
            kinds=(DA_SCHEMA.kind,),
            tables=(DA_SCHEMA.table,),
            loader=_EXTRACT_LOADER,
            replaces_by="extract",
            command="import-da",
            documentation="docs/extract-schemas.md",
            schema=DA_SCHEMA,
        ),
        Dataset(
            key=AE_SCHEMA.kind,
            title=AE_SCHEMA.title,
            kinds=(AE_SCHEMA.kind,),
            tables=(AE_SCHEMA.table,),
            loader=_EXTRACT_LOADER,
            replaces_by="extract",
            command="import-ae",
            documentation="docs/ae-istv.md",
            schema=AE_SCHEMA,
        ),
        Dataset(
            key=POSTCODE_SCHEMA.kind,
            title=POSTCODE_SCHEMA.title,
            kinds=(POSTCODE_SCHEMA.kind,),
            tables=(POSTCODE_SCHEMA.table,),
            loader="safer.intelligence.imports.loaders.postcode_files_load",
            replaces_by="extract",
            command="import-postcodes",
            documentation="docs/postcodes.md",
            schema=POSTCODE_SCHEMA,
        ),
    )
}


class DatasetUnknownError(ImportFileError):
    """No dataset is declared under the key asked for."""


def dataset_get(key: str) -> Dataset:
    """The declared dataset `key`; DatasetUnknownError naming the known ones otherwise."""
    try:
        return DATASETS[key]
    except KeyError:
        known = ", ".join(sorted(DATASETS))
        raise DatasetUnknownError(f'There is no dataset "{key}" to import. Known datasets: {known}.') from None
