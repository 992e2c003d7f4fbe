"""Intelligence forms: dashboard filters, police.uk uploads, partner extract upload and column mapping,
custom areas."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from safer.intelligence.dashboard.periods import COMPARE_PREVIOUS
from safer.intelligence.imports.jobs import MAX_UPLOAD_BYTES
from safer.intelligence.models import ColumnMapping
from safer.intelligence.services.custom_areas import MAX_GEOJSON_BYTES, MAX_NAME_LENGTH
from safer.intelligence.sources.schemas import LOCATION_PAIRS, SCHEMAS, ExtractSchema

COMPARE_CHOICES = [("", "A year earlier"), (COMPARE_PREVIOUS, "The months before")]


class DashboardFilterForm(forms.Form):
    """What to show; the view checks the values against the warehouse and adds errors to the fields."""

    area = forms.CharField(
        label="Area",
        max_length=120,
        required=False,
        help_text='District, county, force, LSOA or custom area, e.g. "Oxford" or "county:Oxfordshire"',
    )
    period_choice = forms.ChoiceField(label="Period", required=False, choices=[("", "Last 12 months")])
    period = forms.CharField(
        label="Or custom months",
        max_length=40,
        required=False,
        help_text='Overrides the choice above: "2021-03..2022-03", "2022", "FY2021/22" or "rolling-12"',
    )
    compare_choice = forms.ChoiceField(
        label="Compare with",
        required=False,
        choices=COMPARE_CHOICES,
        help_text="The same months a year earlier, or as many months just before the period",
    )
    compare = forms.CharField(
        label="Or custom comparison months",
        max_length=40,
        required=False,
        help_text='Overrides the choice above, written like the period: "2020", "2020-03..2021-02"',
    )
    crime_type = forms.ChoiceField(label="Crime type", required=False, choices=[("", "All crime")])

    def __init__(
        self,
        *args: object,
        crime_types: list[str],
        years: Sequence[int] = (),
        areas: Sequence[str] = (),
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.area_suggestions = list(areas)  # a <datalist>: suggestions as you type, a plain text box without them
        if self.area_suggestions:
            self.fields["area"].widget.attrs.update(list="area-suggestions", autocomplete="off")
        self.fields["crime_type"].choices = [("", "All crime"), *((t, t) for t in crime_types)]  # type: ignore[attr-defined]
        periods = period_choices(years)
        self.fields["period_choice"].choices = periods  # type: ignore[attr-defined]
        for text, choice, choices in (
            ("period", "period_choice", periods),
            ("compare", "compare_choice", COMPARE_CHOICES),
        ):
            typed = str(self.data.get(text, "") or "").strip()
            chosen = str(self.data.get(choice, "") or "").strip()
            values = {value.lower(): value for value, _ in choices}
            if typed and typed.lower() in values:
                # a common period typed (or linked) shows as the choice, not as custom text
                self.data = {**{key: self.data.get(key) for key in self.data}, choice: values[typed.lower()], text: ""}
            elif chosen and chosen.lower() not in values and not typed:
                # a linked choice no longer offered (a year without data) is read as typed months
                self.data = {**{key: self.data.get(key) for key in self.data}, choice: "", text: chosen}

    def clean(self) -> dict[str, Any]:
        """The custom months when given, else the chosen common period (and the same for the comparison)."""
        cleaned = super().clean() or {}
        cleaned["period"] = (cleaned.get("period") or "").strip() or cleaned.get("period_choice") or ""
        cleaned["compare"] = (cleaned.get("compare") or "").strip() or cleaned.get("compare_choice") or ""
        return cleaned


class MapFilterForm(DashboardFilterForm):
    """The dashboard filters plus the map's grid cell size and kernel bandwidth (metres; empty = automatic)."""

    cell_size = forms.CharField(
        label="Grid cell size in metres (optional)",
        max_length=12,
        required=False,
        help_text="Leave empty to have about 50 cells on the area's shorter side, e.g. 100",
    )
    bandwidth = forms.CharField(
        label="Kernel density bandwidth in metres (optional)",
        max_length=12,
        required=False,
        help_text="Leave empty for the default rule (shown with the density table), e.g. 400",
    )
    window = forms.ChoiceField(
        label="Time of day",
        required=False,
        choices=[("", "All times"), ("nte", "Night-time economy: Friday and Saturday 19:00 to 03:00")],
        help_text="The night-time economy counts the offence-level extract's offences in the window "
        "(police.uk gives months only)",
    )
    extra_names = ("cell_size", "bandwidth", "window")

    def extra_fields(self) -> list[forms.BoundField]:
        """The fields beyond the common filters, for the template."""
        return [self[name] for name in self.extra_names]


