"""Search finds any text of any sheet, long or short Japanese queries alike, on both backends."""

from __future__ import annotations

from store_sample import full_sheet

from sheetdesk.store import Change


def test_three_or_more_characters_use_the_index_and_show_where_the_hit_is(store) -> None:
    first = store.add(full_sheet(code="1"))
    second = store.add(full_sheet(code="2", name="国際交流・地域連携の推進"))
    hits = store.search("多文化共生")
    assert [(h.sheet_id, h.path) for h in hits] == [(first.id, "s1.purpose"), (second.id, "s1.purpose")]
    hit = hits[0]
    assert hit.label == "② 施策の目的"
    assert hit.snippet[hit.highlight[0]:hit.highlight[1]] == "多文化共生"
    assert "\n" not in hit.snippet and hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert (hit.measure_code, hit.evaluation_year) == ("1", 2023)
    assert hits[1].measure_name == "国際交流・地域連携の推進"


def test_one_and_two_character_queries_are_found_too(store) -> None:
    sheet = store.add(full_sheet())
    two = store.search("市民")
    assert [h.path for h in two] == ["s1.target", "s1.purpose", "s5.situation", "outcome.3.a.name"]
    assert all(h.snippet[h.highlight[0]:h.highlight[1]] == "市民" for h in two)
    one = store.search("率")
    assert [(h.sheet_id, h.path, h.label) for h in one] == [
        (sheet.id, "s5.situation", "(1) 施策を取り巻く状況（対象者や根拠法令等）はどう変化しているか？"),
        (sheet.id, "outcome.1.a.name", "成果指標 施策の展開方向1 ア 名称"),
    ]


def test_list_items_and_short_fields_are_searched(store) -> None:
    store.add(full_sheet())
    assert [h.path for h in store.search("高齢者支援課")] == ["header.related_sections"]
    assert [h.path for h in store.search("加入率")] == ["s5.situation", "outcome.1.a.name"]


def test_search_follows_edits(store) -> None:
    sheet = store.add(full_sheet())
    store.apply(sheet.id, 1, [Change("s1.purpose", "地域の課題解決を図ります。")])
    assert store.search("多文化共生") == []
    assert [h.path for h in store.search("課題解決を図")] == ["s1.purpose"]
    store.delete(sheet.id, 2)
    assert store.search("課題解決") == [] and store.search("市") == []


def test_numbers_marks_and_wildcards_are_not_text(store) -> None:
    store.add(full_sheet())
    assert store.search("4705") == []
    assert store.search("未集計") == []
    assert store.search("_") == [] and store.search('"') == []
    # "%" is no wildcard: it finds only the units typed as ％ (width is folded), not every text
    percent = store.search("%")
    assert percent and all(h.snippet == "％" and h.path.endswith(".unit") for h in percent)
    assert store.search("   ") == []


def test_width_and_form_do_not_matter(store) -> None:
    """A clerk types NPO or ｺﾐｭﾆﾃｨ; the sheet says ＮＰＯ and コミュニティ (words of the seed sheet)."""
    sheet = full_sheet()
    sheet.values["s5.current_work"] = "ＮＰＯ法人と協働し、地域コミュニティの活性化を図った。"
    store.add(sheet)
    for query in ("NPO", "npo", "ＮＰＯ", "ｺﾐｭﾆﾃｨ", "コミュニティ", "ｺﾐ"):
        hits = [h for h in store.search(query) if h.path == "s5.current_work"]
        assert hits, query
        hit = hits[0]
        marked = hit.snippet[hit.highlight[0]:hit.highlight[1]]
        assert marked in ("ＮＰＯ", "コミュニティ", "コミ"), (query, marked)  # shown as typed


def test_the_lists_filters_apply_to_hits(store) -> None:
    a, b = full_sheet(code="1"), full_sheet(code="2", section="政策経営課")
    store.add(a)
    store.add(b)
    both = {h.sheet_id for h in store.search("課題解決")}
    assert len(both) == 2
    assert {h.measure_code for h in store.search("課題解決", section="政策経営課")} == {"2"}
    assert store.search("課題解決", year=2022) == []
    assert {h.measure_code for h in store.search("課題解決", year=2023)} == {"1", "2"}


def test_limit_caps_the_hits(store) -> None:
    for code in ("1", "2", "3"):
        store.add(full_sheet(code=code))
    assert len(store.search("地域", limit=2)) == 2
    assert len(store.search("地域コミュニティ", limit=50)) == 6  # 基本施策名 and 目的 of each sheet
