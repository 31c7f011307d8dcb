"""Background work of the news portal (thin: each task calls one service)."""

from django_tasks import task

from .services import publish_if_due


@task()
def publish_scheduled_article(article_id: int) -> bool:
    """Publish the scheduled article when its time has come (idempotent; see services.publish_if_due)."""
    return publish_if_due(article_id)
