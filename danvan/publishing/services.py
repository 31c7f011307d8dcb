"""Writes of the news portal: articles and their editorial workflow.

Every write is `article_<verb>(*, actor, …)`, runs in one transaction, checks the actor's permission on
the article's unit (`news.edit` to write and submit, `news.approve` to approve, return, archive, restore
and to edit a published or scheduled article), writes one audit record with `unit=article.unit` and
refreshes the article's search document (`search_index` drops it when the article is not published).

Workflow::

    draft ──submit──▶ in_review ──approve──▶ published            (publish_at now or in the past)
      ▲                   │       └─approve──▶ scheduled ──task──▶ published   (publish_at in the future)
      └──────return───────┘
    published / scheduled ──archive──▶ archived ──restore──▶ published (or scheduled, if still in the future)

Scheduled articles are published by the background task `publish_scheduled_article` (enqueued with
`run_after=publish_at` when the backend supports it) and, as a safety net, by `publish_due_articles()`
(the `publish_due_articles` management command, run from cron). Both are idempotent.
"""

import io
import logging
import os
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from danvan.access.policy import has_unit_perm
from danvan.access.roles import roles_with
from danvan.audit.services import audit_record, diff, snapshot
from danvan.core import pagecache
from danvan.core.errors import DomainError
from danvan.core.files import IMAGES, validate_upload
from danvan.core.formatting import format_datetime, local_today
from danvan.core.richtext import clean_html
from danvan.core.tasks import enqueue_on_commit
from danvan.core.text import clean_text, nfc, normalize
from danvan.notifications.services import notices_done, notify
from danvan.search.registry import search_index

from .models import Article, ArticleStatus, Category

logger = logging.getLogger("danvan.publishing")

S = ArticleStatus
SLUG_MAX = 180
SEARCH_TEXT_MAX = 1000
THUMB_WIDTHS = {"cover_small": 480, "cover_large": 960}


# Fields an editor may change with article_update, and their labels for messages.
EDITABLE_FIELDS = (
    "title",
    "summary",
    "body",
    "category",
    "tags",
    "byline",
    "cover",
    "cover_alt",
    "publish_at",
    "unit",
)


# ---------------------------------------------------------------- helpers


def sanitize_body(html: str) -> str:
    """The article body as safe HTML (`danvan.core.richtext.clean_html`: the editor's headings, lists, links,
    tables and images; plain text typed without the editor as paragraphs)."""
    return clean_html(html)


def slugify_title(title: str) -> str:
    """`Hội nghị sơ kết công tác dân vận` → `hoi-nghi-so-ket-cong-tac-dan-van`."""
    slug = normalize(title).replace(" ", "-")[:SLUG_MAX].strip("-")
    if slug.isdigit():  # an all-digit slug would read as an id in /api/v1/news/{id}
        slug = f"tin-{slug}"
    return slug or "bai-viet"


def unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify_title(title)
    taken = set(
        Article.objects.filter(Q(slug=base) | Q(slug__startswith=f"{base}-"))
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def normalize_tags(tags) -> str:
    if isinstance(tags, list | tuple):
        tags = ",".join(tags)
    seen: list[str] = []
    for tag in str(tags or "").split(","):
        tag = nfc(" ".join(tag.split()))
        if tag and tag.lower() not in {t.lower() for t in seen}:
            seen.append(tag)
    value = ", ".join(seen)
    if len(value) > 255:
        raise DomainError("Từ khoá dài quá 255 ký tự.", field="tags")
    return value


def build_search_text(article: Article) -> str:
    parts = (article.title, article.summary, article.tags, article.byline)
    return normalize(" ".join(p for p in parts if p))[:SEARCH_TEXT_MAX].strip()


_text = partial(clean_text, required=False)


def _require(actor, perm: str, unit, message: str) -> None:
    if not has_unit_perm(actor, perm, unit):
        raise DomainError(message, code="forbidden")


def _check_status(article: Article, allowed: set, action: str) -> None:
    if article.status not in allowed:
        raise DomainError(
            f"Không thể {action} bài viết đang ở trạng thái “{article.get_status_display()}”.",
            code="bad_transition",
        )


def _aware(value):
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _thumbnail(image: Image.Image, width: int) -> tuple[ContentFile, int]:
    if image.width > width:
        height = round(image.height * width / image.width)
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue()), image.height


