"""Demo data for disclosures: every one of the 14 items in several communes and quarters.

`seed(stdout=None)` writes, for the communes 30001, 30010, 30025 in force today (the last five quarters up to today's) and
two 2020 communes (quarters of 2020), disclosures derived from random.Random(commune code), so a re-run
makes the same rows and skips those already there (matched by unit and title). Each is dated as published on
the morning its posting started (one posted later: the day of its decision). Some are published late,
some postings have expired and some items are left out, so the register shows every status; a few
citizen questions are answered, others wait in the queue. Rows go through the services' validation
(`services._validate`) but without an acting officer, like the other demo loaders.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.search.registry import search_index
from danvan.units.selectors import unit_by_code

from . import services
from .models import Disclosure, DisclosureCategory, DisclosureQuestion, QuestionStatus, Status

CURRENT_CODES = ("30001", "30010", "30025")
OLD_CODES = ("30001", "30010")
OLD_DAY = dt.date(2020, 6, 1)

TITLES = {
    1: "Kế hoạch phát triển kinh tế - xã hội năm {y} của {u}",
    2: "Công khai dự toán ngân sách xã năm {y}",
    3: "Kế hoạch sử dụng đất năm {y} của {u}",
    4: "Quy chế thực hiện dân chủ ở cơ sở của {u}",
    5: "Mức đóng góp xây dựng đường giao thông nông thôn ấp {n}",
    6: "Kết quả thanh lý tài sản công quý {q}/{y}",
    7: "Danh sách hộ nghèo, hộ cận nghèo năm {y}",
    8: "Hỗ trợ hộ dân bị thiệt hại do sạt lở bờ sông quý {q}/{y}",
    9: "Danh sách thanh niên đủ điều kiện gọi nhập ngũ năm {y}",
    10: "Kết quả lấy phiếu tín nhiệm chủ tịch, phó chủ tịch UBND năm {y}",
    11: "Kết quả lấy ý kiến Nhân dân về dự thảo quy hoạch khu dân cư ấp {n}",
    12: "Mức thu phí chợ và phí vệ sinh năm {y}",
    13: "Bộ thủ tục hành chính cấp xã áp dụng từ năm {y}",
    14: "Thông báo lịch tiếp công dân quý {q}/{y}",
}
QUESTIONS = [
    (
        "Chú Sáu Lợi",
        "0912000111",
        "",
        "Hộ tôi thuộc diện cận nghèo, có phải đóng góp làm đường không?",
        "Hộ cận nghèo được giảm 50% mức đóng góp theo nghị quyết của hội nghị ấp.",
    ),
    (
        "",
        "",
        "thanh.nguyen@example.vn",
        "Khi nào thì niêm yết danh sách chính thức tại nhà văn hoá ấp?",
        "Danh sách chính thức được niêm yết từ thứ Hai tuần sau tại nhà văn hoá các ấp.",
    ),
    ("Cô Ba", "0987000222", "", "Tôi muốn xem chi tiết dự toán chi cho sự nghiệp giáo dục.", ""),
    ("", "0903000333", "", "Kết quả bình xét có được khiếu nại không, gửi ở đâu?", ""),
]


def _recent_quarters(today: dt.date, count: int) -> list[tuple[int, int]]:
    """The `count` quarters up to and including today's, oldest first, so the register of the current
    quarter always has something to show."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    result = []
    for _ in range(count):
        result.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return result[::-1]


def _quarters(years_quarters, today):
    for year, quarter in years_quarters:
        start = dt.date(year, 3 * (quarter - 1) + 1, 1)
        if start <= today:
            yield year, quarter, start


