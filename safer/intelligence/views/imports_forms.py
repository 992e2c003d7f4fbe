"""The upload form on the imports page."""

from __future__ import annotations

from django import forms

from safer.intelligence.importing.jobs import MAX_UPLOAD_BYTES


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
