"""Charts of the review (matplotlib, Agg only, no GUI): inline SVG for the pages, PNG for the DOCX.

A chart is described by a `Chart` (its kind, title, measure and rows of data: plain values, so it hashes) and
drawn by `svg(chart)` or `png(chart)`. Both are kept in the Django cache under a hash of everything drawn
(kind, title, rows, language, `VERSION`), so a page view reads the drawing instead of rendering it again, and a
change of any figure draws anew.

Kinds:
- `OVER_PERIODS`: one indicator over successive periods (a line with its values written at each point);
- `THREE_PERIODS`: one indicator this period, the previous one and the same period a year before (bars);
- `KEY_INDICATORS`: small multiples of several indicators, each with its own scale (this, previous, a year
  before) — the overview of the page and the DOCX;
- `CHILDREN`: the child units side by side (horizontal bars), the laggards drawn hatched, darker and with the
  words "chậm" beside their value (so they are visible without colour), the children's median dashed.

The SVG is made fit for the page and its CSP (`style-src 'self'`: no style attribute or <style> element may be
used): every CSS declaration matplotlib writes becomes an SVG presentation attribute, the text stays text (in
DejaVu Sans, which has the Vietnamese glyphs, or the phone's sans-serif), the ids get a prefix of the chart's
hash (several charts on one page), the size goes and the viewBox stays (it scales with its column), and the root
carries role="img" with a <title> and <desc>. A data table beside each chart carries the same numbers.
Numbers are written the Vietnamese way (1.234,5; 1.234.567 đ).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from danvan.core import indicators as ind

from . import figures

VERSION = 2  # 2: markup without an ns0: prefix (what a cache held before is not served)
CACHE_SECONDS = 7 * 24 * 3600
FONT_FAMILY = "DejaVu Sans"
SVG_FONTS = "DejaVu Sans, Noto Sans, Arial, sans-serif"

OVER_PERIODS = "over_periods"
THREE_PERIODS = "three_periods"
KEY_INDICATORS = "key_indicators"
CHILDREN = "children"

# colours with enough contrast on white (the site's red and a slate grey); the laggards also differ in hatch
BAR = "#1d4ed8"
MUTED = "#94a3b8"
PREVIOUS = "#64748b"
LAGGARD = "#b91c1c"
INK = "#1f2937"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"


@dataclass(frozen=True)
class Chart:
    """What a chart draws. `rows`: OVER_PERIODS and THREE_PERIODS ((period label, value), …); CHILDREN
    ((unit name, value, is laggard), …) with `median`; KEY_INDICATORS ((indicator label, measure,
    ((period label, value), …)), …)."""

    kind: str
    title: str
    measure: str = ind.COUNT
    rows: tuple = ()
    median: float | None = None
    note: str = ""  # what the laggards are (CHILDREN), said under the chart and in its description
    wide: bool = False  # for the DOCX (A4 width; key indicators on two columns); narrow for a phone's column

    def key(self, fmt: str) -> str:
        raw = json.dumps(
            [
                VERSION,
                fmt,
                get_language() or "",
                self.kind,
                self.title,
                self.measure,
                self.rows,
                self.median,
                self.wide,
            ],
            default=str,
            ensure_ascii=False,
        )
        return "reviews:chart:" + hashlib.sha256(raw.encode()).hexdigest()

    def description(self) -> str:
        """The chart in words (its <desc>): every value as the table beside it writes it."""
        if self.kind == KEY_INDICATORS:
            parts = [
                f"{label}: " + "; ".join(f"{p}: {text(measure, v)}" for p, v in points)
                for label, measure, points in self.rows
            ]
        elif self.kind == CHILDREN:
            parts = [
                f"{name}: {text(self.measure, v)}" + (f" ({_('chậm')})" if lag else "")
                for name, v, lag in self.rows
            ]
        else:
            parts = [f"{p}: {text(self.measure, v)}" for p, v in self.rows]
        return ". ".join(parts + ([self.note] if self.note else [])).replace("\n", " ")

    def table(self) -> tuple[list[str], list[list[str]]]:
        """The chart's numbers as a table (headers, rows of texts): the alternative beside the drawing."""
        if self.kind == KEY_INDICATORS:
            periods = [p.replace("\n", " ") for p, _v in self.rows[0][2]] if self.rows else []
            return [_("Chỉ tiêu"), *periods], [
                [label, *(text(measure, v) for _p, v in points)] for label, measure, points in self.rows
            ]
        if self.kind == CHILDREN:
            return [_("Đơn vị"), _("Kết quả"), _("Đánh giá")], [
                [name, text(self.measure, v), _("chậm") if lag else ""] for name, v, lag in self.rows
            ]
        return [_("Kỳ"), _("Kết quả")], [[p.replace("\n", " "), text(self.measure, v)] for p, v in self.rows]


