"""The sheet's own Japanese words that code refers to, in one place.

Form files carry the labels of fields; this module holds the words that are
not a field's label: statuses, marks, judgements, directions, messages' nouns.
"""

from __future__ import annotations

from enum import StrEnum


class Mark(StrEnum):
    """A number cell may hold a mark instead of a number; it is never 0."""

    NOT_APPLICABLE = "-"
    NOT_COUNTED = "未集計"


# printed in red at the foot of a box whose text did not fit (「あふれたまま印刷」); a reader of the page
# takes it out of the box's text and lists the box for review: the rest of the text is not on the page
OVERFLOW_MARK = "▼文字あふれ"


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    FINAL = "final"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {Status.DRAFT: "作成中", Status.SUBMITTED: "提出済", Status.FINAL: "確定"}


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"

    @property
    def label(self) -> str:
        return DIRECTION_LABELS[self]


DIRECTION_LABELS = {
    Direction.HIGHER_IS_BETTER: "高いほど良い",
    Direction.LOWER_IS_BETTER: "低いほど良い",
}


class Achievement(StrEnum):
    ACHIEVED = "達成"
    NOT_ACHIEVED = "未達成"


class Comparison(StrEnum):
    IMPROVED = "向上"
    UNCHANGED = "維持"
    DECLINED = "低下"


GRADES = ("A", "B", "C", "D", "E")

JUDGEMENT_LABELS = {
    "achievement": "目標達成度",
    "comparison": "前年度比較",
}

FIELD_PART_LABELS = {
    "name": "名称",
    "unit": "単位",
    "direction": "指標の方向",
    "note": "基本計画における指標の説明又は出典元",
}

# 財源内訳 etc. are labels in the form file; the status words are here.
APP_NAME = "SheetDesk"

# The editor's words for rows a user adds to a repeat; {what} is the repeat's own label (活動指標, 事業).
ROW_WORDS = {
    "add": "{what}を追加",
    "remove": "削除",
    "up": "↑",
    "down": "↓",
    "added": "{what}を追加",
    "removed": "{row}を削除",
    "moved": "{row}を移動",
    "at_max": "{what}は{max}行までです。これ以上追加できません",
    "at_min": "{what}は{min}行以上必要です。これ以上削除できません",
    "too_few": "{what}が{min}行以上必要です（現在{count}行）",
    "too_many": "{what}は{max}行までです（現在{count}行）",
    "count": "{count}行",
    "count_max": "{count}行（最大{max}行）",
    "empty": "行がありません。「{what}を追加」で追加してください",
    "not_rows": "「{label}」は行を追加できる項目ではありません",
    "no_row": "{what}に行「{key}」はありません",
}

# What the editor shows in an empty one-line field, by the field's kind of value.
VALUE_HINTS = {
    "number": "数値、または「-」「未集計」",
    "measure": "数値と単位（例：12人、45.5%）、または語（実施・充実・- など）",
    "date": "例：令和6年5月1日",
}

# The sheet list's own column words; the identity columns' words come from the forms
# (these stand in only while no form is known).
LIST_WORDS = {
    "year": "評価年度",
    "form": "様式",
    "status": "状態",
    "updated": "最終更新",
    "policy": "政策",
    "code": "番号",
    "name": "名称",
    "section": "担当課",
}

# The new-sheet dialog's own words; the identity fields' words are the chosen form's labels.
NEW_SHEET_WORDS = {
    "title": "新しいシート",
    "form": "様式",
    "year": "評価対象年度",
    "known": "登録済みのシート",
    "new": "（新しく入力）",
    "municipality": "市区町村名",
    "plan_name": "計画名",
    "plan_start": "計画期間（初年度）",
    "plan_end": "計画期間（最終年度）",
    "create": "作成",
    "cancel": "キャンセル",
    "missing": "{words}を入力してください",
    "and": "と",
    "missing_plan": "市区町村名と計画名を入力してください",
    "end_before_start": "計画期間の最終年度が初年度より前です",
    "outside_plan": "評価対象年度が計画期間の外です",
}

# The check list's own words (validation); {where} names the field in the form's words.
CHECK_WORDS = {
    "required": "必須項目が入力されていません",
    "overflow": "印刷欄に収まりません（{used}字分／約{capacity}字）",
    "percent": "割合（{unit}）が0～100の範囲外です（{value}）",
    "negative": "費用・数量が負の値です（{value}）",
    "below": "{minimum}以上の値を入力してください（{value}）",
    "above": "{maximum}以下の値を入力してください（{value}）",
    "override": "上書きした値「{override}」が数値からの計算値「{computed}」と異なります",
}
PERCENT_UNITS = frozenset({"％", "%"})

