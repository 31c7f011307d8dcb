"""Form widgets shared by the screens (mechanisms only: no domain).

`FastSelect`: Django renders every `<option>` of a select through two templates (the option and its attributes): about
0.25 ms an option on this machine, 15 ms for the 61 units of a district officer's inbox filter — more than the
page's SQL. `FastSelect` writes the same HTML directly (flat choices; grouped ones fall back to Django's
templates). Measured in "Performance through a real server" (docs/architecture.md).
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .richtext import for_editor


class RichTextarea(forms.Textarea):
    """A textarea that `static/js/editor.js` turns into the rich-text editor (django-prose-editor's
    ProseMirror, loaded as a module: no inline script, so it works under the site's CSP). Without JavaScript it
    stays a textarea: plain text typed there becomes paragraphs (`richtext.clean_html`). An old plain-text
    value is handed to the editor as paragraphs."""

    def __init__(self, attrs=None, *, upload_url=""):
        attrs = {"rows": 16, "data-rich-text": "1", **(attrs or {})}
        super().__init__(attrs)
        self.upload_url = upload_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.upload_url:  # where the editor posts an image it inserts (JSON {"url": …})
            context["widget"]["attrs"]["data-upload-url"] = str(self.upload_url)
        return context

    def format_value(self, value):
        value = super().format_value(value)
        return for_editor(value) if value else value


SELECTED = mark_safe(" selected")


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if self.allow_multiple_selected or any(isinstance(label, (list, tuple)) for _v, label in choices):
            return super().render(name, value, attrs, renderer)
        final = {"name": name, **self.build_attrs(self.attrs, attrs)}  # Django's order: name first
        values = set(self.format_value(value))
        options, chosen = [], False
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            selected = not chosen and option_value in values
            chosen = chosen or selected
            options.append(
                format_html(
                    '<option value="{}"{}>{}</option>', option_value, SELECTED if selected else "", label
                )
            )
        return mark_safe(f"<select{flatatt(final)}>\n" + "\n".join(options) + "\n</select>")


def fast_selects(form: forms.Form) -> forms.Form:
    """Render the form's plain selects with `FastSelect` (same attributes and choices)."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            widget = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)
            widget.is_required = field.widget.is_required
            field.widget = widget
    return form
