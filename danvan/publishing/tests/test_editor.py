"""The rich-text editor's server side: its image upload, the forms that carry it, and the stored bodies."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from danvan.audit.models import AuditEvent
from danvan.disclosures.tests.helpers import make as make_disclosure

from .helpers import draft

pytestmark = pytest.mark.django_db
UPLOAD = "/can-bo/anh-noi-dung/"


def png(name="anh.png", size=(2400, 1200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_an_editor_uploads_an_image_for_a_body_reencoded_and_audited(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.lan)
    response = client.post(UPLOAD, {"image": png(), "unit": cast.commune.pk})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/noi-dung/anh/") and url.endswith(".jpg")
    stored = Image.open(tmp_path / url.removeprefix("/media/"))
    assert stored.format == "JPEG" and stored.width == 1600
    assert AuditEvent.objects.filter(action="content.image_upload", object_id=str(cast.commune.pk)).exists()


def test_a_disguised_or_missing_image_is_refused_in_vietnamese(client, cast):
    client.force_login(cast.lan)
    fake = SimpleUploadedFile("anh.png", b"%PDF-1.4 not an image", content_type="image/png")
    refused = client.post(UPLOAD, {"image": fake, "unit": cast.commune.pk})
    assert refused.status_code == 400 and "không phải là loại được chấp nhận" in refused.json()["detail"]
    assert client.post(UPLOAD, {"unit": cast.commune.pk}).json()["detail"] == "Vui lòng chọn một ảnh."


def test_only_those_who_write_for_the_unit_may_upload(client, cast):
    client.force_login(cast.minh)  # a case officer writes no news
    assert client.post(UPLOAD, {"image": png(), "unit": cast.commune.pk}).status_code == 400
    client.force_login(cast.lan)  # an editor of Phú Cường, not of Xã Tân Phú
    assert client.post(UPLOAD, {"image": png(), "unit": cast.far_commune.pk}).status_code == 404
    client.logout()
    assert client.post(UPLOAD, {"image": png()}).status_code == 302


def test_the_article_form_offers_the_editor_and_keeps_working_as_a_plain_textarea(client, cast):
    client.force_login(cast.lan)
    html = client.get(reverse("publishing:ws_article_create")).content.decode()
    assert 'data-rich-text="1"' in html and f'data-upload-url="{UPLOAD}"' in html
    assert 'type="module" src="/static/js/editor.js"' in html and "<script>" not in html
    response = client.post(
        reverse("publishing:ws_article_create"),
        {
            "unit": cast.commune.pk,
            "title": "Gõ không có trình soạn thảo",
            "body": "Đoạn một\ndòng hai\n\nĐoạn hai",
        },
    )
    assert response.status_code == 302
    from danvan.publishing.models import Article

    assert (
        Article.objects.get(title="Gõ không có trình soạn thảo").body
        == "<p>Đoạn một<br>dòng hai</p><p>Đoạn hai</p>"
    )


def test_a_published_article_shows_its_table_and_image(client, cast):
    from danvan.publishing import services

    article = draft(
        cast,
        body="<h2>Kết quả</h2><table><tbody><tr><th><p>Ấp</p></th><td><p>120 hộ</p></td></tr></tbody></table>"
        '<img src="/media/noi-dung/anh/a.jpg" alt="Đường mới">',
    )
    services.article_submit(actor=cast.lan, article=article)
    article = services.article_approve(actor=cast.tuan, article=article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h2>Kết quả</h2>" in html and "<td><p>120 hộ</p></td>" in html and 'alt="Đường mới"' in html


def test_a_disclosure_text_is_stored_as_rich_text_and_old_plain_text_still_reads_in_paragraphs(client, cast):
    d = make_disclosure(cast, body="Dự toán thu: 1.200 triệu đồng\nDự toán chi: 1.150 triệu đồng\n\nGhi chú.")
    assert d.body == "<p>Dự toán thu: 1.200 triệu đồng<br>Dự toán chi: 1.150 triệu đồng</p><p>Ghi chú.</p>"
    assert "<p" not in d.search_text
    from danvan.disclosures.models import Disclosure

    Disclosure.objects.filter(pk=d.pk).update(body="Văn bản cũ\n\nđoạn hai <b>không phải thẻ</b>")
    html = client.get(d.get_absolute_url()).content.decode()
    assert "<p>Văn bản cũ</p>" in html and "<strong>không phải thẻ</strong>" in html
