"""The search registry: how a module puts its public content into the one search box.

A module registers each searchable model in its own ``search.py`` (imported by `autodiscover()` when
the search app is ready)::

    from danvan.search.registry import Document, register

    def article_document(article) -> Document | None:
        if article.status != "published":
            return None                      # not (or no longer) searchable: the row is removed
        return Document(kind="Tin tức", title=article.title, summary=article.summary, body=article.body,
                        url=article.get_absolute_url(), unit=article.unit, published_at=article.published_at)

    register(Article, to_document=article_document, queryset=lambda: Article.objects.select_related("unit"))

and its services call `search_index(obj)` after every write that changes what the document shows (in
the same transaction, so the index never disagrees with committed data) and `search_remove(obj)` before
deleting. `reindex_all()` (the ``search_reindex`` command) rebuilds everything and drops stale rows.

Text is normalised here, in Python (see `danvan.search.models`): the same normaliser serves SQLite and
PostgreSQL, and on PostgreSQL the weighted ``tsvector`` is computed from the already-unaccented text
with the 'simple' configuration, so no ``unaccent`` extension is needed and "đ" folds to "d".
"""

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction
from django.db.models import TextField, Value
from django.utils import timezone, translation
from django.utils.module_loading import module_has_submodule

from danvan.core.text import nfc

from .models import SearchDocument
from .terms import exact_form, norm_form

SUMMARY_MAX = 500
TITLE_MAX = 500
BODY_MAX = 200_000
BATCH_SIZE = 500

_UPDATE_FIELDS = [
    "kind",
    "title",
    "summary",
    "url",
    "unit",
    "published_at",
    "is_public",
    "norm_title",
    "norm_body",
    "exact_title",
    "vector",
    "indexed_at",
]


@dataclass(frozen=True, kw_only=True)
class Document:
    """What a module says about one object. `summary` is plain text (cut to 500 characters); `body` is
    searched but not stored; `unit` owns the object (the search page filters to a unit's subtree);
    `published_at` (date or datetime) breaks ties, newest first; non-public documents are kept for
    officers' search but never shown on the portal."""

    title: str
    url: str
    kind: str
    summary: str = ""
    body: str = ""
    unit: models.Model | None = None
    published_at: dt.datetime | dt.date | None = None
    is_public: bool = True


@dataclass(frozen=True)
class Registration:
    model: type[models.Model]
    to_document: Callable[[models.Model], Document | None]
    queryset: Callable[[], models.QuerySet] | None = None

    def objects(self) -> models.QuerySet:
        return self.queryset() if self.queryset is not None else self.model._default_manager.all()


_registry: dict[str, Registration] = {}


def _key(model: type[models.Model]) -> str:
    return model._meta.concrete_model._meta.label_lower


def register(
    model: type[models.Model],
    *,
    to_document: Callable[[models.Model], Document | None],
    queryset: Callable[[], models.QuerySet] | None = None,
) -> None:
    """Make `model` searchable. `to_document(obj)` returns the obj's Document, or None when it must not
    be found. `queryset()` (default: all rows) is what `reindex_all` walks — add select_related there
    for whatever `to_document` reads. Registering the same model again replaces the registration."""
    _registry[_key(model)] = Registration(model, to_document, queryset)


def registrations() -> list[Registration]:
    return list(_registry.values())


def registration_for(model: type[models.Model]) -> Registration:
    try:
        return _registry[_key(model)]
    except KeyError:
        raise LookupError(
            f"{model._meta.label} is not registered for search; add it in {model._meta.app_config.name}.search"
        ) from None


def autodiscover() -> None:
    """Import ``<app>.search`` of every installed danvan app (their registrations)."""
    for app_config in apps.get_app_configs():
        if app_config.name.startswith("danvan.") and module_has_submodule(app_config.module, "search"):
            importlib.import_module(f"{app_config.name}.search")


def _published(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value, dt.time.min))


