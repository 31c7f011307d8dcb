"""Minutes (biên bản) of a held dialogue and of a reception day, as DOCX in the State document format
(Decree 30/2020/NĐ-CP): the issuing body top left over "Số:      /BB-UBND", the national title and the
underlined motto top right over the place and date in italics, "BIÊN BẢN" and its summary, the participants,
the content, the commitments and the signature blocks; A4, Times New Roman.

- **Issuer and symbol from data.** No unit holds a stored issuer name or document symbol (the disclosures'
  demo documents derive theirs from the unit too), so `issuer_of(unit)` derives them from the unit's kind and
  name, at the unit's administrative level: an administrative unit issues as its People's Committee
  ("ỦY BAN NHÂN DÂN XÃ TRÀM CHIM", superior "UBND HUYỆN TAM NÔNG", symbol "BB-UBND"); a hamlet, village or
  residential group issues through its commune; an organisation (the Front, a mass organisation, an agency)
  under its own name with the abbreviation of its kind. The number is left blank: the clerk (văn thư)
  numbers a document when registering it (Decree 30, Art. 15).
- **No denouncer identity.** A denunciation on a dialogue's agenda appears as one redacted line (neither its
  topic nor what was said); a reception visit about a denunciation names nobody and shows only the case's
  redacted text, as the reception log does.
- **In the background.** `minutes_request` (reception.manage) stores a pending `Minutes` and queues
  `tasks.build_minutes` after commit; `minutes_build` (the task body) claims it, writes the DOCX into the
  private storage and marks it ready (or failed, with a message). The officer's page refreshes itself
  without JavaScript until it is ready, then offers the download (reception.view, through the access gate).
"""

import datetime as dt
import io
from dataclasses import dataclass

from django.db import transaction

from danvan.core.documents import (
    MOTTO,
    NATIONAL_TITLE,
    a4_document,
    heading_table,
    long_date,
    paragraph,
    place_of,
)
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date

from .models import (
    Dialogue,
    DialogueStatus,
    Minutes,
    MinutesStatus,
    ReceptionSession,
    ReceptionVisit,
    SessionStatus,
    VisitOutcome,
)

DOCUMENT_KIND = "BB"  # biên bản (Decree 30/2020, Appendix III)
REDACTED_DENUNCIATION = (
    "Một nội dung tố cáo (nội dung và thông tin của người tố cáo được giữ bí mật theo Luật Tố cáo năm 2018)."
)
SECRET_DENOUNCER = "Người tố cáo (thông tin được giữ bí mật)"

# The abbreviation of an organisation's name in its document symbol.
KIND_ABBREVIATIONS = {
    "peoples_committee": "UBND",
    "peoples_council": "HĐND",
    "fatherland_front": "MTTQ",
    "womens_union": "HLHPN",
    "farmers_union": "HND",
    "veterans_association": "HCCB",
    "youth_union": "ĐTN",
    "trade_union": "CĐ",
    "mobilisation_commission": "BDV",
}


@dataclass(frozen=True)
class Issuer:
    parent: str  # the superior body, upright ("UBND HUYỆN TAM NÔNG"); may be empty
    name: str  # the issuing body, bold ("ỦY BAN NHÂN DÂN XÃ TRÀM CHIM")
    abbreviation: str  # "UBND"
    place: str  # the place in the place-and-date line ("Tràm Chim")
    signer_body: str  # "TM. ỦY BAN NHÂN DÂN"
    in_sentence: str = ""  # "Ủy ban nhân dân xã Tràm Chim"

    @property
    def number(self) -> str:
        return f"Số:      /{DOCUMENT_KIND}-{self.abbreviation}"


def _upper(name: str) -> str:
    return name.upper()


def _committee(unit) -> str:
    return f"ỦY BAN NHÂN DÂN {_upper(unit.name)}"


def issuer_of(unit) -> Issuer:
    """The issuing body of a minutes of `unit`, derived from its kind and name (see the module docstring)."""
    from danvan.units.models import ADMIN_LEVEL, Level

    level = ADMIN_LEVEL.get(unit.kind)
    if level == Level.HAMLET and unit.parent is not None:
        return issuer_of(unit.parent)
    if level is not None:
        parent = unit.parent if unit.parent is not None and unit.parent.kind in ADMIN_LEVEL else None
        return Issuer(
            parent=f"UBND {_upper(parent.name)}" if parent else "",
            name=_committee(unit),
            abbreviation="UBND",
            place=place_of(unit),
            signer_body="TM. ỦY BAN NHÂN DÂN",
            in_sentence=f"Ủy ban nhân dân {unit.name_in_sentence}",
        )
    parent = unit.parent
    while parent is not None and parent.kind not in ADMIN_LEVEL:
        parent = parent.parent
    abbreviation = KIND_ABBREVIATIONS.get(unit.kind) or "".join(
        w[:1].upper() for w in unit.name.split() if w[:1].isalpha()
    )
    return Issuer(
        parent=_upper(parent.name) if parent is not None else "",
        name=_upper(unit.name),
        abbreviation=abbreviation or "UBND",
        place=place_of(parent) if parent is not None else place_of(unit),
        signer_body=f"TM. {_upper(unit.name)}",
        in_sentence=unit.name,
    )


