"""Form widgets shared by the screens (mechanisms only: no domain)."""

from django import forms

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
