"""The words that name a sheet, from its form: 施策番号 / 事業番号, 基本施策名 / 事務事業名 …

A form's ``identity`` block names the paths of the values that identify a
sheet (code, name, policy, section); the words a person reads for them are
those fields' own labels in the form file. The browser's columns, the
new-sheet dialog and the editor's title ask here instead of writing the
standard sheet's words in code.
"""

from __future__ import annotations

from collections.abc import Iterable

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.fields import PlanContext

ROLES = ("policy", "code", "name", "section")

# a plan context to read labels with before a sheet exists (labels of identity fields name no year)
_LABELS = PlanContext("", "", 2020, 2027, 2023)


def identity_labels(form: FormDefinition) -> dict[str, str]:
    """Role -> the form's own word for it, in ROLES order, for the roles the form has."""
    specs = form.fields(_LABELS)
    roles = form.identity.roles()
    out: dict[str, str] = {}
    for role in ROLES:
        path = roles.get(role)
        if path is not None:
            spec = specs[path]
            out[role] = spec.short_label or spec.label
    return out


def shared_labels(forms: Iterable[FormDefinition]) -> dict[str, str]:
    """The words of several forms side by side (施策番号／事業番号) for one list of mixed sheets."""
    words: dict[str, list[str]] = {}
    for form in forms:
        for role, label in identity_labels(form).items():
            if label not in words.setdefault(role, []):
                words[role].append(label)
    return {role: "／".join(words[role]) for role in ROLES if role in words}


STANDARD_FORM = "shisaku-management"  # the form a new sheet is of unless the person picks another


def default_form(forms: list[FormDefinition]) -> FormDefinition:
    """The standard form when installed (its latest version), else the first form."""
    standard = [f for f in forms if f.id == STANDARD_FORM]
    return max(standard, key=lambda f: f.version) if standard else forms[0]
