"""前年度から作成: seed the year-N+1 sheet of a 施策 from its year-N sheet.

What moves where is the form's business (the ``rollover:`` block of the form
file), so a city whose sheet shifts other texts edits its form file, not this
module. What every form shares:

- identity, indicators (names, units, directions, notes) and their series,
  and every text are carried over;
- the texts a form moves (e.g. 5(4) 〔N+1〕年度の取組予定 -> 〔N〕年度の取組状況)
  are moved, the source starting empty unless something moves into it; a
  ``*`` in a move or a clear stands for a row's key, so a form moves (or
  clears) the same field of every row a user added;
- grades and every person's decision on a computed value (overrides) are
  year-specific judgements and start empty;
- values of cells the new year no longer has (e.g. the 見込み値 of year N+1,
  where a 実績値 is now expected) are dropped, by asking the form which
  fields a sheet of year N+1 has;
- every carried-over text is marked "unchanged since last year" until a
  person edits it (the store clears the mark on edit) or marks it 確認済み,
  except the settled texts: the form's identity (施策番号, 基本施策名 …: the
  same every year by nature) and what the form calls ``settled`` (they hold
  for the whole plan: nothing to review).
"""

from __future__ import annotations

import re

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
    moves = [pair for m in form.rollover.move for pair in _expand_move(m.source, m.target, sheet.values)]
    moved = {target: sheet.values.get(source) for source, target in moves}
    for source, _target in moves:
        values.pop(source, None)
    for target, value in moved.items():
        if is_empty(value):
            values.pop(target, None)
        else:
            values[target] = value
    cleared = [_pattern(c) for c in form.rollover.clear]
    for path, value in values.items():
        spec = specs.get(path)
        if spec is None or spec.computed or spec.kind is FieldKind.GRADE or is_empty(value):
            continue
        if any(c.fullmatch(path) for c in cleared):
            continue
        new.values[path] = value
    texts = [p for p in new.values if specs[p].kind in _TEXT_KINDS]
    new.unchanged_since_rollover = frozenset(p for p in texts if p not in settled_texts(form, new, texts))
    return new


def settled_texts(form: FormDefinition, sheet: Sheet, texts: list[str]) -> set[str]:
    """Of ``texts``, those that need no review after a roll-over: the identity and the form's ``settled``."""
    settled = {m.path for pattern in form.rollover.settled for m in matches(pattern, sheet.context, texts)}
    return settled | (set(form.identity.roles().values()) & set(texts))


def _pattern(path: str) -> re.Pattern[str]:
    """A path of the form's rollover block; ``*`` stands for one segment (a row's key)."""
    return re.compile(r"[^.]+".join(re.escape(part) for part in path.split("*")))


def _expand_move(source: str, target: str, values: dict[str, Value]) -> list[tuple[str, str]]:
    """(from, to) paths of one move; a ``*`` in both moves the field of every row to the same row."""
    if "*" not in source:
        return [(source, target)]
    stars = source.count("*")
    if target.count("*") != stars:
        raise RolloverError(f"様式の rollover.move の「{source}」と「{target}」で * の数が違います")
    found = re.compile("([^.]+)".join(re.escape(part) for part in source.split("*")))
    pairs = []
    for path in values:
        m = found.fullmatch(path)
        if m is None:
            continue
        parts = target.split("*")
        pairs.append((path, parts[0] + "".join(g + rest for g, rest in zip(m.groups(), parts[1:], strict=True))))
    return pairs


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
