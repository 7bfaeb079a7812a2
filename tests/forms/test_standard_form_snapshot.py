"""The standard form expands to the same fields whatever its file is written with.

``standard_fields_snapshot.json`` was written by main at 220ebc6, before
forms/shisaku-management.yaml was rewritten with the composable items
(``python tests/forms/test_standard_form_snapshot.py`` wrote it then; never
regenerate it: it is the evidence that the rewrite kept every path, kind,
label and flag). It lists, for the standard sample sheet, the same sheet
rolled over to the next year, and a plan context of another plan period,
every FieldSpec in the paper's order with every attribute.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import Any

SNAPSHOT = Path(__file__).with_name("standard_fields_snapshot.json")
SAMPLE = "kunitachi-2023.json"


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "value") and not isinstance(value, str | int | float | bool):
        return value.value  # an enum (FieldKind)
    return value


def expansions() -> dict[str, list[dict[str, Any]]]:
    """Every field spec of each case, each as a plain dict (attribute -> value)."""
    from sheetdesk.app.rollover import roll_over
    from sheetdesk.exchange import parse_document
    from sheetdesk.forms import FormRegistry
    from sheetdesk.forms.fields import PlanContext
    from sheetdesk.resources import samples_dir

    registry = FormRegistry()
    form = registry.latest("shisaku-management")
    path = samples_dir() / SAMPLE
    sheets = [s for s in parse_document(path.read_bytes(), str(path), registry) if s.form_id == form.id]
    assert sheets, f"no standard sheet in {SAMPLE}"
    sample = sheets[0]
    rolled = roll_over(form, sample)
    cases = {
        "sample": (sample.context, sample.values),
        "rolled_over": (rolled.context, rolled.values),
        "other_plan": (PlanContext("佐野市", "第２期基本計画", 2022, 2026, 2025), None),
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for name, (ctx, values) in cases.items():
        specs = form.fields(ctx, values)
        assert not specs.templates  # the standard form has no rows a user adds
        out[name] = [{k: _plain(v) for k, v in asdict(spec).items()} for spec in specs.values()]
    return out


def test_the_standard_form_expands_to_the_fields_it_had_before_the_rewrite() -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got = expansions()
    assert list(got) == list(expected)
    for case, specs in expected.items():
        assert [s["path"] for s in got[case]] == [s["path"] for s in specs], case
        by_path = {s["path"]: s for s in got[case]}
        for old, new in zip(specs, got[case], strict=True):
            if old["kind"] == "grade_suggestion" and not old["options"]:
                # the one change since: a suggestion carries its grade's options (any codes, not only A–E)
                assert new["options"] == by_path[old["path"].removesuffix(".suggested")]["options"]
                new = {**new, "options": old["options"]}
            assert new == old, (case, old["path"])


def test_the_snapshot_covers_every_kind_of_field_of_the_standard_sheet() -> None:
    """A guard on the snapshot itself: it is not a trivial list."""
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    sample = expected["sample"]
    kinds = {s["kind"] for s in sample}
    assert kinds == {"text", "list", "grade", "number", "direction", "achievement", "comparison",
                     "grade_suggestion"}
    paths = {s["path"] for s in sample}
    assert {"outcome.4.b.comparison", "cost.total.2027", "target.d.forecast.2027",
            "s2.directions.4.means", "s4.achievement_grade.suggested"} <= paths
    rolled = {s["path"] for s in expected["rolled_over"]}
    assert "target.a.actual.2024" in rolled and "target.a.actual.2024" not in paths


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parents[2] / "src"))
    cases = expansions()
    lines = [f" {json.dumps(case)}: [\n" + ",\n".join(f"  {json.dumps(s, ensure_ascii=False)}" for s in specs) + "\n ]"
             for case, specs in cases.items()]
    SNAPSHOT.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")  # one field a line
    print(f"wrote {SNAPSHOT}")
