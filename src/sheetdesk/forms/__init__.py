"""Form definitions: load and validate the data files under forms/."""

from sheetdesk.forms.definition import FieldKind, FieldSpec, FormDefinition, PlanContext
from sheetdesk.forms.loader import FormError, FormRegistry, default_registry, load_form_file

__all__ = [
    "FieldKind",
    "FieldSpec",
    "FormDefinition",
    "FormError",
    "FormRegistry",
    "PlanContext",
    "default_registry",
    "load_form_file",
]
