"""The shipped sample: the published 国立市 令和5年度 sheet, as a user loads it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import sheetdesk
from sheetdesk.app.samples import sample_paths
from sheetdesk.exchange import dump_document, parse_document
from sheetdesk.glossary import Achievement, Comparison, Direction, Mark
from sheetdesk.model import Sheet, compute

# The published sheet's extracted text (shared/seeds/000_…), shipped as package data.
SEED = Path(sheetdesk.__file__).resolve().parent / "data" / "seeds" / "standard-sheet-000.txt"
SAMPLE_NAME = "kunitachi-2023.json"


def seed_words() -> str:
    """The seed's text with the extractor's line breaks (box wraps) taken out."""
    return "".join(line.strip() for line in SEED.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def sample_file() -> Path:
    paths = {p.name: p for p in sample_paths()}
    return paths[SAMPLE_NAME]


@pytest.fixture(scope="module")
def sheet(sample_file: Path, registry) -> Sheet:
    sheets = parse_document(sample_file.read_bytes(), sample_file.name, registry)
    assert len(sheets) == 1
    return sheets[0]


def test_sample_paths_lists_the_shipped_package_data() -> None:
    paths = sample_paths()
    names = [p.name for p in paths]
    assert SAMPLE_NAME in names and names == sorted(names)  # one file per sample, every family's
    assert all(p.is_file() and p.parent.name == "samples" for p in paths)


def test_sample_is_the_kunitachi_2023_sheet(sheet: Sheet) -> None:
    assert sheet.plan.municipality == "国立市"
    assert (sheet.plan.name, sheet.plan.start_year, sheet.plan.end_year) == ("第２次基本計画", 2020, 2027)
    assert sheet.evaluation_year == 2023
    assert sheet.text("header.policy_name") == "地域・安全"
    assert sheet.text("header.measure_name") == "地域コミュニティ・課題解決型コミュニティ活動の促進"
    assert sheet.text("header.lead_section") == "まちの振興課"
    assert sheet.values["header.related_sections"] == ("福祉総務課", "高齢者支援課", "地域包括ケア推進担当", "子育て支援課")


def test_export_of_the_parsed_sample_gives_the_same_bytes(sample_file: Path, sheet: Sheet, registry) -> None:
    assert dump_document(registry, [sheet]).encode("utf-8") == sample_file.read_bytes()


def test_every_text_of_the_sample_is_the_seeds_own_words(sheet: Sheet, standard_form) -> None:
    words = seed_words()
    specs = standard_form.fields(sheet.context)
    checked = 0
    for path, value in sheet.values.items():
        if path == "header.measure_code":  # not printed on the sheet; inferred (samples/README.md)
            continue
        if isinstance(value, str) and specs[path].kind.value == "text":
            assert value.replace("\n", "") in words, path
            checked += 1
        elif isinstance(value, tuple):
            assert "、".join(value) in words, path
    assert checked >= 40


# Long texts checked word for word against the seed, with the sheet's own
# line breaks (bullets, paragraphs) where the seed has them.
SPOT_CHECKS = {
    "s5.situation": (
        "・地域のつながりの希薄化、市民生活や価値観の多様化、少子高齢化の進行などにより、自治会・町内会の加入率は減少傾向にある。\n"
        "・高齢化が進む中で独居高齢者や高齢者のみの世帯が増えていることから、孤立化防止のため地域での見守りが求められている。"
        "またディベロッパーが日赤と連携して、マンションの住民の交流事業を行い、高齢単身世帯でも安心して暮らせる環境づくりに取り組む動きが出てきている。\n"
        "・入出国法が改正され、特定技能を持つ外国人の受け入れが進み、多言語対応の要請が強まると見られる。国立市でも東南アジアからの外国人数増加が著しい。"
        "行政も多言語対応だけでなく、外国人にも理解できる「やさしい日本語」を導入する自治体が注目されている。\n"
        "・地域の課題の解決を目的とした団体としてＮＰＯに加え、会社組織でソーシャルビジネスとして地域課題解決に取り組むケースが"
        "注目されるようになってきており、ＮＰＯ組織、会社組織など対象主体の範囲が広まっている。"
    ),
    "s4.reasons": (
        "新型コロナウイルス感染症の５類感染症への移行後は、コミュニティ施設の利用者数、くにたち地域活動支援室の利用者数が増加している。"
        "これは、自治会町内会規模のコミュニティが減少している一方、趣味のサークルなど小規模のコミュニティが多く利用している。\n"
        "自治会町内会の加入率については、高齢化による現会員の減少に対して新規住民の加入が進まず、新陳代謝がうまく機能していない。"
        "また、コミュニティの希薄化から自治会町内会の意義が問われている。"
    ),
    "s2.directions.3.means": (
        "◆外国人市民の日常生活におけるニーズを把握・共有するため、外国人を含めた市民と行政による意見交換の場を設けます。\n"
        "◆地域の国際交流団体や大学等との連携を図り、在住外国人との相互理解を図る活動を支援します。\n"
        "◆地域の国際交流団体や一橋大学等と連携した懇談会・講座・レクリエーションなど、在住外国人と市民が交流する機会をつくります。\n"
        "◆多言語対応や「やさしい日本語」を活用して、外国人にも伝わりやすい情報発信に努めます。"
    ),
    "s2.directions.1.purpose": (
        "地域コミュニティにおいて重要な役割を担う自治会・町内会の組織や活動を維持・強化し、コミュニティ力を高めるとともに、"
        "これらの組織が地域で積極的に活動する場を整えます。"
    ),
    "s6.results": (
        "・地域コミュニティの活性化\n"
        "コミュニティソーシャルワーカー(CSW)による地域団体の主体的な交流の場づくりなど地域コミュニティの活性化に結び付く取り組みは前進。\n"
        "・多文化共生\n"
        "市内在住、在学の中学生・高校生を対象に、国際交流団体と共催で駐日ルーマニア大使館を訪問し、市民の多文化共生を推進する取り組みを実施した。\n"
        "・NPO活動等推進事業\n"
        "社協、地域コラボ、市の３者が連携し、市民、団体等多様な主体の繋がりの創出を主眼に置いた市民活動支援に向け、事業を推進している。"
        "令和５年度は、市民活動団体の調査を行い、その結果を報告書としてまとめHPで公表した。"
    ),
    "s5.comparison": "NPO活動・市民活動支援については、26市の予算額に比べ低水準にある。自治会等加入率も低い水準である。",
    "s7.midterm": (
        "地域コミュニティの活性化、多文化共生社会の実現に向けた取組の更なる充実を目指す。自治会加入を促進し、社会的孤立の防止を図る。\n"
        "他市の事例等の調査研究、視察を行うなどして、市民連携・市民協働・市民参画のさらなる推進を図っていく。"
    ),
}


@pytest.mark.parametrize("path", sorted(SPOT_CHECKS))
def test_long_texts_are_verbatim(sheet: Sheet, path: str) -> None:
    assert sheet.values[path] == SPOT_CHECKS[path]
    assert SPOT_CHECKS[path].replace("\n", "") in seed_words()


def test_the_two_columns_of_5_4_are_apart(sheet: Sheet) -> None:
    current, planned = sheet.text("s5.current_work"), sheet.text("s5.planned_work")
    assert "２施設にWi-Fiを試行導入" in current and "Wi-Fi" not in planned
    assert planned.endswith("・自治会連絡会の開催") and "自治会連絡会の開催" not in current
    assert current.count("\n・") == 7 and planned.count("\n・") == 8


def test_numbers_keep_their_printed_scale_and_marks(sheet: Sheet) -> None:
    assert str(sheet.values["outcome.1.a.trend.2020"]) == "26.0"
    assert str(sheet.values["outcome.3.a.target.2020"]) == "4"  # printed 4, not 4.0
    assert sheet.values["outcome.3.a.actual.2022"] is Mark.NOT_COUNTED
    assert sheet.values["target.b.actual.2020"] == Decimal("1852")
    assert sheet.values["outcome.3.a.direction"] is Direction.LOWER_IS_BETTER
    # future cells printed as 0 are not carried over
    assert not [p for p in sheet.values if p.startswith("cost.") and not p.endswith(".2023")]


def test_computed_totals_and_judgements_match_the_printed_sheet(sheet: Sheet, standard_form) -> None:
    c = compute(standard_form, sheet)
    assert c["cost.project_total.2023"].effective == Decimal("120669")
    assert c["cost.total.2023"].effective == Decimal("145591")
    assert c["cost.project_total.2021"].effective is None  # printed 0: a spreadsheet artifact
    for prefix in ("outcome.1.a", "outcome.1.b", "outcome.2.a", "outcome.3.a"):
        assert c[f"{prefix}.achievement"].effective is Achievement.NOT_ACHIEVED
    assert c["outcome.1.b.comparison"].effective is Comparison.IMPROVED
    assert c["outcome.2.a.comparison"].effective is Comparison.UNCHANGED
    assert c["outcome.3.a.comparison"].effective is None  # 令和4年度 is 未集計
    # the one printed judgement the numbers do not give under the form's band
    assert c["outcome.1.a.comparison"].computed is Comparison.UNCHANGED
    assert c["outcome.1.a.comparison"].effective is Comparison.DECLINED
    assert sheet.overrides == {"outcome.1.a.comparison": Comparison.DECLINED}
    assert c["s4.achievement_grade.suggested"].effective == "E"
    assert (sheet.values["s4.achievement_grade"], sheet.values["s4.trend_grade"],
            sheet.values["s6.overall_grade"]) == ("E", "B", "C")