def _cut(text: str, limit: int) -> str:
    text = " ".join(nfc(text or "").split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head[limit // 2 :]:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,.;:–-") + "…"


def _vector(norm_title: str, norm_body: str):
    if connection.vendor != "postgresql":
        return None
    return SearchVector(
        Value(norm_title, output_field=TextField()), config="simple", weight="A"
    ) + SearchVector(Value(norm_body, output_field=TextField()), config="simple", weight="B")


def _row(content_type: ContentType, obj: models.Model, doc: Document) -> SearchDocument:
    title = _cut(doc.title, TITLE_MAX)
    summary = _cut(doc.summary, SUMMARY_MAX)
    norm_title = norm_form(title)
    norm_body = norm_form(" ".join((title, summary, (doc.body or "")[:BODY_MAX])))
    return SearchDocument(
        content_type=content_type,
        object_id=obj.pk,
        kind=doc.kind[:64],
        title=title,
        summary=summary,
        url=doc.url,
        unit=doc.unit,
        published_at=_published(doc.published_at),
        is_public=doc.is_public,
        norm_title=norm_title,
        norm_body="" if connection.vendor == "postgresql" else norm_body,
        exact_title=exact_form(title),
        vector=_vector(norm_title, norm_body),
        indexed_at=timezone.now(),
    )


def _upsert(rows: list[SearchDocument]) -> None:
    if rows:
        SearchDocument.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=_UPDATE_FIELDS,
        )


def _document(registration, obj):
    """Documents are written in the site's language (Vietnamese) whatever the language of the request that
    triggered the write, so the index does not mix languages."""
    with translation.override(settings.LANGUAGE_CODE):
        return registration.to_document(obj)


def search_index(obj: models.Model) -> bool:
    """Write (insert or update) `obj`'s search document, or remove it when `to_document` says None.
    Returns whether the object is now in the index. Runs in the caller's transaction."""
    registration = registration_for(type(obj))
    doc = _document(registration, obj)
    if doc is None:
        search_remove(obj)
        return False
    _upsert([_row(ContentType.objects.get_for_model(obj), obj, doc)])
    return True


def search_index_many(objs: Iterable[models.Model]) -> int:
    """`search_index` for many objects of registered models, in batches; returns how many are indexed."""
    indexed = 0
    rows: list[SearchDocument] = []
    removed: dict[int, list[int]] = {}
    for obj in objs:
        content_type = ContentType.objects.get_for_model(obj)
        doc = _document(registration_for(type(obj)), obj)
        if doc is None:
            removed.setdefault(content_type.pk, []).append(obj.pk)
            continue
        rows.append(_row(content_type, obj, doc))
        if len(rows) >= BATCH_SIZE:
            _upsert(rows)
            indexed += len(rows)
            rows = []
    _upsert(rows)
    indexed += len(rows)
    for content_type_id, pks in removed.items():
        SearchDocument.objects.filter(content_type_id=content_type_id, object_id__in=pks).delete()
    return indexed


def search_remove(obj: models.Model) -> None:
    """Drop `obj`'s search document. Call it before deleting the object (Django clears `pk` on delete)."""
    SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).delete()


def reindex_all(models_: Iterable[type[models.Model]] | None = None) -> dict[str, int]:
    """Rebuild the documents of every registered model (or of `models_`) and delete rows whose object is
    gone or no longer searchable. One transaction per model. Returns {model label: documents indexed}."""
    chosen = [registration_for(m) for m in models_] if models_ is not None else registrations()
    counts: dict[str, int] = {}
    for registration in chosen:
        content_type = ContentType.objects.get_for_model(registration.model)
        started = timezone.now()
        with transaction.atomic():
            counts[registration.model._meta.label] = search_index_many(
                registration.objects().iterator(chunk_size=BATCH_SIZE)
            )
            SearchDocument.objects.filter(content_type=content_type, indexed_at__lt=started).delete()
    return counts
