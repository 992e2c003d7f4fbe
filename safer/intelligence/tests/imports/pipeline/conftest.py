"""Import tests write rejects and uploads under their own var folder, and start from a template warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from safer.intelligence.tests.imports.policeuk.helpers import warehouse_from_template


@pytest.fixture(autouse=True)
def _isolated_var_dir(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path / "var"
    settings.VAR_DIR.mkdir()
    warehouse_from_template(Path(settings.SAFER_WAREHOUSE_PATH))