def _set_cover(article: Article, uploaded) -> None:
    """Validate the uploaded image by content and store it with its 480 px and 960 px JPEG copies."""
    try:
        validate_upload(uploaded, IMAGES)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="cover")
    try:
        uploaded.seek(0)
        image = Image.open(uploaded)
        image.load()
        image = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError):
        raise DomainError(
            "Không đọc được ảnh đại diện. Vui lòng chọn tệp ảnh JPG, PNG hoặc WEBP khác.", field="cover"
        )
    uploaded.seek(0)
    stem = slugify_title(os.path.splitext(os.path.basename(uploaded.name))[0])[:60]
    article.cover.save(f"{stem}{os.path.splitext(uploaded.name)[1].lower()}", uploaded, save=False)
    for field, width in THUMB_WIDTHS.items():
        content, height = _thumbnail(image, width)
        getattr(article, field).save(f"{stem}-{width}.jpg", content, save=False)
        setattr(article, f"{field}_height", height)


BODY_IMAGE_WIDTH = 1600  # the widest an image in a body is kept (a news page is at most ~800 px wide)


@transaction.atomic
def body_image_upload(*, actor, unit, uploaded) -> str:
    """An image for the body of an article or a disclosure text, uploaded from the editor: checked by content
    (`validate_upload`, JPG/PNG/WEBP), re-encoded as JPEG without its metadata (a phone photo carries its GPS
    position), at most `BODY_IMAGE_WIDTH` px wide, stored under a random name in the public media and
    audited. Needs `news.edit` or `disclosures.edit` on `unit`. Returns its URL."""
    from django.core.files.storage import default_storage

    from danvan.core.storage import random_path

    if not (has_unit_perm(actor, "news.edit", unit) or has_unit_perm(actor, "disclosures.edit", unit)):
        raise DomainError("Bạn không có quyền đăng ảnh cho đơn vị này.", code="forbidden")
    if not uploaded:
        raise DomainError("Vui lòng chọn một ảnh.", field="image", code="required")
    try:
        validate_upload(uploaded, IMAGES)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="image", code="bad_file")
    try:
        uploaded.seek(0)
        image = Image.open(uploaded)
        image.load()
        image = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError):
        raise DomainError("Không đọc được ảnh. Vui lòng chọn tệp ảnh JPG, PNG hoặc WEBP khác.", field="image")
    content, _height = _thumbnail(image, BODY_IMAGE_WIDTH)
    name = default_storage.save(random_path("noi-dung/anh", "anh.jpg"), content)
    url = default_storage.url(name)
    audit_record(
        actor=actor, action="content.image_upload", obj=unit, unit=unit, changes={"image": [None, url]}
    )
    return url


def _category(value) -> Category | None:
    if value is None or value == "" or isinstance(value, Category):
        return value or None
    if isinstance(value, int) or str(value).isdigit():
        category = Category.objects.filter(pk=int(value)).first()
    else:
        category = Category.objects.filter(slug=str(value)).first()
    if category is None:
        raise DomainError(f"Không có chuyên mục “{value}”.", field="category")
    return category