# ---------------------------------------------------------------- the document


class _Writer:
    def __init__(self):
        self.doc = a4_document(space_after=6)

    def _line(self, cell_or_doc, text, **style):
        return paragraph(cell_or_doc, text, **style)

    def header(self, issuer: Issuer, day: dt.date):
        left, right = heading_table(self.doc)
        if issuer.parent:
            self._line(left, issuer.parent, size=13)
        self._line(left, issuer.name, bold=True, size=13)
        self._line(left, issuer.number, size=13)
        self._line(right, NATIONAL_TITLE, bold=True, size=13)
        self._line(right, MOTTO, bold=True, underline=True, size=14)
        self._line(right, f"{issuer.place}, {long_date(day)}", italic=True, size=14)

    def title(self, kind: str, summary: str):
        self.doc.add_paragraph()
        self._line(self.doc, kind, bold=True, size=15)
        self._line(self.doc, summary, bold=True, size=14)

    def heading(self, text: str):
        self._line(self.doc, text, bold=True, align="left")

    def para(self, text: str, *, italic=False):
        for line in (text or "").split("\n"):
            if line.strip():
                self._line(self.doc, line.strip(), italic=italic, align="justify")

    def labelled(self, label: str, text: str):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        lines = [x.strip() for x in (text or "").split("\n") if x.strip()] or ["—"]
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.add_run(f"{label}: ").bold = True
        p.add_run(lines[0])
        for line in lines[1:]:
            self._line(self.doc, line, align="justify")

    def signatures(self, blocks: list[tuple[str, str]]):
        self.doc.add_paragraph()
        table = self.doc.add_table(rows=1, cols=len(blocks))
        for cell, (role, name) in zip(table.rows[0].cells, blocks, strict=True):
            cell.paragraphs[0].text = ""
            for line in role.split("\n"):
                self._line(cell, line, bold=True)
            self._line(cell, "(Ký, ghi rõ họ tên)", italic=True, size=13)
            for _ in range(3):
                cell.add_paragraph()
            self._line(cell, name or " ", bold=True)
            first = cell.paragraphs[0]
            if not first.text:
                first._element.getparent().remove(first._element)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _is_denunciation(case) -> bool:
    from danvan.cases.models import Kind

    return case is not None and case.kind == Kind.DENUNCIATION


def _commitment_lines(w: _Writer, commitments) -> None:
    if not commitments:
        w.para("Không có cam kết nào.")
        return
    for n, c in enumerate(commitments, 1):
        owner = c.owner_unit + (f" ({c.owner_person})" if c.owner_person else "")
        w.para(f"{n}. {c.content} — Đơn vị thực hiện: {owner}; hạn hoàn thành: {format_date(c.due)}.")


