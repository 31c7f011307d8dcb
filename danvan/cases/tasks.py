"""Background work of the cases module (thin: each task calls a service)."""

from django_tasks import task

from . import services


@task()
def deliver_citizen_notice(case_id: int, text: str) -> None:
    """Send a status notice to the case's submitter and to every merged case's submitter. A denouncer's
    contact is decrypted here, in the worker, and never written to the notice text or the logs."""
    services.deliver_notice(case_id, text)


@task()
def sweep_deadlines() -> int:
    """Daily: warn handlers and unit leaders about cases due soon or overdue (idempotent per case per day)."""
    return services.deadline_sweep()


@task()
def expire_held_attachments() -> int:
    """Daily: delete the files the public form held for cases never sent, a day after they were chosen."""
    return services.held_attachments_expire()
