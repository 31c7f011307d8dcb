"""Reads of the news portal.

Public (no user): `published_articles(unit=None, category=None)`, `latest_articles(unit, limit=5)`,
`related_articles(article, limit=4)`, `published_article_by_slug(slug)` — published articles only, newest
first, the unit meaning its whole subtree.

Officers: `article_list(user, *, status=None, q="", unit=None, category=None)` — the articles of the units
where the user holds `news.edit` or `news.approve`; `review_queue(user)` — articles in review where the
user may approve.
"""

from django.db.models import Q

from danvan.access.policy import is_system_admin, perm_paths, scope
from danvan.core.text import tokens

from .models import Article, ArticleStatus, Category

LIST_RELATED = ("unit", "category")


def _public_base():
    return (
        Article.objects.published()
        .select_related(*LIST_RELATED)
        .defer("body", "search_text", "review_note")
        .order_by("-publish_at", "-pk")
    )


def published_articles(unit=None, category: Category | None = None):
    """Published articles, newest first; `unit` limits to the unit's subtree, `category` to one category."""
    qs = _public_base()
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if category is not None:
        qs = qs.filter(category=category)
    return qs


def latest_articles(unit=None, limit: int = 5) -> list[Article]:
    """The `limit` newest published articles of `unit`'s subtree (the whole portal when None)."""
    return list(published_articles(unit=unit)[:limit])


def published_article_by_slug(slug: str) -> Article | None:
    return Article.objects.published().select_related(*LIST_RELATED).filter(slug=slug).first()


def article_by_slug(slug: str) -> Article | None:
    """Any article by slug (the officers' preview decides who may see an unpublished one)."""
    return Article.objects.select_related(*LIST_RELATED).filter(slug=slug).first()


def _tree_root_path(unit) -> str:
    """The district-level (or higher) ancestor path of a unit: "the same unit tree" for related news."""
    parts = unit.path.split(".")
    return ".".join(parts[: min(len(parts), 2)])


def related_articles(article: Article, limit: int = 4) -> list[Article]:
    """Published articles of the same category or sharing a tag, in the same unit tree (the article's
    district, or its province for a provincial article), newest first, without the article itself."""
    condition = Q()
    if article.category_id:
        condition |= Q(category_id=article.category_id)
    for tag in article.tag_list[:5]:
        condition |= Q(tags__icontains=tag)
    if not condition:
        return []
    return list(
        _public_base()
        .filter(condition, unit__path__startswith=_tree_root_path(article.unit))
        .exclude(pk=article.pk)[:limit]
    )


def categories() -> list[Category]:
    return list(Category.objects.order_by("position", "name"))


def category_by_slug(slug: str) -> Category | None:
    return Category.objects.filter(slug=slug).first() if slug else None


# ---------------------------------------------------------------- officers


def scoped_articles(user):
    """Articles of every unit where the user writes (news.edit) or approves (news.approve) news."""
    if is_system_admin(user):
        return Article.objects.all()
    roots = sorted(set(perm_paths(user, "news.edit")) | set(perm_paths(user, "news.approve")))
    if not roots:
        return Article.objects.none()
    condition = Q()
    for root in roots:
        condition |= Q(unit__path__startswith=root)
    return Article.objects.filter(condition)


def article_list(user, *, status: str | None = None, q: str = "", unit=None, category=None):
    qs = (
        scoped_articles(user)
        .select_related("unit", "category", "created_by")
        .defer("body", "review_note")
        .order_by("-updated_at", "-pk")
    )
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if category is not None:
        qs = qs.filter(category=category)
    for token in tokens(q)[:8]:
        qs = qs.filter(search_text__contains=token)
    return qs


def review_queue(user):
    """Articles waiting for review that `user` may approve, oldest first."""
    return (
        scope(Article.objects.filter(status=ArticleStatus.IN_REVIEW), user, "news.approve")
        .select_related("unit", "category", "created_by")
        .defer("body")
        .order_by("updated_at", "pk")
    )


def officer_units(user, perm: str = "news.edit"):
    """Units in force where the user may write news: the roots of their grants and the units below them
    down to the communes (for the unit choice of the form and the list filter)."""
    from danvan.core.formatting import local_today
    from danvan.units.models import ADMIN_LEVEL, Level, Unit

    admin_kinds = [k for k, lvl in ADMIN_LEVEL.items() if lvl <= Level.COMMUNE]
    qs = scope(Unit.objects.valid_on(local_today()).filter(kind__in=admin_kinds), user, perm, unit_field="")
    return list(qs.natural()[:500])
