"""Widgets generated from a form's items: one module per kind of field."""
