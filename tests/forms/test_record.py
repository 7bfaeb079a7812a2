"""A validated form or layout is a plain read-only record; one made in code takes its class's defaults."""

from __future__ import annotations

import pytest

from sheetdesk.forms import FormError, load_form_file, schema
from sheetdesk.forms.loader import default_forms_dir
from sheetdesk.forms.rules import Rules
from sheetdesk.render.layout import FlowLayout, Margins, Paper

STANDARD = default_forms_dir() / "shisaku-management.yaml"


def test_a_form_cannot_be_changed_once_read() -> None:
    form = load_form_file(STANDARD)
    with pytest.raises(AttributeError):
        form.title = "別の様式"  # type: ignore[misc]
    assert form.title == load_form_file(STANDARD).title


def test_a_record_made_in_code_has_its_classes_defaults_and_no_unknown_field() -> None:
    flow = FlowLayout(kind="flow", form="x")
    assert flow.page == Paper(size="A4", orientation="portrait") and flow.margins == Margins()
    assert (flow.page.width, flow.page.height, flow.footer) == (210.0, 297.0, "{page}／{pages}")
    assert Rules().compute == [] and Rules() == schema.validate(Rules, {})
    with pytest.raises(TypeError, match="colour"):
        Paper(colour="white")


def test_validation_gives_records_and_refuses_what_the_file_may_not_say() -> None:
    flow = schema.validate(FlowLayout, {"kind": "flow", "form": "x", "page": {"size": "A3"},
                                        "margins": {"top": 5}})
    assert type(flow) is FlowLayout and type(flow.page) is Paper
    assert (flow.page.size, flow.margins.top, flow.margins.bottom) == ("A3", 5, 12.0)
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        schema.validate(FlowLayout, {"kind": "flow", "form": "x", "margins": {"top": -1}, "colour": "red"})
    assert {e["loc"] for e in caught.value.errors()} == {("margins", "top"), ("colour",)}


def test_a_rule_a_type_cannot_say_is_checked_with_the_key_named(tmp_path) -> None:
    text = STANDARD.read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    assert "rows: {min: 1}" not in text
    # a repeat with both fixed keys and user-added rows (ア–エ of ① 対象): RepeatItem._check refuses it
    marker = "            keys: &target_slots"
    assert marker in text
    broken.write_text(text.replace(marker, "            rows: {min: 1}\n" + marker, 1), encoding="utf-8")
    with pytest.raises(FormError) as caught:
        load_form_file(broken)
    assert str(broken) in str(caught.value) and "either keys (fixed rows) or rows" in str(caught.value)
