"""Write data/samples/family-b-kyodo-2023.json: the action-plan table of seeds/003, every row of it.

The texts are the seed's (src/sheetdesk/data/seeds/kyodo-action-plan-003.txt)
with the extractor's box wraps joined and the sheet's own line breaks kept;
data/samples/README.md (family B) lists every value that was inferred. The
file is written through the exchange code, so it is canonical: importing and
exporting it gives the same bytes.

    python scripts/make_sample_family_b.py           # rewrite the file
    python scripts/make_sample_family_b.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sheetdesk.app.samples import SAMPLES_DIR
from sheetdesk.exchange import dump_document
from sheetdesk.forms.loader import default_registry
from sheetdesk.model import Plan, Sheet

OUTPUT = SAMPLES_DIR / "family-b-kyodo-2023.json"

# (事業名, 担当課, 取組内容, 協働の相手, 事業の評価, 効果、理由（問題点）, 目標指標, 基準値, 目標値, 現状値)
Project = tuple[str, str, str, str, str, str, str, str, str, str]

ITEM_1: list[Project] = [
    ("各種助成制度の情報提供", "市民協働推進課",
     "県や財団法人からの「助成金」の情報を、市民活動センターに掲示したほか、市ホームページやみんなのメールで"
     "情報提供を行った。",
     "1234567", "B",
     "効果\n情報提供を機に助成金の申請をしたとの話もあり、情報提供の成果が見られた。",
     "センターへの相談件数", "17件", "30件", "45件"),
    ("コミュニティ設立支援", "市民協働推進課",
     "平成３０年に設立総会開催後、市連絡協議会未加入となっている共英コミュニティに対し、公民館と連携して"
     "加入に向けた働きかけを行った。新規設立の呼びかけは行わなかった。",
     "5", "D",
     "共英コミュニティでは、設立以来初の総会が開催された。新規設立に必要な共通認識や地域での連帯感が"
     "醸成されていない。",
     "コミュニティ未設置地区", "3地区", "2地区", "3地区"),
    ("自治会活動支援", "市民協働推進課",
     "(1)自治会が行う地域振興を図るための事業及び活動等を要する費用の一部を補助した。申請した198自治会に補助"
     "（全213自治会） (2)自治会全体会で「事務事業説明資料」及び「自治会活動の手引き」を配布した。 (3)自治会長研修を"
     "開催し「自治会の現状について」「活動事例紹介」資料を配布した。",
     "5", "A",
     "地域振興を図るための自治会活動への一助となった。",
     "補助金活用自治会の割合", "85.19％", "87％", "89.7％"),
    ("自治会加入促進に関する連携", "市民協働推進課",
     "自治会長連絡協議会と連携して、自治会加入促進キャンペーン（宅建協会への協力依頼、自治会活動PRパネル展、"
     "啓発用品配布、本庁舎及び西那須野庁舎デジタルサイネージを使用したPR動画放映）を行った。",
     "5", "C",
     "自治会の重要性について、市民にＰＲする機会を持つことができた。",
     "自治会加入率", "60.4％", "60％", "58.2％"),
    ("コミュニティ助成", "市民協働推進課",
     "市コミュニティ連絡協議会加入団体に対し、コミュニティ活動支援補助金を交付した。",
     "5", "B",
     "コミュニティ活動の活性化につながった。",
     "補助金交付割合", "75％", "100％", "93.75％"),
    ("自治公民館施設整備", "市民協働推進課",
     "補助要望のあった14の自治公民館に対し自治公民館施設整備費等補助金を交付した。",
     "5", "B",
     "施設が整備され、社会教育及び自治活動の振興につながった。",
     "補助金活用経験のある自治公民館の割合", "77.9％", "80％", "79.9％"),
    ("自主防災組織結成促進・活動支援事業", "危機管理室→危機管理課",
     "地域の自発的な防災活動を実践することにより災害に強いまちづくりを推進するため、自治会を単位とした"
     "自主防災組織の結成促進を図るとともに、活動内容を充実させるための支援を行った。\n"
     "具体的には、組織の結成や活動に対する補助金の交付や、防災に関する出前講座を個別に行った。\n"
     "（補助金交付組織数：７２）",
     "5", "C",
     "自主防災組織主催の防災訓練や防災講座の開催、総合防災訓練への参加など、多くの自主防災組織が積極的に"
     "事業を実施しており、防災意識の醸成が進んでいる。\n"
     "しかし一方で、組織の必要性が十分に理解されていない自治会がある。\n"
     "また、必要性は理解しているが、地域の高齢化や役員の担い手不足などにより、組織化が図れない自治会もある。",
     "自主防災組織の世帯カバー率", "81.6％", "95％", "81.6％"),
    ("消費者団体の育成（消費生活推進連絡会・生活学校）", "生活課→交通防犯課",
     "消費者団体の運営及び事業に要する費用の一部を補助し、消費者団体相互の連携及び団体の自主活動を支援した。"
     "（２団体）",
     "2", "A",
     "・消費生活推進連絡会：共催事業の開催や店頭啓発等により、自立した消費者を育成するための意識啓発ができた。\n"
     "・生活学校：フォーラム(研究発表会)の開催や「県コミュニティ地域研修会」等の講座を受講、活動方針に基づく"
     "視察研修、フードドライブなど、消費生活・環境問題等の様々な問題に積極的に取り組んでいる。",
     "継続的な支援", "実施", "充実", "充実"),
    ("食生活改善推進員養成育成事業", "健康増進課",
     "・食生活改善推進員養成講座\n"
     "　1コース5回　延べ40人\n"
     "・食生活改善推進員育成事業\n"
     "　研修会等　14回　延べ194人\n"
     "                 　（総会1回、役員会5回、研修会8回）\n"
     "　講習会実施等に係る活動支援　25回　841人",
     "2", "B",
     "食生活改善推進員養成講座の実施により、会員数増加につながった。\n"
     "一方で、コロナ禍以前と比較して活動が縮小しているため、会の活性化が課題である。",
     "食生活改善推進員会員数", "43人", "55人", "45人"),
    ("市民活動センター団体登録事業", "市民協働推進課",
     "・登録している全団体に対し、活動状況について確認を実施した。\n"
     "・地域や社会に貢献する活動や団体の情報を収集し取材等で現場を確認しながら市民活動センターを周知し"
     "利用者協議会への登録を促した。",
     "123457", "B",
     "効果\n団体登録数ガ増加した。",
     "登録団体数", "129団体", "150団体", "134団体"),
]

ITEM_2: list[Project] = [
    ("避難行動要支援者の支援", "社会福祉課",
     "避難行動要支援者支援制度運用に向けての業務 要支援者へのリストアップ、個人情報提供に係る同意の確認、"
     "名簿作成の効率化を図るシステムの構築。",
     "12357", "B",
     "効果\n・避難行動要支援者名簿システムを本格稼働させ、名簿作成の効率化を図ることができた。また、個別計画の作成を、"
     "地域の支援等関係者へ依頼し、支援体制の構築を図ることができた。",
     "同意取得者に対する個別計画の作成率", "60％", "80％", "56.5％"),
    ("地域共生社会推進支援事業", "社会福祉課",
     "・相談支援包括化推進員を１人増員し、新たにアウトリーチを通じた継続的支援事業を展開した。\n"
     "・重層的支援会議を各月で開催し、複雑・複合化したケースを関係機関で協議、情報共有を行った。\n"
     "・庁内の横の連携の強化を図るため、庁内連携会議（係長級４回、課長級１回）を開催した。\n"
     "・庁内の全職員を対象にした研修会を２回開催し、地域共生社会の考え方の普及、理解促進に努めた。",
     "37", "B",
     "効果\n"
     "・ひきこもりや8050問題等、既存の制度では対応が難しい場合に、多機関で対応を検討し関わっていくことが"
     "スムーズに出来るようになってきている。\n"
     "・アウトリーチ世帯の情報を定期的に共有をしていたことで、必要な時期に市の生活保護担当や子育て担当と共に"
     "アウトリーチを行うことができた。",
     "多機関協働による相談支援の実施", "実施", "充実", "充実"),
    ("地域住民助け合い事業", "高齢福祉課",
     "・地域住民助け合い事業の周知・啓発\n"
     "・公民館地区の地域支え合い推進員の配置（配置済１５公民館地区）\n"
     "・住民による見守り及び生活支援等の助け合い活動の支援\n"
     "・定期的な情報の共有及び地域の関係者のネットワーク化を図る協議体設置の推進",
     "135", "A",
     "見守り組織数が増加した。",
     "地域住民助け合い団体数", "122団体", "133団体", "147団体"),
    ("コミュニティ・スクールの導入", "生涯学習課",
     "・地域学校協働本部会議やコミュニティ会議等における地域住民への説明\n"
     "・6月と12月の2回、導入に向けた教員対象の研修会の実施\n"
     "・市内小・中・義務教育学校全保護者へのチラシの配布\n"
     "・学校教育課との情報交換及び指導主事への説明会の開催",
     "257", "B",
     "効果\n大学教授や他市町村の指導主事と情報交換を行うとともに、既存の地域学校協働本部委員へ丁寧に説明を行う"
     "ことで、様々な立場の地域住民へコミュニティ・スクール導入に向けた効果的な周知を図ることができた。",
     "コミュニティ・スクールの導入率", "-", "100％", "30％"),
]

ITEM_3: list[Project] = [
    ("市職員研修", "市民協働推進課",
     "市職員として採用後２年以上５年以下で研修未受講の職員に対し、とちぎ協働アドバイザーを講師に迎え研修を"
     "実施した。",
     "7", "D",
     "効果\n協働に関する基礎知識を得る機会を創出でき、自治会などの地域活動への理解を深めることができた。\n"
     "問題点\n研修の実施方法、対象や内容の検討が必要。",
     "実施回数", "2回", "3回", "1回"),
]

ITEMS = [
    ("（１）市民の組織機能を強化するための支援", ITEM_1),
    ("（２）相互交流のネットワーク化", ITEM_2),
    ("（３）市職員の市民団体活動などへの参加促進", ITEM_3),
]


def build() -> Sheet:
    sheet = Sheet("kyodo-action-plan", 1, Plan("那須塩原市", "行動計画", 2022, 2027), 2023)
    v = sheet.values
    v["header.code"] = "1"
    v["header.name"] = "行動計画"
    process = "plan.processes.3"
    v["plan.processes"] = ("3",)
    v[f"{process}.name"] = "プロセス３　夢を描く（集う）"
    v[f"{process}.reference"] = "【行動計画Ｐ．８～１０】"
    v[f"{process}.items"] = tuple(str(i) for i in range(1, len(ITEMS) + 1))
    for i, (item_name, projects) in enumerate(ITEMS, 1):
        item = f"{process}.items.{i}"
        v[f"{item}.name"] = item_name
        v[f"{item}.projects"] = tuple(str(n) for n in range(1, len(projects) + 1))
        for n, (name, section, work, partners, grade, effect, indicator, base, target, current) in enumerate(
                projects, 1):
            row = f"{item}.projects.{n}"
            v.update({
                f"{row}.name": name, f"{row}.section": section,
                f"{row}.status.work": work, f"{row}.status.partners": tuple(partners),
                f"{row}.status.evaluation": grade, f"{row}.status.effect": effect,
                f"{row}.indicator.name": indicator, f"{row}.indicator.values.base": base,
                f"{row}.indicator.values.target": target, f"{row}.indicator.values.current": current,
            })
    return sheet


def text() -> str:
    return dump_document(default_registry(), [build()])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    new = text()
    if args.check:
        if not args.output.is_file() or args.output.read_text(encoding="utf-8") != new:
            print(f"{args.output} is out of date; run python scripts/make_sample_family_b.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
