"""Export and import are exact inverses, for any sheet the form allows.

Sheets are generated from the form itself (`form.fields(ctx)`): random plan
periods and evaluation years, random subsets of fields with values of each
field's kind, overrides on computed fields.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sheetdesk.exchange import dump_document, parse_document
from sheetdesk.forms import FieldKind, FieldSpec, FormDefinition, FormRegistry
from sheetdesk.glossary import GRADES, Achievement, Comparison, Direction, Mark, Status
from sheetdesk.model import Plan, Sheet, Value

REGISTRY = FormRegistry()
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


def value_of(spec: FieldSpec) -> st.SearchStrategy[Value]:
    kind = spec.kind
    if kind is FieldKind.TEXT:
        return one_line.filter(bool) if not spec.multiline else texts
    if kind is FieldKind.LIST:
        return st.lists(one_line, min_size=1, max_size=5).map(tuple)
    if kind in (FieldKind.GRADE, FieldKind.GRADE_SUGGESTION):
        return st.sampled_from(GRADES)
    if kind is FieldKind.NUMBER:
        return st.one_of(decimals(), st.sampled_from(list(Mark)))
    if kind is FieldKind.DIRECTION:
        return st.sampled_from(list(Direction))
    if kind is FieldKind.ACHIEVEMENT:
        return st.sampled_from(list(Achievement))
    if kind is FieldKind.COMPARISON:
        return st.sampled_from(list(Comparison))
    raise AssertionError(f"no strategy for {kind}")


@st.composite
def sheets(draw: st.DrawFn) -> Sheet:
    form: FormDefinition = draw(st.sampled_from(FORMS))
    start = draw(st.integers(min_value=1989, max_value=2090))
    end = start + draw(st.integers(min_value=0, max_value=11))
    plan = Plan(draw(one_line), draw(one_line), start, end)
    sheet = Sheet(form.id, form.version, plan, draw(st.integers(min_value=start, max_value=end)),
                  status=draw(st.sampled_from(list(Status))))
    specs = form.fields(sheet.context)
    for path in draw(st.lists(st.sampled_from(sorted(specs)), unique=True, max_size=40)):
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
    """The strategies above cover every kind the shipped forms define (else the round trip proves less)."""
    form = REGISTRY.latest("shisaku-management")
    sheet = Sheet(form.id, form.version, Plan("国立市", "第２次基本計画", 2020, 2027), 2023)
    kinds = {spec.kind for f in FORMS for spec in f.fields(sheet.context).values()}
    # the standard form alone uses every kind but those of the composable items
    assert kinds >= set(FieldKind) - {FieldKind.CHOICE, FieldKind.MEASURE, FieldKind.DATE, FieldKind.ROWS}
    for spec in form.fields(sheet.context).values():
        value_of(spec)  # raises for a kind without a strategy
