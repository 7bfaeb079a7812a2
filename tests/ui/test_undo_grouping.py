"""Which keystrokes make one undo step (Qt-free): a word, an IME commit, a run of Backspaces."""

from __future__ import annotations

from sheetdesk.app.editing import UndoStep, continues_word, is_keystroke, text_change


def _step(old, new, path: str = "s1.purpose") -> UndoStep:  # type: ignore[no-untyped-def]
    return UndoStep(path, old, new)


def test_letters_of_a_word_join_and_a_space_ends_the_word() -> None:
    assert continues_word(_step(None, "NP"), _step("NP", "NPO"))
    assert continues_word(_step(None, "NPO"), _step("NPO", "NPO "))
    assert not continues_word(_step(None, "NPO "), _step("NPO ", "NPO s"))
    assert not continues_word(_step(None, "活動。"), _step("活動。", "活動。次"))


def test_typing_elsewhere_or_in_another_field_starts_a_new_step() -> None:
    assert not continues_word(_step("abc", "abcd"), _step("abcd", "xabcd"))
    assert not continues_word(_step(None, "a"), _step(None, "b", path="s1.target"))


def test_a_paste_or_an_ime_commit_is_a_step_of_its_own() -> None:
    assert not is_keystroke(_step("", "多様な主体"))
    assert not continues_word(_step(None, "多"), _step("多", "多様な主体"))
    assert is_keystroke(_step("多様な主", "多様な主体"))


def test_backspacing_within_a_word_joins() -> None:
    assert continues_word(_step("NPO support", "NPO suppor"), _step("NPO suppor", "NPO suppo"))
    assert not continues_word(_step("NPO s", "NPO "), _step("NPO ", "NPO"))


def test_a_list_counts_as_its_lines() -> None:
    assert text_change(("市民協働推進課",), ("市民協働推進課", "政策経営課")) == (7, "", "\n政策経営課")
    assert is_keystroke(_step(("市民協働推進課", "政策経営"), ("市民協働推進課", "政策経営課")))
