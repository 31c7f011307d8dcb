"""Every audit trail a person reads is in words: the actor's name and what they did, the fields by their
labels, related rows by their names — never an action code, a field name, an id or a raw True/False."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse

from danvan.audit import trail
from danvan.cases import services as case_services
from danvan.cases.tests.helpers import accepted
from danvan.disclosures.tests.helpers import make as make_disclosure
from danvan.people import services as people_services
from danvan.publishing import services as news_services
from danvan.publishing.tests.helpers import draft
from danvan.units.services import community_count_set, unit_update

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)*\.[a-z_]+\b")  # case.resolve, two_factor.enrol
FIELD_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b")  # on_time, handler_id
RAW = re.compile(r"\b(True|False|None)\b")
# a bare number as the new value of a change (an id), not a count, a date, a time or a code like 30025-01
ID_AFTER_ARROW = re.compile(r"→\s*\d+(?![\d/:.,\-])(?!\s*(?:hộ|cử tri|tệp|hồ sơ|sao|nhân khẩu))")


def trail_html(html: str) -> str:
    start = html.index('id="nhat-ky"')
    return html[start : html.index("</section>", start)]


def assert_in_words(section: str):
    text = re.sub(r"<[^>]+>", " ", section)
    assert not CODE.findall(text), CODE.findall(text)
    assert not FIELD_NAME.findall(text), FIELD_NAME.findall(text)
    assert not RAW.findall(text), RAW.findall(text)
    assert not ID_AFTER_ARROW.findall(text), ID_AFTER_ARROW.findall(text)


def test_resolving_a_complaint_reads_as_a_sentence_with_names(cast):
    case = accepted(cast, "complaint")
    case_services.case_assign(actor=cast.tuan, case=case, handler=cast.minh)
    case_services.case_hold_dialogue(
        actor=cast.minh, case=case, note="Hai bên trình bày ý kiến.", participants="Trần Văn Minh"
    )
    case_services.case_resolve(
        actor=cast.tuan,
        case=case,
        answer="Khiếu nại đúng một phần.",
        outcome="partly",
        document_number="125/QĐ-UBND",
        document_date=case.accepted_on,
        document_signer="Phạm Anh Tuấn, Chủ tịch UBND xã",
    )
    from danvan.audit.selectors import audit_events_for

    entries = {e.action: e for e in audit_events_for(case, user=cast.tuan, unit=case.unit)}
    assert entries["case.resolve"].sentence == "Phạm Anh Tuấn giải quyết: Đúng một phần"
    resolved = [str(c) for c in entries["case.resolve"].changes]
    assert "trạng thái: Đã đối thoại → Đã giải quyết" in resolved and "thời hạn: đúng hạn" in resolved
    assert "số văn bản giải quyết: 125/QĐ-UBND" in resolved
    assert entries["case.assign"].sentence == "Phạm Anh Tuấn phân công xử lý: Trần Văn Minh"
    assert entries["case.dialogue"].sentence.startswith("Trần Văn Minh ghi nhận đối thoại: ")
    assert entries["case.submit"].sentence == "Người dân tiếp nhận hồ sơ: Khiếu nại"


def test_a_transfer_names_both_units(cast):
    case = case_services.case_submit(
        actor=None,
        kind="feedback",
        title="Đèn đường hỏng",
        content="Đèn đường ấp Phú Hòa hỏng.",
        unit=cast.commune,
    )
    case_services.case_transfer(actor=cast.minh, case=case, to_unit=cast.sibling_commune)
    from danvan.audit.models import AuditEvent

    entry = trail.describe(AuditEvent.objects.filter(action="case.transfer"))[0]
    assert entry.sentence == "Trần Văn Minh chuyển đơn: Xã An Long"


@pytest.fixture
def activity(cast):
    """Writes on every kind of object whose page shows a trail, by officers of Xã Phú Cường."""
    unit_update(actor=cast.khoa, unit=cast.hamlet, name="Ấp Phú Hòa A", is_remote=True)
    community_count_set(
        actor=cast.khoa, unit=cast.hamlet, as_of=dt.date(2026, 1, 1), households=120, voters=300
    )
    household = people_services.household_create(
        actor=cast.khoa,
        hamlet=cast.hamlet,
        code="PH-001",
        address="Số 5 ấp Phú Hòa",
        representative_name="Nguyễn Văn Hộ",
        birth_year=1970,
        gender="male",
    )
    people_services.household_update(actor=cast.khoa, household=household, hamlet=cast.other_hamlet)
    people_services.resident_add(
        actor=cast.khoa,
        household=household,
        full_name="Nguyễn Thị Con",
        birth_year=2001,
        gender="female",
        relation="Con",
    )
    case = accepted(cast, "complaint")
    case_services.case_assign(actor=cast.tuan, case=case, handler=cast.minh)
    case_services.case_resolve(actor=cast.tuan, case=case, answer="Đúng.", outcome="right")
    article = draft(cast)
    news_services.article_update(
        actor=cast.lan, article=article, body="<p>Nội dung mới.</p>", title="Tiêu đề mới"
    )
    news_services.article_submit(actor=cast.lan, article=article)
    news_services.article_approve(actor=cast.tuan, article=article)
    disclosure = make_disclosure(cast)
    return {
        "unit": reverse("units:detail", args=[cast.hamlet.pk]),
        "household": reverse("people:household_detail", args=[household.pk]),
        "case": reverse("cases:detail", args=[case.pk]),
        "article": reverse("publishing:ws_article_edit", args=[article.pk]),
        "disclosure": reverse("disclosures:ws_detail", args=[disclosure.pk]),
    }


@pytest.mark.parametrize("page", ["unit", "household", "case", "article", "disclosure"])
def test_no_trail_shows_a_code_a_field_name_an_id_or_a_raw_boolean(client, cast, activity, page):
    client.force_login(cast.tuan if page != "household" else cast.khoa)
    html = client.get(activity[page]).content.decode()
    section = trail_html(html)
    assert_in_words(section)
    assert "—" in section or "→" in section or ":" in section


def test_every_action_a_service_writes_reads_in_words():
    """Each `action="…"` a service or view passes to `audit_record`, and each case step written by
    `_set_status` ("case.<step>"), has a registered label."""
    root = Path(__file__).resolve().parents[2]
    written = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "audit_record" not in text and "_record(" not in text and "_audit(" not in text:
            continue
        written |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', text))
        written |= set(re.findall(r'_(?:record|audit)\(\s*[a-z_]+,\s*"([a-z_]+\.[a-z_]+)"', text))
    written |= {f"case.{step}" for step in ("accept", "decline", "transfer", "verify", "dialogue", "resolve")}
    written |= {f"case.{step}" for step in ("close", "reopen", "merge")}
    missing = sorted(a for a in written if a not in trail.registered_actions())
    assert len(written) > 50 and not missing, missing
