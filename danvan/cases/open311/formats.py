"""The one serializer of the Open311 endpoint: one data structure rendered as JSON or as the spec's XML.

An endpoint builds plain data — lists, dicts (in the spec's field order), strings, numbers, booleans and None,
datetimes already written as W3C strings by `w3c()` — and `render(data, fmt, root)` writes it:

- JSON: the structure as is (arrays and objects, like the spec's JSON examples);
- XML: the spec's mapping (the Spark convention of GeoReport v2): the `root` element, a list becomes one child
  per item named by `ITEM_NAMES` (`<services><service>…`, `<service_requests><request>…`,
  `<errors><error>…`, `<attributes><attribute>…`, `<values><value>…`, `<endpoints><endpoint>…`,
  `<formats><format>…`), a dict one child per key, None an empty element, booleans `true`/`false`; UTF-8
  with the XML declaration, no namespace. Characters that XML 1.0 cannot carry are dropped.

`error(fmt, status, description)` is the spec's error list (`[{"code", "description"}]` / `<errors>`).
"""

import datetime as dt
import json
import re
from decimal import Decimal
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

FORMATS = ("json", "xml")
MEDIA_TYPES = {"json": "application/json", "xml": "text/xml"}
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TZ = ZoneInfo(settings.TIME_ZONE)


def w3c(value: dt.datetime | None) -> str | None:
    """A W3C datetime (ISO 8601 to the second, with the offset) in Vietnam time, e.g. 2026-03-02T08:15:00+07:00."""
    if value is None:
        return None
    return timezone.localtime(value, _TZ).replace(microsecond=0).isoformat()


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int | Decimal):
        return str(value)
    return _XML_INVALID.sub("", str(value))


def _write(out: list[str], name: str, value) -> None:
    if isinstance(value, list | tuple):
        item = ITEM_NAMES.get(name, "item")
        out.append(f"<{name}>")
        for v in value:
            _write(out, item, v)
        out.append(f"</{name}>")
    elif isinstance(value, dict):
        out.append(f"<{name}>")
        for k, v in value.items():
            _write(out, k, v)
        out.append(f"</{name}>")
    elif value is None or value == "":
        out.append(f"<{name}/>")
    else:
        out.append(f"<{name}>{escape(_text(value))}</{name}>")


def to_xml(root: str, data) -> bytes:
    # written as text (element names are ours, text escaped): 1,000 requests in a few ms, not an element tree
    out = ['<?xml version="1.0" encoding="utf-8"?>\n']
    _write(out, root, data)
    return "".join(out).encode()


def to_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode()


def render(data, fmt: str, root: str, status: int = 200) -> HttpResponse:
    body = to_xml(root, data) if fmt == "xml" else to_json(data)
    return HttpResponse(body, status=status, content_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8")


def error(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    return render([{"code": status, "description": d} for d in descriptions], fmt, "errors", status)
