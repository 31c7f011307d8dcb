"""The forms of a community decision as DOCX (Decree 59/2023/NĐ-CP, the annex's forms; Law 10/2022/QH15 Art. 20),
on what every DOCX shares (`danvan.core.documents`: A4, Times New Roman 14, the national title and motto, the
heading table, the document date):

- Form 01 (`notice_docx`): the notice of the community meeting — time, place, content, who attends, the
  documents sent to each household for items 1–3;
- Form 02 (`counting_docx`): the counting minutes of a meeting's (or a cluster's) secret ballot — the counting
  board (3–5) and the two household witnesses, the ballots given and returned, the tally;
- Form 03 (`online_docx`): the result of an online vote — start and end, the households that took part (the
  list), the tally;
- Form 04 (`ballot_docx`): the count of the household ballots — the ballot team and the witnesses, the ballots
  sent (one per household on the roll) and returned, the tally;
- the decision minutes (`minutes_docx`) with the mandatory content of Art. 20: a) the time; b) the total of
  households, those represented and those not; c) the content; d) the form; đ) the tallies; e) the decision;
  g) the signatures of the hamlet head, the Front work committee head and two household representatives.

What a form says is built once (`notice_content` … `minutes_content` → `Content`: the heading, then blocks of
lines, headings, paragraphs, tables and signatures); `docx_bytes` and `pdf_bytes` are its two renderings
(python-docx; WeasyPrint from the template `decisions/form_pdf.html`, as the review report does), so the DOCX
and the PDF of a form cannot say different things (`notice_docx` and `notice_pdf`, and so on for each form).

The documents are written on request (they are small) and downloaded through the decisions' access gate.
Numbers come from the stored tallies and result, so a form and the page cannot disagree."""

import io
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from danvan.core.documents import (
    MOTTO,
    NATIONAL_TITLE,
    a4_document,
    figures_table,
    heading_table,
    long_date,
    paragraph,
    place_of,
    signatures_table,
)
from danvan.core.errors import DomainError
from danvan.core.formatting import format_datetime

from .models import Channel, Choice, Decision, HouseholdVote, Status, Tally

HEADS = (
    ("Tổ dân phố ", "Tổ trưởng tổ dân phố"),
    ("Khu phố ", "Trưởng khu phố"),
    ("Khóm ", "Trưởng khóm"),
    ("Ấp ", "Trưởng ấp"),
    ("Bản ", "Trưởng bản"),
    ("Buôn ", "Trưởng buôn"),
    ("Làng ", "Trưởng làng"),
)


def head_title(unit) -> str:
    """ "Ấp Phú Hòa" → "Trưởng ấp"; a thôn (and anything else) → "Trưởng thôn"."""
    for prefix, title in HEADS:
        if unit.name.startswith(prefix):
            return title
    return "Trưởng thôn"


@dataclass(frozen=True)
class Block:
    """One piece of a form's body: a centred `line`, a `heading`, a justified `para`, a `table` (header and
    rows) or the `signatures` (role, name) blocks laid `per_row` to a row ("" role: an empty column)."""

    kind: str
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    signers: tuple[tuple[str, str], ...] = ()
    per_row: int = 2
    numeric: tuple[int, ...] = ()  # a table's columns of figures (aligned right in the PDF)

    @property
    def signer_rows(self) -> list[list[tuple[str, str]]]:
        s = list(self.signers)
        s += [("", "")] * (-len(s) % self.per_row)  # a short last row keeps its columns (an empty one)
        return [s[i : i + self.per_row] for i in range(0, len(s), self.per_row)]


@dataclass
class Content:
    """What a form says, built once (the `*_content` functions) and written two ways: `docx_bytes` (python-docx
    on danvan.core.documents) and `pdf_bytes` (the template decisions/form_pdf.html through danvan.core.pdf)."""

    form: str = ""
    body_parent: str = ""  # "UBND XÃ PHÚ CƯỜNG"
    body: str = ""  # "ẤP PHÚ HÒA"
    place_date: str = ""
    kind: str = ""
    summary: str = ""
    blocks: list[Block] = field(default_factory=list)
    national_title: str = NATIONAL_TITLE
    motto: str = MOTTO


