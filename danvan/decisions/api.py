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


class InitiativeOut(Schema):
    id: int
    title: str
    matter: str
    status: Literal["collecting", "reached", "approved", "drafted"]
    proposed_on: str
    consents: int
    households: int
    required: int | None


@router.get(
    "/initiatives",
    response={200: list[InitiativeOut], 400: ErrorOut, 404: ErrorOut},
    summary="Sáng kiến của công dân trong một thôn, tổ dân phố",
    description=(
        "Các sáng kiến của công dân (Điều 16 Luật 10/2022/QH15) của thôn, tổ dân phố có mã `hamlet`: số hộ đồng "
        "thuận còn giá trị hôm nay, tổng số hộ của thôn và số hộ đồng thuận cần thiết (từ 10%). Chỉ có số liệu, "
        "không có thông tin cá nhân. Mặc định chỉ lấy sáng kiến đang lấy ý kiến đồng thuận "
        "(`include_closed=true`: cả sáng kiến đã đưa ra cộng đồng); tối đa 100 sáng kiến mới nhất."
    ),
)
def initiatives_view(
    request,
    hamlet: str = Query("", description="Mã thôn, tổ dân phố", example="30001-01"),
    include_closed: bool = Query(False, description="Cả sáng kiến đã đưa ra cộng đồng dân cư"),
):
    from danvan.core.formatting import local_today

    from .models import Initiative
    from .selectors import hamlet_by_code, open_initiatives, with_consent_counts

    code = (hamlet or "").strip()
    if not code:
        raise HttpError(400, "Thiếu mã thôn, tổ dân phố (hamlet).")
    unit = hamlet_by_code(code)
    if unit is None:
        raise HttpError(404, f"Không có thôn, tổ dân phố mã “{code}”.")
    today = local_today()
    rows = (
        open_initiatives(unit)
        if not include_closed
        else Initiative.objects.filter(hamlet=unit).order_by("-proposed_on", "-pk")
    )
    out = []
    for i in with_consent_counts(rows, today)[:100]:
        required = (
            threshold("initiative", "hamlet", i.households_now, today).required if i.households_now else None
        )
        out.append(
            {
                "id": i.pk,
                "title": i.title,
                "matter": i.matter,
                "status": i.status,
                "proposed_on": i.proposed_on.isoformat(),
                "consents": i.consents_valid,
                "households": i.households_now,
                "required": required,
            }
        )
    return out
