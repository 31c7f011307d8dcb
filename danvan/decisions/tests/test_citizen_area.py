import pytest

from danvan.decisions import services
from danvan.decisions.models import HouseholdVote, Status

from .helpers import citizen, households, opened

pytestmark = pytest.mark.django_db


def test_a_verified_citizen_votes_once_for_the_household_and_sees_the_result_after_close(client, cast):
    hh = households(cast, 10)
    d = opened(cast, "6", poll_yes=6, title="Tổ chức ngày hội đại đoàn kết")
    me = citizen(hh[0])
    client.force_login(me)
    home = client.get("/tai-khoan/").content.decode()
    assert "Biểu quyết của hộ" in home and d.title in home
    page = client.get(f"/tai-khoan/bieu-quyet/{d.pk}/").content.decode()
    assert "Gửi biểu quyết" in page
    client.post(f"/tai-khoan/bieu-quyet/{d.pk}/", {"choice": "yes"})
    r = client.post(f"/tai-khoan/bieu-quyet/{d.pk}/", {"choice": "no"}, follow=True)
    assert "mỗi hộ chỉ biểu quyết một lần" in r.content.decode()
    assert list(HouseholdVote.objects.values_list("choice", flat=True)) == ["yes"]
    page = client.get(f"/tai-khoan/bieu-quyet/{d.pk}/").content.decode()
    assert (
        "đã được tính phiếu" in page
        and "Gửi biểu quyết" not in page
        and "Số hộ tán thành cần thiết" not in page
    )
    for h in hh[1:6]:
        services.online_vote_cast(citizen=citizen(h), decision=d, choice="yes")
    services.voting_close(actor=cast.hoa, decision=d)
    page = client.get(f"/tai-khoan/bieu-quyet/{d.pk}/").content.decode()
    assert "Được thông qua" in page and "Số hộ tán thành cần thiết" in page
    d.refresh_from_db()
    assert d.status == Status.PASSED


def test_a_citizen_sees_only_decisions_of_the_own_household(client, cast):
    households(cast, 3)
    other = households(cast, 3, hamlet=cast.other_hamlet, prefix="O")
    d = opened(cast, "6", poll_yes=2)
    client.force_login(citizen(other[0]))
    assert client.get(f"/tai-khoan/bieu-quyet/{d.pk}/").status_code == 404
    assert d.title not in client.get("/tai-khoan/bieu-quyet/").content.decode()
