"""The load steps the declared datasets name (datasets.py); the pipeline (pipeline.py) calls them.

Each takes (*, dataset, paths, progress, actor_label, **options) and returns one ImportResult per file, having
checked, staged, validated and loaded each file in one transaction with its import_run row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from safer.intelligence.imports.progress import Progress
from safer.intelligence.imports.runs import ImportResult

if TYPE_CHECKING:
    from safer.intelligence.imports.datasets import Dataset


def policeuk_files_load(
    *,
    dataset: Dataset,
    paths: Sequence[Path | str],
    progress: Progress | None = None,
    actor_label: str = "",
    reimport: bool = False,
    refresh: bool = True,
    synthetic: bool = False,
) -> list[ImportResult]:
    """police.uk monthly files, folders or archives, in batches of one kind (see policeuk.py)."""
    from safer.intelligence.imports.policeuk import import_policeuk

    return import_policeuk(
        paths=paths, progress=progress, actor_label=actor_label, reimport=reimport, refresh=refresh, synthetic=synthetic
    )


def extract_files_load(
    *,
    dataset: Dataset,
    paths: Sequence[Path | str],
    progress: Progress | None = None,
    actor_label: str = "",
    mapping: Mapping[str, str] | None = None,
    original_name: str | None = None,
    replace: int | None = None,
    reimport: bool = False,
) -> list[ImportResult]:
    """Each file as one extract of the dataset's schema (see extracts.py)."""
    from safer.intelligence.imports.extracts import extract_import

    assert dataset.schema is not None, f"{dataset.key} declares no extract schema"
    return [
        extract_import(
            dataset.schema,
            path=Path(path),
            mapping=mapping,
            actor_label=actor_label,
            progress=progress,
            name=original_name or Path(path).name,
            replace=replace,
            reimport=reimport,
        )
        for path in paths
    ]


def postcode_files_load(
    *,
    dataset: Dataset,
    paths: Sequence[Path | str],
    progress: Progress | None = None,
    actor_label: str = "",
    mapping: Mapping[str, str] | None = None,
    original_name: str | None = None,
    replace: int | None = None,
    reimport: bool = False,
) -> list[ImportResult]:
    """Each file as one ONS postcode lookup (ONSPD or NSPL; see postcodes.py)."""
    from safer.intelligence.imports.postcodes import postcodes_import

    return [
        postcodes_import(
            path=Path(path),
            mapping=mapping,
            actor_label=actor_label,
            progress=progress,
            name=original_name or Path(path).name,
            replace=replace,
            reimport=reimport,
        )
        for path in paths
    ]