class PatternFilterForm(DashboardFilterForm):
    """The dashboard filters plus a preset time window for the time patterns and concentration, and the unit of
    place for concentration."""

    window = forms.ChoiceField(
        label="Time of day",
        required=False,
        choices=[("", "All times"), ("nte", "Night-time economy: Friday and Saturday 19:00 to 03:00")],
        help_text="The night-time economy counts the offence-level extract's offences in the window "
        "(police.uk gives months only)",
    )
    place = forms.ChoiceField(
        label="Concentration by",
        required=False,
        choices=[("", "LSOA"), ("cell", "Grid cell (as on the map)"), ("location", "Street location (police.uk)")],
    )
    extra_names = ("window", "place")

    def extra_fields(self) -> list[forms.BoundField]:
        """The fields beyond the common filters, for the template."""
        return [self[name] for name in self.extra_names]


def period_choices(years: Sequence[int]) -> list[tuple[str, str]]:
    """Common periods, newest first: the last 12 months, then each calendar and financial year with data."""
    choices = [("", "Last 12 months")]
    for year in sorted(set(years), reverse=True):
        short = f"{year}/{(year + 1) % 100:02d}"
        choices += [(str(year), f"Calendar year {year}"), (f"FY{short}", f"Financial year {short}")]
    return choices


class PoliceUkUploadForm(forms.Form):
    """A police.uk monthly CSV (or .csv.gz) or a police.uk archive zip."""

    file = forms.FileField(
        label="Upload a police.uk file",
        help_text=(
            "A monthly street, outcomes or stop-and-search CSV named as police.uk names it "
            "(for example 2022-03-thames-valley-street.csv), a .csv.gz, or a police.uk zip archive."
        ),
        error_messages={"required": "Choose a police.uk CSV or zip file to upload"},
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".csv.gz", ".zip")):
            raise forms.ValidationError(f"The file must be a .csv, .csv.gz or .zip file; you chose {upload.name[:100]}")
        if upload.size == 0:
            raise forms.ValidationError(f"The file {upload.name[:100]} is empty")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {MAX_UPLOAD_BYTES // 1024**2:,} MB; it is "
                f"{upload.size // 1024**2:,} MB. Use safer import-policeuk on the server for larger files"
            )
        return upload


KIND_CHOICES = [(s.kind, s.title) for s in SCHEMAS.values()]


