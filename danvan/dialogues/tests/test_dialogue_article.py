"""A held dialogue's summary becomes a draft news article (M1) for the editor, once."""

import pytest

from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.dialogues import news, services
from danvan.dialogues.models import DialogueArticle
from danvan.publishing.models import Article

from .test_minutes import _held_dialogue


def test_a_held_dialogue_becomes_one_draft_article_linked_back(client, cast):
    d = _held_dialogue(cast)
    assert client.login(username=cast.tuan.username, password=cast.password)
    page = client.post(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/bai-viet/")
    article = Article.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/can-bo/tin-tuc/{article.pk}/"
    assert article.status == "draft" and article.unit == cast.commune and article.created_by == cast.tuan
    assert DialogueArticle.objects.get(dialogue=d).article == article
    assert article.title == "Xã Phú Cường đối thoại trực tiếp với Nhân dân về giao thông nông thôn và đất đai"
    assert news._subject("Đối thoại với Nhân dân về bồi thường") == "bồi thường"
    body = article.body
    day = d.held_on.strftime("%d/%m/%Y")
    assert day in body and day in article.summary
    assert "Chủ tịch UBND xã Phạm Anh Tuấn" in body  # the host
    assert "45 hộ dân" in body  # who attended
    assert "về 2 nội dung" in body and "trả lời, giải thích 2 nội dung" in body  # items answered
    for answer in ("Xã nâng nền đoạn đường trong quý tới.", "Huy động ngày công nạo vét."):
        assert answer in body
    assert "Hội nghị thống nhất 2 cam kết" in body  # commitments made, with their unit and deadline
    for c in d.commitments.all():
        assert c.content in body and c.owner_unit in body and c.due.strftime("%d/%m/%Y") in body
    assert f"/doi-thoai/hoi-nghi/{d.pk}/" in body
    # public text: no denunciation, no person responsible named
    for secret in ("Lê Văn Tố", "ABC", "XYZ", "Tố cáo", "Lê Văn Bình"):
        assert secret not in body and secret not in article.title
    # a second click opens the same draft
    again = client.post(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/bai-viet/")
    assert again["Location"] == f"/can-bo/tin-tuc/{article.pk}/" and Article.objects.count() == 1
    detail = client.get(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/").content.decode()
    assert "Mở bài viết đã soạn" in detail


def test_only_a_held_dialogue_and_only_with_the_right_to_write_news(client, cast):
    planned = services.dialogue_create(
        actor=cast.tuan,
        unit=cast.commune,
        topic="Chưa họp",
        host_name="A",
        host_role="Chủ tịch",
        place="Xã",
        day=local_today(),
    )
    with pytest.raises(DomainError, match="đã kết thúc"):
        news.dialogue_article(actor=cast.tuan, dialogue=planned)
    d = _held_dialogue(cast)
    # a case officer manages reception but may not write news
    assert client.login(username=cast.minh.username, password=cast.password)
    page = client.post(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/bai-viet/", follow=True)
    assert "không có quyền đăng tin" in page.content.decode()
    # an editor writes news but does not manage reception
    with pytest.raises(DomainError):
        news.dialogue_article(actor=cast.lan, dialogue=d)
    assert not Article.objects.exists() and not DialogueArticle.objects.exists()