class _Writer:
    """Builds a form's `Content` (the builders below call it as they would write a document)."""

    def __init__(self, decision: Decision):
        self.d = decision
        self.c = Content()

    def line(self, text):
        self.c.blocks.append(Block("line", text))

    def header(self, day, form: str, kind: str, summary: str):
        d = self.d
        self.c.form, self.c.kind, self.c.summary = form, kind, summary
        self.c.body_parent = f"UBND {d.commune.name.upper()}"
        self.c.body = d.unit.name.upper()
        self.c.place_date = f"{place_of(d.commune)}, {long_date(day)}"

    def heading(self, text):
        self.c.blocks.append(Block("heading", text))

    def para(self, text):
        for part in (text or "").split("\n"):
            if part.strip():
                self.c.blocks.append(Block("para", part.strip()))

    def table(self, header: list[str], rows: list[list[str]], numeric: tuple[int, ...] = ()):
        self.c.blocks.append(
            Block(
                "table",
                header=tuple(header),
                rows=tuple(tuple(str(x) for x in r) for r in rows),
                numeric=numeric,
            )
        )

    def signatures(self, blocks: list[tuple[str, str]], per_row: int = 2):
        self.c.blocks.append(Block("signatures", signers=tuple(blocks), per_row=per_row))

    def counts(self, yes: int, no: int, other: int, of: int | None = None):
        base = f" trên tổng số {of} hộ" if of else ""
        self.para(f"- Số hộ tán thành: {yes}{base};")
        self.para(f"- Số hộ không tán thành: {no};")
        self.para(f"- Số hộ có ý kiến khác: {other}.")


# ------------------------------------------------------------------------------------------ renderings


def docx_bytes(c: Content) -> bytes:
    """The form as a DOCX: A4, Times New Roman 14, the heading table, the body, the signatures."""

    doc = a4_document(space_after=6)
    paragraph(doc, c.form, italic=True, size=12, align="left")
    left, right = heading_table(doc)
    paragraph(left, c.body_parent, size=13)
    paragraph(left, c.body, bold=True, size=13)
    paragraph(right, c.national_title, bold=True, size=13)
    paragraph(right, c.motto, bold=True, underline=True)
    paragraph(right, c.place_date, italic=True)
    doc.add_paragraph()
    paragraph(doc, c.kind, bold=True, size=15)
    paragraph(doc, c.summary, bold=True)
    for b in c.blocks:
        if b.kind == "line":
            paragraph(doc, b.text, align="center")
        elif b.kind == "heading":
            paragraph(doc, b.text, bold=True, align="left").paragraph_format.keep_with_next = True
        elif b.kind == "para":
            paragraph(doc, b.text, align="justify")
        elif b.kind == "table":
            figures_table(doc, b.header, b.rows, b.numeric)
        elif b.kind == "signatures":
            signatures_table(doc, b.signer_rows)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def html_of(c: Content) -> str:
    """The form as the HTML the PDF is rendered from (never served as a page)."""
    from django.template.loader import render_to_string

    return render_to_string("decisions/form_pdf.html", {"c": c})


def pdf_bytes(c: Content) -> bytes:
    """The same content as an A4 PDF (WeasyPrint, through danvan.core.pdf), laid out as the DOCX is."""
    from danvan.core.pdf import html_to_pdf

    return html_to_pdf(html_of(c), "decisions/form_pdf.css")


def _time(d: Decision) -> str:
    if d.meeting_time:
        return f"{d.meeting_time:%H} giờ {d.meeting_time:%M} phút, {long_date(d.voting_on)}"
    return long_date(d.voting_on)


def _where(d: Decision) -> str:
    return d.meeting_place or f"nhà văn hóa {d.unit.name}"


# ---------------------------------------------------------------------------------------------- Form 01


