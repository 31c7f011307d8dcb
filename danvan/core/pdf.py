"""The one way the project writes a PDF: HTML and a stylesheet template through WeasyPrint (the PDF engine of
the architecture; it needs Debian's Pango and a font with Vietnamese glyphs, see deploy/system-packages).

A page costs about 0.15 s on these machines, a third more when the font configuration and the stylesheet are
made anew, so both are made once per process (`_engine`), and, where `DANVAN_DOCUMENT_CACHE` names a folder (the
test settings: the demo is loaded again and again), a document already rendered with the same HTML and
stylesheet is read from there instead.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

PDF = "application/pdf"


@functools.cache
def _fonts():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.cache
def _stylesheet(template: str):
    from weasyprint import CSS

    return CSS(string=render_to_string(template), font_config=_fonts())


def html_to_pdf(html: str, stylesheet: str) -> bytes:
    """`html` as an A4 PDF with the stylesheet template `stylesheet` (a Django template name)."""
    from weasyprint import HTML

    cache = getattr(settings, "DANVAN_DOCUMENT_CACHE", None)
    path = None
    if cache:
        key = hashlib.sha256(f"{stylesheet}\n{html}".encode()).hexdigest()
        path = Path(cache) / f"{key}.pdf"
        if path.exists():
            return path.read_bytes()
    data = HTML(string=html).write_pdf(stylesheets=[_stylesheet(stylesheet)], font_config=_fonts())
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return data
