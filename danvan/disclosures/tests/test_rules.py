import datetime as dt
from decimal import Decimal

import pytest

from danvan.core.errors import DomainError
from danvan.disclosures import services
from danvan.disclosures.models import DisclosureCategory
from danvan.rulebook.models import LegalRule
from danvan.rulebook.services import compute_deadline, rule_close, rule_create

from .helpers import D, category, make

pytestmark = pytest.mark.django_db


def test_the_fourteen_legal_items_are_seeded_with_their_posting_rules():
    cats = list(DisclosureCategory.objects.order_by("number"))
    assert [c.number for c in cats] == list(range(1, 15))
    assert {c.number for c in cats if c.permanent} == {4, 13}
    assert {c.number for c in cats if c.loudspeaker_required} == {7, 8, 9, 10, 11, 12}
    assert {c.number for c in cats if not c.mandatory} == {14}
    assert "Điều 11" in cats[0].citation


def test_a_posting_shorter_than_the_rule_is_refused_with_its_citation(cast):
    with pytest.raises(DomainError) as exc:
        make(cast, 1, start=D(2026, 3, 5), end=D(2026, 4, 2))  # 29 days
    assert exc.value.field == "posting_end"
    assert "ít nhất 30 ngày liên tục" in exc.value.message
    assert "Điều 13" in exc.value.message and "03/04/2026" in exc.value.message


def test_exactly_the_minimum_posting_is_accepted(cast):
    d = make(cast, 1, start=D(2026, 3, 5), end=D(2026, 4, 3))  # 30 days inclusive
    assert d.status == "published"


def test_a_non_permanent_item_needs_an_end_date(cast):
    with pytest.raises(DomainError) as exc:
        make(cast, 2, end=None)
    assert exc.value.field == "posting_end"


@pytest.mark.parametrize("number", [4, 13])
def test_permanent_items_are_posted_without_an_end_date(cast, number):
    d = make(cast, number, end=None)
    assert d.posting_end is None
    checks = services.rule_checks(d)
    assert checks[0].ok is True and "thường xuyên" in checks[0].text


def test_items_7_to_12_require_the_loudspeaker(cast):
    with pytest.raises(DomainError) as exc:
        services.disclosure_create(
            actor=cast.lan,
            unit=cast.commune,
            category=category(7),
            title="Danh sách hộ nghèo năm 2026",
            decision_date=D(2026, 3, 2),
            forms=["posting"],
            posting_start=D(2026, 3, 3),
            posting_end=D(2026, 4, 10),
        )
    assert exc.value.field == "forms" and "truyền thanh" in exc.value.message


def test_loudspeaker_days_below_the_rule_are_refused(cast):
    with pytest.raises(DomainError) as exc:
        make(cast, 9, forms=["posting", "loudspeaker"], loud=2)
    assert exc.value.field == "loudspeaker_days"
    assert "ít nhất 3 ngày" in exc.value.message and "Điều 13" in exc.value.message
    assert make(cast, 9, forms=["posting", "loudspeaker"], loud=3).loudspeaker_days == 3


def test_the_late_flag_counts_working_days(cast):
    # Decision on Friday 06/03/2026: 5 working days end on Friday 13/03 (calendar days would say 11/03).
    due = compute_deadline("disclosure.publish", D(2026, 3, 6)).due
    assert due == D(2026, 3, 13)
    on_time = make(cast, 1, decision=D(2026, 3, 6), start=D(2026, 3, 13))
    late = make(cast, 2, decision=D(2026, 3, 6), start=D(2026, 3, 16))
    assert (on_time.is_late, on_time.publish_due) == (False, due)
    assert (late.is_late, late.publish_due) == (True, due)
    check = services.rule_checks(late)[-1]
    assert check.ok is False and "13/03/2026" in check.text and "Điều 12" in check.citation


def test_the_rule_in_force_on_the_decision_date_applies(cast):
    old = LegalRule.objects.get(key="disclosure.posting", valid_to__isnull=True)
    rule_close(actor=cast.son, rule=old, valid_to=D(2026, 6, 30))
    rule_create(
        actor=cast.son,
        key="disclosure.posting",
        title="Thời gian niêm yết (giả định thử nghiệm)",
        value=Decimal(45),
        unit="calendar_days",
        valid_from=D(2026, 7, 1),
        citation="Văn bản thử nghiệm, Điều 1",
    )
    # Decided before the change: 30 days are enough, even if posted after it.
    assert make(cast, 1, decision=D(2026, 6, 29), start=D(2026, 7, 2), end=D(2026, 7, 31)).pk
    with pytest.raises(DomainError) as exc:
        make(cast, 1, decision=D(2026, 7, 2), start=D(2026, 7, 3), end=D(2026, 8, 1))
    assert "ít nhất 45 ngày" in exc.value.message and "Văn bản thử nghiệm" in exc.value.message


def test_before_the_law_no_rule_is_applied_and_nothing_is_late(cast):
    d = make(cast, 2, decision=D(2020, 3, 2), start=D(2020, 4, 20), end=D(2020, 4, 25))
    assert d.is_late is False and d.publish_due is None
    assert all(c.ok is None for c in services.rule_checks(d))


def test_a_posting_cannot_start_before_the_decision(cast):
    with pytest.raises(DomainError) as exc:
        make(cast, 1, decision=D(2026, 3, 10), start=D(2026, 3, 9))
    assert exc.value.field == "posting_start"


def test_dates_are_counted_inclusively():
    assert services.posting_days(dt.date(2026, 3, 1), dt.date(2026, 3, 30)) == 30
