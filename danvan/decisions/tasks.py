"""Background work of community decisions (thin: each task calls a service)."""

from django_tasks import task


@task()
def sweep_steps() -> int:
    """Daily: warn about minutes not sent and recognitions not decided (idempotent per decision per day)."""
    from .steps import step_sweep

    return step_sweep()
