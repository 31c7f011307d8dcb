"""Files chosen on the public case form are kept while the citizen corrects other fields (issue 10.2):
held against the form's token in the private storage, listed with a way to remove them, turned into the
case's attachments when it is sent, deleted a day later by a daily job — and where a file cannot be kept,
the form says plainly that it must be chosen again."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from danvan.cases import services
from danvan.cases.models import Case, CaseAttachment, HeldAttachment
from danvan.core import schedule

from .helpers import field

pytestmark = pytest.mark.django_db
SUBMIT = reverse("cases:submit")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
TOKEN = "ab" * 16


def pdf(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def data(cast, **extra):
    values = {
        "kind": "feedback",
        "title": "Cống thoát nước ấp Phú Hòa bị vỡ",
        "content": "Cống đầu ấp bị vỡ, nước tràn lên đường.",
        "commune": str(cast.commune.pk),
        "field": str(field("moi-truong").pk),
        "token": TOKEN,
    }
    values.update(extra)
    return values


def test_an_error_round_keeps_the_chosen_files_and_lists_them(client, cast):
    response = client.post(SUBMIT, data(cast, title="", attachments=[pdf(), pdf("anh.pdf")]))
    assert response.status_code == 400 and Case.objects.count() == 0
    held = HeldAttachment.objects.filter(token=TOKEN)
    assert sorted(h.original_name for h in held) == ["anh.pdf", "bien-ban.pdf"]
    html = response.content.decode()
    assert "không cần chọn lại" in html and "bien-ban.pdf" in html and 'name="bo-tep"' in html
    for h in held:  # private storage, random names: the citizen's file name is not the path
        assert h.file.storage.location.endswith("test-private") and "bien-ban" not in h.file.name

    response = client.post(SUBMIT, data(cast))  # the corrected round: no file chosen again
    assert response.status_code == 302
    case = Case.objects.get()
    assert sorted(a.original_name for a in case.attachments.all()) == ["anh.pdf", "bien-ban.pdf"]
    assert not HeldAttachment.objects.exists()
    stored = case.attachments.first()
    with stored.file.open("rb") as fh:
        assert fh.read() == PDF


def test_a_held_file_can_be_removed_without_losing_what_was_typed(
    client, cast, django_capture_on_commit_callbacks
):
    client.post(SUBMIT, data(cast, title="", attachments=[pdf()]))
    held = HeldAttachment.objects.get()
    name = held.file.name
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the row's deletion commits
        response = client.post(SUBMIT, data(cast, title="Tiêu đề đã gõ", **{"bo-tep": str(held.pk)}))
    assert response.status_code == 200 and not response.context["form"].errors
    assert not HeldAttachment.objects.exists() and not held.file.storage.exists(name)
    html = response.content.decode()
    assert 'value="Tiêu đề đã gõ"' in html and "Cống đầu ấp bị vỡ" in html


def test_another_forms_token_cannot_remove_or_use_a_held_file(client, cast):
    client.post(SUBMIT, data(cast, title="", attachments=[pdf()]))
    held = HeldAttachment.objects.get()
    assert not services.held_attachment_remove(token="cd" * 16, pk=held.pk)
    client.post(SUBMIT, data(cast, token="cd" * 16))
    assert Case.objects.get().attachments.count() == 0 and HeldAttachment.objects.count() == 1


def test_a_refused_file_is_not_kept_and_the_form_says_why(client, cast):
    fake = SimpleUploadedFile("anh.png", PDF, content_type="image/png")  # a PDF named like a photo
    response = client.post(SUBMIT, data(cast, attachments=[fake, pdf()]))
    assert response.status_code == 400
    assert "không khớp" in " ".join(response.context["form"].errors["attachments"])
    assert [h.original_name for h in HeldAttachment.objects.all()] == ["bien-ban.pdf"]


def test_a_file_that_cannot_be_kept_is_named_to_be_chosen_again(client, cast):
    for name in ("1.pdf", "2.pdf", "3.pdf"):
        client.post(SUBMIT, data(cast, title="", attachments=[pdf(name)]))
    response = client.post(SUBMIT, data(cast, title="", attachments=[pdf("4.pdf")]))
    html = response.content.decode()
    assert HeldAttachment.objects.count() == 3
    assert "Tệp “4.pdf” chưa được giữ lại" in html and "chọn lại" in html


def test_without_the_forms_token_files_go_with_a_valid_round_and_are_named_otherwise(client, cast):
    response = client.post(SUBMIT, data(cast, token="", title="", attachments=[pdf()]))
    assert "Tệp “bien-ban.pdf” chưa được giữ lại" in response.content.decode()
    assert not HeldAttachment.objects.exists()
    assert client.post(SUBMIT, data(cast, token="", attachments=[pdf()])).status_code == 302
    assert CaseAttachment.objects.count() == 1


def test_a_denunciations_held_file_keeps_a_neutral_name(client, cast):
    denunciation = data(
        cast,
        kind="denunciation",
        name="Lê Văn Tố",
        address="Ấp Phú Hòa",
        phone="0987654321",
        title="",
        attachments=[pdf("don_to_cao_Le_Van_To.pdf")],
    )
    client.post(SUBMIT, denunciation)
    client.post(SUBMIT, {**denunciation, "title": "Cán bộ thu tiền sai quy định", "attachments": []})
    case = Case.objects.get()
    assert case.kind == "denunciation"
    assert [a.original_name for a in case.attachments.all()] == ["tep-dinh-kem-1.pdf"]


def test_held_files_expire_after_a_day_by_the_daily_job(cast):
    result = services.attachments_hold(token=TOKEN, files=[pdf()])
    old = result.held[0]
    HeldAttachment.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    fresh = services.attachments_hold(token=TOKEN, files=[pdf("moi.pdf")]).held[0]
    assert [h.pk for h in services.held_attachments(TOKEN)] == [fresh.pk]  # an expired file is not offered
    assert services.held_attachments_expire() == 1
    assert list(HeldAttachment.objects.all()) == [fresh] and not old.file.storage.exists(old.file.name)
    assert services.held_attachments_expire() == 0  # idempotent
    job = schedule.get("cases.held_attachments_expire")
    assert job is not None and job.task_path.endswith("expire_held_attachments")


def test_holding_is_limited_per_address(cast, monkeypatch):
    monkeypatch.setattr(services.intake, "HOLD_LIMIT_PER_IP", (2, 3600))
    kept = [services.attachments_hold(token=f"{i:032x}", files=[pdf()], ip="10.0.0.7") for i in range(3)]
    assert [len(r.held) for r in kept] == [1, 1, 0]
    assert kept[2].unkept and kept[2].unkept[0][1] == "limit"