class ExtractUploadForm(forms.Form):
    """Which extract, the file, and optionally a saved mapping to apply."""

    kind = forms.ChoiceField(
        label="Which extract is it?",
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which extract the file is"},
    )
    file = forms.FileField(
        label="Upload the extract",
        help_text="A CSV file (.csv or .csv.gz), UTF-8, with one header line.",
        error_messages={"required": "Choose a CSV file to upload"},
    )
    mapping = forms.ChoiceField(
        label="Saved column mapping (optional)",
        required=False,
        help_text="Use the headings mapping saved for an earlier file of the same kind. You can check it next.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        saved = ColumnMapping.objects.order_by("kind", "name")
        field = self.fields["mapping"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "None")] + [(str(m.pk), str(m)) for m in saved]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".csv.gz")):
            raise forms.ValidationError(f"The file must be a .csv or .csv.gz file; you chose {upload.name[:100]}")
        if upload.size == 0:
            raise forms.ValidationError(f"The file {upload.name[:100]} is empty")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {MAX_UPLOAD_BYTES // 1024**2:,} MB. Use safer import-offences or "
                "safer import-asb on the server for larger files"
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("mapping")
        if chosen:
            mapping = ColumnMapping.objects.filter(pk=chosen).first()
            if mapping is None:
                self.add_error("mapping", "That saved mapping no longer exists; choose another")
            elif data.get("kind") and mapping.kind != data["kind"]:
                self.add_error("mapping", f"The mapping {mapping.name} is for {mapping.get_kind_display()} extracts")
            else:
                data["mapping_object"] = mapping
        return data


class ExtractMappingForm(forms.Form):
    """One select per schema column listing the file's headings; optional name to save the mapping under."""

    def __init__(
        self,
        *args: Any,
        schema: ExtractSchema,
        headings: Sequence[str],
        initial_choice: dict[str, str],
        samples: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.schema = schema
        samples = samples or {}
        choices = [("", "Not in the file")] + [
            (h, f"{h} (for example: {samples[h]})" if h in samples else f"{h} (empty in the first rows)")
            for h in headings
        ]
        for column in schema.columns:
            self.fields[column.name] = forms.ChoiceField(
                label=f"{column.name}{'' if column.required else ' (optional)'}",
                help_text=column.description,
                choices=choices,
                required=False,
                initial=initial_choice.get(column.name, ""),
            )
        self.fields["save_as"] = forms.CharField(
            label="Save this mapping as (optional)",
            help_text="Give it a name to reuse it for the next file with these headings.",
            required=False,
            max_length=100,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen: dict[str, str] = {}
        for column in self.schema.columns:
            heading = data.get(column.name) or ""
            if not heading:
                if column.required:
                    self.add_error(column.name, f"Choose the heading that holds {column.name}")
                continue
            earlier = next((c for c, h in chosen.items() if h == heading), None)
            if earlier:
                self.add_error(column.name, f'"{heading}" is already chosen for {earlier}; choose each heading once')
                continue
            chosen[column.name] = heading
        for first, second in LOCATION_PAIRS:
            if (first in chosen) != (second in chosen):
                lacking = second if first in chosen else first
                self.add_error(lacking, f"Choose the heading that holds {lacking}, or neither {first} nor {second}")
        data["chosen"] = chosen
        return data

    def column_fields(self) -> list[forms.BoundField]:
        return [self[c.name] for c in self.schema.columns]


class CustomAreaUploadForm(forms.Form):
    """A name and a GeoJSON polygon file."""

    name = forms.CharField(
        label="Name of the area",
        help_text="For example: Oxford city centre night-time economy.",
        max_length=MAX_NAME_LENGTH,
        error_messages={"required": "Enter a name for the area"},
    )
    file = forms.FileField(
        label="Upload the area as GeoJSON",
        help_text=(
            "A Polygon or MultiPolygon (or a Feature or FeatureCollection of them) in longitude and latitude "
            "(WGS84), as drawn in geojson.io or exported from QGIS."
        ),
        error_messages={"required": "Choose a GeoJSON file to upload"},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".geojson", ".json")):
            raise forms.ValidationError(f"The file must be a .geojson or .json file; you chose {upload.name[:100]}")
        if upload.size > MAX_GEOJSON_BYTES:
            raise forms.ValidationError(f"The file must be smaller than {MAX_GEOJSON_BYTES // 1024**2} MB")
        return upload


class EvaluationForm(forms.Form):
    """An intervention to evaluate: target and control custom areas, buffer, months and crime type."""

    name = forms.CharField(
        label="Name of the evaluation",
        max_length=120,
        help_text="For example: Cowley Road street lighting.",
        error_messages={"required": "Enter a name for the evaluation"},
    )
    target_area = forms.TypedChoiceField(
        label="Target area",
        coerce=int,
        help_text="The custom area where the intervention took place.",
        error_messages={"required": "Choose the target area"},
    )
    buffer_metres = forms.IntegerField(
        label="Buffer zone (metres)",
        min_value=1,
        max_value=5000,
        initial=200,
        help_text="The ring round the target area watched for displacement or diffusion of benefits.",
        error_messages={
            "required": "Enter the width of the buffer zone in metres",
            "min_value": "The buffer zone must be at least 1 metre",
            "max_value": "The buffer zone must be 5,000 metres or less",
        },
    )
    control_area = forms.TypedChoiceField(
        label="Control area",
        coerce=int,
        help_text="A similar custom area without the intervention, away from the target and its buffer.",
        error_messages={"required": "Choose the control area"},
    )
    start = forms.RegexField(
        label="First month of the intervention",
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        help_text="For example, 2022-01",
        error_messages={
            "required": "Enter the first month, for example 2022-01",
            "invalid": "Enter the first month as year and month, for example 2022-01",
        },
    )
    end = forms.RegexField(
        label="Last month of the intervention",
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        help_text="For example, 2022-06",
        error_messages={
            "required": "Enter the last month, for example 2022-06",
            "invalid": "Enter the last month as year and month, for example 2022-06",
        },
    )
    crime_type = forms.ChoiceField(label="Crime type", required=False)

    def __init__(self, *args: Any, areas: list[tuple[int, str]], crime_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose an area"), *areas]
        self.fields["target_area"].choices = choices  # type: ignore[attr-defined]
        self.fields["control_area"].choices = choices  # type: ignore[attr-defined]
        types = [("", "All crime types"), *((t, t) for t in crime_types)]
        self.fields["crime_type"].choices = types  # type: ignore[attr-defined]


class SiaReportForm(forms.Form):
    """The SIA's choices: area, period, comparison, comparator areas and formats (checked by the service)."""

    area = forms.CharField(
        label="County or district",
        max_length=120,
        help_text='For example "Oxfordshire" (one chapter per district) or "Oxford"',
        error_messages={"required": "Enter a county or district"},
    )
    period = forms.CharField(
        label="Period",
        max_length=40,
        help_text='A calendar year ("2022"), a financial year ("FY2021/22") or any 12 months ("2021-04..2022-03")',
        error_messages={"required": "Enter the period the report covers"},
    )
    compare = forms.CharField(
        label="Compare with (optional)", max_length=40, required=False, help_text="Leave empty for the 12 months before"
    )
    comparators = forms.MultipleChoiceField(
        label="Comparator areas (most similar)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each district is compared with the mean rate of these areas",
    )
    comparator_codes = forms.CharField(
        label="Other comparator area codes (optional)",
        max_length=500,
        required=False,
        help_text="Area codes separated by commas, for example E07000178, E07000179",
    )
    formats = forms.MultipleChoiceField(
        label="Formats",
        choices=[("html", "Web page (HTML)"), ("pdf", "PDF"), ("docx", "Word (DOCX)")],
        initial=["html", "pdf", "docx"],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one format"},
    )

    def __init__(
        self, *args: object, areas: Sequence[str] = (), districts: Sequence[tuple[str, str]] = (), **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.area_suggestions = list(areas)
        if self.area_suggestions:
            self.fields["area"].widget.attrs.update(list="area-suggestions", autocomplete="off")
        self.fields["comparators"].choices = [(code, f"{name} ({code})") for code, name in districts]  # type: ignore[attr-defined]

    def comparator_list(self) -> list[str]:
        """The ticked districts' codes, then the typed ones."""
        typed = [c.strip() for c in (self.cleaned_data.get("comparator_codes") or "").split(",") if c.strip()]
        return list(dict.fromkeys([*self.cleaned_data.get("comparators", []), *typed]))