def dialogue_docx(dialogue: Dialogue, progress=None) -> bytes:
    """The minutes of a held dialogue."""
    d = dialogue
    issuer = issuer_of(d.unit)
    day = d.held_on or d.day
    w = _Writer()
    w.header(issuer, day)
    w.title("BIÊN BẢN", f"Hội nghị đối thoại: {d.topic}")
    w.para(
        f"Vào lúc {d.start_time:%H} giờ {d.start_time:%M} phút, {long_date(day)}, tại {d.place}, "
        f"{issuer.in_sentence} tổ chức hội nghị đối thoại với Nhân dân."
    )
    w.heading("I. THÀNH PHẦN THAM DỰ")
    w.labelled("Chủ trì", f"{d.host_name}, {d.host_role}")
    w.labelled("Đơn vị phối hợp", d.co_organisers)
    w.labelled("Thành phần mời", d.invitees)
    w.labelled("Thành phần tham dự (cán bộ và công dân)", d.attendance)
    if progress:
        progress(30)
    w.heading("II. NỘI DUNG ĐỐI THOẠI")
    items = list(d.items.select_related("case").order_by("order", "pk"))
    if not items:
        w.para("Hội nghị không có nội dung đối thoại nào.")
    for n, item in enumerate(items, 1):
        if _is_denunciation(item.case):
            w.heading(f"{n}. Nội dung tố cáo")
            w.para(REDACTED_DENUNCIATION, italic=True)
            continue
        w.heading(f"{n}. {item.topic}")
        w.labelled("Ý kiến của công dân", item.citizens_said)
        w.labelled("Nội dung trả lời, giải thích", item.answer)
        if item.outcome:
            w.labelled("Kết quả", item.outcome)
    if progress:
        progress(60)
    w.heading("III. KẾT LUẬN CỦA HỘI NGHỊ")
    w.para(d.summary or "—")
    w.heading("IV. CÁC CAM KẾT, KẾT LUẬN GIAO VIỆC")
    _commitment_lines(w, list(d.commitments.order_by("due", "pk")))
    w.para(
        "Hội nghị kết thúc vào cùng ngày. Biên bản đã được đọc lại cho những người tham dự nghe và thống nhất; "
        "biên bản được lập thành 03 bản có giá trị như nhau."
    )
    w.signatures([("NGƯỜI GHI BIÊN BẢN", ""), (f"CHỦ TRÌ HỘI NGHỊ\n{d.host_role.upper()}", d.host_name)])
    return w.bytes()


def session_visits(session: ReceptionSession):
    """The visits of a reception day: those logged on the session, and the unit's visits of that day that
    were logged without naming a session."""
    from django.db.models import Q

    return (
        ReceptionVisit.objects.filter(
            Q(session=session) | Q(session__isnull=True, unit_id=session.unit_id, visited_on=session.day)
        )
        .select_related("case")
        .order_by("pk")
    )


def _visit_who(visit: ReceptionVisit) -> str:
    if _is_denunciation(visit.case):
        return SECRET_DENOUNCER + (f", đoàn {visit.people} người" if visit.is_group else "")
    if visit.is_group:
        reps = ", ".join(x.strip() for x in visit.representatives.split("\n") if x.strip())
        return f"Đoàn {visit.people} người" + (f" (đại diện: {reps})" if reps else "")
    who = visit.citizen_name or "Công dân"
    return who + (f", {visit.citizen_address}" if visit.citizen_address else "")


def _visit_outcome(visit: ReceptionVisit) -> str:
    text = visit.get_outcome_display()
    if visit.outcome in (VisitOutcome.NEW_CASE, VisitOutcome.EXISTING_CASE) and visit.case is not None:
        text += f" (hồ sơ {visit.case.code})"
    if visit.outcome == VisitOutcome.GUIDANCE and visit.guidance:
        text += f": {visit.guidance}"
    if visit.outcome == VisitOutcome.REFUSED:
        text += f": {visit.get_refusal_ground_display()} ({visit.refusal_citation})"
    if visit.answer_due:
        text += f". Hạn trả lời bằng văn bản: {format_date(visit.answer_due)}"
    return text


def session_docx(session: ReceptionSession, progress=None) -> bytes:
    """The minutes of a reception day: who received, every visit and its outcome, the commitments made."""
    from .models import Commitment

    s = session
    issuer = issuer_of(s.unit)
    w = _Writer()
    w.header(issuer, s.day)
    w.title("BIÊN BẢN", f"Buổi tiếp công dân {long_date(s.day)}")
    w.para(
        f"Vào lúc {s.start_time:%H} giờ {s.start_time:%M} phút, {long_date(s.day)}, tại {s.place}, "
        f"{s.get_host_role_display()} {s.host_name} tiếp công dân theo lịch đã thông báo."
    )
    visits = list(session_visits(s))
    people = sum(v.people for v in visits)
    w.heading("I. THÀNH PHẦN")
    w.labelled("Người tiếp công dân", f"{s.host_name}, {s.get_host_role_display()}")
    receivers = sorted(
        {v.receiver_name for v in visits if v.receiver_name and v.receiver_name != s.host_name}
    )
    if receivers:
        w.labelled("Cán bộ tham gia tiếp", ", ".join(receivers))
    w.labelled("Công dân đến", f"{len(visits)} lượt, {people} người")
    if progress:
        progress(30)
    w.heading("II. NỘI DUNG TIẾP CÔNG DÂN")
    if not visits:
        w.para("Không có công dân đến trong buổi tiếp.")
    for n, v in enumerate(visits, 1):
        w.heading(f"{n}. {_visit_who(v)}")
        w.labelled("Nội dung trình bày", v.subject)
        w.labelled("Kết quả", _visit_outcome(v))
    if progress:
        progress(60)
    w.heading("III. CÁC CAM KẾT, KẾT LUẬN GIAO VIỆC")
    commitments = list(Commitment.objects.filter(visit__in=visits).order_by("due", "pk")) if visits else []
    _commitment_lines(w, commitments)
    w.para("Biên bản được lập vào cuối buổi tiếp công dân.")
    w.signatures(
        [
            ("NGƯỜI GHI BIÊN BẢN", ""),
            (f"NGƯỜI TIẾP CÔNG DÂN\n{s.get_host_role_display().upper()}", s.host_name),
        ]
    )
    return w.bytes()


