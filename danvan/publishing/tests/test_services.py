import datetime as dt

import pytest
from django.utils import timezone

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError
from danvan.notifications.models import Notification
from danvan.publishing import services
from danvan.publishing.models import Article
from danvan.publishing.tasks import publish_scheduled_article
from danvan.search.models import SearchDocument

from .helpers import draft

pytestmark = pytest.mark.django_db
S = Article.Status


def test_slug_strips_vietnamese_diacritics_and_is_deduplicated(cast):
    a = draft(cast)
    assert a.slug == "hoi-nghi-so-ket-cong-tac-dan-van-6-thang-dau-nam"
    assert draft(cast).slug == "hoi-nghi-so-ket-cong-tac-dan-van-6-thang-dau-nam-2"
    assert draft(cast).slug == "hoi-nghi-so-ket-cong-tac-dan-van-6-thang-dau-nam-3"
    assert services.slugify_title("Đường về Tràm Chim!") == "duong-ve-tram-chim"


def test_body_is_sanitised(cast):
    a = draft(
        cast,
        body='<p onclick="x()">Chào <script>alert(1)</script><a href="https://dongthap.gov.vn" '
        'onmouseover="y()">link</a><a href="javascript:alert(1)">xấu</a></p><iframe src="x"></iframe>'
        '<img src="/a.jpg" alt="ảnh" onerror="z()"><h2 style="color:red">Tiêu đề</h2>',
    )
    body = a.body
    assert "<script" not in body and "alert(1)" not in body
    assert "onclick" not in body and "onmouseover" not in body and "onerror" not in body
    assert "iframe" not in body and "style" not in body and "javascript" not in body
    assert 'rel="noopener noreferrer"' in body and 'href="https://dongthap.gov.vn"' in body
    assert '<img src="/a.jpg" alt="ảnh">' in body and "<h2>Tiêu đề</h2>" in body


def test_full_workflow_submit_approve_archive_restore(cast):
    a = draft(cast)
    assert a.status == S.DRAFT and a.created_by == cast.lan
    a = services.article_submit(actor=cast.lan, article=a)
    assert a.status == S.IN_REVIEW
    # the commune's leader and the system admin (above) are notified, not the author
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert {"tuan", "son"} <= notified and "lan" not in notified
    a = services.article_approve(actor=cast.tuan, article=a)
    assert a.status == S.PUBLISHED and a.publish_at and a.reviewed_by == cast.tuan
    assert SearchDocument.objects.filter(object_id=a.pk, url=a.get_absolute_url()).exists()
    a = services.article_archive(actor=cast.tuan, article=a)
    assert a.status == S.ARCHIVED
    assert not SearchDocument.objects.filter(object_id=a.pk, url=a.get_absolute_url()).exists()
    a = services.article_restore(actor=cast.tuan, article=a)
    assert a.status == S.PUBLISHED
    actions = list(AuditEvent.objects.filter(object_id=str(a.pk)).values_list("action", flat=True))
    for action in (
        "article.create",
        "article.submit",
        "article.approve",
        "article.archive",
        "article.restore",
    ):
        assert action in actions


def test_return_sends_the_article_back_with_a_reason(cast):
    a = services.article_submit(actor=cast.lan, article=draft(cast))
    with pytest.raises(DomainError, match="lý do"):
        services.article_return(actor=cast.tuan, article=a, reason="  ")
    a = services.article_return(actor=cast.tuan, article=a, reason="Bổ sung số liệu.")
    assert a.status == S.DRAFT and a.review_note == "Bổ sung số liệu."
    assert Notification.objects.filter(user=cast.lan, title__startswith="Bài viết bị trả lại").exists()


@pytest.mark.parametrize(
    "call",
    [
        lambda c, a: services.article_approve(actor=c.tuan, article=a),
        lambda c, a: services.article_return(actor=c.tuan, article=a, reason="x"),
        lambda c, a: services.article_archive(actor=c.tuan, article=a),
        lambda c, a: services.article_restore(actor=c.tuan, article=a),
    ],
)
def test_wrong_transitions_from_draft_are_refused(cast, call):
    a = draft(cast)
    with pytest.raises(DomainError) as exc:
        call(cast, a)
    assert exc.value.code == "bad_transition" and "Bản nháp" in exc.value.message


def test_submit_twice_and_archive_a_draft_are_refused(cast):
    a = services.article_submit(actor=cast.lan, article=draft(cast))
    with pytest.raises(DomainError, match="Chờ duyệt"):
        services.article_submit(actor=cast.lan, article=a)
    a = services.article_approve(actor=cast.tuan, article=a)
    with pytest.raises(DomainError):
        services.article_approve(actor=cast.tuan, article=a)
    with pytest.raises(DomainError):
        services.article_restore(actor=cast.tuan, article=a)


