"""Background work of citizen reception and dialogue (thin: each task calls a service)."""

from django_tasks import task

from . import services


@task()
def sweep_commitments() -> int:
    """Daily: warn unit leaders about commitments coming due or overdue (idempotent per commitment per day)."""
    return services.commitment_sweep()
