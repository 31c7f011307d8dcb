"""The seeded rulebook: every rule key named by SPEC.md exists, with the values and citations of the reference."""

import datetime as dt
import importlib
from decimal import Decimal
from fractions import Fraction

import pytest
from django.apps import apps

from danvan.rulebook import services
from danvan.rulebook.models import DaySwap, LegalRule, RuleUnit, SourceStatus

D = dt.date

# The exact list of SPEC.md, "Rule keys of the legal rulebook".
SPEC_RULE_KEYS = [
    "disclosure.publish",
    "disclosure.posting",
    "disclosure.loudspeaker",
    "consultation.period",
    "convention.comment_period",
    "decision.minutes_submit",
    "decision.recognition",
    "complaint.filing_limit",
    "complaint.accept",
    "complaint.resolve_first",
    "complaint.resolve_first_complex",
    "complaint.resolve_first_remote",
    "complaint.resolve_first_remote_complex",
    "complaint.appeal_window",
    "complaint.appeal_window_remote",
    "complaint.resolve_second",
    "complaint.resolve_second_complex",
    "complaint.resolve_second_remote",
    "complaint.resolve_second_remote_complex",
    "denunciation.process",
    "denunciation.process_multi_site",
    "denunciation.forward",
    "denunciation.resolve",
    "denunciation.extension",
    "feedback.forward",
    "reception.answer",
    "supervision.answer",
    "support_list.posting",
]

# key → (value, unit) in force on 01/07/2026 — DOMAIN.md's table.
EXPECTED = {
    "disclosure.publish": (5, RuleUnit.WORKING_DAYS),
    "disclosure.posting": (30, RuleUnit.CALENDAR_DAYS),
    "disclosure.loudspeaker": (3, RuleUnit.CALENDAR_DAYS),
    "consultation.period": (20, RuleUnit.CALENDAR_DAYS),
    "convention.comment_period": (30, RuleUnit.CALENDAR_DAYS),
    "decision.minutes_submit": (5, RuleUnit.WORKING_DAYS),
    "decision.recognition": (5, RuleUnit.WORKING_DAYS),
    "complaint.filing_limit": (90, RuleUnit.CALENDAR_DAYS),
    "complaint.accept": (7, RuleUnit.WORKING_DAYS),
    "complaint.resolve_first": (30, RuleUnit.CALENDAR_DAYS),
    "complaint.resolve_first_complex": (45, RuleUnit.CALENDAR_DAYS),
    "complaint.resolve_first_remote": (45, RuleUnit.CALENDAR_DAYS),
    "complaint.resolve_first_remote_complex": (60, RuleUnit.CALENDAR_DAYS),
    "complaint.appeal_window": (30, RuleUnit.CALENDAR_DAYS),
    "complaint.appeal_window_remote": (45, RuleUnit.CALENDAR_DAYS),
    "complaint.resolve_second": (45, RuleUnit.CALENDAR_DAYS),
    "complaint.resolve_second_complex": (60, RuleUnit.CALENDAR_DAYS),
    "complaint.resolve_second_remote": (60, RuleUnit.CALENDAR_DAYS),
    "complaint.resolve_second_remote_complex": (70, RuleUnit.CALENDAR_DAYS),
    "denunciation.process": (7, RuleUnit.WORKING_DAYS),
    "denunciation.process_multi_site": (10, RuleUnit.WORKING_DAYS),
    "denunciation.forward": (5, RuleUnit.WORKING_DAYS),
    "denunciation.resolve": (30, RuleUnit.CALENDAR_DAYS),
    "denunciation.extension": (30, RuleUnit.CALENDAR_DAYS),
    "feedback.forward": (5, RuleUnit.WORKING_DAYS),
    "reception.answer": (10, RuleUnit.WORKING_DAYS),
    "supervision.answer": (15, RuleUnit.CALENDAR_DAYS),
    "support_list.posting": (2, RuleUnit.WORKING_DAYS),
}


@pytest.mark.django_db
def test_every_spec_rule_key_is_seeded_and_in_force_on_1_july_2026():
    assert set(SPEC_RULE_KEYS) == set(EXPECTED)
    assert set(SPEC_RULE_KEYS) <= set(services.known_keys())
    for key in SPEC_RULE_KEYS:
        rule = services.rule_in_force(key, D(2026, 7, 1))
        assert (rule.whole_value, rule.unit) == EXPECTED[key], key
        assert rule.citation and rule.title, key