def notice_content(decision: Decision) -> Content:
    d = decision
    if d.notice_on is None:
        raise DomainError("Việc này chưa được thông báo (Mẫu số 01).", code="not_ready")
    w = _Writer(d)
    w.header(d.notice_on, "Mẫu số 01", "THÔNG BÁO", "Về việc tổ chức cuộc họp cộng đồng dân cư")
    w.line(f"Kính gửi: Các hộ gia đình {d.unit.name}")
    w.para(
        f"Thực hiện Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và Nghị định số 59/2023/NĐ-CP, "
        f"{head_title(d.unit)} {d.unit.name} thông báo tổ chức cuộc họp cộng đồng dân cư như sau:"
    )
    w.para(f"1. Thời gian: {_time(d)}.")
    w.para(f"2. Địa điểm: {_where(d)}.")
    w.para(f"3. Nội dung: {d.title} ({d.matter_info.title}).")
    w.para(d.content)
    w.para(
        f"4. Thành phần: đại diện các hộ gia đình trong {d.unit.name}; {head_title(d.unit)}; Ban công tác Mặt "
        "trận; đại biểu được mời."
    )
    if d.matter_info.documents_before:
        sent = f" (đã gửi ngày {d.documents_delivered_on:%d/%m/%Y})" if d.documents_delivered_on else ""
        w.para(f"5. Tài liệu liên quan được gửi đến từng hộ gia đình trước ngày họp{sent}.")
    w.para("Đề nghị các hộ gia đình cử đại diện tham dự đầy đủ, đúng giờ.")
    w.signatures([("", ""), (head_title(d.unit), d.hamlet_head_name)])
    return w.c


# ------------------------------------------------------------------------------------- Forms 02 and 04


def _board(w: _Writer, tally: Tally, what: str) -> None:
    names = tally.board_names
    if not names:
        raise DomainError(f"Chưa ghi {what} và người chứng kiến của lần kiểm phiếu này.", code="not_ready")
    w.heading(f"{what} gồm:")
    for n, name in enumerate(names, 1):
        w.para(
            f"{n}. Ông/Bà {name}" + (f" — {'Trưởng ban' if 'Ban' in what else 'Tổ trưởng'}" if n == 1 else "")
        )
    w.heading("Đại diện hộ gia đình chứng kiến việc kiểm phiếu:")
    for n, name in enumerate(tally.witness_names, 1):
        w.para(f"{n}. Ông/Bà {name}")


def _tally_signatures(tally: Tally, head: str) -> list[tuple[str, str]]:
    names = tally.board_names
    blocks = [(head, names[0] if names else "")]
    blocks += [("Thành viên", n) for n in names[1:]]
    blocks += [("Đại diện hộ gia đình chứng kiến", n) for n in tally.witness_names]
    return blocks


def counting_content(tally: Tally) -> Content:
    """Form 02: the counting minutes of a meeting (or cluster) vote."""
    d = tally.decision
    if tally.channel != Channel.MEETING:
        raise DomainError("Mẫu số 02 chỉ lập cho kiểm phiếu tại cuộc họp.", code="not_ready")
    w = _Writer(d)
    w.header(d.voting_on, "Mẫu số 02", "BIÊN BẢN KIỂM PHIẾU", f"{d.title}")
    w.para(
        f"Vào lúc {_time(d)}, tại {_where(d)}, cuộc họp cộng đồng dân cư {d.unit.name}"
        + (f" (cụm dân cư {tally.cluster})" if tally.cluster else "")
        + " tiến hành kiểm phiếu biểu quyết."
    )
    _board(w, tally, "Ban kiểm phiếu")
    w.heading("Kết quả kiểm phiếu:")
    w.para(f"- Tổng số hộ gia đình của {d.unit.name}: {d.households_total};")
    w.para(f"- Số đại diện hộ gia đình có mặt: {tally.households};")
    w.para(f"- Số phiếu phát ra: {tally.households}; số phiếu thu về: {tally.households};")
    w.counts(tally.yes, tally.no, tally.other)
    w.para(
        "Biên bản được lập thành 03 bản: 01 bản gửi Ủy ban nhân dân cấp xã, 01 bản gửi Ủy ban Mặt trận Tổ quốc "
        "Việt Nam cấp xã, 01 bản lưu tại thôn, tổ dân phố."
    )
    w.signatures(_tally_signatures(tally, "Trưởng Ban kiểm phiếu"))
    return w.c


