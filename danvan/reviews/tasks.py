"""Background work of the review (thin: each task calls a service)."""

from django_tasks import task


@task()
def render_report(rendering_id: int) -> str | None:
    """Write the DOCX and PDF of the report rendering `rendering_id`; returns its final status."""
    from .renderings import rendering_build

    result = rendering_build(rendering_id)
    return result.status if result else None