# ---------------------------------------------------------------- the background work


def _file_name(minutes: Minutes) -> str:
    if minutes.dialogue_id:
        d = minutes.dialogue
        return f"bien-ban-doi-thoai-{(d.held_on or d.day):%Y%m%d}.docx"
    return f"bien-ban-tiep-cong-dan-{minutes.session.day:%Y%m%d}.docx"


@transaction.atomic
def minutes_request(
    *, actor, dialogue: Dialogue | None = None, session: ReceptionSession | None = None
) -> Minutes:
    """Ask for the minutes of a held dialogue or of a reception day (not cancelled, not in the future); the
    DOCX is written by a background task after commit. A request already pending is returned as it is."""
    from danvan.core.formatting import local_today
    from danvan.core.tasks import enqueue_on_commit

    from .services import _audit, _require, _user

    if (dialogue is None) == (session is None):
        raise DomainError("Biên bản phải là của một hội nghị đối thoại hoặc một buổi tiếp công dân.")
    origin = dialogue or session
    _require(actor, origin.unit, "Bạn không có quyền lập biên bản tiếp công dân, đối thoại của đơn vị này.")
    if dialogue is not None and dialogue.status != DialogueStatus.HELD:
        raise DomainError("Chỉ lập biên bản khi hội nghị đối thoại đã được tổ chức.", code="status")
    if session is not None:
        if session.status == SessionStatus.CANCELLED:
            raise DomainError("Buổi tiếp công dân đã huỷ, không lập biên bản được.", code="status")
        if session.day > local_today():
            raise DomainError("Buổi tiếp công dân chưa diễn ra, chưa lập biên bản được.", code="status")
    pending = Minutes.objects.filter(
        dialogue=dialogue, session=session, status__in=[MinutesStatus.PENDING, MinutesStatus.RUNNING]
    ).first()
    if pending is not None:
        return pending
    minutes = Minutes.objects.create(
        unit=origin.unit, dialogue=dialogue, session=session, requested_by=_user(actor)
    )
    _audit(
        actor,
        "dialogue.minutes" if dialogue is not None else "reception.session_minutes",
        origin,
        origin.unit,
        {"minutes": [None, minutes.pk]},
    )
    from .tasks import build_minutes

    enqueue_on_commit(build_minutes, minutes.pk)
    return minutes


def minutes_build(minutes_id: int) -> Minutes | None:
    """The task body: claim a pending request, write the DOCX into the private storage, mark it ready — or
    failed with a message (the officer may ask again)."""
    import logging

    from django.core.files.base import ContentFile
    from django.utils import timezone

    if not Minutes.objects.filter(pk=minutes_id, status=MinutesStatus.PENDING).update(
        status=MinutesStatus.RUNNING, progress=10
    ):
        return Minutes.objects.filter(pk=minutes_id).first()
    m = Minutes.objects.select_related("dialogue__unit__parent", "session__unit__parent").get(pk=minutes_id)

    def progress(percent: int) -> None:
        Minutes.objects.filter(pk=minutes_id).update(progress=percent)

    try:
        if m.dialogue_id:
            data = dialogue_docx(m.dialogue, progress)
        else:
            data = session_docx(m.session, progress)
        name = _file_name(m)
        m.file.save(name, ContentFile(data), save=False)
        Minutes.objects.filter(pk=minutes_id).update(
            file=m.file.name,
            file_name=name,
            status=MinutesStatus.READY,
            progress=100,
            finished_at=timezone.now(),
        )
    except Exception:
        logging.getLogger(__name__).exception("minutes %s failed", minutes_id)
        Minutes.objects.filter(pk=minutes_id).update(
            status=MinutesStatus.FAILED,
            message="Không lập được biên bản do lỗi hệ thống; vui lòng thử lại.",
            finished_at=timezone.now(),
        )
    return Minutes.objects.get(pk=minutes_id)
