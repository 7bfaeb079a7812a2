"""Export and import are exact inverses, for any sheet the form allows.

Sheets are generated from the forms themselves (`form.fields(ctx, values)`, the shipped
forms and tests/forms/unshipped, rows added to repeats at random): random plan
periods and evaluation years, random subsets of fields with values of each
field's kind, overrides on computed fields.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sheetdesk.exchange import dump_document, parse_document
from sheetdesk.forms import FieldKind, FieldSpec, FormDefinition, FormRegistry
from sheetdesk.glossary import GRADES, Achievement, Comparison, Direction, Mark, Status
from sheetdesk.model import Plan, Sheet, Value


def _forms_with_unshipped() -> FormRegistry:
    """The shipped forms and tests/forms/unshipped (choices, measures, dates, user rows)."""
    here = Path(tempfile.mkdtemp(prefix="sheetdesk-forms-"))
    root = Path(__file__).parents[2]
    for p in [*(root / "forms").glob("*.yaml"), *(root / "tests" / "forms" / "unshipped").glob("*.yaml")]:
        shutil.copy(p, here / p.name)
    return FormRegistry(here)


REGISTRY = _forms_with_unshipped()
FORMS = REGISTRY.all()

# Japanese as people type it on a sheet, plus anything else UTF-8 can carry
# (surrogates cannot be written to a UTF-8 file and are refused on import).
characters = st.one_of(
    st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),  # かな
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # 漢字
    st.sampled_from("\n、。・◆〇（）「」ＮＰＯ１２３％ 　-"),
    st.characters(codec="utf-8"),
)
one_line = st.text(characters.filter(lambda c: c not in "\r\n"), max_size=20)
texts = st.text(characters, min_size=1, max_size=200)


@st.composite
def decimals(draw: st.DrawFn) -> Decimal:
    """Numbers as typed: any sign, any number of decimals (26.0 is not 26), and 1E+3 forms."""
    digits = draw(st.integers(min_value=-(10**15), max_value=10**15))
    places = draw(st.integers(min_value=-3, max_value=6))
    return Decimal(digits).scaleb(-places)


def _choices(spec: FieldSpec) -> st.SearchStrategy[Value]:
    codes = [code for code, _ in spec.options]
    if spec.multiple:  # chosen codes come back in the options' order
        return st.lists(st.sampled_from(codes), min_size=1, unique=True).map(
            lambda chosen: tuple(c for c in codes if c in chosen))
    return st.sampled_from(codes)


def _rows(spec: FieldSpec) -> st.SearchStrategy[Value]:
    return st.lists(st.integers(1, 999).map(str), min_size=1, max_size=spec.max_rows, unique=True).map(tuple)


_BY_KIND: dict[FieldKind, Callable[[FieldSpec], st.SearchStrategy[Value]]] = {
    FieldKind.TEXT: lambda spec: one_line.filter(bool) if not spec.multiline else texts,
    FieldKind.LIST: lambda spec: st.lists(one_line, min_size=1, max_size=5).map(tuple),
    FieldKind.GRADE: lambda spec: st.sampled_from(GRADES),
    FieldKind.GRADE_SUGGESTION: lambda spec: st.sampled_from(GRADES),
    FieldKind.NUMBER: lambda spec: st.one_of(decimals(), st.sampled_from(list(Mark))),
    FieldKind.DIRECTION: lambda spec: st.sampled_from(list(Direction)),
    FieldKind.ACHIEVEMENT: lambda spec: st.sampled_from(list(Achievement)),
    FieldKind.COMPARISON: lambda spec: st.sampled_from(list(Comparison)),
    FieldKind.CHOICE: _choices,
    FieldKind.MEASURE: lambda spec: one_line.filter(lambda t: bool(t.strip())),
    FieldKind.DATE: lambda spec: st.dates(),
    FieldKind.ROWS: _rows,
}


def value_of(spec: FieldSpec) -> st.SearchStrategy[Value]:
    if spec.kind not in _BY_KIND:
        raise AssertionError(f"no strategy for {spec.kind}")
    return _BY_KIND[spec.kind](spec)


@st.composite
def sheets(draw: st.DrawFn) -> Sheet:
    form: FormDefinition = draw(st.sampled_from(FORMS))
    start = draw(st.integers(min_value=1989, max_value=2090))
    end = start + draw(st.integers(min_value=0, max_value=11))
    plan = Plan(draw(one_line), draw(one_line), start, end)
    sheet = Sheet(form.id, form.version, plan, draw(st.integers(min_value=start, max_value=end)),
                  status=draw(st.sampled_from(list(Status))))
    for spec in form.fields(sheet.context).values():  # rows a user added to repeats
        if spec.kind is FieldKind.ROWS and draw(st.booleans()):
            sheet.values[spec.path] = draw(value_of(spec))
    specs = form.fields(sheet.context, sheet.values)
    fields = sorted(p for p, spec in specs.items() if spec.kind is not FieldKind.ROWS)  # rows drawn above
    for path in draw(st.lists(st.sampled_from(fields), unique=True, max_size=40)):
        spec = specs[path]
        (sheet.overrides if spec.computed else sheet.values)[path] = draw(value_of(spec))
    for path in (form.identity.code, form.identity.name):  # required to import at all
        sheet.values[path] = draw(one_line.filter(bool))
    sheet.unchanged_since_rollover = frozenset(
        draw(st.lists(st.sampled_from(sorted(specs)), max_size=5)))
    return sheet


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sheets(), min_size=1, max_size=3))
def test_dump_parse_dump_is_identical_and_parse_gives_the_sheets_back(generated: list[Sheet]) -> None:
    text = dump_document(REGISTRY, generated)
    parsed = parse_document(text.encode("utf-8"), "generated.json", REGISTRY)
    assert parsed == generated
    assert dump_document(REGISTRY, parsed) == text
    for before, after in zip(generated, parsed, strict=True):
        for path, value in before.values.items():
            if isinstance(value, Decimal) and value.as_tuple().exponent <= 0:
                # the same digits and scale, not only the same number
                assert after.values[path].as_tuple() == value.as_tuple(), path


def test_generated_sheets_reach_every_kind_of_field() -> None:
    """The strategies above cover every kind the forms define (else the round trip proves less)."""
    form = REGISTRY.latest("shisaku-management")
    sheet = Sheet(form.id, form.version, Plan("国立市", "第２次基本計画", 2020, 2027), 2023)
    rows = {s.path: ("1",) for f in FORMS for s in f.fields(sheet.context).values() if s.kind is FieldKind.ROWS}
    specs = [spec for f in FORMS for spec in f.fields(sheet.context, rows).values()]
    assert {spec.kind for spec in specs} == set(FieldKind)
    for spec in specs:
        value_of(spec)  # raises for a kind without a strategy
