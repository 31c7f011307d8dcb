"""Access gate of the news portal: the only way a view or an endpoint fetches one scoped article.

`access_article_by_id(user, pk, perm)` returns the article when `user` holds `perm` (default `news.edit`)
on its unit and raises `NotFoundOrForbidden` otherwise — a missing id and another unit's id look the same.
"""

from danvan.access.gates import fetch_scoped

from .models import Article


def access_article_by_id(user, pk, perm: str = "news.edit") -> Article:
    return fetch_scoped(
        Article.objects.select_related("unit", "category", "created_by", "reviewed_by"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda a: a.unit,
    )
