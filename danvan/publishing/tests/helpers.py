import datetime as dt

from django.utils import timezone

from danvan.publishing import services
from danvan.publishing.models import Category

BODY = "<p>Đoạn một.</p><p>Đoạn hai.</p>"


def category(slug="cong-tac-dan-van"):
    return Category.objects.get(slug=slug)


def draft(cast, title="Hội nghị sơ kết công tác dân vận 6 tháng đầu năm", unit=None, actor=None, **extra):
    extra.setdefault("body", BODY)
    extra.setdefault("category", category())
    return services.article_create(actor=actor or cast.lan, unit=unit or cast.commune, title=title, **extra)


def published(cast, title="Tin đã đăng", unit=None, when=None, **extra):
    article = draft(cast, title=title, unit=unit, actor=cast.son, **extra)
    article = services.article_submit(actor=cast.son, article=article)
    return services.article_approve(
        actor=cast.son, article=article, publish_at=when or timezone.now() - dt.timedelta(hours=1)
    )