def test_an_editor_cannot_approve_but_a_leader_of_the_parent_unit_can(cast):
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role
    from tests.cast import EPOCH

    a = services.article_submit(actor=cast.lan, article=draft(cast))
    with pytest.raises(DomainError) as exc:
        services.article_approve(actor=cast.lan, article=a)
    assert exc.value.code == "forbidden"
    RoleAssignment.objects.create(user=cast.hoa, role=Role.LEADER, unit=cast.district, valid_from=EPOCH)
    a = services.article_approve(actor=cast.hoa, article=a)
    assert a.status == S.PUBLISHED


def test_editors_of_other_units_and_officers_without_news_rights_are_refused(cast):
    with pytest.raises(DomainError):
        services.article_create(actor=cast.minh, unit=cast.commune, title="X", body="<p>x</p>")
    with pytest.raises(DomainError):
        services.article_create(actor=cast.lan, unit=cast.sibling_commune, title="X", body="<p>x</p>")


def test_published_articles_are_edited_only_by_approvers(cast):
    a = services.article_approve(
        actor=cast.tuan, article=services.article_submit(actor=cast.lan, article=draft(cast))
    )
    with pytest.raises(DomainError, match="quyền duyệt"):
        services.article_update(actor=cast.lan, article=a, summary="Sửa")
    a = services.article_update(actor=cast.tuan, article=a, summary="Tóm tắt mới")
    assert a.summary == "Tóm tắt mới"
    assert AuditEvent.objects.filter(action="article.update", object_id=str(a.pk)).exists()
    slug = a.slug
    a = services.article_update(actor=cast.tuan, article=a, title="Tiêu đề khác")
    assert a.slug == slug  # a published address never changes


def test_a_stale_edit_is_refused(cast):
    a = draft(cast)
    services.article_update(actor=cast.lan, article=a, summary="Bản của Lan", expected_version=a.version)
    with pytest.raises(DomainError) as exc:
        services.article_update(
            actor=cast.tuan, article=a, summary="Bản của Tuấn", expected_version=a.version
        )
    assert exc.value.code == "conflict"


def test_scheduled_publication_waits_then_publishes(cast):
    a = services.article_submit(actor=cast.lan, article=draft(cast))
    later = timezone.now() + dt.timedelta(hours=2)
    a = services.article_approve(actor=cast.tuan, article=a, publish_at=later)
    a.refresh_from_db()
    assert a.status == S.SCHEDULED  # the task ran at once in tests and found it not yet due
    assert publish_scheduled_article.call(a.pk) is False
    assert services.publish_due_articles() == 0
    Article.objects.filter(pk=a.pk).update(publish_at=timezone.now() - dt.timedelta(minutes=1))
    assert publish_scheduled_article.call(a.pk) is True
    a.refresh_from_db()
    assert a.status == S.PUBLISHED
    assert publish_scheduled_article.call(a.pk) is False  # idempotent
    assert SearchDocument.objects.filter(object_id=a.pk, url=a.get_absolute_url()).exists()


def test_publish_due_articles_is_the_safety_net(cast):
    a = services.article_submit(actor=cast.lan, article=draft(cast, title="Một"))
    b = services.article_submit(actor=cast.lan, article=draft(cast, title="Hai"))
    services.article_approve(actor=cast.tuan, article=a, publish_at=timezone.now() + dt.timedelta(hours=1))
    services.article_approve(actor=cast.tuan, article=b, publish_at=timezone.now() + dt.timedelta(days=3))
    assert services.publish_due_articles(now=timezone.now() + dt.timedelta(hours=2)) == 1
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (S.PUBLISHED, S.SCHEDULED)


def test_cover_upload_is_validated_and_resized(cast, tmp_path, settings):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 30, 30)).save(buffer, format="PNG")
    a = draft(cast, cover=SimpleUploadedFile("anh bia.png", buffer.getvalue(), content_type="image/png"))
    assert a.cover and a.cover_small and a.cover_large
    assert (a.cover_small_height, a.cover_large_height) == (270, 540)
    with Image.open(a.cover_small.path) as small:
        assert small.size == (480, 270) and small.format == "JPEG"
    fake = SimpleUploadedFile("anh.png", b"%PDF-1.4 not an image", content_type="image/png")
    with pytest.raises(DomainError) as exc:
        draft(cast, cover=fake)
    assert exc.value.field == "cover"


def test_demo_seed_is_idempotent(cast):
    from danvan.people.models import User
    from danvan.publishing import demo

    User.objects.create_superuser(username="admin", password="x-admin-2026", full_name="Quản trị")
    first = demo.seed()
    assert first["created"] >= 1
    assert demo.seed()["created"] == 0