def ballot_content(tally: Tally) -> Content:
    """Form 04: the count of the household ballots returned."""
    d = tally.decision
    if tally.channel != Channel.BALLOT:
        raise DomainError("Mẫu số 04 chỉ lập cho kiểm phiếu lấy ý kiến hộ gia đình.", code="not_ready")
    w = _Writer(d)
    w.header(
        timezone.localtime(tally.created_at).date(),
        "Mẫu số 04",
        "BIÊN BẢN KIỂM PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH",
        d.title,
    )
    w.para(f"Tổ phát phiếu {d.unit.name} tiến hành kiểm phiếu lấy ý kiến hộ gia đình về nội dung: {d.title}.")
    _board(w, tally, "Tổ phát phiếu")
    w.heading("Kết quả kiểm phiếu:")
    w.para(f"- Tổng số hộ gia đình của {d.unit.name}: {d.households_total};")
    w.para(f"- Số phiếu phát ra: {d.households_total}; số phiếu thu về: {tally.households};")
    w.counts(tally.yes, tally.no, tally.other)
    w.signatures(_tally_signatures(tally, "Tổ trưởng Tổ phát phiếu"))
    return w.c


# ---------------------------------------------------------------------------------------------- Form 03


def online_counts(decision: Decision) -> dict:
    return HouseholdVote.objects.filter(decision=decision, channel=Channel.ONLINE).aggregate(
        total=Count("pk"),
        yes=Count("pk", filter=Q(choice=Choice.YES)),
        no=Count("pk", filter=Q(choice=Choice.NO)),
        other=Count("pk", filter=Q(choice=Choice.OTHER)),
    )


def online_content(decision: Decision) -> Content:
    """Form 03: the result of the online vote (only once it is closed: results are hidden until then)."""
    d = decision
    counts = online_counts(d)
    if d.status not in (Status.PASSED, Status.NOT_PASSED) or not counts["total"]:
        raise DomainError("Chưa có kết quả biểu quyết trực tuyến đã kết thúc.", code="not_ready")
    w = _Writer(d)
    w.header(timezone.localtime(d.closed_at).date(), "Mẫu số 03", "BIÊN BẢN", "Kết quả biểu quyết trực tuyến")
    w.para(f"Nội dung biểu quyết: {d.title}.")
    w.para(
        f"- Thời gian bắt đầu: {format_datetime(d.opened_at)}; thời gian kết thúc: {format_datetime(d.closed_at)};"
    )
    w.para(f"- Tổng số hộ gia đình của {d.unit.name}: {d.households_total};")
    w.para(f"- Số hộ gia đình tham gia biểu quyết trực tuyến: {counts['total']};")
    w.counts(counts["yes"], counts["no"], counts["other"], of=d.households_total)
    w.heading("Danh sách hộ gia đình tham gia biểu quyết trực tuyến:")
    votes = (
        HouseholdVote.objects.filter(decision=d, channel=Channel.ONLINE)
        .select_related("household")
        .order_by("household__code")
    )
    w.table(
        ["STT", "Mã hộ", "Đại diện hộ", "Địa chỉ"],
        [
            [str(n), v.household.code, v.household.representative_name, v.household.address]
            for n, v in enumerate(votes, 1)
        ],
        numeric=(0,),
    )
    w.para("Kèm theo ảnh chụp màn hình kết quả biểu quyết trên hệ thống.")
    w.signatures(
        [(head_title(d.unit), d.hamlet_head_name), ("Trưởng ban công tác Mặt trận", d.front_head_name)]
    )
    return w.c


# --------------------------------------------------------------------------------- the decision minutes


def _forms_used(d: Decision, by_channel: dict) -> str:
    labels = [Channel(c).label.lower() for c in Channel.values if by_channel.get(c)]
    return "; ".join(labels) if labels else "chưa có hộ nào được tính phiếu"


