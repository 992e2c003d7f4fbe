"""Geography forms: uploading a custom area."""

from __future__ import annotations

from typing import Any

from django import forms

from safer.geography.services.custom_areas import MAX_GEOJSON_BYTES, MAX_NAME_LENGTH


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
