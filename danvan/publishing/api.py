"""News API: /api/v1/news/…

Public reads: `GET /` (published articles; filters `unit` (code, its subtree), `category` (slug);
`limit`/`offset`; returns `count` and `items`) and `GET /{slug}`. Writes need a signed-in officer (session
cookie + CSRF): `POST /` creates a draft, `PATCH /{id}` changes it, `POST /{id}/submit`, `POST /{id}/approve`.
Writes go through the access gate and the services: another unit's article is 404 like on the screens,
a refused business rule is 400 `{"detail": "…"}`, a `PATCH` with a stale `version` is 409 (the global
handlers, `danvan/api/errors.py`).
"""

import datetime as dt

from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from danvan.access.policy import has_unit_perm
from danvan.api.schemas import ErrorOut, InputSchema, paging
from danvan.core.errors import NotFoundOrForbidden
from danvan.units.selectors import unit_by_code

from . import selectors, services
from .access import access_article_by_id
from .models import Article

router = Router(tags=["news"])

NewsPaging = paging(default_limit=20, max_limit=100)


class ArticleOut(Schema):
    id: int
    slug: str
    title: str
    summary: str
    url: str
    unit_code: str
    unit_name: str
    category: str | None
    category_name: str | None
    tags: list[str]
    byline: str
    publish_at: dt.datetime | None
    cover_url: str | None

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_category(obj):
        return obj.category.slug if obj.category_id else None

    @staticmethod
    def resolve_category_name(obj):
        return obj.category.name if obj.category_id else None

    @staticmethod
    def resolve_tags(obj):
        return obj.tag_list

    @staticmethod
    def resolve_cover_url(obj):
        return obj.cover_large.url if obj.cover_large else None


class ArticleDetailOut(ArticleOut):
    body: str


class ArticleOfficerOut(ArticleDetailOut):
    status: str
    status_label: str
    version: int
    review_note: str

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class ArticlePage(Schema):
    count: int
    items: list[ArticleOut]


class ArticleIn(InputSchema):
    unit: str
    title: str
    summary: str = ""
    body: str = ""
    category: str | None = None
    tags: list[str] | str = ""
    byline: str = ""


class ArticlePatch(InputSchema):
    title: str | None = None
    summary: str | None = None
    body: str | None = None
    category: str | None = None
    tags: list[str] | str | None = None
    byline: str | None = None
    version: int | None = None


class ApproveIn(InputSchema):
    publish_at: dt.datetime | None = None
    note: str = ""


def _gate(user, pk, perm="news.edit") -> Article:
    try:
        return access_article_by_id(user, pk, perm=perm)
    except NotFoundOrForbidden:
        raise HttpError(404, "Không tìm thấy bài viết.")


@router.get("/", response=ArticlePage, summary="Tin tức đã đăng, mới nhất trước")
def list_articles(request, paging: Query[NewsPaging], unit: str | None = None, category: str | None = None):
    unit_obj = unit_by_code(unit) if unit else None
    if unit and unit_obj is None:
        raise HttpError(400, f"Không có đơn vị mã {unit}.")
    category_obj = selectors.category_by_slug(category) if category else None
    if category and category_obj is None:
        raise HttpError(400, f"Không có chuyên mục “{category}”.")
    return paging.page(selectors.published_articles(unit=unit_obj, category=category_obj))


@router.post("/", auth=django_auth, response={201: ArticleOfficerOut, 404: ErrorOut}, summary="Tạo bản nháp")
def create_article(request, payload: ArticleIn):
    unit = unit_by_code(payload.unit)
    if unit is None or not has_unit_perm(request.user, "news.edit", unit):
        raise HttpError(404, f"Không có đơn vị mã {payload.unit} mà bạn được đăng tin.")
    data = payload.dict(exclude={"unit"})
    article = services.article_create(actor=request.user, unit=unit, **data)
    return Status(201, article)


@router.patch(
    "/{int:article_id}",
    auth=django_auth,
    response={200: ArticleOfficerOut, 409: ErrorOut},
    summary="Sửa bài viết (409 nếu `version` cũ: người khác vừa sửa)",
)
def update_article(request, article_id: int, payload: ArticlePatch):
    article = _gate(request.user, article_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    return services.article_update(actor=request.user, article=article, expected_version=version, **data)


@router.post("/{int:article_id}/submit", auth=django_auth, response=ArticleOfficerOut, summary="Gửi duyệt")
def submit_article(request, article_id: int):
    article = _gate(request.user, article_id)
    return services.article_submit(actor=request.user, article=article)


@router.post(
    "/{int:article_id}/approve",
    auth=django_auth,
    response=ArticleOfficerOut,
    summary="Duyệt đăng ngay hoặc hẹn giờ đăng",
)
def approve_article(request, article_id: int, payload: ApproveIn):
    article = _gate(request.user, article_id, perm="news.approve")
    data = payload.dict()
    return services.article_approve(actor=request.user, article=article, **data)


# Declared last: `/{slug}` would otherwise catch `/{id}` of the write endpoints (slugs are never all digits).
@router.get("/{slug}", response=ArticleDetailOut, summary="Một bài viết đã đăng")
def get_article(request, slug: str):
    article = selectors.published_article_by_slug(slug)
    if article is None:
        raise HttpError(404, "Không tìm thấy bài viết.")
    return article


# `/{id}` and `/{slug}` are two addresses for Django: without these two, a GET of an all-digit slug answered
# 405 ("only PATCH") and a PATCH of a slug 405 ("only GET"); neither names an article, so both are 404.
@router.get("/{int:article_id}", include_in_schema=False)
def get_article_by_digits(request, article_id: int):
    raise HttpError(404, "Không tìm thấy bài viết.")


@router.patch("/{slug}", include_in_schema=False)
def update_article_by_slug(request, slug: str):
    raise HttpError(404, "Không tìm thấy bài viết.")
