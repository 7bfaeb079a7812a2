"""The seed's standard sheet (seeds/000_…, 令和5年度) as a Sheet, for building test files.

Every text and number is taken from the published sheet; where the seed's
scrambled extraction does not say which year a number belongs to, the
number is placed in a plausible year, never made up.
"""

from __future__ import annotations

from decimal import Decimal

from sheetdesk.glossary import Direction, Mark
from sheetdesk.model import Plan, Sheet

D = Decimal
YEARS = list(range(2020, 2028))


def _series(prefix: str, values: list[str | None]) -> dict[str, object]:
    out: dict[str, object] = {}
    for year, v in zip(YEARS, values, strict=False):
        if v is None:
            continue
        out[f"{prefix}.{year}"] = Mark.NOT_COUNTED if v == "未集計" else (
            Mark.NOT_APPLICABLE if v == "-" else D(v.replace(",", "")))
    return out


TEXTS = {
    "header.policy_name": "地域・安全",
    "header.measure_code": "4",
    "header.measure_name": "地域コミュニティ・課題解決型コミュニティ活動の促進",
    "header.lead_section": "まちの振興課",
    "header.lead_head": "田代和広",
    "s1.target": "自治会、町内会\n市民\n協働主体（地域・ＮＰＯ・事業者等）",
    "s1.purpose": (
        "地域コミュニティ(自治会・町内会・地域における共同体) や、NPO等課題解決型コミュニティとの連携を強化し、"
        "地域の課題解決を図ります。\n自治体政策全体を見直す基礎的な観点として多文化共生を位置づけ、"
        "外国人市民が地域で孤立することなく受け入れられ、相互交流できるまちを目指します。"
    ),
    "target.a.name": "自治会・町内会数",
    "target.a.unit": "団体",
    "target.b.name": "在住外国人人数",
    "target.b.unit": "人",
    "outcome.1.a.name": "自治会・町内会加入率",
    "outcome.1.a.unit": "％",
    "outcome.1.a.note": "指標の説明：自治会・町内会加入世帯数/全世帯数",
    "outcome.1.b.name": "コミュニティ施設利用者数",
    "outcome.1.b.unit": "人",
    "outcome.1.b.note": "指標の説明：地域集会所、地域福祉館、地域防災センターの延べ利用者数",
    "outcome.2.a.name": "くにたち地域活動支援室の利用者数",
    "outcome.2.a.unit": "人",
    "outcome.3.a.name": "言語間・国際文化間の違いにより不便を感じている市民の割合",
    "outcome.3.a.unit": "％",
    "outcome.3.a.note": "出典元：国立市市民意識調査",
    "s2.directions.1.name": "地域コミュニティの活性化",
    "s2.directions.1.purpose": (
        "地域コミュニティにおいて重要な役割を担う自治会・町内会の組織や活動を維持・強化し、"
        "コミュニティ力を高めるとともに、これらの組織が地域で積極的に活動する場を整えます。"
    ),
    "s2.directions.1.means": (
        "◆防災・防犯など、生活に役立つ情報を自治会・町内会に提供します。また、市ホームページや広報等を活用して"
        "自治会・町内会の活動を支援します。\n◆多様な主体の協働による取組や地域資源(人材・物資・資金・情報)を"
        "効果的に活用したコミュニティ活動を促進します。\n◆活動拠点となるコミュニティ施設の機能を充実します。"
    ),
    "s2.directions.2.name": "多様な主体との協働によるまちづくり",
    "s2.directions.2.purpose": "多様な主体による協働を進めることにより、地域社会が抱える課題に迅速かつきめ細かに対応します。",
    "s2.directions.2.means": (
        "◆より広範な分野において、市民・地域・NPO・事業者等が連携を強化することで共助社会づくりに取り組みます。\n"
        "◆ソーシャルメディアの活用等、新たな市・団体・市民の交流機会を提供します。\n"
        "◆地域課題解決の主体としてソーシャルビジネスを支援します。"
    ),
    "s2.directions.3.name": "多文化共生社会の実現",
    "s2.directions.3.purpose": (
        "外国人市民が快適に生活できる環境を整えるとともに、日常的に外国人市民と交流することにより、相互理解を進めます。"
    ),
    "s2.directions.3.means": (
        "◆外国人市民の日常生活におけるニーズを把握・共有するため、外国人を含めた市民と行政による意見交換の場を設けます。\n"
        "◆地域の国際交流団体や大学等との連携を図り、在住外国人との相互理解を図る活動を支援します。\n"
        "◆多言語対応や「やさしい日本語」を活用して、外国人にも伝わりやすい情報発信に努めます。"
    ),
    "s4.achievement_grade": "E",
    "s4.trend_grade": "B",
    "s4.reasons": (
        "新型コロナウイルス感染症の５類感染症への移行後は、コミュニティ施設の利用者数、くにたち地域活動支援室の"
        "利用者数が増加している。\n自治会町内会の加入率については、高齢化による現会員の減少に対して新規住民の"
        "加入が進まず、新陳代謝がうまく機能していない。"
    ),
    "s5.situation": (
        "・地域のつながりの希薄化、市民生活や価値観の多様化、少子高齢化の進行などにより、"
        "自治会・町内会の加入率は減少傾向にある。\n"
        "・入出国法が改正され、特定技能を持つ外国人の受け入れが進み、多言語対応の要請が強まると見られる。"
    ),
    "s5.opinions": (
        "・自治会活動のオンライン化を市としても支援してほしい。\n・NPO活動支援室運営体制として人員や予算について検討が必要。"
    ),
    "s5.comparison": "NPO活動・市民活動支援については、26市の予算額に比べ低水準にある。自治会等加入率も低い水準である。",
    "s5.current_work": (
        "・自治会・町内会加入促進に向けた広報の充実（市報一面）\n"
        "・デジタル活用のための集会所等への通信環境整備の導入（２施設にWi-Fiを試行導入）\n"
        "・市内のNPO等の活動概要を調査し、取りまとめて公表した。"
    ),
    "s5.planned_work": "・自治会・町内会加入促進に向けた広報の充実\n・市内の市民活動交流会を実施する\n・自治会連絡会の開催",
    "s6.results": (
        "・多文化共生\n市内在住、在学の中学生・高校生を対象に、国際交流団体と共催で駐日ルーマニア大使館を訪問し、"
        "市民の多文化共生を推進する取り組みを実施した。"
    ),
    "s6.issues": (
        "・NPO等は地域課題解決を進める重要なプレイヤーであり、地域の団体との連携を促進することで、"
        "自助・共助の取組を強化することができるため、その取組を推進する必要がある。"
    ),
    "s6.overall_grade": "C",
    "s7.policy_next": (
        "地域コミュニティの活性化、多文化共生社会の実現に向けた取組の更なる充実を目指す。\n"
        "市民の地域コミュニティ参画を促進し、社会的孤立の防止を図る。"
    ),
    "s7.midterm": "他市の事例等の調査研究、視察を行うなどして、市民連携・市民協働・市民参画のさらなる推進を図っていく。",
}

