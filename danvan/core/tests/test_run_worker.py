"""run_worker's bookkeeping around an outage (the outage itself: tests/integration/test_worker_restart.py)."""

import pytest
from django.db import OperationalError
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from danvan.core.management.commands.run_worker import DatabaseUnavailable, ResilientWorker, connection_lost

pytestmark = pytest.mark.django_db
CALLS: list[str] = []


@task()
def count_call() -> int:
    CALLS.append("ran")
    return len(CALLS)


@task()
def lose_connection() -> None:
    raise OperationalError("terminating connection due to administrator command")


@task()
def break_on_purpose() -> None:
    raise ValueError("hỏng")


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    CALLS.clear()


def worker(worker_id="w1") -> ResilientWorker:
    return ResilientWorker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def claimed(t, worker_id="w1") -> DBTaskResult:
    row = DBTaskResult.objects.get(id=t.enqueue().id)
    row.claim(worker_id)
    return row


def test_tasks_a_killed_worker_left_running_are_queued_again_when_it_starts():
    mine, other = claimed(count_call, "w1"), claimed(count_call, "w2")
    worker("w1").recover(at_start=True)
    assert DBTaskResult.objects.get(pk=mine.pk).status == "READY"
    assert DBTaskResult.objects.get(pk=other.pk).status == "RUNNING"  # another live worker's


def test_a_task_whose_connection_died_is_requeued_not_failed():
    row, w = claimed(lose_connection), worker()
    with pytest.raises(DatabaseUnavailable):
        w.run_task(row)
    assert DBTaskResult.objects.get(pk=row.pk).status == "RUNNING"
    w.recover(at_start=False)
    assert DBTaskResult.objects.get(pk=row.pk).status == "READY"


def test_a_result_that_could_not_be_written_is_written_after_reconnecting_not_run_again(monkeypatch):
    row, w = claimed(count_call), worker()
    real = DBTaskResult.set_successful

    def down(self, value):
        raise OperationalError("connection failed: the database system is shutting down")

    monkeypatch.setattr(DBTaskResult, "set_successful", down)
    with pytest.raises(DatabaseUnavailable):
        w.run_task(row)
    monkeypatch.setattr(DBTaskResult, "set_successful", real)
    w.recover(at_start=False)
    stored = DBTaskResult.objects.get(pk=row.pk)
    assert stored.status == "SUCCESSFUL" and stored.return_value == 1 and CALLS == ["ran"]


def test_an_ordinary_task_error_still_fails_the_task():
    row = claimed(break_on_purpose)
    worker().run_task(row)
    stored = DBTaskResult.objects.get(pk=row.pk)
    assert stored.status == "FAILED" and stored.exception_class_path == "builtins.ValueError"


def test_a_locked_sqlite_database_is_not_taken_for_an_outage():
    assert not connection_lost(OperationalError("database is locked"))
    assert connection_lost(OperationalError("terminating connection due to administrator command"))


@pytest.mark.django_db(transaction=True)  # the worker's loop closes connections as db_worker does
def test_the_worker_runs_queued_tasks_in_batch_mode():
    count_call.enqueue()
    count_call.enqueue()
    worker().run()
    assert CALLS == ["ran", "ran"]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