def minutes_content(decision: Decision) -> Content:
    """The minutes of the decision with the mandatory content of Art. 20."""
    from .selectors import tally_of

    d = decision
    if d.status not in (Status.PASSED, Status.NOT_PASSED):
        raise DomainError("Chỉ lập biên bản khi đã kết thúc biểu quyết và tính kết quả.", code="not_ready")
    result = tally_of(d)
    absent = d.households_total - d.counted_count
    w = _Writer(d)
    w.header(
        timezone.localtime(d.closed_at).date(),
        "Biên bản (Điều 20 Luật Thực hiện dân chủ ở cơ sở)",
        "BIÊN BẢN",
        f"Kết quả cộng đồng dân cư bàn và quyết định: {d.title}",
    )
    w.heading("1. Thời gian, địa điểm")
    w.para(f"Vào lúc {_time(d)}, tại {_where(d)}; kết thúc biểu quyết lúc {format_datetime(d.closed_at)}.")
    w.heading("2. Số hộ gia đình")
    w.para(f"- Tổng số hộ gia đình của {d.unit.name}: {d.households_total};")
    w.para(f"- Số hộ gia đình có đại diện tham gia: {d.counted_count};")
    w.para(f"- Số hộ gia đình không có đại diện tham gia: {absent}.")
    w.heading("3. Nội dung bàn và quyết định")
    w.para(f"{d.matter_info.title} ({d.matter_info.citation}): {d.title}.")
    w.para(d.content)
    w.heading("4. Hình thức quyết định")
    w.para(_forms_used(d, result.by_channel) + ".")
    w.heading("5. Kết quả biểu quyết, kiểm phiếu")
    rows = [
        [
            t.get_channel_display() + (f" — {t.cluster}" if t.cluster else ""),
            t.households,
            t.yes,
            t.no,
            t.other,
        ]
        for t in d.tallies.all()
    ]
    online = online_counts(d)
    if online["total"]:
        rows.append([Channel.ONLINE.label, online["total"], online["yes"], online["no"], online["other"]])
    rows.append(["Cộng", d.counted_count, d.yes_count, d.no_count, d.other_count])
    w.table(
        ["Hình thức", "Số hộ", "Tán thành", "Không tán thành", "Ý kiến khác"],
        [[str(x) for x in r] for r in rows],
        numeric=(1, 2, 3, 4),
    )
    w.counts(d.yes_count, d.no_count, d.other_count, of=d.households_total)
    w.heading("6. Quyết định")
    verdict = "ĐƯỢC THÔNG QUA" if d.status == Status.PASSED else "KHÔNG ĐƯỢC THÔNG QUA"
    w.para(
        f"Nội dung “{d.title}” {verdict}: {d.yes_count} trên {d.households_total} hộ gia đình tán thành, cần "
        f"ít nhất {d.required} hộ (căn cứ {d.rule_citation})."
    )
    if d.matter_info.recognised_by and d.status == Status.PASSED:
        w.para(f"Quyết định có hiệu lực khi được {d.matter_info.recogniser} công nhận (Điều 21, khoản 2).")
    w.para(
        "Biên bản được gửi đến Ủy ban nhân dân cấp xã và Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã (Điều 20, "
        "khoản 2)."
    )
    w.signatures(
        [
            (head_title(d.unit), d.hamlet_head_name),
            ("Trưởng ban công tác Mặt trận", d.front_head_name),
            ("Đại diện hộ gia đình", ""),
            ("Đại diện hộ gia đình", ""),
        ]
    )
    return w.c


def notice_docx(decision) -> bytes:
    """Form 01 as DOCX."""
    return docx_bytes(notice_content(decision))


def notice_pdf(decision) -> bytes:
    """Form 01 as PDF (the same content)."""
    return pdf_bytes(notice_content(decision))


def counting_docx(tally) -> bytes:
    """Form 02 as DOCX."""
    return docx_bytes(counting_content(tally))


def counting_pdf(tally) -> bytes:
    """Form 02 as PDF (the same content)."""
    return pdf_bytes(counting_content(tally))


def online_docx(decision) -> bytes:
    """Form 03 as DOCX."""
    return docx_bytes(online_content(decision))


def online_pdf(decision) -> bytes:
    """Form 03 as PDF (the same content)."""
    return pdf_bytes(online_content(decision))


def ballot_docx(tally) -> bytes:
    """Form 04 as DOCX."""
    return docx_bytes(ballot_content(tally))


def ballot_pdf(tally) -> bytes:
    """Form 04 as PDF (the same content)."""
    return pdf_bytes(ballot_content(tally))


def minutes_docx(decision) -> bytes:
    """the Art. 20 minutes as DOCX."""
    return docx_bytes(minutes_content(decision))


def minutes_pdf(decision) -> bytes:
    """the Art. 20 minutes as PDF (the same content)."""
    return pdf_bytes(minutes_content(decision))


def file_name(decision: Decision, kind: str, tally: Tally | None = None, ext: str = "docx") -> str:
    suffix = f"-{tally.pk}" if tally is not None else ""
    return f"{kind}-viec-{decision.pk}{suffix}.{ext}"