@pytest.mark.django_db
def test_every_spec_rule_is_a_period_and_every_seeded_rule_is_cited():
    for key in SPEC_RULE_KEYS:
        assert services.rule_in_force(key, D(2026, 7, 1)).is_period, key
    for rule in LegalRule.objects.all():
        assert rule.citation.strip(), rule.key
        assert rule.source_status in SourceStatus.values


@pytest.mark.django_db
def test_the_other_rows_of_the_domain_table_are_seeded_as_thresholds():
    on = D(2026, 7, 1)
    two_thirds = services.rule_in_force("decision.contribution_hamlet_approval", on)
    assert (two_thirds.unit, two_thirds.comparator, two_thirds.fraction) == (
        RuleUnit.FRACTION,
        ">=",
        Fraction(2, 3),
    )
    assert str(services.rule_in_force("decision.contribution_commune_approval", on).fraction) == "2/3"
    half = services.rule_in_force("decision.community_approval", on)
    assert (str(half.fraction), half.comparator) == ("1/2", ">")
    assert services.rule_in_force("decision.procedural_vote", on).comparator == ">"
    assert services.rule_in_force("decision.online_approval", on).comparator == ">"
    assert services.rule_in_force("decision.online_poll_approval", on).comparator == ">"
    initiative = services.rule_in_force("decision.initiative_consent", on)
    assert (str(initiative.fraction), initiative.comparator) == ("1/10", ">=")
    validity = services.rule_in_force("decision.initiative_consent_validity", on)
    assert (validity.whole_value, validity.unit) == (3, RuleUnit.MONTHS)
    cluster = services.rule_in_force("decision.cluster_meeting_households", on)
    assert (cluster.whole_value, cluster.unit, cluster.comparator) == (200, RuleUnit.COUNT, ">=")
    assert services.rule_in_force("disclosure.register_update", on).whole_value == 3
    assert services.rule_in_force("reception.commune_chair_days_per_week", on).whole_value == 1
    assert services.rule_in_force("convention.adoption", on).comparator == ">"
    assert services.rule_in_force("convention.adoption_quorum", on).comparator == ">"
    assert services.rule_in_force("denunciation.extensions_complex", on).whole_value == 1
    assert services.rule_in_force("denunciation.extensions_especially_complex", on).whole_value == 2


@pytest.mark.django_db
def test_decision_recognition_is_the_five_working_days_of_article_21_clause_2():
    rule = services.rule_in_force("decision.recognition", D(2024, 1, 1))
    assert (rule.value, rule.unit) == (Decimal("5"), RuleUnit.WORKING_DAYS)
    assert "Điều 21, khoản 2" in rule.citation and "10/2022/QH15" in rule.citation
    assert rule.source_status == SourceStatus.VERIFIED


@pytest.mark.django_db
def test_rules_start_on_the_date_their_law_took_effect():
    assert services.rule_in_force("complaint.filing_limit", D(2012, 7, 1)).valid_from == D(2012, 7, 1)
    assert services.rule_in_force("denunciation.resolve", D(2019, 1, 1)).valid_from == D(2019, 1, 1)
    assert services.rule_in_force("reception.answer", D(2014, 7, 1)).valid_from == D(2014, 7, 1)
    assert services.rule_in_force("support_list.posting", D(2020, 4, 9)).valid_from == D(2020, 4, 9)
    assert services.rule_in_force("disclosure.publish", D(2023, 7, 1)).valid_from == D(2023, 7, 1)


@pytest.mark.django_db
def test_the_official_swap_days_are_seeded():
    swaps = {s.date: s.kind for s in DaySwap.objects.all()}
    assert swaps == {
        D(2025, 4, 26): "worked",
        D(2025, 5, 2): "off",
        D(2026, 8, 22): "worked",
        D(2026, 8, 31): "off",
    }
    assert all(s.citation for s in DaySwap.objects.all())
    assert DaySwap.objects.get(date=D(2025, 4, 26)).paired_date == D(2025, 5, 2)


@pytest.mark.django_db
def test_the_seed_migration_can_run_again_without_duplicates():
    seed = importlib.import_module("danvan.rulebook.migrations.0002_seed_rules")
    rules, swaps = LegalRule.objects.count(), DaySwap.objects.count()
    LegalRule.objects.filter(key="complaint.accept", valid_from=D(2012, 7, 1)).update(value=99)
    seed.seed(apps, None)
    assert (LegalRule.objects.count(), DaySwap.objects.count()) == (rules, swaps)
    assert LegalRule.objects.get(key="complaint.accept", valid_from=D(2012, 7, 1)).value == 10