NUMBERS: dict[str, object] = {
    **_series("cost.national", [None, None, "-", "4,705"]),
    **_series("cost.prefectural", [None, None, None, "13,083"]),
    **_series("cost.other", [None, None, None, "6,607"]),
    **_series("cost.general", [None, None, "86,074", "120,669"]),
    **_series("cost.hours", [None, None, "10,200", "13,655"]),
    **_series("cost.personnel", [None, None, None, "24,922"]),
    **_series("cost.projects", [None, None, None, "6"]),
    **_series("target.a.actual", ["71", "71", "70", "70"]),
    **_series("target.b.actual", ["1,852", "1,663", "1,719", "1,836"]),
    **_series("target.b.forecast", [None, None, None, None, "1,950", "1,900"]),
    **_series("outcome.1.a.trend", ["26.0", "25.0", "24.0", "23.0", "22.0", "21.0", "20.0", "19.0"]),
    **_series("outcome.1.a.target", ["30.0", "31.0", "32.0", "33.0", "34.0", "35.0", "36.0", "36.5"]),
    **_series("outcome.1.a.actual", ["26.0", "24.0", "23.3", "22.7"]),
    **_series("outcome.1.b.target", ["170,000", "170,000", "170,000", "173,000", "176,000", "183,000", "186,000",
                                     "189,000"]),
    **_series("outcome.1.b.actual", ["70,472", "90,805", "110,740", "132,797"]),
    **_series("outcome.2.a.trend", [None, "5,500", "5,034", "4,568", "4,102", "3,636", "3,170"]),
    **_series("outcome.2.a.target", ["6,500", "6,600", "6,700", "6,800", "6,900", "7,000", "7,300", "7,500"]),
    **_series("outcome.2.a.actual", ["5,034", "3,956", "3,959", "5,934"]),
    **_series("outcome.3.a.trend", ["4.0", "4.5", "5.0", "5.5", "6.0", "6.5"]),
    **_series("outcome.3.a.target", ["4.0", "3.8", "3.7", "3.6", "3.5", "3.4", "3.3", "3.2"]),
    **_series("outcome.3.a.actual", ["4.6", "3.9", "未集計", "4.7"]),
}


def seed_sheet() -> Sheet:
    sheet = Sheet("shisaku-management", 1, Plan("国立市", "第２次基本計画", 2020, 2027), 2023)
    sheet.values.update(TEXTS)
    sheet.values["header.related_sections"] = ("福祉総務課", "高齢者支援課", "地域包括ケア推進担当", "子育て支援課")
    sheet.values.update(NUMBERS)  # type: ignore[arg-type]
    for g, s in (("1", "a"), ("1", "b"), ("2", "a")):
        sheet.values[f"outcome.{g}.{s}.direction"] = Direction.HIGHER_IS_BETTER
    sheet.values["outcome.3.a.direction"] = Direction.LOWER_IS_BETTER
    return sheet
