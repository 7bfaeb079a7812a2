"""Sheets for the store tests, every kind of value, texts from the published seed sheet (seeds/000_…)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine, inspect, text

from sheetdesk.glossary import Achievement, Comparison, Direction, Mark
from sheetdesk.model import Plan, Sheet
from sheetdesk.store import SheetStore

PLAN = Plan("国立市", "第２次基本計画", 2020, 2027)

PURPOSE = (
    "地域コミュニティ(自治会・町内会・地域における共同体) や、NPO等課題解決型コミュニティとの連携を強化し、"
    "地域の課題解決を図ります。\n自治体政策全体を見直す基礎的な観点として多文化共生を位置づけ、"
    "外国人市民が地域で孤立することなく受け入れられ、相互交流できるまちを目指します。"
)
SITUATION = (
    "・地域のつながりの希薄化、市民生活や価値観の多様化、少子高齢化の進行などにより、"
    "自治会・町内会の加入率は減少傾向にある。"
)


def full_sheet(code: str = "4", year: int = 2023, name: str = "地域コミュニティ・課題解決型コミュニティ活動の促進",
               section: str = "まちの振興課", policy: str = "地域・安全") -> Sheet:
    """One sheet holding text, list, grade, numbers, both marks, a direction and overrides of every computed kind."""
    s = Sheet("shisaku-management", 1, PLAN, year)
    s.values.update({
        "header.policy_name": policy,
        "header.measure_code": code,
        "header.measure_name": name,
        "header.lead_section": section,
        "header.lead_head": "田代和広",
        "header.related_sections": ("福祉総務課", "高齢者支援課", "子育て支援課"),
        "s1.target": "自治会、町内会\n市民\n協働主体（地域・ＮＰＯ・事業者等）",
        "s1.purpose": PURPOSE,
        "s5.situation": SITUATION,
        "outcome.1.a.name": "自治会・町内会加入率",
        "outcome.1.a.unit": "％",
        "outcome.1.a.direction": Direction.HIGHER_IS_BETTER,
        "outcome.1.a.actual.2022": Decimal("23.3"),
        f"outcome.1.a.actual.{year}": Decimal("22.7"),
        f"outcome.1.a.target.{year}": Decimal("33.0"),
        "outcome.3.a.name": "言語間・国際文化間の違いにより不便を感じている市民の割合",
        "outcome.3.a.direction": Direction.LOWER_IS_BETTER,
        "outcome.3.a.actual.2022": Mark.NOT_COUNTED,
        "cost.national.2022": Mark.NOT_APPLICABLE,
        f"cost.national.{year}": Decimal("4705"),
        f"cost.general.{year}": Decimal("120669"),
        "s4.achievement_grade": "E",
        "s4.trend_grade": "B",
        "s6.overall_grade": "C",
    })
    s.overrides.update({
        "outcome.1.a.achievement": Achievement.ACHIEVED,
        "outcome.1.a.comparison": Comparison.UNCHANGED,
        "s4.achievement_grade.suggested": "D",
        f"cost.project_total.{year}": Decimal("125374"),
    })
    s.unchanged_since_rollover = frozenset({"s5.situation", "s1.target"})
    return s


def dump(store: SheetStore | Engine) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: to show a failed operation changed nothing."""
    out: dict[str, list[tuple]] = {}
    engine = store if isinstance(store, Engine) else store.engine
    with engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            if table.startswith("sheet_text_fts"):
                continue
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            out[table] = sorted((tuple(r) for r in rows), key=repr)
    return out
