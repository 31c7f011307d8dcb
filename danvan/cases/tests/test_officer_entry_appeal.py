"""Officers enter cases received at reception, by letter or phone; citizens file a second-instance complaint
from the tracking page; transfers pick the receiving unit by code or name."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.cases import services
from danvan.cases.models import Case, Channel, Kind, Status
from danvan.core.formatting import local_today

from .helpers import D, accepted, field, submit

pytestmark = pytest.mark.django_db
ENTRY = reverse("cases:entry")
TRACK = reverse("cases:track")


def entry_data(cast, kind="feedback", **extra):
    data = {
        "kind": kind,
        "channel": Channel.LETTER,
        "received_on": (local_today() - dt.timedelta(days=2)).isoformat(),
        "commune": str(cast.commune.pk),
        "hamlet": str(cast.hamlet.pk),
        "field": str(field("dat-dai").pk),
        "title": "Đơn thư gửi qua bưu điện về lấn chiếm đất công",
        "content": "Hộ dân lấn chiếm đất công ven kênh Phú Hòa để xây chuồng trại.",
        "token": "entry-" + kind,
    }
    data.update(extra)
    return data


def test_entry_page_offers_own_units_and_officer_channels(client, cast):
    client.force_login(cast.minh)
    response = client.get(ENTRY)
    html = response.content.decode()
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.communes) == {str(cast.commune.pk)}
    assert "Tiếp công dân" in html and "Thư, đơn" in html and "Điện thoại" in html
    assert cast.far_commune.name not in html


def test_entry_by_letter_keeps_channel_and_received_day_for_deadlines(client, cast):
    client.force_login(cast.minh)
    response = client.post(ENTRY, entry_data(cast, name="Trần Thị Thư", phone="0913555666"))
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[case.pk])
    assert case.channel == Channel.LETTER and case.created_by == cast.minh
    assert case.received_on == local_today() - dt.timedelta(days=2)
    assert case.accept_due == services._accept_deadline(case).due
    assert case.events.get().actor == cast.minh


def test_entry_of_a_denunciation_encrypts_identity(client, cast):
    client.force_login(cast.minh)
    data = entry_data(
        cast,
        "denunciation",
        channel=Channel.RECEPTION,
        name="Lê Văn Tố",
        address="Ấp Phú Lợi",
        phone="0987654321",
    )
    client.post(ENTRY, data)
    case = Case.objects.get()
    assert case.kind == Kind.DENUNCIATION and case.channel == Channel.RECEPTION
    assert case.submitter_name == "" and "Lê Văn Tố" not in case.protected_identity


def test_entry_bad_input_stores_nothing_with_messages(client, cast):
    client.force_login(cast.minh)
    future = (local_today() + dt.timedelta(days=1)).isoformat()
    response = client.post(ENTRY, entry_data(cast, received_on=future))
    assert response.status_code == 400 and "sau hôm nay" in response.content.decode()
    response = client.post(ENTRY, entry_data(cast, "complaint", title=""))
    errors = response.context["form"].errors
    assert response.status_code == 400 and {"title", "name", "address", "decision_ref"} <= set(errors)
    # a unit outside the officer's scope is not offered and not accepted
    response = client.post(ENTRY, entry_data(cast, commune=str(cast.far_commune.pk)))
    assert response.status_code == 400 and "commune" in response.context["form"].errors
    assert Case.objects.count() == 0


def test_entry_refused_to_viewers_and_citizens(client, cast):
    client.force_login(cast.lan)
    assert client.get(ENTRY).status_code == 404
    client.force_login(cast.binh)
    assert client.post(ENTRY, entry_data(cast)).status_code == 404
    client.logout()
    assert client.get(ENTRY).status_code == 302
    assert Case.objects.count() == 0


def test_district_officer_enters_for_district_or_its_communes(client, cast):
    client.force_login(cast.son)
    units = client.get(ENTRY).context["form"].communes
    assert str(cast.district.pk) in units and str(cast.far_commune.pk) in units


# ---------------------------------------------------------------- second-instance complaint from tracking


def resolved_complaint(cast, **extra):
    case = accepted(cast, "complaint", **extra)
    services.case_resolve(
        actor=cast.tuan, case=Case.objects.get(pk=case.pk), answer="Giữ nguyên QĐ", outcome="wrong"
    )
    return Case.objects.get(pk=case.pk)


def test_citizen_appeals_from_tracking_page_to_the_parent_unit(client, cast):
    first = resolved_complaint(cast)
    client.post(TRACK, {"code": first.code, "contact": "0911222333"})
    html = client.get(TRACK, {"ma": first.code}).content.decode()
    assert "Gửi khiếu nại lần hai" in html and "chậm nhất ngày" in html
    data = {
        "action": "appeal",
        "code": first.code,
        "content": "Tôi không đồng ý, đề nghị huyện xem xét.",
        "token": "ap1",
    }
    response = client.post(TRACK, data)
    appeal = Case.objects.get(first_instance=first)
    assert response.status_code == 302 and appeal.code in response.url
    assert appeal.unit == cast.district and appeal.instance == 2 and appeal.status == Status.RECEIVED
    client.post(TRACK, data)  # double submit
    assert Case.objects.filter(first_instance=first).count() == 1
    html = client.get(TRACK, {"ma": appeal.code}).content.decode()
    assert cast.district.name in html
    # the first case now lists the appeal and offers no second one
    html = client.get(TRACK, {"ma": first.code}).content.decode()
    assert appeal.code in html and "Gửi khiếu nại lần hai" not in html


def test_appeal_needs_proof_of_phone_and_content(client, cast):
    first = resolved_complaint(cast)
    data = {"action": "appeal", "code": first.code, "content": "Không đồng ý"}
    assert client.post(TRACK, data).status_code == 404
    client.post(TRACK, {"code": first.code, "contact": "0911222333"})
    response = client.post(TRACK, {**data, "content": ""})
    assert response.status_code == 400 and Case.objects.filter(first_instance=first).count() == 0


def test_appeal_after_window_explained_and_not_stored(client, cast):
    first = resolved_complaint(cast, received_on=D(2026, 1, 5), act_known_on=D(2026, 1, 2))
    Case.objects.filter(pk=first.pk).update(resolved_on=D(2026, 2, 2))
    client.post(TRACK, {"code": first.code, "contact": "0911222333"})
    response = client.post(TRACK, {"action": "appeal", "code": first.code, "content": "Không đồng ý"})
    assert response.status_code == 400 and "quá thời hạn khiếu nại lần hai" in response.content.decode()
    assert Case.objects.filter(first_instance=first).count() == 0


def test_no_appeal_offered_for_open_or_other_kinds(client, cast):
    open_complaint = submit(cast, "complaint")
    feedback = submit(cast)
    for case, phone in ((open_complaint, "0911222333"), (feedback, "")):
        client.post(TRACK, {"code": case.code, "contact": phone})
        assert "Gửi khiếu nại lần hai" not in client.get(TRACK, {"ma": case.code}).content.decode()


# ---------------------------------------------------------------- transfer picker


def test_transfer_offers_units_and_accepts_a_name(client, cast):
    case = submit(cast)
    client.force_login(cast.minh)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'<option value="{cast.sibling_commune.code}">{cast.sibling_commune.name}</option>' in html
    response = client.post(reverse("cases:action", args=[case.pk, "transfer"]), {"to_unit": "xa an long"})
    assert Case.objects.get(pk=case.pk).unit == cast.sibling_commune and response.status_code == 302


def test_transfer_to_unknown_unit_explained(client, cast):
    case = submit(cast)
    client.force_login(cast.minh)
    response = client.post(
        reverse("cases:action", args=[case.pk, "transfer"]), {"to_unit": "Xã Không Có"}, follow=True
    )
    assert "Không tìm thấy đơn vị nhận" in response.content.decode()
    assert Case.objects.get(pk=case.pk).unit == cast.commune


def test_officer_receives_second_instance_complaint_at_reception(client, cast):
    first = resolved_complaint(cast)
    client.force_login(cast.son)
    url = reverse("cases:action", args=[first.pk, "appeal"])
    html = client.get(reverse("cases:detail", args=[first.pk])).content.decode()
    assert "Tiếp nhận khiếu nại lần hai" in html
    client.post(url, {"content": ""})
    assert not Case.objects.filter(first_instance=first).exists()
    response = client.post(
        url, {"content": "Công dân trình bày tại buổi tiếp.", "channel": "reception", "token": "x1"}
    )
    appeal = Case.objects.get(first_instance=first)
    assert (
        appeal.channel == Channel.RECEPTION and appeal.unit == cast.district and appeal.created_by == cast.son
    )
    assert response.url == reverse("cases:detail", args=[appeal.pk])
