"""The narrative of a report and its first drafts, written from the figures (the officer edits them).

The structure is the usual one of a báo cáo sơ kết (reference/legal-and-domain.md §7.1): I. the situation and
the results by area, the general assessment (achievements, limitations, causes, lessons); II. directions and
tasks for the next period; III. proposals. `SECTIONS` lists the narrative keys in report order; one area per
section of the indicator registry ("area.<section key>").
"""

from __future__ import annotations

from dataclasses import dataclass

from danvan.core import indicators as ind
from danvan.core.formatting import format_date

from .figures import Line, format_value
from .periods import next_period_text

NBSP = "\u00a0"


@dataclass(frozen=True)
class NarrativeSection:
    key: str
    part: str  # "I", "II", "III": the report part it belongs to
    title: str
    title_en: str


def narrative_sections() -> list[NarrativeSection]:
    out = [NarrativeSection("situation", "I", "Tình hình Nhân dân, dư luận xã hội", "Situation")]
    out += [NarrativeSection(f"area.{key}", "I", vi, en) for key, vi, en in ind.SECTIONS]
    out += [
        NarrativeSection("achievements", "I", "Ưu điểm, kết quả đạt được", "Achievements"),
        NarrativeSection("limitations", "I", "Hạn chế", "Limitations"),
        NarrativeSection("causes", "I", "Nguyên nhân", "Causes"),
        NarrativeSection("lessons", "I", "Bài học kinh nghiệm", "Lessons"),
        NarrativeSection("directions", "II", "Phương hướng, nhiệm vụ", "Directions and tasks"),
        NarrativeSection("proposals", "III", "Đề xuất, kiến nghị", "Proposals"),
    ]
    return out


PART_TITLES = {
    "I": "TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN",
    "II": "PHƯƠNG HƯỚNG, NHIỆM VỤ {next}",
    "III": "ĐỀ XUẤT, KIẾN NGHỊ",
}


def democracy_words(year: int) -> str:
    """Law 10/2022 (in force 1/7/2023) replaced the "quy chế dân chủ ở cơ sở" by "dân chủ ở cơ sở"."""
    return "quy chế dân chủ ở cơ sở" if year < 2023 else "thực hiện dân chủ ở cơ sở"


def summary(period) -> str:
    """The document's summary line (trích yếu)."""
    year = period.start.year
    nxt = next_period_text(period.kind, year)
    return (
        f"sơ kết công tác dân vận và {democracy_words(year)} {period.title[:1].lower()}{period.title[1:]},"
        f" phương hướng, nhiệm vụ {nxt}"
    )


def _figure(line: Line, value, sep: str = ": ") -> str:
    """ "đơn thư tiếp nhận: 92", the value's own spaces unbreakable ("82.000.000 đ" never split over two
    lines of the document)."""
    label = line.label.removeprefix("— ")
    return f"{label[:1].lower()}{label[1:]}{sep}{format_value(line.measure, value).replace(' ', NBSP)}"


def _cite(items: list[tuple[Line, object]]) -> str:
    """The figures as one sentence; the parts of a figure ("— phản ánh", "— qua điện thoại") in brackets after
    it: "đơn thư tiếp nhận: 92 (phản ánh: 32; kiến nghị: 19)"."""
    groups: list[tuple[str, list[str]]] = []
    for line, value in items:
        if line.label.startswith("— ") and groups:
            groups[-1][1].append(_figure(line, value))
        else:
            groups.append((_figure(line, value), []))
    return "; ".join(head + (f" ({'; '.join(parts)})" if parts else "") for head, parts in groups)


def _get(values: dict, key: str):
    return values.get(key)


