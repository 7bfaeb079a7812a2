"""The validated-file cache never gives what the files do not say (sheetdesk.forms.cache).

A form or layout file validated once is read back from the cache at the next
start; an edited file, a broken cache file or one that names another class
is validated again from the file, as if there were no cache.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sheetdesk.forms import FormError, FormRegistry, PlanContext, load_form_file
from sheetdesk.forms.cache import cache_file
from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.loader import default_forms_dir
from sheetdesk.render.layout import FlowLayout, Layout, load_layout_file

CTX = PlanContext("国立市", "第２次基本計画", 2020, 2027, 2023)
FAMILY_C = "shisaku-genjo-kadai"


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    """A copy of the shipped forms, as a city keeps its own folder of them."""
    folder = tmp_path / "forms"
    shutil.copytree(default_forms_dir(), folder)
    return folder


def _cached(path: Path, kinds: tuple[type, ...]) -> Path:
    return cache_file(path, path.read_bytes(), kinds)


def test_a_form_read_from_the_cache_is_the_form_the_file_says(forms: Path) -> None:
    path = forms / f"{FAMILY_C}.yaml"
    fresh = load_form_file(path)
    assert _cached(path, (FormDefinition,)).is_file()
    again = load_form_file(path)
    assert again is not fresh
    assert again == fresh  # records compare field by field, down to every item and option
    assert [(s.path, s.label, s.kind) for s in again.fields(CTX).values()] == \
           [(s.path, s.label, s.kind) for s in fresh.fields(CTX).values()]


def test_every_shipped_form_and_layout_read_from_the_cache_equals_the_one_validated_from_its_file(
        forms: Path) -> None:
    layouts = sorted(forms.glob("*.layout.yaml"))
    assert layouts
    for path in [p for p in sorted(forms.glob("*.yaml")) if p not in layouts]:
        fresh = load_form_file(path)  # validated by pydantic, then kept as records
        again = load_form_file(path)  # unpickled
        assert again is not fresh and again == fresh, path.name
    for path in layouts:
        fresh_layout = load_layout_file(path)
        again_layout = load_layout_file(path)
        assert again_layout is not fresh_layout and again_layout == fresh_layout, path.name


def test_an_edited_form_file_is_read_again(forms: Path) -> None:
    path = forms / f"{FAMILY_C}.yaml"
    assert FormRegistry(forms).latest(FAMILY_C).title == "施策の現状と課題"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: 施策の現状と課題", "title: 施策の現状と課題（令和6年度改訂）"), encoding="utf-8")
    assert FormRegistry(forms).latest(FAMILY_C).title == "施策の現状と課題（令和6年度改訂）"


def test_a_form_file_broken_after_it_was_cached_is_refused_naming_it(forms: Path) -> None:
    path = forms / f"{FAMILY_C}.yaml"
    FormRegistry(forms)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("version: 1", "version: 0", 1), encoding="utf-8")
    with pytest.raises(FormError) as caught:
        FormRegistry(forms)
    assert str(path) in str(caught.value) and "version" in str(caught.value)


def test_an_edited_layout_file_is_read_again(forms: Path) -> None:
    path = forms / "shisaku-management.layout.yaml"
    before = load_layout_file(path)
    assert isinstance(before, Layout) and _cached(path, (Layout, FlowLayout)).is_file()
    text = path.read_text(encoding="utf-8")
    assert "body_size: 8" in text
    path.write_text(text.replace("body_size: 8", "body_size: 9", 1), encoding="utf-8")
    after = load_layout_file(path)
    assert (before.style.body_size, after.style.body_size) == (8, 9)


@pytest.mark.parametrize("content", [b"", b"\x80garbage", pickle.dumps({"title": "偽物"})[:-3],
                                     pickle.dumps({"id": "shisaku-genjo-kadai", "title": "偽物"})])
def test_a_broken_cache_file_is_ignored_and_made_again(forms: Path, content: bytes) -> None:
    path = forms / f"{FAMILY_C}.yaml"
    load_form_file(path)
    target = _cached(path, (FormDefinition,))
    target.write_bytes(content)
    form = load_form_file(path)
    assert form.title == "施策の現状と課題"
    assert target.read_bytes() != content


class _Runs:
    """Pickles to a call of ``os.system``: what a cache file must never be allowed to do."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (self.command,))


def test_a_cache_file_naming_another_class_is_not_run(forms: Path, tmp_path: Path) -> None:
    path = forms / f"{FAMILY_C}.yaml"
    load_form_file(path)
    witness = tmp_path / "ran"
    _cached(path, (FormDefinition,)).write_bytes(pickle.dumps(_Runs(f"touch {witness}")))
    assert load_form_file(path).title == "施策の現状と課題"
    assert not witness.exists()


def test_a_start_with_every_file_cached_neither_reads_yaml_nor_imports_pydantic(app_home: Path) -> None:
    """Structural, not timed: what a second process loads when every shipped file is in the cache."""
    code = ("import sys; from sheetdesk.forms import default_registry; from sheetdesk.render.layout import "
            "any_layout_for; r = default_registry(); [any_layout_for(f, r) for f in r.all()]; "
            "from sheetdesk.render import layout; "
            "print('yaml' in sys.modules, 'pydantic' in sys.modules, "
            "layout._any_layout.cache_info().currsize == 1, len(r.all()))")
    env = dict(os.environ, SHEETDESK_HOME=str(app_home))
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            .stdout.split() for _ in range(2)]
    assert runs[0] == ["True", "True", "True", "4"]  # the first start validates and fills the cache
    assert runs[1] == ["False", "False", "False", "4"]



def test_what_is_derived_from_a_form_is_made_once_and_never_cached_with_it(forms: Path) -> None:
    from sheetdesk.ingest.detect import form_labels

    path = forms / f"{FAMILY_C}.yaml"
    form = load_form_file(path)
    made: list[str] = []

    def titles(f: FormDefinition) -> list[str]:
        made.append(f.id)
        return [f.title]

    assert form.derived(titles) == ["施策の現状と課題"] and form.derived(titles) is form.derived(titles)
    assert made == [FAMILY_C]
    labels = form_labels(form)
    assert form_labels(form) is labels
    again = pickle.loads(pickle.dumps(form))  # as the validated-file cache keeps it
    assert again == form and "_derived" not in vars(again)
    assert form_labels(again) is not labels and [x.variants for x in form_labels(again)] == [x.variants for x in labels]
    # an edited file is a new form: its labels are its own, never the old form's
    path.write_text(path.read_text(encoding="utf-8").replace("label: 参考指標\n", "label: 関連指標\n"), encoding="utf-8")
    words = {v for label in form_labels(load_form_file(path)) for v in label.variants}
    assert "関連指標" in words and "参考指標" not in words
