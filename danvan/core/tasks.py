"""Helpers for background work: enqueue only after the surrounding transaction commits.

Tasks are defined with `django_tasks.task` in each app's `tasks.py` (thin: they call a service).
In production the database backend (`manage.py db_worker`) runs them; in tests they run at once.
"""

from functools import partial

from django.db import transaction


def enqueue_on_commit(task, *args, **kwargs) -> None:
    transaction.on_commit(partial(task.enqueue, *args, **kwargs))
