"""Rule versions in force, deadlines, overlap checks, swap days, caches and the audit trail."""

import datetime as dt
from decimal import Decimal

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError
from danvan.rulebook import services
from danvan.rulebook.models import DaySwap, LegalRule, RuleUnit

D = dt.date
pytestmark = pytest.mark.django_db


def _new_rule(**overrides):
    data = {
        "key": "test.period",
        "title": "Thời hạn thử nghiệm",
        "value": 5,
        "unit": RuleUnit.WORKING_DAYS,
        "valid_from": D(2024, 1, 1),
        "citation": "Văn bản thử nghiệm, Điều 1",
    }
    data.update(overrides)
    return data


# --- rule in force -----------------------------------------------------------------------------------


def test_complaint_acceptance_is_10_working_days_until_30_june_2026_and_7_from_1_july_2026():
    assert services.rule_in_force("complaint.accept", D(2026, 6, 30)).whole_value == 10
    assert services.rule_in_force("complaint.accept", D(2026, 7, 1)).whole_value == 7
    assert services.rule_in_force("complaint.accept", D(2012, 7, 1)).whole_value == 10


def test_deadline_uses_the_rule_in_force_on_the_start_day():
    before = services.compute_deadline("complaint.accept", D(2026, 6, 30))  # Tuesday
    after = services.compute_deadline("complaint.accept", D(2026, 7, 1))  # Wednesday
    assert (before.whole_value, before.due) == (10, D(2026, 7, 14))
    assert (after.whole_value, after.due) == (7, D(2026, 7, 10))
    assert "136/2025" in after.citation
    assert "02/2011/QH13" in before.citation


def test_unknown_rule_key_is_refused_in_vietnamese():
    with pytest.raises(DomainError) as err:
        services.rule_in_force("complaint.nonsense", D(2026, 1, 5))
    assert "Không có quy định mã “complaint.nonsense”" in err.value.message


def test_a_date_before_the_first_version_has_no_rule_in_force():
    with pytest.raises(DomainError) as err:
        services.rule_in_force("complaint.accept", D(2010, 1, 1))
    assert "không có hiệu lực vào ngày 01/01/2010" in err.value.message


def test_a_date_before_the_first_version_can_ask_for_that_first_version():
    first = services.rule_in_force("complaint.filing_limit", dt.date(2012, 7, 1))
    assert (
        services.rule_in_force("complaint.filing_limit", dt.date(1990, 1, 1), earliest_before_first=True)
        == first
    )
    due = services.compute_deadline("complaint.filing_limit", dt.date(1990, 1, 1), earliest_before_first=True)
    assert due.rule == first and due.due == dt.date(1990, 4, 2)  # 90 days: Sun 01/04/1990 rolls to Monday


def test_rules_in_force_on_a_date_have_one_version_per_key():
    rules = services.rules_in_force(D(2026, 7, 1))
    keys = [r.key for r in rules]
    assert len(keys) == len(set(keys))
    assert "complaint.accept" in keys


# --- deadlines ---------------------------------------------------------------------------------------


def test_ten_working_days_across_tet_2026():
    deadline = services.compute_deadline("complaint.accept", D(2026, 2, 12))
    assert deadline.due == D(2026, 3, 5)
    assert (deadline.rule_key, deadline.unit, deadline.value) == (
        "complaint.accept",
        "working_days",
        Decimal(10),
    )
    assert deadline.citation == deadline.rule.citation


def test_calendar_day_deadline_ending_on_culture_day_rolls_to_the_next_working_day():
    # A first-instance complaint accepted 25/10/2026: 30 days end on Tue 24/11/2026 (Ngày Văn hóa Việt Nam).
    assert services.compute_deadline("complaint.resolve_first", D(2026, 10, 25)).due == D(2026, 11, 25)


def test_calendar_day_deadline_ending_on_a_sunday_rolls_to_monday():
    # Supervision answer: 15 days from Sat 14/03/2026 ends Sun 29/03 → Mon 30/03.
    assert services.compute_deadline("supervision.answer", D(2026, 3, 14)).due == D(2026, 3, 30)


def test_the_database_swap_days_are_used_by_deadlines():
    # Thu 24/04/2025 + 5 working days with the seeded swap (Sat 26/04 worked, Fri 02/05 off) → Mon 05/05/2025.
    assert services.compute_deadline("disclosure.publish", D(2025, 4, 24)).due == D(2025, 5, 5)


