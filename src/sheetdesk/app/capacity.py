"""How many characters a field's printed box holds: the editor's capacity meter and the overflow check.

The renderer owns the real fit computation (it knows the boxes and fonts).
Everything here asks through `text_capacity` only, so switching from the
estimate to the renderer is a change in one function.
"""

from __future__ import annotations

from sheetdesk.forms.definition import FieldKind, FieldSpec, FormDefinition

# Characters a box holds at the renderer's smallest font, estimated from the
# A3 layout of the standard sheet (spec/standard-sheet.md "Print layout").
_ESTIMATE_BY_PATH = {
    "header.policy_name": 40,
    "header.measure_name": 60,
    "header.lead_section": 30,
    "header.lead_head": 20,
    "s1.target": 200,
    "s1.purpose": 200,
    "s4.reasons": 500,
    "s5.situation": 1500,
    "s5.opinions": 1500,
    "s5.comparison": 1500,
    "s5.current_work": 900,
    "s5.planned_work": 900,
    "s6.results": 1300,
    "s6.issues": 1300,
    "s7.policy_next": 900,
    "s7.midterm": 900,
}
_ESTIMATE_BY_SUFFIX = {".name": 40, ".unit": 8, ".note": 80, ".purpose": 150, ".means": 500}


def _estimate(spec: FieldSpec) -> int | None:
    if spec.path in _ESTIMATE_BY_PATH:
        return _ESTIMATE_BY_PATH[spec.path]
    for suffix, n in _ESTIMATE_BY_SUFFIX.items():
        if spec.path.endswith(suffix):
            return n
    return None


def text_capacity(form: FormDefinition, spec: FieldSpec) -> int | None:
    """Characters that fit the field's printed box; None when the field is not printed or not text."""
    if spec.kind is not FieldKind.TEXT or not spec.printed:
        return None
    try:
        from sheetdesk.render import text_capacity as rendered  # type: ignore[attr-defined]
    except ImportError:
        return _estimate(spec)
    return rendered(form, spec)  # type: ignore[no-any-return]


def text_length(text: str) -> int:
    """Characters as a reader counts them (line breaks take no box space of their own)."""
    return len(text.replace("\r", "").replace("\n", ""))
