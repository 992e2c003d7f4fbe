"""The shared body of `safer import-offences` and `safer import-asb`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safer.intelligence.imports import ImportFileError, tqdm_progress
from safer.intelligence.imports.runs import STATUS_ALREADY
from safer.intelligence.sources.mapping import MappingError, mapping_parse
from safer.intelligence.sources.schemas import SCHEMAS
from safer.intelligence.warehouse import WarehouseBusyError


class ExtractImportCommand(BaseCommand):
    """Import one or more extract files of `kind`, each as its own extract."""

    kind = "offences"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="CSV files (.csv or .csv.gz), one extract each.")
        parser.add_argument(
            "--map",
            dest="map_text",
            default="",
            help='Your headings -> schema columns: "Crime No=offence_ref,HO Code=offence_code".',
        )
        parser.add_argument("--mapping", default="", help="Use a saved mapping by name (or a mapping .json file).")
        parser.add_argument("--save-mapping", default="", help="Save the --map given under this name for next time.")
        parser.add_argument("--replace", type=int, default=None, help="Replace this earlier import (its import id).")
        parser.add_argument("--reimport", action="store_true", help="Load again even if these bytes were imported.")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar.")

    def _mapping(self, options: dict[str, Any]) -> dict[str, str]:
        from safer.intelligence.imports.mappings import ColumnMappingNotFoundError, column_mapping_get

        mapping: dict[str, str] = {}
        if options["mapping"]:
            candidate = Path(options["mapping"])
            if candidate.suffix.lower() == ".json":
                try:
                    loaded = json.loads(candidate.read_text(encoding="utf-8"))
                except (OSError, ValueError) as error:
                    raise CommandError(f"Cannot read mapping file {candidate}: {error}") from None
                if not isinstance(loaded, dict) or not all(isinstance(v, str) for v in loaded.values()):
                    raise CommandError(f'{candidate} must be a JSON object {{"your heading": "schema column"}}.')
                mapping.update(loaded)
            else:
                try:
                    mapping.update(column_mapping_get(kind=self.kind, name=options["mapping"]).mapping)
                except ColumnMappingNotFoundError as error:
                    raise CommandError(str(error)) from None
        if options["map_text"]:
            try:
                mapping.update(mapping_parse(options["map_text"]))
            except MappingError as error:
                raise CommandError(str(error)) from None
        return mapping

    def handle(self, *args: Any, **options: Any) -> None:
        from safer.intelligence.imports.pipeline import STARTED_BY_COMMAND_LINE, dataset_import

        schema = SCHEMAS[self.kind]
        mapping = self._mapping(options)
        if options["save_mapping"]:
            from safer.intelligence.imports.mappings import ColumnMappingInvalidError, column_mapping_save

            try:
                column_mapping_save(actor=None, name=options["save_mapping"], kind=self.kind, mapping=mapping)
            except ColumnMappingInvalidError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f'Saved the mapping as "{options["save_mapping"]}".')
        for path in options["paths"]:
            if not path.is_file():
                raise CommandError(f"{path} is not a file. Give the path of a CSV extract.")
        progress, close = (
            (None, None) if options["no_progress"] else tqdm_progress(f"Importing {schema.title.lower()}s")
        )
        try:
            # One file after another; each is one extract, loaded or refused on its own, all in one audit event.
            results = dataset_import(
                dataset=self.kind,
                paths=options["paths"],
                actor=None,
                started_by=STARTED_BY_COMMAND_LINE,
                progress=progress,
                options={"mapping": mapping, "replace": options["replace"], "reimport": options["reimport"]},
                command=f"import-{self.kind}",
            )
        except (ImportFileError, WarehouseBusyError) as error:
            raise CommandError(str(error)) from None
        finally:
            if close is not None:
                close()
        for result in results:
            line = result.message
            if result.status != STATUS_ALREADY and result.rejects_path:
                line += f" Rejected rows: {result.rejects_path}"
            self.stdout.write(line)
        loaded = sum(r.rows_loaded for r in results)
        rejected = sum(r.rows_rejected for r in results)
        self.stdout.write(self.style.SUCCESS(f"{len(results)} files: {loaded:,} rows loaded, {rejected:,} rejected."))