def test_month_deadline_of_initiative_consents():
    assert services.compute_deadline("decision.initiative_consent_validity", D(2026, 1, 15)).due == D(
        2026, 4, 15
    )


def test_a_threshold_is_not_a_deadline():
    with pytest.raises(DomainError) as err:
        services.compute_deadline("decision.community_approval", D(2026, 1, 5))
    assert "không phải là thời hạn" in err.value.message


def test_working_days_between_uses_the_swap_table():
    assert services.working_days_between(D(2025, 4, 25), D(2025, 4, 28)) == 2  # Sat 26/04 worked + Mon 28/04


# --- thresholds --------------------------------------------------------------------------------------


def test_two_thirds_of_all_households_is_compared_exactly():
    rule = services.rule_in_force("decision.contribution_hamlet_approval", D(2026, 1, 5))
    assert rule.is_met(2, 3)
    assert rule.is_met(134, 200)
    assert not rule.is_met(133, 200)
    assert not rule.is_met(5, 0)
    assert rule.value_display() == "từ 2/3 trở lên"


def test_more_than_half_is_strict():
    rule = services.rule_in_force("decision.community_approval", D(2026, 1, 5))
    assert not rule.is_met(100, 200)
    assert rule.is_met(101, 200)
    assert rule.value_display() == "trên 50%"


def test_count_rules_compare_the_count():
    cluster = services.rule_in_force("decision.cluster_meeting_households", D(2026, 1, 5))
    assert cluster.is_met(200) and not cluster.is_met(199)
    extensions = services.rule_in_force("denunciation.extensions_complex", D(2026, 1, 5))
    assert extensions.is_met(1) and not extensions.is_met(2)


# --- writing rules -----------------------------------------------------------------------------------


def test_rule_create_writes_the_rule_and_the_audit(cast):
    rule = services.rule_create(actor=cast.son, **_new_rule())
    assert services.rule_in_force("test.period", D(2024, 6, 1)) == rule
    event = AuditEvent.objects.get(action="rule.create", object_id=str(rule.pk))
    assert event.actor == cast.son
    assert event.changes["key"] == [None, "test.period"]


def test_a_new_version_overlapping_an_open_one_is_refused(cast):
    with pytest.raises(DomainError) as err:
        services.rule_create(
            actor=cast.son, **_new_rule(key="complaint.accept", valid_from=D(2027, 1, 1), value=5)
        )
    assert err.value.code == "overlap"
    assert "không được trùng thời gian hiệu lực" in err.value.message
    assert "01/07/2026" in err.value.message
    assert "31/12/2026" in err.value.message  # the advice: close the old version the day before


def test_a_version_inside_a_closed_one_is_refused(cast):
    with pytest.raises(DomainError) as err:
        services.rule_create(
            actor=cast.son,
            **_new_rule(key="complaint.accept", valid_from=D(2020, 1, 1), valid_to=D(2020, 12, 31)),
        )
    assert err.value.code == "overlap"


def test_close_then_add_a_later_version_which_takes_over_on_its_start_date(cast):
    current = services.rule_in_force("complaint.accept", D(2026, 7, 1))
    services.rule_close(actor=cast.son, rule=current, valid_to=D(2027, 12, 31))
    services.rule_create(
        actor=cast.son,
        **_new_rule(
            key="complaint.accept",
            title="Thời hạn thụ lý giải quyết khiếu nại",
            value=5,
            valid_from=D(2028, 1, 1),
        ),
    )
    assert services.rule_in_force("complaint.accept", D(2027, 12, 31)).whole_value == 7
    assert services.rule_in_force("complaint.accept", D(2028, 1, 1)).whole_value == 5
    assert AuditEvent.objects.filter(action="rule.close", object_id=str(current.pk)).exists()


def test_rule_update_cannot_stretch_a_version_over_the_next_one(cast):
    old = LegalRule.objects.get(key="complaint.accept", valid_from=D(2012, 7, 1))
    with pytest.raises(DomainError) as err:
        services.rule_update(actor=cast.son, rule=old, valid_to=D(2026, 7, 15))
    assert err.value.code == "overlap"
    old.refresh_from_db()
    assert old.valid_to == D(2026, 6, 30)


