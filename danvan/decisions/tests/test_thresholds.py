import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.core.errors import DomainError
from danvan.decisions.thresholds import required_votes, threshold
from danvan.rulebook.models import LegalRule
from danvan.rulebook.services import invalidate_caches, rule_in_force

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 3, 1)


@pytest.mark.parametrize("matter", ["1", "2"])
def test_items_1_2_need_two_thirds_of_all_households(matter):
    t = threshold(matter, "hamlet", 300, ON)
    assert (t.required, t.comparator, t.fraction, t.rule_key) == (
        200,
        ">=",
        Fraction(2, 3),
        "decision.contribution_hamlet_approval",
    )
    assert t.passes(200)  # exactly 2/3
    assert not t.passes(199)  # one household below
    assert "Điều 21" in t.citation


@pytest.mark.parametrize("matter", ["3", "4", "5", "6"])
def test_items_3_to_6_need_more_than_half_of_all_households(matter):
    t = threshold(matter, "hamlet", 200, ON)
    assert (t.required, t.comparator, t.rule_key) == (101, ">", "decision.community_approval")
    assert not t.passes(100)  # exactly 50 %
    assert t.passes(101)  # one above
    assert threshold(matter, "hamlet", 201, ON).required == 101


def test_two_thirds_when_the_count_is_not_a_multiple_of_three():
    assert threshold("1", "hamlet", 200, ON).required == 134  # 133/200 < 2/3 ≤ 134/200
    assert threshold("1", "hamlet", 1, ON).required == 1


@pytest.mark.parametrize("matter", ["1", "2"])
def test_commune_wide_items_1_2_need_two_thirds_of_the_hamlets(matter):
    t = threshold(matter, "commune", 9, ON)
    assert (t.required, t.rule_key) == (6, "decision.contribution_commune_approval")
    assert t.passes(6) and not t.passes(5)
    assert "thôn" in t.counted


@pytest.mark.parametrize("matter", ["3", "4", "5", "6", "procedural", "initiative"])
def test_commune_scope_is_refused_for_hamlet_only_matters(matter):
    with pytest.raises(DomainError):
        threshold(matter, "commune", 9, ON)


def test_procedural_initiative_and_online_poll():
    p = threshold("procedural", "hamlet", 80, ON)
    assert (p.required, p.rule_key, p.counted) == (
        41,
        "decision.procedural_vote",
        "đại diện hộ gia đình có mặt",
    )
    i = threshold("initiative", "hamlet", 200, ON)
    assert (i.required, i.comparator, i.rule_key) == (20, ">=", "decision.initiative_consent")
    assert i.passes(20) and not i.passes(19)
    assert threshold("initiative", "hamlet", 201, ON).required == 21
    o = threshold("online_poll", "hamlet", 120, ON)
    assert (o.required, o.rule_key) == (61, "decision.online_poll_approval")


def test_online_approval_only_for_item_6():
    assert threshold("6", "hamlet", 50, ON, online=True).rule_key == "decision.online_approval"
    with pytest.raises(DomainError, match="nội dung 6"):
        threshold("4", "hamlet", 50, ON, online=True)


@pytest.mark.parametrize("bad", [0, -1, "7"])
def test_bad_counts_and_matters_are_refused(bad):
    with pytest.raises(DomainError):
        if isinstance(bad, int):
            threshold("1", "hamlet", bad, ON)
        else:
            threshold(bad, "hamlet", 10, ON)


def test_the_rule_in_force_on_the_day_is_read_not_a_literal():
    rule = rule_in_force("decision.community_approval", ON)
    LegalRule.objects.filter(pk=rule.pk).update(valid_to=dt.date(2026, 12, 31))
    LegalRule.objects.create(
        key=rule.key,
        title=rule.title,
        value="0.6",
        unit=rule.unit,
        comparator=">=",
        valid_from=dt.date(2027, 1, 1),
        citation="Luật sửa đổi (giả định cho kiểm thử)",
    )
    invalidate_caches()
    assert threshold("4", "hamlet", 100, ON).required == 51
    later = threshold("4", "hamlet", 100, dt.date(2027, 2, 1))
    assert (later.required, later.comparator, later.citation) == (
        60,
        ">=",
        "Luật sửa đổi (giả định cho kiểm thử)",
    )
    with pytest.raises(DomainError, match="không có hiệu lực"):
        threshold("4", "hamlet", 100, dt.date(2022, 1, 1))


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=100_000),
    p=st.integers(min_value=1, max_value=999),
    q=st.integers(min_value=1, max_value=1000),
    comparator=st.sampled_from([">=", ">"]),
)
def test_required_is_minimal(n, p, q, comparator):
    fraction = Fraction(min(p, q), q)
    k = required_votes(n, fraction, comparator)

    def ok(votes):
        return Fraction(votes, n) >= fraction if comparator == ">=" else Fraction(votes, n) > fraction

    assert ok(k)
    assert not ok(k - 1)


