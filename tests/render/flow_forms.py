"""Forms, flow layouts and sheets written by hand for the flow-printing tests.

The forms are not shipped and their words are not the code's: a 協働推進
action-plan table (プロセス → 項目 → 事業, as seed 003) and a 施策の現状と課題
sheet (as seed 002). Texts are taken verbatim from the seeds
(../shared/seeds/003_c8994c8cdc0d03d9.txt, 002_f545dc4d64f143d3.txt).
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from sheetdesk.forms import FormRegistry
from sheetdesk.model import Plan, Sheet

FORMS = Path(__file__).parents[2] / "forms"

ACTION_PLAN = """\
id: kyodo-action
version: 1
title: 協働推進行動計画　評価表
layout: kyodo-action.layout.yaml
identity: {code: head.code, name: head.name, section: head.section}
sections:
  - key: head
    label: 評価表
    items:
      - {kind: field, key: head.code, label: 計画番号, value: {type: text, multiline: false}}
      - {kind: field, key: head.name, label: 計画名, value: {type: text, multiline: false}}
      - {kind: field, key: head.section, label: 所管課, value: {type: text, multiline: false}}
  - key: plan
    label: 取組の評価
    items:
      - kind: repeat
        key: processes
        label: プロセス
        rows: {min: 1, label: "プロセス{n}"}
        items:
          - {kind: field, key: name, label: プロセス名, value: {type: text, multiline: false}}
          - kind: repeat
            key: items
            label: 項目
            rows: {min: 1, label: "項目{n}"}
            items:
              - {kind: field, key: name, label: 項目名, value: {type: text, multiline: false}}
              - kind: repeat
                key: projects
                label: 事業
                rows: {min: 0, max: 200, label: "事業{n}"}
                items:
                  - {kind: field, key: name, label: 事業名, value: {type: text}}
                  - {kind: field, key: section, label: 担当課, value: {type: text}}
                  - {kind: field, key: work, label: 取組内容, value: {type: text}}
                  - kind: field
                    key: partners
                    label: 協働の相手
                    value:
                      type: choice
                      multiple: true
                      options:
                        - {code: "1", wording: ①}
                        - {code: "2", wording: ②}
                        - {code: "3", wording: ③}
                        - {code: "4", wording: ④}
                        - {code: "5", wording: ⑤}
                        - {code: "6", wording: ⑥}
                        - {code: "7", wording: ⑦}
                  - kind: field
                    key: grade
                    label: 評価
                    value:
                      type: choice
                      options:
                        - {code: A, wording: Ａ}
                        - {code: B, wording: Ｂ}
                        - {code: C, wording: Ｃ}
                        - {code: D, wording: Ｄ}
                  - {kind: field, key: effect, label: 効果、理由（問題点）, value: {type: text}}
                  - {kind: field, key: indicator, label: 目標指標, value: {type: text}}
                  - kind: series
                    key: goal
                    label: 目標指標の値
                    value: {type: measure}
                    points:
                      - {key: base, label: 基準値（R3）, year: 2021}
                      - {key: target, label: 目標値（R9）, year: 2027}
                      - {key: current, label: 現状値（R5）, year: N}
"""

ACTION_PLAN_LAYOUT = """\
kind: flow
form: kyodo-action
page: {size: A3, orientation: landscape}
margins: {top: 14, bottom: 12, left: 12, right: 12}
title: "{evaluation_year}　協働推進行動計画　評価表"
tables:
  processes.items.projects:
    columns:
      - {key: name, width: 2}
      - {key: section, width: 1.4}
      - {key: work, width: 4}
      - {key: partners, width: 1}
      - {key: grade, width: 0.6}
      - {key: effect, width: 3}
      - {key: indicator, width: 1.6}
      - {key: goal, width: 2.4}
