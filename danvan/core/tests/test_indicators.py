"""The indicator registry: declarations are checked, sources compute together, rates come from their parts."""

import datetime as dt

import pytest

from danvan.core import indicators as ind

D = dt.date


def test_every_installed_app_declares_valid_indicators_in_report_order():
    items = ind.all_indicators()
    keys = [i.key for i in items]
    assert "cases.received" in keys and len(keys) == len(set(keys))
    sections = [ind.SECTION_KEYS.index(i.section) for i in items]
    assert sections == sorted(sections)
    for item in items:
        if item.aggregation == ind.RATE:
            assert ind.get(item.numerator) and ind.get(item.denominator)
        if item.aggregation == ind.AVERAGE:
            assert ind.get(item.weight)


def test_a_declaration_that_cannot_be_computed_or_aggregated_is_refused():
    with pytest.raises(ValueError):
        ind.Indicator("x.rate", "Tỉ lệ", "Rate", aggregation=ind.RATE)
    with pytest.raises(ValueError):
        ind.Indicator("x.avg", "Bình quân", "Average", aggregation=ind.AVERAGE)
    with pytest.raises(ValueError):
        ind.Indicator("x.n", "Số", "Number", section="khong-co")
    with pytest.raises(ValueError):
        ind.register_source("thu", indicators=[ind.Indicator("thu.n", "Số", "Number")])
    with pytest.raises(ValueError):  # another source's key
        ind.register_source(
            "thu", compute=lambda *a: {}, indicators=[ind.Indicator("cases.received", "x", "x")]
        )


def test_a_rate_is_derived_from_its_parts_and_none_without_a_denominator():
    rate = ind.get("cases.resolved_on_time_rate")
    assert ind.value_of(rate, {"cases.resolved_on_time": 3, "cases.resolved": 4}) == 75.0
    assert ind.value_of(rate, {"cases.resolved_on_time": 0, "cases.resolved": 0}) is None


@pytest.mark.django_db
def test_computing_a_subtree_gives_every_computed_key_of_the_cases_source(cast):
    from danvan.cases.tests.helpers import submit

    submit(cast)
    submit(cast, "complaint")
    today = submit(cast).received_on
    values = ind.compute(cast.district, today - dt.timedelta(days=1), today)
    assert values["cases.received"] == 3 and values["cases.received.complaint"] == 1
    assert values["cases.channel.web"] == 3 and values["cases.resolved_on_time_rate"] is None
    computed = {i.key for i in ind.all_indicators() if not i.manual and i.key.startswith("cases.")}
    assert computed <= set(values)


def test_every_case_channel_has_its_indicator():
    from danvan.cases.models import Channel

    keys = {i.key for i in ind.all_indicators()}
    assert {f"cases.channel.{value}" for value in Channel.values} <= keys


@pytest.mark.django_db
def test_the_portal_and_the_disclosures_report_through_the_registry_too(cast):
    """The review reads every module through the registry: news and disclosures declare theirs as cases do."""
    from danvan.core.formatting import local_today
    from danvan.publishing.tests.helpers import published

    published(cast, title="Ra quân làm đường giao thông nông thôn")
    today = local_today()
    values = ind.compute(cast.district, today - dt.timedelta(days=30), today)
    assert values["news.published"] == 1
    assert {"disclosures.published", "disclosures.late", "disclosures.on_board"} <= set(values)
    assert (
        ind.get("news.published").public
        and ind.get("disclosures.published").section == ind.SECTION_DISCLOSURE
    )


def test_the_figures_of_several_units_at_once_equal_each_ones_own(cast):
    """`compute_many` (a report's children: its comparison table, the dashboard, the DOCX's chart) equals
    `compute` unit by unit, with or without the parent's figures sparing the sources that have nothing."""
    from danvan.cases.tests.helpers import submit
    from danvan.publishing.tests.helpers import published

    submit(cast)
    submit(cast, "complaint", unit=cast.sibling_commune)
    published(cast, title="Ra quân làm đường giao thông nông thôn")
    today = submit(cast, unit=cast.hamlet).received_on
    start = today - dt.timedelta(days=30)
    units = [cast.commune, cast.sibling_commune]
    alone = {u.pk: ind.compute(u, start, today) for u in units}
    assert (
        alone[cast.commune.pk]["cases.received"] == 2
        and alone[cast.sibling_commune.pk]["cases.received"] == 1
    )
    assert ind.compute_many(units, start, today) == alone
    parent = ind.compute(cast.district, start, today)
    assert parent["dialogue.held"] == 0  # a source with nothing in the district: its children are not asked
    assert ind.compute_many(units, start, today, parent_values=parent) == alone


@pytest.mark.django_db
def test_the_children_of_a_parent_whose_ledger_nets_to_nought_are_still_asked(cast):
    """A reversal in the period of an entry posted before it makes one commune's net negative; another
    commune's new entry of the same amount brings the district to nought. The ledger is a `signed` source:
    the children keep their own figures (−X and +X), not the parent's nought."""
    from danvan.communities import services
    from danvan.communities.tests.helpers import cash
    from danvan.core.formatting import local_today

    today = local_today()
    old = cash(cast, place=cast.commune, value=2_000_000, on=today - dt.timedelta(days=60), actor=cast.son)
    services.contribution_reverse(actor=cast.son, entry=old, reason="ghi nhầm hộ")
    cash(cast, place=cast.sibling_commune, value=2_000_000, on=today, actor=cast.son)
    start = today - dt.timedelta(days=7)
    parent = ind.compute(cast.district, start, today)
    assert parent["communities.contributions_vnd"] == 0
    units = [cast.commune, cast.sibling_commune]
    got = ind.compute_many(units, start, today, parent_values=parent)
    assert got[cast.commune.pk]["communities.contributions_vnd"] == -2_000_000
    assert got[cast.sibling_commune.pk]["communities.contributions_vnd"] == 2_000_000
    by_name = {s.name: s for s in ind.sources()}
    assert by_name["communities"].signed and not by_name["cases"].signed
