"""Background work of citizen reception and dialogue (thin: each task calls a service)."""

from django_tasks import task

from . import services


@task()
def sweep_commitments() -> int:
    """Daily: warn unit leaders about commitments coming due or overdue (idempotent per commitment per day)."""
    return services.commitment_sweep()


@task()
def build_minutes(minutes_id: int) -> str | None:
    """Write the DOCX of the minutes `minutes_id`; returns its final status."""
    from .minutes import minutes_build

    result = minutes_build(minutes_id)
    return result.status if result else None
