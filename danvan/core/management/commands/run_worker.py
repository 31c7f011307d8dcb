"""`manage.py run_worker`: django-tasks-db's `db_worker` that survives a database restart or outage.

django-tasks-db 0.13 (the newest release) lets any database error other than "database is locked" escape its
loop, so `db_worker` exits on the first "terminating connection due to administrator command" and queued
tasks wait with nothing to run them. This worker catches connection errors, closes the connections, waits
(1 s, doubling up to 30 s) and carries on. The options are db_worker's.

- A task interrupted by the outage (its connection died under it) is not marked failed: it stays RUNNING
  with this worker's id and is put back in the queue when the database answers again, so it runs again —
  at least once, which is why tasks are idempotent (architecture, "Background work").
- A task that finished while its result could not be written is recorded after reconnecting, not re-run.
- At start, tasks still RUNNING under this worker's id (a previous life killed mid-task) are put back in the
  queue; give each worker a stable `--worker-id` (the systemd unit uses the host name and instance).

Supervision (restart when the process itself dies) is the job of systemd (deploy/systemd/) or, under `make
run`, of config/localrun.py.
"""

import logging
import time

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django_tasks_db.compat import task_finished, task_started
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

logger = logging.getLogger("danvan.worker")

BACKOFF_START, BACKOFF_MAX = 1.0, 30.0
# Words of the errors a restart or an outage gives (psycopg, SQLite) when no live connection can tell.
LOST_CONNECTION_WORDS = (
    "connection",
    "terminat",
    "shutting down",
    "starting up",
    "recovery",
    "unable to open",
)


class DatabaseUnavailable(Exception):
    """The connection died while a task ran: the task is requeued, not failed."""


def connection_lost(exc: BaseException) -> bool:
    """True when `exc` comes from a lost or refused connection rather than from the query itself."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    if isinstance(exc, OperationalError) and is_locked_database_exception(exc):
        return False
    for conn in connections.all(initialized_only=True):
        if conn.connection is None:
            continue
        try:
            if not conn.is_usable():
                return True
        except Exception:
            return True
    text = str(exc).lower()
    return isinstance(exc, InterfaceError) or any(word in text for word in LOST_CONNECTION_WORDS)


def close_all_quietly() -> None:
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # a dead connection may fail to close; it is dropped all the same
            conn.connection = None


class ResilientWorker(Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.unrecorded: list[tuple[DBTaskResult, object]] = []
        self.outages = 0

    def run(self) -> None:
        delay = BACKOFF_START
        first = True
        while self.running:
            try:
                self.recover(at_start=first)
                first = False
                delay = BACKOFF_START
                super().run()
                return  # --batch or --max-tasks finished
            except (OperationalError, InterfaceError, DatabaseUnavailable) as exc:
                if isinstance(exc, OperationalError | InterfaceError) and not connection_lost(exc):
                    raise
                if any(conn.in_atomic_block for conn in connections.all(initialized_only=True)):
                    raise  # run inside a caller's transaction (a test): nothing to reconnect to
                self.outages += 1
                logger.warning(
                    "Mất kết nối cơ sở dữ liệu (%s); thử lại sau %.0f giây.", str(exc).strip()[:200], delay
                )
                close_all_quietly()
                time.sleep(delay)
                delay = min(delay * 2, BACKOFF_MAX)

    def recover(self, *, at_start: bool) -> None:
        """Write the results kept during an outage, then requeue this worker's interrupted tasks."""
        while self.unrecorded:
            db_task_result, value = self.unrecorded[0]
            db_task_result.set_successful(value)
            self.unrecorded.pop(0)
        requeued = 0
        for row in DBTaskResult.objects.running().filter(backend_name=self.backend_name):
            if row.worker_ids and row.worker_ids[-1] == self.worker_id:
                DBTaskResult.objects.filter(pk=row.pk, status=row.status).update(
                    status="READY", started_at=None
                )
                requeued += 1
        if requeued:
            logger.warning(
                "Đưa lại %d công việc bị gián đoạn vào hàng đợi (%s).",
                requeued,
                "lần chạy trước" if at_start else "sau khi mất kết nối",
            )

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """db_worker's run_task, except that a lost connection neither fails the task nor loses its result."""
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            try:
                if task.takes_context:
                    from django_tasks_db.compat import TaskContext

                    value = task.call(
                        TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                    )
                else:
                    value = task.call(*task_result.args, **task_result.kwargs)
            except DatabaseError as exc:
                if connection_lost(exc):
                    raise DatabaseUnavailable(str(exc)) from exc
                raise
            try:
                db_task_result.set_successful(value)
            except DatabaseError as exc:
                if connection_lost(exc):
                    self.unrecorded.append((db_task_result, value))
                    raise DatabaseUnavailable(str(exc)) from exc
                raise
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except DatabaseUnavailable:
            raise
        except BaseException as exc:
            db_task_result.set_failed(exc)
            try:
                task_finished.send(
                    sender=type(db_task_result.task.get_backend()), task_result=db_task_result.task_result
                )
            except Exception:
                logger.exception("Công việc %s thất bại", db_task_result.id)
        finally:
            self.running_task = False
            self._run_tasks += 1


class Command(DbWorkerCommand):
    help = "Chạy công việc nền (như db_worker) và tự kết nối lại khi cơ sở dữ liệu khởi động lại."

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, **options):  # fmt: skip
        self.configure_logging(verbosity)
        if verbosity and not logger.hasHandlers():
            logger.addHandler(logging.StreamHandler(self.stdout))
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        worker.configure_signals()
        worker.run()
