"""Decisions endpoints (/api/v1/decisions/…): the public threshold calculator, read from the rulebook in force
on a date. Bad parameters answer 400 `{"detail": "<Vietnamese>"}`."""

from typing import Literal

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from danvan.api.schemas import ErrorOut
from danvan.rulebook.api import _parse_date

from .thresholds import MAX_COUNT, threshold

router = Router(tags=["decisions"])


class ThresholdOut(Schema):
    required: int
    of: int
    comparator: Literal[">=", ">"]
    fraction: str
    rule: str
    citation: str
    words: str


def _parse_count(raw: str | None) -> int:
    text = (raw or "").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_COUNT:
        raise HttpError(400, f"Số lượng “{raw or ''}” không hợp lệ; hãy dùng số nguyên từ 1 đến {MAX_COUNT}.")
    return int(text)


@router.get(
    "/threshold",
    response={200: ThresholdOut, 400: ErrorOut},
    summary="Tính số phiếu tán thành cần thiết",
    description=(
        "Số phiếu tán thành ít nhất để một nội dung được thông qua, theo quy định có hiệu lực vào ngày `on`: "
        "nội dung 1–2 Điều 15 Luật 10/2022/QH15 từ 2/3 tổng số hộ của thôn (toàn xã: từ 2/3 số thôn), nội dung "
        "3–6 trên 50% tổng số hộ; `procedural` trên 50% số đại diện hộ có mặt; `initiative` từ 10% số hộ; "
        "`online_poll` trên 50% số hộ. `count` là tổng số hộ của thôn (số thôn của xã với phạm vi toàn xã; số "
        "đại diện hộ có mặt với biểu quyết thủ tục)."
    ),
)
def threshold_view(
    request,
    matter: str = Query("", description="1…6, procedural, initiative hoặc online_poll", example="1"),
    scope: str = Query("hamlet", description="hamlet hoặc commune", example="hamlet"),
    count: str | None = Query(None, description="Mẫu số: số hộ, số thôn hoặc số hộ có mặt", example="200"),
    on: str | None = Query(None, description="Ngày áp dụng (YYYY-MM-DD)", example="2026-03-01"),
):
    day = _parse_date(on, "ngày áp dụng")
    n = _parse_count(count)
    t = threshold(matter, (scope or "").strip(), n, day)
    return {
        "required": t.required,
        "of": t.of,
        "comparator": t.comparator,
        "fraction": t.fraction_text,
        "rule": t.rule_key,
        "citation": t.citation,
        "words": t.words(),
    }