# Reviewing texts carried over by 前年度から作成 without editing them (the 「前年度のまま」 tag).
REVIEW_WORDS = {
    "mark": "確認済みにする",
    "mark_tip": "今年度もこのままでよいことを確認しました（文章は変わりません。元に戻す（Ctrl+Z）で取り消せます）",
    "mark_section": "この欄の「前年度のまま」をすべて確認済みにする（{count}件）",
    "step": "「{label}」を確認済みに",
    "step_section": "{count}件の文章を確認済みに",
    "history_note": "前年度のままで確認済み",
    "history_undo": "確認済みを取り消し（前年度のまま）",
}

# Overrides whose computed value the numbers now contradict (the judgement field and the check list).
OVERRIDE_WORDS = {
    "stale": "上書き「{override}」が計算値「{computed}」と異なります",
    "drop": "上書きをやめる",
    "drop_tip": "計算値「{computed}」を使います（元に戻す（Ctrl+Z）で上書きに戻せます）",
}

# the 印刷イメージ pane's controls
PREVIEW_WORDS = {
    "zoom_out": "縮小",
    "zoom_in": "拡大",
    "fit_width": "幅に合わせる",
    "fit_page": "ページ全体",
    "previous": "前のページ",
    "next": "次のページ",
    "page": "{n} / {count} ページ",
    "zoom": "{percent}%",
}

# Starting on a database file that is not there (`sheetdesk --db PATH`): asked, never made silently.
NEW_DATABASE_WORDS = {
    "title": "新しいデータベース",
    "ask": "データベースファイル「{path}」はありません。\n新しいデータベースを作成しますか？\n\n"
           "既存のデータベースを開くつもりだった場合は「やめる」を選び、パスを確認してください。",
    "create": "作成",
    "cancel": "やめる",
    "no_folder": "データベースファイル「{path}」を作成できません。フォルダー「{folder}」がありません。"
                 "パスに誤りがないか確認してください。",
    "cli_missing": "データベースファイル「{path}」が見つかりません。パスに誤りがないか確認してください。"
                   "新しく作る場合は `sheetdesk --db {path} init`（または --create を付けて実行）。",
    "cli_exists": "データベースファイル「{path}」は既にあります（作成しませんでした）。",
    "cli_created": "データベース「{path}」を作成しました。",
}

# Why a value read from a page by its labels is to be checked, when the page itself cannot tell a label
# from a value: a sheet may name an indicator 「成り行き値」 or begin a text with a label's words.
LABEL_DOUBT_WORDS = {
    "value_is_label": "欄の文字「{text}」が様式の見出しと同じため、見出しか値か決められません"
                      "（見出しなら、この項目は空欄です）。読み取り元と見比べてください",
    "label_twice": "項目名「{label}」が{count}か所（{places}）に印刷されているため、どれが見出しか決められません。"
                   "読み取り元と見比べてください",
}

# The import review dialog (取り込む内容の確認): each value beside where it was read and, for a value
# to check (要確認), the importer's reason; 「すべて確認」 only after every such row has been shown.
IMPORT_REVIEW_WORDS = {
    "title": "取り込む内容の確認 — {file}（{form}）",
    "heading": "{file}：{year}「{name}」",
    "no_name": "（{label}なし）",  # the form's own word for the name: 基本施策名, 名称 …
    "hint": "色の付いた要確認の項目は、読み取りが確かでないか、ファイルにない項目です。"
            "理由を読み、読み取り元と見比べ、必要なら値を直して（ダブルクリック）「確認済み」に印を付けてください。"
            "要確認の項目がすべて確認済みになると「保存」できます（値を直した項目は確認済みになります）。",
    "shown_rule": "「すべて確認」は、要確認の項目を一度ずつ表に表示すると押せます"
                  "（行全体が表の中に見えたとき、または行を選んだときに「表示した」と数えます）。",
    "warnings": "取り込み時の注意",
    "table": "取り込んだ値",
    "item": "項目",
    "value": "取り込んだ値",
    "source": "読み取り元",
    "reason": "要確認の理由",
    "sureness": "確からしさ・確認済み",
    "check": "要確認",
    "check_sure": "要確認（{percent}）",
    "confirmed_tip": "印を付けると確認済みになります",
    "edit_tip": "ダブルクリックで修正できます",
    "not_in_file": "（ファイルにありません）",
    "missing": "ファイルにない項目です。入力してください",
    "crop": "{label} の読み取り元",
    "filter": "要確認のみ表示",
    "count": "要確認 {flagged}件（確認済み {confirmed}件）",
    "unseen": "まだ表示していない要確認の項目が{count}件あります（表をスクロールするか、行を選んでください）",
    "all_seen": "要確認の項目はすべて表示しました",
    "accept_all": "すべて確認",
    "accept_all_tip": "表示した要確認の項目をすべて確認済みにします",
    "save": "保存",
    "save_tip": "要確認の項目がすべて確認済みになると保存できます",
    "skip": "取り込まない",
    "error": "入力の誤り",
    "unconfirmed": "要確認の項目が{count}件、確認済みになっていません（最初は「{label}」）",
}
