"""The public case form checks everything in one round (issue 10.2): a bad phone no longer hides the bad
e-mail, the late date and the disguised file; the service lists every refusal on its own, for the form, the
officers' API and Open311 alike, keeping the codes those callers rely on."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.cases import services
from danvan.cases.models import Case, CaseAttachment
from danvan.core.errors import DomainError, DomainErrors
from danvan.core.formatting import local_today

from .helpers import field, submit
from .test_api import FORM, O311

pytestmark = pytest.mark.django_db
SUBMIT = reverse("cases:submit")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def disguised():
    """A Windows program named like a photo (what the issue saw): refused by its content."""
    return SimpleUploadedFile(
        "anh-hien-truong.jpg", b"MZ\x90\x00 not an image" * 20, content_type="image/jpeg"
    )


def late_complaint(cast, **extra):
    return {
        "kind": "complaint",
        "name": "Nguyễn Văn Khiếu",
        "address": "Ấp Phú Lợi",
        "decision_ref": "Quyết định 125/QĐ-UBND thu hồi đất",
        "act_known_on": local_today() - dt.timedelta(days=200),
        **extra,
    }


def test_the_service_lists_every_refusal_of_a_case_at_once(cast):
    with pytest.raises(DomainErrors) as exc:
        submit(cast, phone="0912 34", email="khieu@", attachments=[disguised()], **late_complaint(cast))
    fields = [e.field for e in exc.value.errors]
    assert fields == ["phone", "email", "act_known_on", "attachments"], exc.value.errors
    codes = {e.field: e.code for e in exc.value.errors}
    assert codes["act_known_on"] == "filing_limit" and codes["attachments"] == "bad_file"
    # one message for the callers that show one (the API's detail): every refusal, in order
    assert "Số điện thoại không hợp lệ" in exc.value.message and "thư điện tử" in exc.value.message
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0


def test_a_single_refusal_keeps_its_own_message_code_and_field(cast):
    with pytest.raises(DomainError) as exc:
        submit(cast, **late_complaint(cast))
    assert exc.value.code == "filing_limit" and exc.value.field == "act_known_on"
    assert exc.value.message.startswith("Đã hết thời hiệu khiếu nại")


def test_a_field_refused_as_invalid_is_not_also_called_missing(cast):
    with pytest.raises(DomainErrors) as exc:
        submit(cast, "denunciation", phone="12ab", email="")
    assert [(e.field, e.code) for e in exc.value.errors] == [("phone", "invalid")]


def test_case_check_gives_the_refusals_without_writing(cast):
    problems = services.case_check(
        kind="feedback", title="", content="Nội dung", unit=None, phone="abc", email="x@", ip="10.0.0.1"
    )
    assert [e.field for e in problems] == ["unit", "title", "phone", "email"]
    assert Case.objects.count() == 0


def form_data(cast, **extra):
    data = {
        "kind": "feedback",
        "title": "Nhà máy xay lúa gây ồn",
        "content": "Nhà máy xay lúa chạy cả đêm.",
        "commune": str(cast.commune.pk),
        "field": str(field("moi-truong").pk),
        "token": "0" * 31 + "1",
    }
    data.update(extra)
    return data


def test_the_form_shows_the_bad_phone_email_late_date_and_disguised_file_in_one_round(client, cast):
    data = form_data(
        cast,
        kind="complaint",
        name="Nguyễn Văn Khiếu",
        address="Ấp Phú Lợi",
        decision_ref="QĐ 125",
        act_known_on=(local_today() - dt.timedelta(days=200)).isoformat(),
        phone="0912 34",
        email="khieu@",
        attachments=[disguised()],
    )
    response = client.post(SUBMIT, data)
    assert response.status_code == 400 and Case.objects.count() == 0
    errors = response.context["form"].errors
    assert {"phone", "email", "act_known_on", "attachments"} <= set(errors), errors
    assert "thời hiệu" in " ".join(errors["act_known_on"])
    assert "anh-hien-truong.jpg" in " ".join(errors["attachments"])


def test_the_form_adds_the_services_refusals_to_its_own(client, cast):
    """No title (the form's own check) and a late complaint date (the service's): both in the same round."""
    data = form_data(
        cast,
        kind="complaint",
        title="",
        name="A",
        address="B",
        decision_ref="QĐ 1",
        act_known_on=(local_today() - dt.timedelta(days=200)).isoformat(),
    )
    response = client.post(SUBMIT, data)
    errors = response.context["form"].errors
    assert response.status_code == 400 and {"title", "act_known_on"} <= set(errors)
    assert len(errors["title"]) == 1  # the service's "Vui lòng nhập tiêu đề" is not repeated


def test_the_officers_api_answers_every_refusal_with_its_field(client, cast):
    client.force_login(cast.minh)
    body = {
        "kind": "feedback",
        "channel": "letter",
        "title": "Đơn thư gửi qua bưu điện",
        "content": "Nội dung.",
        "unit": "30025",
        "phone": "12ab",
        "email": "khong-phai-thu@",
        "received_on": local_today().isoformat(),
    }
    response = client.post("/api/v1/cases/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    answer = response.json()
    assert [e["field"] for e in answer["errors"]] == ["phone", "email"]
    assert "Số điện thoại" in answer["detail"] and "thư điện tử" in answer["detail"]
    assert Case.objects.count() == 0


def test_open311_lists_every_refusal_as_a_georeport_error(client, cast, integrator):
    data = dict(FORM, api_key=integrator[1], phone="12ab", email="khong-phai-thu@")
    response = client.post(f"{O311}/requests.json", data)
    assert response.status_code == 400
    descriptions = [e["description"] for e in response.json()]
    assert len(descriptions) == 2 and "Số điện thoại" in descriptions[0] and "thư điện tử" in descriptions[1]
    assert all(e["code"] == 400 for e in response.json())
