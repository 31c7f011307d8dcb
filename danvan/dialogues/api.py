"""The reception API (/api/v1/reception/…): a unit's announced reception days. Public and read-only.

Dates are ISO `YYYY-MM-DD`; a range is at most 366 days; bad input answers HTTP 400 `{"detail": "<Vietnamese>"}`.
"""

import datetime as dt
from typing import Literal

from ninja import Router, Schema
from ninja.errors import HttpError

from danvan.api.schemas import ErrorOut
from danvan.core.formatting import local_today
from danvan.units.selectors import unit_by_code

from . import selectors
from .models import HostRole

router = Router(tags=["reception"])
MAX_RANGE_DAYS = 366


class ReceptionDayOut(Schema):
    day: dt.date
    start_time: dt.time
    end_time: dt.time
    host_role: Literal[tuple(HostRole.values)]  # type: ignore[valid-type]
    host_role_label: str
    host_name: str
    place: str
    cancelled: bool
    cancel_reason: str
    replaces: dt.date | None


def _date(raw: str | None, default: dt.date, label: str) -> dt.date:
    if raw is None or not raw.strip():
        return default
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise HttpError(400, f"{label} không hợp lệ (định dạng YYYY-MM-DD, ví dụ 2026-03-02).")


@router.get(
    "/{code}/days",
    response={200: list[ReceptionDayOut], 400: ErrorOut, 404: ErrorOut},
    summary="Các ngày tiếp công dân của đơn vị",
    description="Các ngày tiếp công dân đã công bố của đơn vị `code` (cả ngày đã huỷ, kèm lý do) từ ngày `start` "
    "(mặc định hôm nay) đến ngày `end` (mặc định 60 ngày sau), tối đa 366 ngày.",
)
def days(request, code: str, start: str | None = None, end: str | None = None):
    unit = unit_by_code(code)
    if unit is None:
        raise HttpError(404, "Không tìm thấy đơn vị.")
    today = local_today()
    lo = _date(start, today, "Ngày bắt đầu")
    hi = _date(end, lo + dt.timedelta(days=60), "Ngày kết thúc")
    if hi < lo or (hi - lo).days > MAX_RANGE_DAYS:
        raise HttpError(400, "Khoảng ngày phải từ 1 đến 366 ngày, ngày kết thúc không trước ngày bắt đầu.")
    return [
        {
            "day": s.day,
            "start_time": s.start_time,
            "end_time": s.end_time,
            "host_role": s.host_role,
            "host_role_label": str(HostRole(s.host_role).label),
            "host_name": s.host_name,
            "place": s.place,
            "cancelled": s.is_cancelled,
            "cancel_reason": s.cancel_reason,
            "replaces": s.replaces.day if s.replaces_id else None,
        }
        for s in selectors.public_sessions(unit, lo, hi).filter(unit=unit)
    ]