"""

# 事業 rows of seed 003 (名称, 担当課, 取組内容, 協働の相手, 評価, 効果, 目標指標, 基準値, 目標値, 現状値)
SEED_PROJECTS = [
    ("各種助成制度の情報提供", "市民協働推進課",
     "県や財団法人からの「助成金」の情報を、市民活動センターに掲示したほか、市ホームページやみんなのメールで情報提供を行った。",
     ("1", "2", "3", "4", "5", "6", "7"), "B",
     "情報提供を機に助成金の申請をしたとの話もあり、情報提供の成果が見られた。",
     "センターへの相談件数", "17件", "30件", "45件"),
    ("コミュニティ設立支援", "市民協働推進課",
     "平成３０年に設立総会開催後、市連絡協議会未加入となっている共英コミュニティに対し、公民館と連携して加入に向けた"
     "働きかけを行った。新規設立の呼びかけは行わなかった。",
     ("5",), "D",
     "共英コミュニティでは、設立以来初の総会が開催された。新規設立に必要な共通認識や地域での連帯感が醸成されていない。",
     "コミュニティ未設置地区", "3地区", "2地区", "3地区"),
    ("自治会活動支援", "市民協働推進課",
     "(1)自治会が行う地域振興を図るための事業及び活動等を要する費用の一部を補助した。申請した198自治会に補助（全213自治会）"
     " (2)自治会全体会で「事務事業説明資料」及び「自治会活動の手引き」を配布した。 (3)自治会長研修を開催し「自治会の現状に"
     "ついて」「活動事例紹介」資料を配布した。",
     ("5",), "A", "地域振興を図るための自治会活動への一助となった。",
     "補助金活用自治会の割合", "85.19％", "-", "-"),
]


def write_forms(directory: Path) -> FormRegistry:
    """The shipped forms plus the hand-written ones, in ``directory``."""
    for p in FORMS.glob("*.yaml"):
        shutil.copy(p, directory / p.name)
    (directory / "kyodo-action.yaml").write_text(ACTION_PLAN, encoding="utf-8")
    (directory / "kyodo-action.layout.yaml").write_text(ACTION_PLAN_LAYOUT, encoding="utf-8")
    (directory / "genjo-kadai.yaml").write_text(STATUS_FORM, encoding="utf-8")  # no layout file
    return FormRegistry(directory)


def action_sheet(registry: FormRegistry, projects_per_item: int = 11, code: str = "1",
                 name: str = "第２次協働推進行動計画", counts: tuple[int, int, int, int] | None = None) -> Sheet:
    """Two プロセス of two 項目 each, with the seed's 事業 repeated: ``projects_per_item`` rows a 項目
    (or ``counts`` rows, one count a 項目)."""
    form = registry.latest("kyodo-action")
    sheet = Sheet(form.id, form.version, Plan("市", "第２次協働推進行動計画", 2021, 2027), 2023)
    v = sheet.values
    v.update({"head.code": code, "head.name": name, "head.section": "市民協働推進課"})
    processes = [("3", "プロセス３　夢を描く（集う） 【行動計画Ｐ．８～１０】"), ("4", "プロセス４　夢を形にする（動く）")]
    items = ["（１）市民の組織機能を強化するための支援", "（２）市民活動への参加を促進するための支援"]
    v["processes"] = tuple(k for k, _ in processes)
    n = n_item = 0
    for pk, pname in processes:
        v[f"processes.{pk}.name"] = pname
        v[f"processes.{pk}.items"] = ("1", "2")
        for ik, iname in zip(("1", "2"), items, strict=True):
            base = f"processes.{pk}.items.{ik}"
            v[f"{base}.name"] = iname
            count = counts[n_item] if counts is not None else projects_per_item
            n_item += 1
            keys = tuple(str(j + 1) for j in range(count))
            v[f"{base}.projects"] = keys
            for j in keys:
                row = SEED_PROJECTS[n % len(SEED_PROJECTS)]
                n += 1
                p = f"{base}.projects.{j}"
                v[f"{p}.name"], v[f"{p}.section"], v[f"{p}.work"] = row[0], row[1], row[2]
                v[f"{p}.partners"], v[f"{p}.grade"], v[f"{p}.effect"] = row[3], row[4], row[5]
                v[f"{p}.indicator"] = row[6]
                v[f"{p}.goal.base"], v[f"{p}.goal.target"], v[f"{p}.goal.current"] = row[7], row[8], row[9]
    return sheet


STATUS_FORM = """\
id: genjo-kadai
version: 1
title: 施策の現状と課題
identity: {code: head.code, name: head.name}
sections:
  - key: head
    label: 施策
    items:
      - {kind: field, key: head.code, label: 施策番号, value: {type: text, multiline: false}}
      - {kind: field, key: head.name, label: 施策名, value: {type: text, multiline: false}}
      - {kind: field, key: head.vision, label: 目指す姿, value: {type: text}}
  - key: directions
    label: 方向性
    items:
      - kind: repeat
        key: directions
        label: 方向性
        rows: {min: 1, max: 6, label: "方向性{n}"}
        items:
          - {kind: field, key: name, label: 方向性名, value: {type: text, multiline: false}}
          - {kind: field, key: status, label: 現状, value: {type: list}}
          - {kind: field, key: issues, label: 課題, value: {type: list}}
  - key: reference
    label: 参考指標
    items:
      - kind: record
        key: reference
        label: 参考指標
        items:
          - {kind: field, key: name, label: 指標名, value: {type: text, multiline: false}}
          - {kind: field, key: note, label: 説明又は出典元, value: {type: text}}
          - kind: series
            key: values
            label: 推移
            value: {type: number, unit: 人}
            window: {years: [2018, 2020, 2021, 2022]}
