"""The calendar API (/api/v1/calendar/…): statutory deadlines, working-day counts and the rules in force.

Public and read-only. Dates are ISO `YYYY-MM-DD`; bad input answers HTTP 400 `{"detail": "<Vietnamese>"}`.
"""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from danvan.api.schemas import ErrorOut
from danvan.core.formatting import local_today

from . import selectors, services

router = Router(tags=["calendar"])

PeriodUnit = Literal["calendar_days", "working_days", "months"]


class DeadlineOut(Schema):
    due: dt.date
    rule: str
    value: int
    unit: PeriodUnit
    citation: str


class WorkingDaysOut(Schema):
    working_days: int


class RuleOut(Schema):
    key: str
    title: str
    area: str
    value: int | float
    unit: Literal["calendar_days", "working_days", "months", "fraction", "count"]
    comparator: Literal[">=", ">", "<=", ""]
    value_display: str
    valid_from: dt.date
    valid_to: dt.date | None
    citation: str
    source_status: Literal["verified", "secondary", "unverified"]


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _parse_date(raw: str | None, label: str) -> dt.date:
    if raw is None or not raw.strip():
        raise HttpError(400, f"Thiếu {label} (định dạng YYYY-MM-DD, ví dụ 2026-02-12).")
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise HttpError(
            400,
            f"{label.capitalize()} “{raw}” không hợp lệ; hãy dùng định dạng YYYY-MM-DD, ví dụ 2026-02-12.",
        )


@router.get(
    "/deadline",
    response={200: DeadlineOut, 400: ErrorOut},
    summary="Tính hạn theo quy định",
    description=(
        "Ngày cuối cùng của thời hạn `rule` bắt đầu từ ngày `start` (không tính ngày bắt đầu, Bộ luật Dân sự "
        "2015 Điều 147–148), theo phiên bản quy định có hiệu lực vào ngày `start`. Thời hạn tính bằng ngày làm "
        "việc bỏ qua thứ Bảy, Chủ nhật, ngày lễ, Tết và ngày nghỉ bù; thời hạn tính bằng ngày kết thúc vào ngày "
        "làm việc kế tiếp nếu ngày cuối cùng là ngày nghỉ."
    ),
)
def deadline(
    request,
    rule: str | None = Query(
        None, description="Mã quy định, ví dụ complaint.accept", example="complaint.accept"
    ),
    start: str | None = Query(None, description="Ngày bắt đầu tính hạn (YYYY-MM-DD)", example="2026-02-12"),
):
    if not rule or not rule.strip():
        raise HttpError(400, "Thiếu mã quy định (tham số rule), ví dụ complaint.accept.")
    start_day = _parse_date(start, "ngày bắt đầu (tham số start)")
    result = services.compute_deadline(rule.strip(), start_day)
    return {
        "due": result.due,
        "rule": result.rule_key,
        "value": _number(result.value),
        "unit": result.unit,
        "citation": result.citation,
    }


@router.get(
    "/working-days",
    response={200: WorkingDaysOut, 400: ErrorOut},
    summary="Đếm số ngày làm việc",
    description="Số ngày làm việc sau ngày `start` cho đến hết ngày `end` (không tính ngày `start`).",
)
def working_days(
    request,
    start: str | None = Query(
        None, description="Ngày bắt đầu (YYYY-MM-DD), không được tính", example="2026-02-12"
    ),
    end: str | None = Query(None, description="Ngày kết thúc (YYYY-MM-DD), được tính", example="2026-03-05"),
):
    start_day = _parse_date(start, "ngày bắt đầu (tham số start)")
    end_day = _parse_date(end, "ngày kết thúc (tham số end)")
    if end_day < start_day:
        raise HttpError(
            400, f"Ngày kết thúc {end_day:%d/%m/%Y} không được trước ngày bắt đầu {start_day:%d/%m/%Y}."
        )
    return {"working_days": services.working_days_between(start_day, end_day)}


@router.get(
    "/rules",
    response={200: list[RuleOut], 400: ErrorOut},
    summary="Các quy định đang có hiệu lực",
    description="Bộ quy định pháp lý (thời hạn, tỷ lệ, số lượng) có hiệu lực vào ngày `on` (mặc định hôm nay), "
    "kèm căn cứ pháp lý và mức độ kiểm chứng.",
)
def rules(
    request,
    on: str | None = Query(None, description="Ngày xem hiệu lực (YYYY-MM-DD), mặc định hôm nay"),
):
    day = _parse_date(on, "ngày (tham số on)") if on else local_today()
    return [
        {
            "key": r.key,
            "title": r.title,
            "area": selectors.area_name(r.area),
            "value": _number(r.value),
            "unit": r.unit,
            "comparator": r.comparator,
            "value_display": r.value_display(),
            "valid_from": r.valid_from,
            "valid_to": r.valid_to,
            "citation": r.citation,
            "source_status": r.source_status,
        }
        for r in services.rules_in_force(day)
    ]
