"""Consultations endpoints (/api/v1/consultations/…): public reads of the consultations the public sees (never
a draft plan) and, once published, the synthesis — each opinion with its answer, web authors by display name
only, never contact data."""

import datetime as dt

from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from danvan.api.schemas import ErrorOut, paging
from danvan.core.errors import NotFoundOrForbidden

from . import selectors
from .access import access_public_consultation
from .models import Status as ConsultationStatus

router = Router(tags=["consultations"])

ConsultationPaging = paging(default_limit=20, max_limit=100)


class ConsultationOut(Schema):
    id: int
    title: str
    subject: str
    subject_title: str
    citation: str
    unit_code: str
    unit_name: str
    commune_code: str
    status: str
    status_label: str
    opens_on: dt.date
    closes_on: dt.date
    forms: list[str]
    published_on: dt.date | None
    url: str


class ConsultationPage(Schema):
    count: int
    items: list[ConsultationOut]


class SectionOut(Schema):
    id: int
    position: int
    heading: str
    text: str


class OpinionOut(Schema):
    id: int
    channel: str
    author: str
    stance: str
    text: str
    received_on: dt.date
    response: str
    response_text: str


class PartOut(Schema):
    section_id: int | None
    heading: str
    total: int
    agree: int
    disagree: int
    other: int
    accepted: int
    explained: int
    opinions: list[OpinionOut]


class SynthesisOut(Schema):
    total: int
    agree: int
    disagree: int
    other: int
    accepted: int
    explained: int
    majority: str
    by_channel: dict[str, int]
    parts: list[PartOut]


class OutcomeOut(Schema):
    text: str
    decided_on: dt.date
    follows_majority: bool
    explanation: str


class ConsultationDetailOut(ConsultationOut):
    content: str
    sections: list[SectionOut]
    synthesis: SynthesisOut | None
    outcome: OutcomeOut | None


def _row(c) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "subject": c.subject,
        "subject_title": c.get_subject_display(),
        "citation": c.subject_citation,
        "unit_code": c.unit.code,
        "unit_name": c.unit.name,
        "commune_code": c.commune.code,
        "status": c.status,
        "status_label": c.get_status_display(),
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "forms": list(c.forms),
        "published_on": c.published_on,
        "url": f"/lay-y-kien/y-kien/{c.pk}/",
    }


def _synthesis(c) -> dict:
    s = selectors.synthesis_of(c)
    counts = ("total", "agree", "disagree", "other", "accepted", "explained")
    return {
        **{k: getattr(s, k) for k in counts},
        "majority": c.majority_stance,
        "by_channel": s.by_channel,
        "parts": [
            {
                "section_id": p.section.pk if p.section else None,
                "heading": p.heading,
                **{k: getattr(p, k) for k in counts},
                "opinions": [
                    {
                        "id": o.pk,
                        "channel": o.channel,
                        "author": o.author_display,
                        "stance": o.stance,
                        "text": o.text,
                        "received_on": o.received_on,
                        "response": o.response,
                        "response_text": o.response_text,
                    }
                    for o in p.opinions
                ],
            }
            for p in s.parts
        ],
    }


@router.get(
    "/",
    response={200: ConsultationPage, 400: ErrorOut},
    summary="Các việc lấy ý kiến Nhân dân",
    description=(
        "Các việc lấy ý kiến Nhân dân (Điều 25–28 Luật 10/2022/QH15) đang lấy ý kiến, đã kết thúc, đã công khai "
        "báo cáo tổng hợp hoặc đã có quyết định; không gồm kế hoạch còn dự thảo. `status` lọc theo tình trạng "
        "(open, closed, published, decided); `unit` theo mã đơn vị (cả các đơn vị trực thuộc); mới nhất trước."
    ),
)
def list_consultations(
    request, paging: Query[ConsultationPaging], status: str | None = None, unit: str | None = None
):
    rows = selectors.public_consultations()
    if unit:
        from danvan.units.selectors import unit_by_code

        found = unit_by_code(unit.strip())
        if found is None:
            raise HttpError(400, f"Không có đơn vị mã “{unit}”.")
        rows = rows.filter(unit__path__startswith=found.path)
    if status:
        if status not in ConsultationStatus.values or status == ConsultationStatus.DRAFT:
            raise HttpError(
                400, f"Tình trạng “{status}” không hợp lệ; dùng open, closed, published hoặc decided."
            )
        rows = rows.filter(status=status)
    page = paging.page(rows)
    return {"count": page["count"], "items": [_row(c) for c in page["items"]]}


@router.get(
    "/{int:pk}",
    response={200: ConsultationDetailOut, 404: ErrorOut},
    summary="Một việc lấy ý kiến Nhân dân",
    description="Kế hoạch, dự thảo theo từng phần; khi đã công khai: báo cáo tổng hợp với nội dung tiếp thu, "
    "giải trình từng ý kiến; khi đã có quyết định: quyết định của cơ quan có thẩm quyền.",
)
def get_consultation(request, pk: int):
    try:
        c = access_public_consultation(pk)
    except NotFoundOrForbidden:
        return Status(404, {"detail": "Không tìm thấy việc lấy ý kiến."})
    out = _row(c)
    out["content"] = c.content
    out["sections"] = [
        {"id": s.pk, "position": s.position, "heading": s.heading, "text": s.text} for s in c.sections.all()
    ]
    out["synthesis"] = _synthesis(c) if c.synthesis_public else None
    out["outcome"] = (
        {
            "text": c.outcome_text,
            "decided_on": c.outcome_on,
            "follows_majority": bool(c.outcome_follows_majority),
            "explanation": c.outcome_explanation,
        }
        if c.status == ConsultationStatus.DECIDED
        else None
    )
    return out