"""

# 現状 items of seed 002 (方向性１), verbatim
SEED_STATUS = (
    "全国的な少子化が深刻化する中、狛江市における合計特殊出生率は、近年ほぼ一貫して全国水準、都水準を下回って推移している"
    "ことから、年少人口・生産年齢人口が減少し続ける一方、令和32年までは高齢者人口が増加することが推計されており、生産年齢"
    "人口の減少と超高齢社会に対処するべく重要な転換期を迎えています。（福祉政策課）",
    "超高齢化や単身世帯の増加が進み、地域・家庭・職場という人々の生活領域における支え合いの基盤が弱まってきています。"
    "暮らしにおける人と人とのつながりが弱まる中、孤独・社会的孤立の問題が深刻化するおそれがあります。（福祉政策課）",
    "令和４年度から地域生活課題の解決に資する包括的な支援体制を整備するため、重層的支援体制整備事業を開始しました。"
    "（福祉政策課）",
)

# an indicator name of seed 000 (28 characters), twice with 、 between: 57 characters, longer than real ones
LONG_INDICATOR = "言語間・国際文化間の違いにより不便に感じている市民の割合、言語間・国際文化間の違いにより不便に感じている市民の割合"


def status_sheet(registry: FormRegistry) -> Sheet:
    form = registry.latest("genjo-kadai")
    sheet = Sheet(form.id, form.version, Plan("狛江市", "基本計画", 2020, 2027), 2023)
    eight = tuple(SEED_STATUS[i % len(SEED_STATUS)] for i in range(8))
    sheet.values.update({
        "head.code": "施策５－①", "head.name": "地域共生社会づくりの推進",
        "head.vision": "ソーシャルインクルージョンの考え方に基づき、多様な団体や関係機関等が地域の中で互いに支え合い、"
                       "地域をともに創っていく地域共生社会の構築が進んでいます。",
        "directions": ("1",),
        "directions.1.name": "方向性１　地域で支え合う仕組みづくり",
        "directions.1.status": eight, "directions.1.issues": eight,
        "reference.name": LONG_INDICATOR,
        "reference.note": "言語間・国際文化間の違いにより不便に感じている市民の割合\n出典元：国立市市民意識調査",
        "reference.values.2018": Decimal("1852"), "reference.values.2020": Decimal("1663"),
        "reference.values.2021": Decimal("1719"), "reference.values.2022": Decimal("1836"),
    })
    return sheet
