import pytest

from danvan.communities import demo, selectors
from danvan.communities.models import Contribution, Group, Project

pytestmark = pytest.mark.django_db


def test_demo_tram_chim_groups_2020_and_now_projects_and_an_honour_board(client):
    from danvan.access import demo as access_demo
    from danvan.people import demo as people_demo
    from danvan.units import demo as units_demo
    from danvan.units.selectors import unit_by_code

    units = units_demo.seed()
    access_demo.seed(units)
    people_demo.seed()
    assert demo.seed()["groups"] == 7
    assert demo.seed() == {} and Group.objects.count() == 7
    tram_chim = unit_by_code("30001")
    found = set(selectors.groups_in(tram_chim).values_list("name", flat=True))
    assert "Hội quán Khóm 2 Tràm Chim" in found and "Hội quán Ấp 8 Tràm Chim" in found  # 2018 and 2025
    assert Group.objects.get(name="Hội quán Sen Tân Công Sính").successor.kind.is_cooperative
    assert (
        Project.objects.filter(status="handed_over").exists()
        and Project.objects.filter(status="open").exists()
    )
    assert (
        Contribution.objects.filter(kind="land").exists()
        and Contribution.objects.filter(reverses__isnull=False).exists()
    )
    assert selectors.honour_board(tram_chim).count() > 10
    [lapsed] = [
        g for g in selectors.with_last_meeting(Group.objects.all()) if selectors.misses_cadence(g, g.last_met)
    ]
    assert lapsed.name.startswith("Tổ an ninh")
    assert client.get("/hoi-quan/bang-vang/?xa=30001").status_code == 200
    # funds, consolidation and project progress
    from danvan.communities.models import ConsolidationPlan, FundEntry, ProjectPhoto, SupervisionCheck

    first = Group.objects.get(name="Hội quán Khóm 2 Tràm Chim")
    assert selectors.fund_balance(first)["balance"] > 0
    assert FundEntry.objects.filter(reverses__isnull=False).exists()
    assert ConsolidationPlan.objects.filter(completed_on__isnull=False).count() == 1
    [weak] = selectors.weak_groups(tram_chim)
    assert weak.name.startswith("Tổ an ninh")
    assert ProjectPhoto.objects.count() == Project.objects.count() == SupervisionCheck.objects.count()
    handed = Project.objects.filter(status="handed_over").first()
    page = client.get(f"/hoi-quan/cong-trinh/{handed.pk}/").content.decode()
    assert "UBND xã Tràm Chim" in page and "Nguyễn Văn Út" in page
