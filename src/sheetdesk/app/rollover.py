"""前年度から作成: seed the year-N+1 sheet of a 施策 from its year-N sheet.

What moves where is the form's business (the ``rollover:`` block of the form
file), so a city whose sheet shifts other texts edits its form file, not this
module. What every form shares:

- identity, indicators (names, units, directions, notes) and their series,
  and every text are carried over;
- the texts a form moves (e.g. 5(4) 〔N+1〕年度の取組予定 -> 〔N〕年度の取組状況)
  are moved, the source starting empty unless something moves into it;
- what the form clears (``rollover.clear``; ``*`` stands for any one path
  segment, so ``projects.*.evaluation`` clears it in every row), grades and
  every person's decision on a computed value (overrides) are
  year-specific judgements and start empty;
- values of cells the new year no longer has (e.g. the 見込み値 of year N+1,
  where a 実績値 is now expected) are dropped, by asking the form which
  fields a sheet of year N+1 has;
- every carried-over text is marked "unchanged since last year" until a
  person edits it (the store clears the mark on edit).
"""

from __future__ import annotations

from sheetdesk.forms.definition import FieldKind, FormDefinition
from sheetdesk.forms.rules import matches
from sheetdesk.glossary import Status
from sheetdesk.model.sheet import Sheet, Value, is_empty
from sheetdesk.wareki import fiscal_year_label

_TEXT_KINDS = {FieldKind.TEXT, FieldKind.LIST}


class RolloverError(ValueError):
    """A sheet that cannot seed next year's; the message is for the user."""


def roll_over(form: FormDefinition, sheet: Sheet) -> Sheet:
    """A new draft sheet for the year after ``sheet``'s evaluation year."""
    if (sheet.form_id, sheet.form_version) != (form.id, form.version):
        raise RolloverError(f"様式「{sheet.form_id}」第{sheet.form_version}版のシートに別の様式定義は使えません")
    next_year = sheet.evaluation_year + 1
    if next_year > sheet.plan.end_year:
        raise RolloverError(
            f"{fiscal_year_label(sheet.evaluation_year)}は計画期間「{sheet.plan.name}」の最終年度です。"
            "次期計画のシートは前年度から作成できません"
        )
    new = Sheet(
        form_id=sheet.form_id,
        form_version=sheet.form_version,
        plan=sheet.plan,
        evaluation_year=next_year,
        status=Status.DRAFT,
        id=None,
        version=0,
    )
    specs = form.fields(new.context)
    values: dict[str, Value] = dict(sheet.values)
    moved = {m.target: sheet.values.get(m.source) for m in form.rollover.move}
    for m in form.rollover.move:
        values.pop(m.source, None)
    for target, value in moved.items():
        if is_empty(value):
            values.pop(target, None)
        else:
            values[target] = value
    cleared = cleared_paths(form, new, values)
    for path, value in values.items():
        spec = specs.get(path)
        if spec is None or spec.computed or path in cleared or spec.kind is FieldKind.GRADE or is_empty(value):
            continue
        new.values[path] = value
    new.unchanged_since_rollover = frozenset(p for p in new.values if specs[p].kind in _TEXT_KINDS)
    return new


def cleared_paths(form: FormDefinition, sheet: Sheet, values: dict[str, Value]) -> set[str]:
    """The paths among ``values`` that the form's ``rollover.clear`` names; ``*`` is any one segment (any row)."""
    ctx = sheet.context
    return {m.path for pattern in form.rollover.clear for m in matches(pattern, ctx, values)}


def unchanged_texts(sheet: Sheet, form: FormDefinition | None = None) -> list[str]:
    """Carried-over texts nobody has edited yet, for the validation panel.

    With the form, in the paper's order; without it, sorted by path. A path
    whose text was emptied since is not reported: there is nothing to review.
    """
    paths = [p for p in sheet.unchanged_since_rollover if not is_empty(sheet.values.get(p))]
    if form is None:
        return sorted(paths)
    order = {p: i for i, p in enumerate(form.fields(sheet.context))}
    return sorted(paths, key=lambda p: (order.get(p, len(order)), p))