def _make(unit, category, title, decision, start, end, loud, rng, now):
    forms = ["posting", "website"]
    if category.loudspeaker_required:
        forms.append("loudspeaker")
    if rng.random() < 0.4:  # drawn before the existence check, so a re-run draws the same numbers
        forms.append("hamlet_head")
    if Disclosure.objects.filter(unit=unit, title=title).exists():
        return "exists"
    d = Disclosure(
        unit=unit,
        category=category,
        title=title,
        body=(
            f"{unit.name} công khai nội dung: {title}.\n"
            "Mọi ý kiến thắc mắc, đề nghị gửi về bộ phận tiếp nhận và trả kết quả của UBND xã "
            "hoặc đặt câu hỏi ngay tại trang này."
        ),
        decision_date=decision,
        forms=forms,
        posting_start=start,
        posting_end=None if category.permanent else end,
        loudspeaker_days=loud if category.loudspeaker_required else None,
        status=Status.PUBLISHED,
        published_at=_posted_moment(start, decision, now),
    )
    try:
        services._validate(d)
    except DomainError:
        return None
    d.save()
    # as if entered and published on the day it was posted, not when the demo was loaded (the feed and the
    # sitemap show these dates)
    Disclosure.objects.filter(pk=d.pk).update(created_at=d.published_at, updated_at=d.published_at)
    d.created_at = d.updated_at = d.published_at
    search_index(d)
    return d


def _posted_moment(start: dt.date, decision: dt.date, now: dt.datetime) -> dt.datetime:
    """07:30 Vietnam time on the posting day; for a posting that starts later, on the day of the decision
    (published ahead). Never later than now: the start of that day when 07:30 has not come yet."""
    day = start if start <= timezone.localdate(now) else decision
    tz = timezone.get_default_timezone()
    moment = dt.datetime.combine(day, dt.time(7, 30), tzinfo=tz)
    return moment if moment <= now else dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)


@transaction.atomic
def seed(stdout=None) -> int:
    today = local_today()
    now = timezone.now()
    cats = list(DisclosureCategory.objects.order_by("number"))
    targets = []
    for code in CURRENT_CODES:
        unit = unit_by_code(code)
        if unit is not None and unit.is_commune:
            targets.append((unit, _recent_quarters(today, 5)))
    for code in OLD_CODES:
        unit = unit_by_code(code, OLD_DAY)
        if unit is not None and unit.is_commune and all(unit != t[0] for t in targets):
            targets.append((unit, [(2020, 1), (2020, 2), (2020, 3)]))
    created: list[Disclosure] = []
    for unit, quarters in targets:
        rng = random.Random(f"disclosures-{unit.code}-{unit.valid_from}")
        done_permanent = set()
        for year, quarter, qstart in _quarters(quarters, today):
            for cat in cats:
                if cat.permanent and cat.number in done_permanent:
                    continue
                if not cat.permanent and rng.random() < 0.3:
                    continue  # left out this quarter: "Chưa công khai" or "Hết hạn niêm yết"
                decision = qstart + dt.timedelta(days=rng.randint(0, 55))
                if decision > today:
                    continue
                late = rng.random() < 0.15
                start = decision + dt.timedelta(days=rng.randint(10, 20) if late else rng.randint(1, 4))
                end = start + dt.timedelta(days=rng.randint(30, 45))
                title = TITLES[cat.number].format(y=year, q=quarter, u=unit.name, n=rng.randint(1, 6))
                if cat.number not in (4, 13):
                    title = f"{title} (quý {quarter}/{year})" if "quý" not in title else title
                d = _make(unit, cat, title, decision, start, end, rng.randint(3, 5), rng, now)
                if d is not None and cat.permanent:
                    done_permanent.add(cat.number)
                if isinstance(d, Disclosure):
                    created.append(d)
    questions = 0
    for i, d in enumerate(created[:: max(1, len(created) // 8)][:8]):
        name, phone, email, text, answer = QUESTIONS[i % len(QUESTIONS)]
        if d.questions.exists():
            continue
        DisclosureQuestion.objects.create(
            disclosure=d,
            name=name,
            phone=phone,
            email=email,
            question=text,
            status=QuestionStatus.PUBLISHED if answer else QuestionStatus.PENDING,
            answer=answer,
            answered_at=now if answer else None,
        )
        questions += 1
    if stdout is not None:
        stdout.write(f"Công khai: {len(created)} nội dung, {questions} câu hỏi.\n")
    return len(created)
