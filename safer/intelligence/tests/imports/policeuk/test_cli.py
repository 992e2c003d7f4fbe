"""safer import-policeuk: output, audit event, one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from safer.core.models import AuditEvent
from safer.intelligence.tests.imports.policeuk.helpers import FIXTURES, STREET_2022_03, csv_rows

pytestmark = pytest.mark.django_db


def test_import_command_reports_and_audits(capsys: Any) -> None:
    call_command("import-policeuk", str(FIXTURES / "policeuk"), "--no-progress")
    out = capsys.readouterr().out
    rows = len(csv_rows(STREET_2022_03))
    assert f"2022-03-thames-valley-street.csv: {rows:,} rows loaded, 0 rejected." in out
    assert "4 files:" in out and "0 already imported" in out
    event = AuditEvent.objects.get(action="intelligence.import_finished")
    assert event.channel == "cli" and event.detail["files"] == 4
    call_command("import-policeuk", str(STREET_2022_03), "--no-progress")
    assert "1 already imported" in capsys.readouterr().out


def test_import_command_bad_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / STREET_2022_03.name
    bad.write_bytes(STREET_2022_03.read_bytes().replace(b"Crime type", b"Type", 1))
    with pytest.raises(CommandError) as error:
        call_command("import-policeuk", str(bad), "--no-progress")
    assert str(error.value).startswith(f'Missing column "Crime type" in {STREET_2022_03.name} (line 1).')
