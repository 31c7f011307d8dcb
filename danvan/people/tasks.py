"""Background work of the household registry (thin: each task calls one service)."""

from django_tasks import task

from .services import household_import_run


@task()
def run_household_import(import_id: int) -> str | None:
    """Run the Excel import `import_id`; returns its final status."""
    result = household_import_run(import_id)
    return result.status if result else None
