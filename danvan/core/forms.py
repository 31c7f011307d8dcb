"""Putting a service's refusal on a form: each error beside its own field, the rest above the form."""

from .errors import DomainError, errors_of


def add_domain_error(
    form, exc: DomainError, *, rename: dict | None = None, keep_form_errors: bool = True
) -> None:
    """Add every refusal of `exc` (a DomainError or DomainErrors) to `form`: on the field it names (through
    `rename`, service name → form field), or as a form error when the form has no such field. With
    `keep_form_errors`, a field the form itself already refused keeps only the form's message (the service
    would say the same again, in other words)."""
    rename = rename or {}
    for error in errors_of(exc):
        name = rename.get(error.field, error.field)
        if name in form.fields:
            if keep_form_errors and name in form.errors:
                continue
            form.add_error(name, error.message)
        else:
            form.add_error(None, error.message)