def draft_sections(unit, period, values: dict, lines_: list[Line]) -> dict:
    """{narrative key: draft text} citing `values` (never empty for the fixed parts; an area without any
    figure gets no draft)."""
    who = unit.name_in_sentence
    span = f"từ ngày {format_date(period.start)} đến ngày {format_date(period.cutoff)}"
    nxt = next_period_text(period.kind, period.start.year)
    drafts: dict[str, str] = {
        "situation": (
            f"Trong kỳ báo cáo ({span}), tình hình Nhân dân trên địa bàn {who} cơ bản ổn định; "
            "Nhân dân tin tưởng vào sự lãnh đạo của Đảng, sự quản lý, điều hành của chính quyền, "
            "tích cực tham gia các phong trào thi đua ở địa phương. Những vấn đề Nhân dân quan tâm, "
            "phản ánh được ghi nhận và xem xét giải quyết kịp thời."
        )
    }
    by_section: dict[str, list[tuple[Line, object]]] = {}
    for line in lines_:
        value = values.get(line.key)
        if value is None or value == 0:
            continue
        by_section.setdefault(line.section, []).append((line, value))
    for key, vi, _en in ind.SECTIONS:
        items = by_section.get(key)
        if not items:
            continue
        drafts[f"area.{key}"] = (
            f"Về {vi[:1].lower()}{vi[1:]}: các cấp, các ngành của {who} đã quan tâm triển khai thực hiện, "
            f"đạt được một số kết quả cụ thể trong kỳ — {_cite(items)}."
        )

    cited = []
    for key in (
        "dialogue.held",
        "cases.resolved",
        "cases.resolved_on_time_rate",
        "communities.contributions_vnd",
    ):
        line = next((ln for ln in lines_ if ln.key == key), None)
        if line is not None and values.get(key):
            cited.append(_figure(line, values[key], sep=" "))
    achievements = (
        "Cấp uỷ Đảng thường xuyên lãnh đạo, chỉ đạo công tác dân vận; chính quyền, Mặt trận Tổ quốc và các "
        "đoàn thể phối hợp chặt chẽ, phát huy quyền làm chủ của Nhân dân."
    )
    if cited:
        achievements += " Một số kết quả nổi bật: " + "; ".join(cited) + "."
    drafts["achievements"] = achievements

    shortfalls = []
    overdue, late = _get(values, "cases.overdue"), _get(values, "disclosures.late")
    if overdue:
        shortfalls.append(f"còn {format_value(ind.COUNT, overdue)} đơn thư quá hạn giải quyết")
    if late:
        shortfalls.append(f"{format_value(ind.COUNT, late)} nội dung công khai chưa đúng thời hạn")
    weak = _get(values, "communities.groups_assessed_weak")
    if weak:
        shortfalls.append(f"{format_value(ind.COUNT, weak)} hội quán, tổ tự quản hoạt động còn yếu")
    limitations = (
        "Công tác dân vận ở một số nơi chưa thường xuyên; việc nắm bắt tâm tư, nguyện vọng của Nhân dân có "
        "lúc chưa kịp thời."
    )
    if shortfalls:
        limitations += " Cụ thể: " + "; ".join(shortfalls) + "."
    drafts["limitations"] = limitations
    drafts["causes"] = (
        "Nguyên nhân khách quan: điều kiện kinh tế – xã hội của địa phương còn khó khăn, tình hình dịch bệnh, "
        "thời tiết ảnh hưởng đến sinh hoạt của Nhân dân. Nguyên nhân chủ quan: một số cấp uỷ, người đứng đầu "
        "chưa quan tâm đúng mức; năng lực của một bộ phận cán bộ làm công tác dân vận còn hạn chế."
    )
    drafts["lessons"] = (
        "Phải bám sát cơ sở, lắng nghe ý kiến của Nhân dân; phát huy vai trò nêu gương của cán bộ, đảng viên; "
        "kịp thời biểu dương, nhân rộng các mô hình, điển hình “Dân vận khéo”."
    )
    tasks = [
        f"Tiếp tục quán triệt, thực hiện các chủ trương của Đảng về công tác dân vận và {democracy_words(period.start.year)}",
        "nâng cao chất lượng tiếp công dân, đối thoại trực tiếp và giải quyết kịp thời phản ánh, kiến nghị của Nhân dân",
        "củng cố hoạt động của các hội quán, tổ tự quản; vận động Nhân dân đóng góp xây dựng nông thôn mới",
        "đăng ký, xây dựng và nhân rộng các mô hình “Dân vận khéo”",
    ]
    if overdue:
        tasks.append("tập trung giải quyết dứt điểm các đơn thư quá hạn")
    drafts["directions"] = (
        f"Trong {nxt}, tập trung thực hiện các nhiệm vụ trọng tâm: " + "; ".join(tasks) + "."
    )
    drafts["proposals"] = (
        "Đề nghị cấp trên tiếp tục quan tâm tập huấn nghiệp vụ cho cán bộ làm công tác dân vận ở cơ sở và "
        "hỗ trợ kinh phí duy trì hoạt động của các mô hình tự quản trong cộng đồng dân cư."
    )
    return drafts
