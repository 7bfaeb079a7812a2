"""The checked-in JSON Schema is the one the code generates, and the sample obeys it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from sheetdesk.app.samples import sample_paths
from sheetdesk.exchange import json_schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "exchange.schema.json"
SCRIPT = ROOT / "scripts" / "gen_schema.py"


def run_check(output: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--check", "--output", str(output)],
                          capture_output=True, text=True, check=False)


def test_checked_in_schema_equals_the_generated_one() -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == json_schema()
    result = run_check(SCHEMA)
    assert result.returncode == 0, result.stderr


def test_check_notices_an_outdated_schema(tmp_path: Path) -> None:
    stale = tmp_path / "exchange.schema.json"
    stale.write_text(SCHEMA.read_text(encoding="utf-8").replace("市区町村名", "市町村"), encoding="utf-8")
    result = run_check(stale)
    assert result.returncode == 1
    assert "out of date" in result.stderr


def test_every_sample_validates_against_the_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sample_paths():
        errors = list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))))
        assert errors == [], (path.name, [e.message for e in errors])


def test_schema_refuses_what_the_importer_refuses() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    doc = json.loads(next(p for p in sample_paths() if p.name == "kunitachi-2023.json").read_text(encoding="utf-8"))
    doc["sheets"][0]["evaluation_year"] = "2023"
    assert not validator.is_valid(doc)
    doc["sheets"][0]["evaluation_year"] = 2023
    doc["surprise"] = True
    assert not validator.is_valid(doc)