def text(measure: str, value) -> str:
    """A value as the charts and their tables write it (`1.234,5`, `85,5%`, `1.234.567 đ`; "—" for none)."""
    if value is None:
        return _("không có số liệu")
    return figures.format_value(measure, value)


def _short(measure: str, value: float) -> str:
    """An axis tick: millions and billions of đồng in words, other numbers as figures."""
    if measure == ind.VND and abs(value) >= 1_000_000:
        if abs(value) >= 1_000_000_000:
            return figures.format_value(ind.COUNT, round(value / 1_000_000_000, 1)) + " " + _("tỷ")
        return figures.format_value(ind.COUNT, round(value / 1_000_000, 1)) + " " + _("triệu")
    if measure == ind.PERCENT:
        return figures.format_value(ind.PERCENT, float(value))
    return figures.format_value(ind.COUNT, float(value) if not float(value).is_integer() else int(value))


def _label(measure: str, value) -> str:
    """A value written on its bar or point: millions and billions of đồng shortened (1,2 tỷ đ)."""
    if value is not None and measure == ind.VND and abs(float(value)) >= 1_000_000:
        return _short(measure, float(value)) + " đ"
    return text(measure, value)


# ---------------------------------------------------------------- matplotlib


def _matplotlib():
    """matplotlib with the Agg backend, its cache in a writable directory (the code may be read-only) and a
    font with the Vietnamese glyphs."""
    os.environ.setdefault("MPLCONFIGDIR", os.path.join(tempfile.gettempdir(), "danvan-matplotlib"))
    import matplotlib

    matplotlib.use("Agg", force=False)
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [FONT_FAMILY, "Noto Sans", "Liberation Sans"],
            "font.size": 11,
            "svg.fonttype": "none",  # text stays text: readable, searchable, small
            "svg.hashsalt": "danvan",  # stable ids: the same chart is the same SVG
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.edgecolor": MUTED,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "hatch.color": "#ffffff",
        }
    )
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    return Figure, FuncFormatter


def _number(v) -> float:
    return float(v) if v is not None else 0.0


