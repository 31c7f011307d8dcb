"""Demo data for disclosures: the 14 items of Điều 11, each when the law has it disclosed, with its document.

`seed(stdout=None)` writes, for the communes 30001, 30010, 30025 in force today (the last five quarters up to
today's) and two 2020 communes (quarters of 2020), disclosures derived from random.Random(commune code), so a
re-run makes the same rows and skips those already there (matched by unit and title). What each item says, its
period (an annual plan once a year and labelled with its year, the budget's execution every quarter, a
contribution when a hamlet decides one, items 4 and 13 once and permanently) and its PDF come from
`demo_content`. Each is dated as published on the morning its posting started. Some are published late, some
postings have expired and some items are left out, so the register shows every status; one posting of the
current quarter starts next week (scheduled: neither current nor counted in the register). A few citizen
questions are answered, others wait in the queue. Rows go through the services' validation
(`services._validate`) but without an acting officer, like the other demo loaders.
"""

import datetime as dt
import random

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.text import normalize
from danvan.search.registry import search_index
from danvan.units.models import Unit
from danvan.units.selectors import unit_by_code

from . import demo_content, services
from .documents import PDF, render_pdf
from .models import Disclosure, DisclosureCategory, DisclosureFile, DisclosureQuestion, QuestionStatus, Status

CURRENT_CODES = ("30001", "30010", "30025")
OLD_CODES = ("30001", "30010")
OLD_DAY = dt.date(2020, 6, 1)

# (item number, name, phone, e-mail, question, answer): each asked on a disclosure of the item it is about
QUESTIONS = [
    (
        5,
        "Chú Sáu Lợi",
        "0912000111",
        "",
        "Hộ tôi thuộc diện cận nghèo, có phải đóng góp làm đường không?",
        "Theo thông báo, hộ nghèo, hộ cận nghèo và gia đình chính sách được miễn đóng góp; hộ chú chỉ cần xác nhận "
        "với trưởng ấp để có tên trong danh sách miễn.",
    ),
    (
        7,
        "",
        "",
        "thanh.nguyen@example.vn",
        "Khi nào thì niêm yết danh sách chính thức tại nhà văn hoá ấp?",
        "Danh sách chính thức được niêm yết từ thứ Hai tuần sau tại nhà văn hoá các ấp, khóm.",
    ),
    (2, "Cô Ba", "0987000222", "", "Tôi muốn xem chi tiết dự toán chi cho sự nghiệp giáo dục.", ""),
    (7, "", "0903000333", "", "Kết quả bình xét có được khiếu nại không, gửi ở đâu?", ""),
    (
        14,
        "Anh Tư",
        "0918000444",
        "",
        "Ngoài ngày thứ Ba, tôi có thể đến trình bày vào buổi chiều không?",
        "Cán bộ tư pháp xã tiếp công dân tất cả các buổi trong ngày làm việc; lịch thứ Ba là ngày Chủ tịch UBND xã "
        "trực tiếp tiếp.",
    ),
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


def _make(unit, category, title, body, document, decision, start, end, loud, rng, now):
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
        body=body,
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
    _attach(d, document)
    search_index(d)
    return d


def _attach(d: Disclosure, document) -> None:
    """The disclosure's document as a PDF file, as an officer would have attached it."""
    data = render_pdf(document)
    name = f"{normalize(d.title).replace(' ', '-')[:80]}.pdf"
    f = DisclosureFile(disclosure=d, original_name=name, size=len(data), content_type=PDF)
    f.file.save(name, ContentFile(data), save=False)
    f.save()


def _posted_moment(start: dt.date, decision: dt.date, now: dt.datetime) -> dt.datetime:
    """07:30 Vietnam time on the posting day; for a posting that starts later, on the day of the decision
    (published ahead). Never later than now: the start of that day when 07:30 has not come yet."""
    day = start if start <= timezone.localdate(now) else decision
    tz = timezone.get_default_timezone()
    moment = dt.datetime.combine(day, dt.time(7, 30), tzinfo=tz)
    return moment if moment <= now else dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)


def _hamlets(unit: Unit) -> list[Unit]:
    return list(Unit.objects.filter(parent=unit).communities().natural())


def _plan(unit, quarters, today, rng):
    """(category number, year, quarter, decision day) of every disclosure of `unit` in those quarters."""
    planned = []
    for year, quarter, qstart in _quarters(quarters, today):
        for number, item in demo_content.ITEMS.items():
            draw = rng.random()  # always drawn, so the sequence does not depend on what is skipped
            if item.period == "permanent" and planned and any(p[0] == number for p in planned):
                continue
            if item.period == "year" and quarter != item.quarter:
                continue
            if item.period in ("quarter", "event") and draw > item.chance:
                continue  # none this quarter: "Chưa công khai" or "Hết hạn niêm yết" in the register
            planned.append((number, year, quarter, qstart + dt.timedelta(days=rng.randint(0, 55))))
    return planned


@transaction.atomic
def seed(stdout=None) -> int:
    today = local_today()
    now = timezone.now()
    cats = {c.number: c for c in DisclosureCategory.objects.all()}
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
    scheduled = False
    for unit, quarters in targets:
        rng = random.Random(f"disclosures-{unit.code}-{unit.valid_from}")
        hamlets = _hamlets(unit)
        for number, year, quarter, decision in _plan(unit, quarters, today, rng):
            cat = cats.get(number)
            late = rng.random() < 0.15
            start = decision + dt.timedelta(days=rng.randint(10, 20) if late else rng.randint(1, 4))
            end = start + dt.timedelta(days=rng.randint(30, 45))
            content = demo_content.build(number, unit, hamlets, year, quarter, decision, rng)
            if cat is None or decision > today:
                continue
            if start > today:
                # at most one posting that has not started yet (decided, to be posted next week); the rest
                # of the demo's postings have started
                if scheduled or unit.valid_to is not None:
                    start = today
                    end = start + dt.timedelta(days=rng.randint(30, 45))
                scheduled = scheduled or start > today
            title, body, document = content
            d = _make(unit, cat, title, body, document, decision, start, end, rng.randint(3, 5), rng, now)
            if isinstance(d, Disclosure):
                created.append(d)
    questions = 0
    for number, name, phone, email, text, answer in QUESTIONS:
        d = next(
            (d for d in reversed(created) if d.category.number == number and not d.questions.exists()), None
        )
        if d is None:
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