class TestApi:
    def get(self, client, **params):
        return client.get("/api/v1/decisions/threshold", params)

    def test_answer(self, client):
        r = self.get(client, matter="1", scope="hamlet", count="200", on="2026-03-01")
        assert r.status_code == 200
        body = r.json()
        assert {k: body[k] for k in ("required", "of", "comparator", "fraction", "rule")} == {
            "required": 134,
            "of": 200,
            "comparator": ">=",
            "fraction": "2/3",
            "rule": "decision.contribution_hamlet_approval",
        }
        assert "Điều 21" in body["citation"]
        r = self.get(client, matter="6", count="200", on="2026-03-01")
        assert (r.json()["required"], r.json()["fraction"], r.json()["comparator"]) == (101, "1/2", ">")
        r = self.get(client, matter="1", scope="commune", count="9", on="2026-03-01")
        assert r.json()["required"] == 6

    @pytest.mark.parametrize(
        "params",
        [
            dict(matter="9", count="10", on="2026-03-01"),
            dict(matter="1", count="abc", on="2026-03-01"),
            dict(matter="1", count="0", on="2026-03-01"),
            dict(matter="1", count="10", on="01/03/2026"),
            dict(matter="1", count="10"),
            dict(matter="4", scope="commune", count="10", on="2026-03-01"),
            dict(matter="1", scope="xa", count="10", on="2026-03-01"),
            dict(matter="1", count="10", on="2020-03-01"),
        ],
    )
    def test_bad_params_answer_json_400(self, client, params):
        r = self.get(client, **params)
        assert r.status_code == 400
        assert r["Content-Type"].startswith("application/json")
        assert r.json()["detail"]


@pytest.mark.parametrize(
    ("params", "required", "rule"),
    [
        # commune-wide items 1–2: count is the hamlets of the commune; 6 of 9 is exactly 2/3
        (dict(matter="1", scope="commune", count="9"), 6, "decision.contribution_commune_approval"),
        (dict(matter="2", scope="commune", count="10"), 7, "decision.contribution_commune_approval"),
        (dict(matter="1", scope="commune", count="3"), 2, "decision.contribution_commune_approval"),
        # an initiative reaches the community at 10 % of the hamlet's households
        (dict(matter="initiative", scope="hamlet", count="200"), 20, "decision.initiative_consent"),
        (dict(matter="initiative", count="201"), 21, "decision.initiative_consent"),
        (dict(matter="initiative", count="9"), 1, "decision.initiative_consent"),
    ],
)
def test_api_commune_scope_and_initiative_at_the_boundary(client, params, required, rule):
    r = client.get("/api/v1/decisions/threshold", {**params, "on": "2026-03-01"})
    body = r.json()
    assert r.status_code == 200 and (body["required"], body["rule"], body["comparator"]) == (
        required,
        rule,
        ">=",
    )
    n = int(params["count"])
    t = threshold(params["matter"], params.get("scope", "hamlet"), n, ON)
    assert t.passes(required) and not t.passes(required - 1)  # exactly at the threshold, and one below


def test_api_commune_scope_for_items_3_to_6_and_initiatives_is_explained(client):
    r = client.get(
        "/api/v1/decisions/threshold", {"matter": "4", "scope": "commune", "count": "9", "on": "2026-03-01"}
    )
    assert (
        r.status_code == 400 and "mỗi thôn, tổ dân phố quyết định theo tỷ lệ của thôn" in r.json()["detail"]
    )
    r = client.get(
        "/api/v1/decisions/threshold",
        {"matter": "initiative", "scope": "commune", "count": "9", "on": "2026-03-01"},
    )
    assert r.status_code == 400 and "10% số hộ của thôn" in r.json()["detail"]