def _figure(chart: Chart):
    Figure, FuncFormatter = _matplotlib()
    ticks = FuncFormatter(lambda v, _pos: _short(chart.measure, v))
    if chart.kind == KEY_INDICATORS:
        return _key_indicators(Figure, FuncFormatter, chart)
    if chart.kind == CHILDREN:
        height = max(2.0, 0.36 * len(chart.rows) + 0.9)
        fig = Figure(figsize=(7.2 if chart.wide else 4.8, height), layout="constrained")
        ax = fig.add_subplot()
        names = [r[0] for r in chart.rows][::-1]
        values = [_number(r[1]) for r in chart.rows][::-1]
        laggards = [r[2] for r in chart.rows][::-1]
        bars = ax.barh(
            names,
            values,
            color=[LAGGARD if lag else BAR for lag in laggards],
            hatch=None,
            height=0.62,
        )
        for bar, lag, raw in zip(bars, laggards, [r[1] for r in chart.rows][::-1], strict=True):
            if lag:
                bar.set_hatch("//")
            label = _label(chart.measure, raw) + (f"  ▼ {_('chậm')}" if lag else "")
            ax.annotate(
                label,
                (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                color=LAGGARD if lag else INK,
                fontweight="bold" if lag else "normal",
            )
        if chart.median is not None:
            ax.axvline(chart.median, color=INK, linestyle="--", linewidth=1)
            ax.annotate(
                _("trung vị") + " " + _short(chart.measure, chart.median),
                (chart.median, 0),
                xycoords=("data", "axes fraction"),
                xytext=(3, 3),
                textcoords="offset points",
                fontsize=8,
                color=INK,
            )
        ax.xaxis.set_major_formatter(ticks)
        ax.set_xlim(0, (max(values) if values and max(values) > 0 else 1) * 1.35)
        ax.tick_params(axis="y", labelsize=9)
    else:
        fig = Figure(figsize=(7.2, 3.2) if chart.wide else (4.8, 3.0), layout="constrained")
        ax = fig.add_subplot()
        labels = [r[0] for r in chart.rows]
        values = [_number(r[1]) for r in chart.rows]
        if chart.kind == OVER_PERIODS:
            xs = list(range(len(labels)))
            present = [(x, v) for x, (_p, v) in zip(xs, chart.rows, strict=True) if v is not None]
            ax.plot([x for x, _v in present], [float(v) for _x, v in present], color=BAR, marker="o")
            for x, v in present:
                ax.annotate(
                    _label(chart.measure, v),
                    (x, float(v)),
                    xytext=(0, 6),
                    textcoords="offset points",
                    ha="center",
                    fontsize=9,
                )
            ax.set_xticks(xs, labels)
            ax.set_xlim(-0.5, len(labels) - 0.5)
        else:
            colours = [MUTED, PREVIOUS, BAR][-len(labels) :]
            bars = ax.bar(labels, values, color=colours, width=0.6)
            for bar, (_p, raw) in zip(bars, chart.rows, strict=True):
                ax.annotate(
                    _label(chart.measure, raw),
                    (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="center",
                    fontsize=9,
                )
        top = max(values) if values and max(values) > 0 else 1
        ax.set_ylim(0, top * 1.25)
        ax.yaxis.set_major_formatter(ticks)
        ax.tick_params(axis="x", labelsize=9.5)
    if (
        chart.wide
    ):  # the page has the title beside the drawing (its figcaption); a picture in the DOCX its caption
        ax.set_title(chart.title, fontsize=11, loc="left", color=INK)
    return fig


def _key_indicators(Figure, FuncFormatter, chart: Chart):
    n = max(1, len(chart.rows))
    cols = 2 if n > 1 and chart.wide else 1
    rows_ = (n + cols - 1) // cols
    fig = Figure(figsize=(7.2 if chart.wide else 4.8, 2.1 * rows_ + 0.3), layout="constrained")
    for i, (label, measure, points) in enumerate(chart.rows):
        ax = fig.add_subplot(rows_, cols, i + 1)
        names = [p for p, _v in points]
        values = [_number(v) for _p, v in points]
        colours = [MUTED, PREVIOUS, BAR][-len(points) :]
        bars = ax.bar(names, values, color=colours, width=0.6)
        for bar, (_p, raw) in zip(bars, points, strict=True):
            ax.annotate(
                _label(measure, raw),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                fontsize=10,
            )
        top = max(values) if values and max(values) > 0 else 1
        ax.set_ylim(0, top * 1.3)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos, m=measure: _short(m, v)))
        ax.tick_params(labelsize=9)
        ax.set_title(textwrap.shorten(label, 52, placeholder="…"), fontsize=10.5, loc="left", color=INK)
    return fig


# ---------------------------------------------------------------- SVG for the page


_DECL = re.compile(r"\s*([a-z-]+)\s*:\s*([^;]+)")
_FONT = re.compile(
    r"^(?:(?P<style>italic|oblique|normal)\s+)?(?:(?P<weight>bold|normal|\d{3})\s+)?"
    r"(?P<size>[\d.]+px)\s+(?P<family>.+)$"
)