def _apply(article: Article, actor, fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    if "title" in fields:
        article.title = _text(fields["title"], "title", "tiêu đề", 255, required=True)
    if "summary" in fields:
        article.summary = _text(fields["summary"], "summary", "tóm tắt", 600)
    if "body" in fields:
        article.body = sanitize_body(fields["body"])
    if "category" in fields:
        article.category = _category(fields["category"])
    if "tags" in fields:
        article.tags = normalize_tags(fields["tags"])
    if "byline" in fields:
        article.byline = _text(fields["byline"], "byline", "tác giả", 200)
    if "cover_alt" in fields:
        article.cover_alt = _text(fields["cover_alt"], "cover_alt", "mô tả ảnh", 255)
    if "publish_at" in fields:
        article.publish_at = _aware(fields["publish_at"])
    if "unit" in fields and fields["unit"] is not None and fields["unit"] != article.unit:
        unit = fields["unit"]
        _require(actor, "news.edit", unit, f"Bạn không có quyền đăng tin cho “{unit.name}”.")
        article.unit = unit
    if fields.get("cover"):
        _set_cover(article, fields["cover"])
    article.search_text = build_search_text(article)


def approvers_of(unit):
    """Active users holding `news.approve` today on `unit` or one of its ancestors (leaders of the unit
    and of the units above it), without repeats."""
    from danvan.people.models import User

    today = local_today()
    return (
        User.objects.filter(
            Q(
                role_assignments__role__in=roles_with("news.approve"),
                role_assignments__unit__path__in=unit.ancestor_paths(),
                role_assignments__valid_from__lte=today,
            )
            & (Q(role_assignments__valid_to__isnull=True) | Q(role_assignments__valid_to__gte=today)),
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def _edit_url(article: Article) -> str:
    return reverse("publishing:ws_article_edit", kwargs={"pk": article.pk})


def _record(actor, action: str, article: Article, changes: dict | None = None) -> None:
    audit_record(actor=actor, action=action, obj=article, unit=article.unit, changes=changes)
    search_index(article)
    pagecache.changed("news")  # published, archived, restored or edited: the portal renders it afresh


_AUDIT_EXCLUDE = ("search_text", "version", "body")


# ---------------------------------------------------------------- writes


@transaction.atomic
def article_create(
    *,
    actor,
    unit,
    title: str,
    summary: str = "",
    body: str = "",
    category=None,
    tags="",
    byline: str = "",
    cover=None,
    cover_alt: str = "",
    publish_at=None,
) -> Article:
    """A new draft of `unit`, written by `actor` (news.edit on the unit)."""
    if unit is None:
        raise DomainError("Vui lòng chọn đơn vị đăng tin.", field="unit")
    _require(actor, "news.edit", unit, f"Bạn không có quyền đăng tin cho “{unit.name}”.")
    article = Article(unit=unit, status=S.DRAFT, created_by=actor if getattr(actor, "pk", None) else None)
    _apply(
        article,
        actor,
        {
            "title": title,
            "summary": summary,
            "body": body,
            "category": category,
            "tags": tags,
            "byline": byline,
            "cover": cover,
            "cover_alt": cover_alt,
            "publish_at": publish_at,
        },
    )
    article.slug = unique_slug(article.title)
    article.save()
    _record(
        actor, "article.create", article, {"title": [None, article.title], "status": [None, article.status]}
    )
    return article


@transaction.atomic
def article_update(*, actor, article: Article, expected_version: int | None = None, **fields) -> Article:
    """Change an article. Editors change drafts and articles in review; approvers also change published and
    scheduled ones (audited). `expected_version` (from the form) refuses an edit made on a stale copy."""
    article = Article.objects.select_for_update().select_related("unit").get(pk=article.pk)
    if article.status in (S.DRAFT, S.IN_REVIEW):
        _require(actor, "news.edit", article.unit, "Bạn không có quyền sửa bài viết này.")
    elif article.status in (S.PUBLISHED, S.SCHEDULED):
        _require(
            actor,
            "news.approve",
            article.unit,
            "Bài đã duyệt đăng chỉ người có quyền duyệt tin mới được sửa.",
        )
    else:
        raise DomainError(
            "Bài viết đã lưu trữ, không sửa được. Hãy khôi phục bài trước.", code="bad_transition"
        )
    if expected_version is not None and int(expected_version) != article.version:
        raise DomainError(
            "Bài viết vừa được người khác sửa. Vui lòng tải lại trang để xem bản mới nhất rồi sửa lại.",
            code="conflict",
        )
    before = snapshot(article, exclude=_AUDIT_EXCLUDE)
    old_body = article.body
    _apply(article, actor, fields)
    if article.status == S.SCHEDULED and "publish_at" in fields:
        if article.publish_at is None or article.publish_at <= timezone.now():
            article.status = S.PUBLISHED
            article.publish_at = article.publish_at or timezone.now()
        else:
            _enqueue_publication(article)
    if article.status in (S.DRAFT, S.IN_REVIEW) and "title" in fields:
        article.slug = unique_slug(article.title, exclude_pk=article.pk)
    changes = diff(before, article, exclude=_AUDIT_EXCLUDE)
    if article.body != old_body:
        changes["body"] = ["…", "…"]
    if not changes:
        return article
    article.version += 1
    article.save()
    _record(actor, "article.update", article, changes)
    return article


@transaction.atomic
def article_submit(*, actor, article: Article) -> Article:
    """draft → in_review; the approvers of the unit (and of the units above) are notified."""
    article = Article.objects.select_for_update().select_related("unit").get(pk=article.pk)
    _require(actor, "news.edit", article.unit, "Bạn không có quyền gửi duyệt bài viết này.")
    _check_status(article, {S.DRAFT}, "gửi duyệt")
    if not article.body.strip():
        raise DomainError("Bài viết chưa có nội dung, chưa gửi duyệt được.", field="body")
    article.status = S.IN_REVIEW
    article.review_note = ""
    article.version += 1
    article.save()
    _record(actor, "article.submit", article, {"status": [S.DRAFT, S.IN_REVIEW]})
    author = getattr(actor, "display_name", "") or str(actor)
    for user in approvers_of(article.unit):
        if user.pk == getattr(actor, "pk", None):
            continue
        notify(
            user=user,
            title=f"Bài viết chờ duyệt: {article.title}"[:255],
            body=f"{author} gửi duyệt bài “{article.title}” của {article.unit.name}.",
            url=_edit_url(article),
            topic=_topic(article, "review"),
        )
    # the author's "returned" notice is answered by this new submission
    notices_done(topic=_topic(article, "returned"), note=f"{author} đã sửa và gửi duyệt lại")
    return article


def _topic(article: Article, what: str) -> str:
    """The notice topics of an article: "review" (waiting for an approver), "returned" (for its author)."""
    return f"article:{article.pk}:{what}"


def _settle_review(article: Article, actor, verb: str) -> None:
    """Every approver's "Bài viết chờ duyệt" notice is done once one of them has approved or returned it."""
    who = getattr(actor, "display_name", "") or ""
    notices_done(topic=_topic(article, "review"), note=f"{who} {verb}".strip())


def _enqueue_publication(article: Article) -> None:
    from .tasks import publish_scheduled_article

    task = publish_scheduled_article
    if task.get_backend().supports_defer:
        task = task.using(run_after=article.publish_at)
    enqueue_on_commit(task, article.pk)


@transaction.atomic
def article_approve(*, actor, article: Article, publish_at=None, note: str = "") -> Article:
    """in_review → published now, or → scheduled when `publish_at` is in the future (a background task
    publishes it then). Requires news.approve on the article's unit (a leader of the unit or above)."""
    article = Article.objects.select_for_update().select_related("unit").get(pk=article.pk)
    _require(actor, "news.approve", article.unit, "Bạn không có quyền duyệt tin của đơn vị này.")
    _check_status(article, {S.IN_REVIEW}, "duyệt")
    now = timezone.now()
    publish_at = _aware(publish_at)
    old_status = article.status
    if publish_at is not None and publish_at > now:
        article.status = S.SCHEDULED
        article.publish_at = publish_at
    else:
        article.status = S.PUBLISHED
        article.publish_at = publish_at or now
    article.reviewed_by = actor if getattr(actor, "pk", None) else None
    article.reviewed_at = now
    article.review_note = _text(note, "note", "ý kiến duyệt", 2000)
    article.version += 1
    article.save()
    _record(
        actor,
        "article.approve",
        article,
        {"status": [old_status, article.status], "publish_at": [None, article.publish_at]},
    )
    _settle_review(
        article, actor, "đã duyệt hẹn giờ đăng" if article.status == S.SCHEDULED else "đã duyệt đăng"
    )
    if article.status == S.SCHEDULED:
        _enqueue_publication(article)
    if article.created_by_id and article.created_by_id != getattr(actor, "pk", None):
        when = (
            f"sẽ đăng lúc {format_datetime(article.publish_at)}"
            if article.status == S.SCHEDULED
            else "đã được đăng"
        )
        notify(
            user=article.created_by,
            title=f"Bài viết được duyệt: {article.title}"[:255],
            body=f"Bài “{article.title}” {when}.",
            url=_edit_url(article),
        )
    return article


@transaction.atomic
def article_return(*, actor, article: Article, reason: str) -> Article:
    """in_review → draft with the reviewer's reason; the author is notified."""
    article = Article.objects.select_for_update().select_related("unit").get(pk=article.pk)
    _require(actor, "news.approve", article.unit, "Bạn không có quyền duyệt tin của đơn vị này.")
    _check_status(article, {S.IN_REVIEW}, "trả lại")
    reason = _text(reason, "reason", "lý do trả lại", 2000)
    if not reason:
        raise DomainError("Vui lòng ghi lý do trả lại để người viết biết cần sửa gì.", field="reason")
    article.status = S.DRAFT
    article.review_note = reason
    article.reviewed_by = actor if getattr(actor, "pk", None) else None
    article.reviewed_at = timezone.now()
    article.version += 1
    article.save()
    _record(
        actor, "article.return", article, {"status": [S.IN_REVIEW, S.DRAFT], "review_note": [None, reason]}
    )
    _settle_review(article, actor, "đã trả lại cho người viết")
    if article.created_by_id and article.created_by_id != getattr(actor, "pk", None):
        notify(
            user=article.created_by,
            title=f"Bài viết bị trả lại: {article.title}"[:255],
            body=f"Lý do: {reason}",
            url=_edit_url(article),
            topic=_topic(article, "returned"),
        )
    return article


@transaction.atomic
def article_archive(*, actor, article: Article) -> Article:
    """published / scheduled → archived: the article leaves the portal, the feed and the search."""
    article = Article.objects.select_for_update().select_related("unit").get(pk=article.pk)
    _require(actor, "news.approve", article.unit, "Bạn không có quyền lưu trữ tin của đơn vị này.")
    _check_status(article, {S.PUBLISHED, S.SCHEDULED}, "lưu trữ")
    old = article.status
    article.status = S.ARCHIVED
    article.version += 1
    article.save()
    _record(actor, "article.archive", article, {"status": [old, S.ARCHIVED]})
    return article


@transaction.atomic
def article_restore(*, actor, article: Article) -> Article:
    """archived → published again (or scheduled when its publication time is still ahead)."""
    article = Article.objects.select_for_update().select_related("unit").get(pk=article.pk)
    _require(actor, "news.approve", article.unit, "Bạn không có quyền khôi phục tin của đơn vị này.")
    _check_status(article, {S.ARCHIVED}, "khôi phục")
    now = timezone.now()
    if article.publish_at and article.publish_at > now:
        article.status = S.SCHEDULED
        _enqueue_publication(article)
    else:
        article.status = S.PUBLISHED
        article.publish_at = article.publish_at or now
    article.version += 1
    article.save()
    _record(actor, "article.restore", article, {"status": [S.ARCHIVED, article.status]})
    return article


# ---------------------------------------------------------------- scheduled publication


@transaction.atomic
def publish_if_due(article_id: int, *, now=None) -> bool:
    """Publish the scheduled article `article_id` if its time has come. Idempotent: an article already
    published, archived, returned or re-scheduled later is left alone. Returns True if it was published."""
    now = now or timezone.now()
    article = (
        Article.objects.select_for_update()
        .select_related("unit")
        .filter(pk=article_id, status=S.SCHEDULED, publish_at__lte=now)
        .first()
    )
    if article is None:
        return False
    article.status = S.PUBLISHED
    article.version += 1
    article.save()
    _record(None, "article.publish_scheduled", article, {"status": [S.SCHEDULED, S.PUBLISHED]})
    return True


def publish_due_articles(*, now=None) -> int:
    """The safety net of the scheduler: publish every scheduled article whose time has come; returns how
    many were published."""
    now = now or timezone.now()
    ids = list(
        Article.objects.filter(status=S.SCHEDULED, publish_at__lte=now)
        .order_by("publish_at")
        .values_list("pk", flat=True)
    )
    return sum(1 for pk in ids if publish_if_due(pk, now=now))
