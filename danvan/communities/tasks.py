"""Background work of the communities module (thin: each task calls one service)."""

from django_tasks import task

from .services import contribution_import_run, member_import_run


@task()
def run_contribution_import(import_id: int) -> str | None:
    """Check and write the contributions import `import_id`; returns its final status."""
    result = contribution_import_run(import_id)
    return result.status if result else None


@task()
def run_member_import(import_id: int) -> str | None:
    """Check and write the members import `import_id`; returns its final status."""
    result = member_import_run(import_id)
    return result.status if result else None