def test_rule_update_changes_the_value_and_audits_the_difference(cast):
    rule = LegalRule.objects.get(key="supervision.answer")
    services.rule_update(actor=cast.son, rule=rule, value=Decimal(20), note="Sửa thử")
    assert services.rule_in_force("supervision.answer", D(2026, 1, 5)).whole_value == 20  # cache dropped
    event = AuditEvent.objects.get(action="rule.update", object_id=str(rule.pk))
    assert event.changes["value"] == ["15.000000", "20"]


def test_rule_update_refuses_the_key_and_unknown_fields(cast):
    rule = LegalRule.objects.get(key="supervision.answer")
    with pytest.raises(DomainError):
        services.rule_update(actor=cast.son, rule=rule, key="supervision.other")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"unit": RuleUnit.FRACTION, "value": Decimal("1.5"), "comparator": ">="}, "value"),
        ({"unit": RuleUnit.FRACTION, "value": Decimal("0.5")}, "comparator"),
        ({"comparator": ">"}, "comparator"),
        ({"value": Decimal("2.5")}, "value"),
        ({"value": -1}, "value"),
        ({"valid_to": D(2023, 1, 1)}, "valid_to"),
        ({"citation": "  "}, "citation"),
        ({"key": "khong co dau cham"}, "key"),
    ],
)
def test_invalid_rules_are_refused_with_the_field(cast, overrides, field):
    with pytest.raises(DomainError) as err:
        services.rule_create(actor=cast.son, **_new_rule(**overrides))
    assert err.value.field == field


def test_rule_close_before_the_start_is_refused(cast):
    rule = LegalRule.objects.get(key="supervision.answer")
    with pytest.raises(DomainError):
        services.rule_close(actor=cast.son, rule=rule, valid_to=D(2020, 1, 1))


# --- swap days ---------------------------------------------------------------------------------------


def test_swap_set_changes_the_calendar_at_once_and_swap_delete_reverts_it(cast):
    saturday = D(2027, 5, 8)
    assert not services.work_calendar().is_working_day(saturday)
    swap = services.swap_set(
        actor=cast.son,
        date=saturday,
        kind="worked",
        paired_date=D(2027, 5, 3),
        citation="Thông báo thử nghiệm",
    )
    assert services.work_calendar().is_working_day(saturday)
    swap_id = str(swap.pk)
    assert AuditEvent.objects.filter(action="swap.set", object_id=swap_id).exists()
    services.swap_delete(actor=cast.son, swap=swap)
    assert not services.work_calendar().is_working_day(saturday)
    assert not DaySwap.objects.filter(date=saturday).exists()
    assert AuditEvent.objects.filter(action="swap.delete", object_id=swap_id).exists()


def test_swap_set_on_an_existing_date_updates_it(cast):
    services.swap_set(actor=cast.son, date=D(2025, 5, 2), kind="off", citation="Căn cứ mới")
    assert DaySwap.objects.filter(date=D(2025, 5, 2)).count() == 1
    assert DaySwap.objects.get(date=D(2025, 5, 2)).citation == "Căn cứ mới"


def test_a_make_up_day_must_be_a_weekend_and_a_day_off_a_weekday(cast):
    with pytest.raises(DomainError) as err:
        services.swap_set(actor=cast.son, date=D(2027, 5, 5), kind="worked")
    assert "thứ Bảy, Chủ nhật hoặc một ngày lễ" in err.value.message
    with pytest.raises(DomainError) as err:
        services.swap_set(actor=cast.son, date=D(2027, 5, 8), kind="off")
    assert "từ thứ Hai đến thứ Sáu" in err.value.message


def test_a_listed_holiday_can_be_overridden_as_a_working_day(cast):
    # If the `holidays` package lists a day the Government did not grant, an administrator cancels it.
    assert not services.work_calendar().is_working_day(D(2027, 11, 24))
    services.swap_set(actor=cast.son, date=D(2027, 11, 24), kind="worked", citation="Thử nghiệm")
    assert services.work_calendar().is_working_day(D(2027, 11, 24))


def test_the_rulebook_is_read_from_the_cache(django_assert_num_queries):
    services.rule_in_force("complaint.accept", D(2026, 1, 5))
    services.work_calendar()
    with django_assert_num_queries(0):
        services.compute_deadline("complaint.accept", D(2026, 2, 12))
        services.compute_deadline("disclosure.posting", D(2026, 2, 12))
