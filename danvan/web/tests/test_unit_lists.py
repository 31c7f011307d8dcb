"""Unit pages that stay small at a province's scale (issue 9.2): a section shows its first children and links
to the directory, which pages, searches by name without diacritics and lists one unit's children."""

import pytest
from django.urls import reverse

from danvan.web import views
from tests.scale import build_province

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("web:unit_directory")


@pytest.fixture
def province(settings):
    settings.DANVAN_PORTAL_UNIT = "99"
    return build_province(communes=130, hamlets=1)


def test_a_section_shows_its_first_children_and_links_to_all_of_them(client, province):
    html = client.get(province.get_absolute_url()).content.decode()
    assert html.count('class="unit-list"') == 1
    assert html.split('class="unit-list"')[1].count("<li>") == views.CHILDREN_SHOWN
    assert f"{DIRECTORY}?trong={province.code}" in html and "Xem tất cả 130 đơn vị trực thuộc" in html


def test_the_directory_pages_searches_and_lists_a_units_children(
    client, province, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = client.get(DIRECTORY).content.decode()
    assert "(131)" in page and "trang=2" in page  # the province and its 130 communes, 60 a page
    html = client.get(DIRECTORY, {"q": "tram hoa"}).content.decode()  # "Xã Tràm Hòa 1": no diacritics typed
    assert "Xã Tràm Hòa 1" in html and "Xã An An 1" not in html
    html = client.get(DIRECTORY, {"trong": province.code, "trang": "3"}).content.decode()
    assert "Đơn vị trực thuộc Tỉnh Thử Nghiệm Quy Mô" in html and "(130)" in html
    assert "Không có đơn vị nào có tên khớp" in client.get(DIRECTORY, {"q": "khong co"}).content.decode()
