"""The "missed cadence" flag reads its tolerance from the rulebook, in force on the day it is judged."""

import datetime as dt
from decimal import Decimal

import pytest

from danvan.communities import selectors
from danvan.communities.models import GroupKind
from danvan.rulebook.models import LegalRule
from danvan.rulebook.services import invalidate_caches

from .helpers import hoi_quan

pytestmark = pytest.mark.django_db


def test_the_tolerance_is_a_rule_with_its_citation():
    rule = LegalRule.objects.get(key=selectors.CADENCE_RULE)
    assert rule.value == Decimal("0.5") and rule.unit == "fraction" and rule.source_status == "unverified"
    assert "Không có văn bản pháp luật" in rule.citation and "quy chế sinh hoạt" in rule.citation


def test_a_monthly_group_is_flagged_the_day_after_cadence_plus_tolerance(cast):
    group = hoi_quan(cast)  # Hội quán: every 30 days; 0.5 × 30 = 15 days tolerance
    last = dt.date(2026, 3, 1)
    assert not selectors.misses_cadence(group, last, last + dt.timedelta(days=45))
    assert selectors.misses_cadence(group, last, last + dt.timedelta(days=46))
    # before the first meeting the founding day counts
    founded = group.founded_on
    assert not selectors.misses_cadence(group, None, founded + dt.timedelta(days=45))
    assert selectors.misses_cadence(group, None, founded + dt.timedelta(days=46))


def test_a_cooperatives_tolerance_scales_with_its_cadence(cast):
    group = hoi_quan(cast, name="HTX Phú Hòa", kind=GroupKind.objects.get(code="hop-tac-xa"))  # every 90 days
    last = dt.date(2026, 1, 10)
    assert selectors.cadence_limit_days(group, last) == 135
    assert not selectors.misses_cadence(group, last, last + dt.timedelta(days=135))
    assert selectors.misses_cadence(group, last, last + dt.timedelta(days=136))


def test_a_new_version_of_the_rule_applies_from_its_day(cast):
    group = hoi_quan(cast)
    old = LegalRule.objects.get(key=selectors.CADENCE_RULE)
    change = dt.date(2026, 7, 1)
    old.valid_to = change - dt.timedelta(days=1)
    old.save()
    LegalRule.objects.create(
        key=old.key,
        title=old.title,
        value=Decimal("0.2"),
        unit=old.unit,
        comparator=old.comparator,
        valid_from=change,
        citation="Quy chế sinh hoạt sửa đổi (thử nghiệm)",
        source_status="unverified",
    )
    invalidate_caches()
    # judged on 30/06/2026 the old rule holds (45 days), from 01/07/2026 the new one (30 + 6 = 36 days)
    assert selectors.cadence_limit_days(group, change - dt.timedelta(days=1)) == 45
    assert selectors.cadence_limit_days(group, change) == 36
    last = dt.date(2026, 6, 1)
    assert not selectors.misses_cadence(group, last, dt.date(2026, 7, 7))  # 36 days
    assert selectors.misses_cadence(group, last, dt.date(2026, 7, 8))  # 37 days: flagged under the new rule
    assert not selectors.misses_cadence(
        group, dt.date(2026, 5, 20), dt.date(2026, 6, 30)
    )  # 41 days, old rule


def test_a_paused_group_is_never_flagged(cast):
    group = hoi_quan(cast)
    group.status = "paused"
    assert not selectors.misses_cadence(group, dt.date(2020, 1, 1), dt.date(2026, 1, 1))
