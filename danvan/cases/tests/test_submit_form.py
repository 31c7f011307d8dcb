"""The public case form at a province's scale (issue 9.2): the commune is searched by name and its hamlets
follow, in rounds that work without JavaScript and keep everything typed; a unit's own section opens the
form inside that unit."""

import re

import pytest
from django.urls import reverse

from danvan.cases.models import Case
from danvan.units import selectors as unit_selectors
from danvan.units.models import Unit, UnitKind

from .helpers import field

pytestmark = pytest.mark.django_db
SUBMIT = reverse("cases:submit")


def typed(cast, **extra):
    values = {
        "kind": "petition",
        "title": "Đề nghị lắp đèn đường ấp Phú Hòa",
        "content": "Đoạn đường từ chợ về trường không có đèn, tối đi lại nguy hiểm.",
        "field": str(field("ha-tang-giao-thong").pk),
        "name": "Trần Thị Mai",
        "phone": "0912 000 111",
        "consent_publish": "on",
        "token": "12" * 16,
    }
    values.update(extra)
    return values


@pytest.fixture
def big_site(monkeypatch):
    """As if the province had thousands of communes: none is listed until the citizen searches."""
    monkeypatch.setattr(unit_selectors, "COMMUNE_LIST_ALL", 2)


def test_a_large_province_lists_no_commune_until_the_citizen_searches(client, cast, big_site):
    html = client.get(SUBMIT).content.decode()
    assert "Tìm xã, phường" in html and "Có 3 xã, phường" in html
    assert cast.commune.name not in html and cast.hamlet.name not in html


def test_the_search_round_keeps_everything_typed_and_refuses_nothing(client, cast, big_site):
    response = client.post(SUBMIT, typed(cast, tim_xa="phu cuong", buoc="tim-xa"))
    assert response.status_code == 200 and not response.context["form"].errors
    html = response.content.decode()
    assert f'id="xa-{cast.commune.pk}"' in html and "Xã An Long" not in html
    for value in ("Đề nghị lắp đèn đường ấp Phú Hòa", "Trần Thị Mai", "0912 000 111", "12" * 16):
        assert value in html
    assert re.search(r'id="kind-petition" value="petition"[^>]* checked', html)
    assert re.search(r'name="consent_publish"[^>]* checked', html)
    assert Case.objects.count() == 0


def test_choosing_the_commune_shows_its_hamlets_then_the_case_is_sent_with_them(client, cast, big_site):
    response = client.post(SUBMIT, typed(cast, commune=str(cast.commune.pk), buoc="chon-xa"))
    html = response.content.decode()
    assert response.status_code == 200 and "Ấp Phú Hòa" in html and "Ấp An Thạnh" not in html
    response = client.post(SUBMIT, typed(cast, commune=str(cast.commune.pk), hamlet=str(cast.hamlet.pk)))
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.unit, case.hamlet, case.kind) == (cast.commune, cast.hamlet, "petition")


def test_a_hamlet_of_another_commune_is_not_accepted(client, cast):
    response = client.post(
        SUBMIT, typed(cast, commune=str(cast.commune.pk), hamlet=str(cast.sibling_hamlet.pk))
    )
    assert response.status_code == 400 and "hamlet" in response.context["form"].errors
    assert Case.objects.count() == 0


def test_no_commune_chosen_is_refused_on_the_commune(client, cast):
    response = client.post(SUBMIT, typed(cast))
    assert response.status_code == 400
    assert "Vui lòng tìm và chọn xã, phường." in response.context["form"].errors["commune"]
    assert 'id="id_commune_error"' in response.content.decode()


def test_a_communes_section_opens_the_form_with_the_commune_chosen(client, cast, big_site):
    page = client.get(reverse("web:unit_section", kwargs={"code": cast.commune.code})).content.decode()
    url = reverse("cases:unit_submit", kwargs={"code": cast.commune.code})
    assert f'href="{url}"' in page
    html = client.get(url).content.decode()
    assert f'id="xa-{cast.commune.pk}"' in html and "checked" in html and "Ấp Phú Hòa" in html
    assert "Xã An Long" not in html and 'name="tim_xa"' not in html
    response = client.post(url, typed(cast, commune=str(cast.commune.pk), trong=cast.commune.code))
    assert response.status_code == 302 and Case.objects.get().unit == cast.commune


def test_a_hamlets_section_chooses_its_commune_and_the_hamlet(client, cast):
    html = client.get(reverse("cases:unit_submit", kwargs={"code": cast.hamlet.code})).content.decode()
    assert f'<option value="{cast.hamlet.pk}" selected>' in html


def test_a_districts_section_offers_its_communes_only(client, cast):
    html = client.get(reverse("cases:unit_submit", kwargs={"code": cast.district.code})).content.decode()
    assert "Xã Phú Cường" in html and "Xã An Long" in html and "Xã Tân Phú" not in html


def test_a_former_unit_offers_todays_communes_and_says_why(client, cast):
    Unit.objects.filter(pk=cast.sibling_commune.pk).update(valid_to="2020-12-31")
    html = client.get(
        reverse("cases:unit_submit", kwargs={"code": cast.sibling_commune.code})
    ).content.decode()
    assert "đã hết hiệu lực" in html and "Xã Phú Cường" in html


def test_an_unknown_unit_or_an_organisation_is_404(client, cast):
    org = Unit.objects.create(
        code="30025-UB",
        name="UBND xã Phú Cường",
        kind=UnitKind.PEOPLES_COMMITTEE,
        parent=cast.commune,
        path=cast.commune.path + ".9999999",
        depth=cast.commune.depth + 1,
    )
    assert client.get(reverse("cases:unit_submit", kwargs={"code": "99999"})).status_code == 404
    assert client.get(reverse("cases:unit_submit", kwargs={"code": org.code})).status_code == 404


def test_the_form_page_costs_the_same_queries_at_any_size(client, cast, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get(SUBMIT).status_code == 200
    data = typed(cast, tim_xa="phu", buoc="tim-xa", commune=str(cast.commune.pk))
    with django_assert_max_num_queries(7):
        client.post(SUBMIT, data)
