"""Putting a service's refusal on a form: each error beside its own field, the rest above the form."""

from django import forms

from .errors import DomainError, errors_of


class DateInput(forms.DateInput):
    """The browser's date picker. Its value is always yyyy-mm-dd, so the widget writes a date that way: with the
    default format the Vietnamese dd/mm/yyyy was written, which the picker cannot read, and a prefilled date
    (an edit form, a form shown again after an error) showed empty and was lost on saving."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


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


def run_form(request, form, action, success: str):
    """The one path of a workspace form: on a valid POST, call the service `action(**form.cleaned_data)`; on
    its refusal put every error on the form (`add_domain_error`) and return None; otherwise show `success`
    and return what the service returned (True when it returns nothing), for the view to redirect."""
    from django.contrib import messages

    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(**form.cleaned_data)
    except DomainError as exc:
        add_domain_error(form, exc)
        return None
    messages.success(request, success)
    return True if result is None else result
