"""Published articles in the portal's search ("Tin tức"); other states are removed from the index."""

from django.utils.html import strip_tags

from danvan.search.registry import Document, register

from .models import Article, ArticleStatus

KIND = "Tin tức"


def article_document(article: Article) -> Document | None:
    if article.status != ArticleStatus.PUBLISHED:
        return None
    return Document(
        kind=KIND,
        title=article.title,
        summary=article.summary,
        body=" ".join((strip_tags(article.body), article.tags, article.byline)),
        url=article.get_absolute_url(),
        unit=article.unit,
        published_at=article.publish_at,
    )


register(Article, to_document=article_document, queryset=lambda: Article.objects.select_related("unit"))
