"""How much of a field's printed box a text takes: the editor's capacity meter and the overflow check.

The renderer owns the computation (it knows the boxes, the fonts and the
line breaking); everything in the app and the UI asks through `text_fit`,
so there is one place that knows where the answer comes from. The renderer
is imported on first use so that starting the app does not load reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass

from sheetdesk.forms.definition import FieldKind, FieldSpec, FormDefinition, PlanContext


@dataclass(frozen=True)
class Fit:
    """Full-width characters the text takes and the box holds at the smallest print size."""

    used: int
    capacity: int

    @property
    def overflowing(self) -> bool:
        return self.used > self.capacity


def text_fit(form: FormDefinition, ctx: PlanContext, spec: FieldSpec, text: str) -> Fit | None:
    """None when the field is not printed text in a box of its own (or the form has no print layout)."""
    if spec.kind is not FieldKind.TEXT or not spec.printed or form.layout is None:
        return None
    from sheetdesk.render.fit import capacity
    from sheetdesk.render.layout import Layout, any_layout_for

    if not isinstance(any_layout_for(form), Layout):
        return None  # a flow layout's rows grow with their text: no box of its own to overflow
    result = capacity(form, ctx, spec.path, text)
    return None if result is None else Fit(result.used_chars, result.capacity_chars)
