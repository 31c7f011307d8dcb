"""No public page lists a province's units inline (issue 9.2): at the SPEC's scale — a province of 3,000
communes with their hamlets, generated in the test database — the first load of the case form and of the
unit pages (the HTML and the style sheets, scripts and images it references) stays under 150 KB."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from danvan.units.models import Unit
from tests.scale import build_province

pytestmark = pytest.mark.django_db
LIMIT = 150 * 1024
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def first_load(response) -> tuple[int, int]:
    """(bytes of the HTML, bytes of the HTML plus every static file it references)."""
    html = response.content
    assets = 0
    for url in set(ASSET.findall(html.decode())):
        path = finders.find(url.removeprefix("/static/"))
        assert path, url
        with open(path, "rb") as fh:
            assets += len(fh.read())
    return len(html), len(html) + assets


@pytest.fixture
def province(settings):
    settings.DANVAN_PORTAL_UNIT = "99"
    return build_province(communes=3000, hamlets=3)


def test_public_pages_stay_small_at_a_provinces_scale(client, province, django_assert_max_num_queries):
    assert Unit.objects.filter(parent=province).count() == 3000
    assert Unit.objects.filter(parent__parent=province).count() == 9000
    commune = Unit.objects.filter(parent=province).order_by("path")[1500]
    hamlet = commune.children.first()
    pages = {
        "case form": ("get", reverse("cases:submit"), {}),
        "case form of the province": ("get", reverse("cases:unit_submit", args=[province.code]), {}),
        "case form of a commune": ("get", reverse("cases:unit_submit", args=[commune.code]), {}),
        "case form of a hamlet": ("get", reverse("cases:unit_submit", args=[hamlet.code]), {}),
        "case form, searching 'xa' (every commune)": (
            "post",
            reverse("cases:submit"),
            {"buoc": "tim-xa", "tim_xa": "xa", "title": "Đèn đường"},
        ),
        "communes' fragment": ("get", reverse("places:communes"), {"tim_xa": "phu"}),
        "home (the province)": ("get", reverse("web:home"), {}),
        "province's page": ("get", province.get_absolute_url(), {}),
        "a commune's page": ("get", commune.get_absolute_url(), {}),
        "unit directory": ("get", reverse("web:unit_directory"), {}),
        "unit directory, searched": ("get", reverse("web:unit_directory"), {"q": "phu"}),
        "children of the province": ("get", reverse("web:unit_directory"), {"trong": province.code}),
    }
    sizes = {}
    for name, (method, url, data) in pages.items():
        with django_assert_max_num_queries(14):
            response = getattr(client, method)(url, data)
        assert response.status_code == 200, (name, response.status_code)
        sizes[name] = first_load(response)
    print("\n" + "\n".join(f"{n}: HTML {h:,} B, first load {t:,} B" for n, (h, t) in sizes.items()))
    too_big = {n: t for n, (_h, t) in sizes.items() if t >= LIMIT}
    assert not too_big, too_big

    # and one commune among the 3,000 is found by its name typed without diacritics, first
    target = Unit.objects.filter(parent=province).order_by("path")[2345]
    response = client.post(reverse("cases:submit"), {"buoc": "tim-xa", "tim_xa": target.search_name[3:]})
    options = re.findall(r'name="commune" id="xa-(\d+)"', response.content.decode())
    assert options[0] == str(target.pk), (target.name, options[:3])
