"""Conventions endpoints (/api/v1/conventions/…): public reads of the conventions in force or in comment —
the list by commune or hamlet code and one convention's text by article. No personal data (comments are not
exposed). Bad parameters answer 400, an unknown or unpublished convention 404, `{"detail": "<Vietnamese>"}`."""

from typing import Literal

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from danvan.api.schemas import ErrorOut

from . import selectors

router = Router(tags=["conventions"])
STATUS = Literal[
    "comment", "in_force", "suspended", "drafting", "voting", "adopted", "not_adopted", "refused", "annulled"
]


class ConventionOut(Schema):
    id: int
    title: str
    kind: Literal["huong_uoc", "quy_uoc"]
    status: STATUS
    hamlet: str
    hamlet_code: str
    commune: str
    commune_code: str


class ConventionArticleOut(Schema):
    number: int
    heading: str
    text: str


class ConventionTextOut(ConventionOut):
    version: int
    version_status: str
    preamble: str
    comment_opens_on: str | None
    comment_closes_on: str | None
    recognised_on: str | None
    recognition_number: str
    articles: list[ConventionArticleOut]


def _row(c) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "kind": c.kind,
        "status": c.status,
        "hamlet": c.hamlet.name,
        "hamlet_code": c.hamlet.code,
        "commune": c.commune.name,
        "commune_code": c.commune.code,
    }


@router.get(
    "/",
    response={200: list[ConventionOut], 400: ErrorOut, 404: ErrorOut},
    summary="Hương ước, quy ước đang có hiệu lực hoặc đang lấy ý kiến",
    description="Theo mã xã hoặc mã thôn, tổ dân phố (`unit`); tối đa 200 hương ước, quy ước.",
)
def conventions_view(
    request, unit: str = Query("", description="Mã xã hoặc thôn, tổ dân phố", example="30025")
):
    from danvan.units.selectors import unit_by_code

    code = (unit or "").strip()
    place = None
    if code:
        # as in force (codes are reused across reforms)
        place = unit_by_code(code) if "\x00" not in code and len(code) <= 64 else None
        if place is None:
            raise HttpError(404, f"Không có đơn vị mã “{code}”.")
    return [_row(c) for c in selectors.public_conventions(place=place)[:200]]


@router.get(
    "/{pk}",
    response={200: ConventionTextOut, 400: ErrorOut, 404: ErrorOut},
    summary="Nội dung một hương ước, quy ước theo từng điều",
    description="Bản đang lấy ý kiến nếu có, nếu không là bản đang có hiệu lực.",
)
def convention_view(request, pk: int):
    c = selectors.public_convention(pk)
    if c is None:
        raise HttpError(404, "Không tìm thấy hương ước, quy ước.")
    v = selectors.public_version(c)
    if v is None:
        raise HttpError(404, "Không tìm thấy hương ước, quy ước.")
    return {
        **_row(c),
        "version": v.number,
        "version_status": v.status,
        "preamble": v.preamble,
        "comment_opens_on": v.opens_on.isoformat() if v.opens_on else None,
        "comment_closes_on": v.closes_on.isoformat() if v.closes_on else None,
        "recognised_on": v.recognised_on.isoformat() if v.recognised_on else None,
        "recognition_number": v.recognition_number,
        "articles": [
            {"number": a.number, "heading": a.heading, "text": a.text} for a in v.articles.order_by("number")
        ],
    }
