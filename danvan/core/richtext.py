"""Rich text as the site stores and shows it: a small allow-list of HTML, sanitised by nh3.

`clean_html(value)` is what every rich body is saved as (news articles, disclosure texts). It accepts what the
editor (django-prose-editor, ProseMirror) sends — headings, lists, links, tables, images, a paste from Word
already reduced to the editor's schema — and what a person typed without the editor (JavaScript off, the
API): text without any tag is plain text, so a blank line starts a new paragraph and a single line break
stays a line break (`<br>`). Word's leftovers that reach the server anyway (`<o:p>`, `class="MsoNormal"`,
`style="mso-…"`, conditional comments, `<style>` blocks, empty paragraphs) are removed. Attributes are only
those listed; links get `rel="noopener noreferrer"`; `javascript:` and `data:` URLs are dropped.
"""

import html
import re
from html.parser import HTMLParser

import nh3

from .text import nfc

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "u",
        "s",
        "sub",
        "sup",
        "a",
        "blockquote",
        "hr",
        "figure",
        "figcaption",
        "img",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# the tags an editor's HTML starts with, or that plain text never contains
_TAG_NAMES = "|".join(sorted(ALLOWED_TAGS | {"div", "span", "b", "i"}))
_HTML_TAG = re.compile(rf"</?(?:{_TAG_NAMES})\b[^>]*>", re.I)
_WORD_JUNK = re.compile(r"<!--\[if.*?<!\[endif\]-->|<o:p>.*?</o:p>|<xml>.*?</xml>", re.I | re.S)
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|\u00a0|<br>)*</p>")
_IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\bsrc=)[^>]*>")
_WORD_BOLD_ITALIC = (
    (re.compile(r"<(/?)b(\s[^>]*)?>", re.I), r"<\1strong>"),
    (re.compile(r"<(/?)i(\s[^>]*)?>", re.I), r"<\1em>"),
)
_BLOCK = frozenset({"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "figure", "table", "hr"})


def looks_like_html(text: str) -> bool:
    """True when `text` carries markup (the editor's output); False for plain text typed without it."""
    return bool(_HTML_TAG.search(text or ""))


def plain_to_html(text: str) -> str:
    """Plain text as paragraphs: a blank line separates paragraphs, a single line break is kept as `<br>`;
    everything escaped."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )


class _TopLevelText(HTMLParser):
    """Splits sanitised HTML into top-level pieces, so that text typed outside any block (a paragraph added
    below the editor's markup with JavaScript off) becomes paragraphs too."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.pieces: list[tuple[bool, str]] = []  # (is_markup, text)
        self.depth = 0

    def _add(self, markup: bool, text: str):
        if self.pieces and self.pieces[-1][0] == markup:
            self.pieces[-1] = (markup, self.pieces[-1][1] + text)
        else:
            self.pieces.append((markup, text))

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or ""
        if tag in ("br", "hr", "img"):
            self._add(self.depth > 0 or tag != "br", raw)
            return
        if self.depth == 0 and tag not in _BLOCK:
            self._add(False, raw)  # an inline tag at top level belongs to the loose text around it
            self._inline_open = getattr(self, "_inline_open", 0) + 1
            return
        self.depth += 1
        self._add(True, raw)

    def handle_endtag(self, tag):
        if getattr(self, "_inline_open", 0) and self.depth == 0:
            self._inline_open -= 1
            self._add(False, f"</{tag}>")
            return
        self.depth = max(0, self.depth - 1)
        self._add(True, f"</{tag}>")

    def handle_data(self, data):
        self._add(self.depth > 0, data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def _wrap_loose_text(markup: str) -> str:
    parser = _TopLevelText()
    parser.feed(markup)
    parser.close()
    out = []
    for is_markup, text in parser.pieces:
        if is_markup or not text.strip():
            out.append(text if is_markup else "")
            continue
        # loose text: blank lines → paragraphs, line breaks → <br> (already escaped by nh3)
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n|(?:<br>\s*){2,}", text) if p.strip()]
        out.extend("<p>" + re.sub(r"\s*\n\s*", "<br>", p) + "</p>" for p in paragraphs)
    return "".join(out)


def clean_html(value: str) -> str:
    """The rich text `value` as stored: safe HTML of the allow-list (see the module docstring)."""
    value = nfc(value or "").strip()
    if not value:
        return ""
    if not looks_like_html(value):
        return plain_to_html(value)
    value = _WORD_JUNK.sub("", value)
    for pattern, replacement in _WORD_BOLD_ITALIC:  # Word and old editors mark bold and italics so
        value = pattern.sub(replacement, value)
    cleaned = nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
        clean_content_tags={"script", "style", "title", "head", "xml"},
    )
    cleaned = _wrap_loose_text(cleaned)
    cleaned = _IMAGE_WITHOUT_SOURCE.sub("", cleaned)
    return _EMPTY_PARAGRAPH.sub("", cleaned).strip()


def for_editor(value: str) -> str:
    """What the editor's textarea starts with: stored HTML as it is, an old plain-text body as paragraphs."""
    value = value or ""
    return value if looks_like_html(value) else plain_to_html(value)