def _attributes(style: str) -> dict:
    out = {}
    for name, value in _DECL.findall(style or ""):
        value = value.strip()
        if name == "font":
            m = _FONT.match(value)
            if m:
                out["font-size"] = m.group("size")
                if m.group("weight") and m.group("weight") != "normal":
                    out["font-weight"] = m.group("weight")
                if m.group("style") and m.group("style") != "normal":
                    out["font-style"] = m.group("style")
            out["font-family"] = SVG_FONTS
        elif name == "font-family":
            out["font-family"] = SVG_FONTS
        else:
            out[name] = value
    return out


def _clean_svg(raw: bytes, chart: Chart, prefix: str) -> str:
    root = ET.fromstring(raw)
    q = f"{{{SVG_NS}}}"
    # matplotlib's stylesheet: `*{stroke-linejoin: round; stroke-linecap: butt}` → inherited attributes
    for parent in root.iter():
        for child in list(parent):
            if child.tag in (q + "style", q + "metadata"):
                parent.remove(child)
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    ids = {}
    for el in root.iter():
        style = el.attrib.pop("style", None)
        if style:
            for k, v in _attributes(style).items():
                el.set(k, v)
        if "id" in el.attrib:
            ids[el.attrib["id"]] = f"{prefix}-{el.attrib['id']}"
            el.set("id", ids[el.attrib["id"]])
    href = f"{{{XLINK_NS}}}href"
    for el in root.iter():
        for attr, value in list(el.attrib.items()):
            if "url(#" in value:
                el.set(attr, re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{ids.get(m[1], m[1])})", value))
            elif attr in (href, "href") and value.startswith("#"):
                el.set(attr, "#" + ids.get(value[1:], value[1:]))
    for attr in ("width", "height"):
        root.attrib.pop(attr, None)
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    root.set("role", "img")
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    root.set("focusable", "false")
    root.set("class", "chart-svg")
    desc = ET.Element(q + "desc", {"id": desc_id})
    desc.text = chart.description()
    title = ET.Element(q + "title", {"id": title_id})
    title.text = chart.title
    root.insert(0, desc)
    root.insert(0, title)
    return ET.tostring(_unprefixed(root), encoding="unicode")


PREFIXES = {SVG_NS: "", XLINK_NS: "xlink", "http://www.w3.org/XML/1998/namespace": "xml"}


def _unprefixed(root: ET.Element) -> ET.Element:
    """The tree with its names written out as the HTML parser expects inline SVG: <svg>, xlink:href. Left to
    ElementTree, the prefixes come from its process-wide registry, which other libraries rewrite (WeasyPrint's
    PDF metadata maps the empty prefix to no namespace when the first PDF is made): the charts were then
    written <ns0:svg>, an unknown element in HTML that draws nothing."""

    def local(name: str) -> str:
        if not name.startswith("{"):
            return name
        uri, _, tag = name[1:].partition("}")
        prefix = PREFIXES.get(uri)
        if prefix is None:
            return name
        return f"{prefix}:{tag}" if prefix else tag

    for el in root.iter():
        el.tag = local(el.tag)
        for key in [k for k in el.attrib if k.startswith("{")]:
            el.attrib[local(key)] = el.attrib.pop(key)
    root.set("xmlns", SVG_NS)
    root.set("xmlns:xlink", XLINK_NS)
    return root


def svg(chart: Chart) -> str:
    """The chart as an inline <svg> element (markup for the page; from the cache when drawn before)."""
    key = chart.key("svg")
    found = cache.get(key)
    if found is not None:
        return found
    fig = _figure(chart)
    out = io.BytesIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    markup = _clean_svg(out.getvalue(), chart, "c" + key[-10:])
    cache.set(key, markup, CACHE_SECONDS)
    return markup


def png(chart: Chart, dpi: int = 150) -> bytes:
    """The chart as a PNG (for the DOCX; from the cache when drawn before)."""
    key = chart.key(f"png{dpi}")
    found = cache.get(key)
    if found is not None:
        return found
    fig = _figure(chart)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    data = out.getvalue()
    cache.set(key, data, CACHE_SECONDS)
    return data
