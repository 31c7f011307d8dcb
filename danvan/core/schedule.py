"""Daily jobs: the periodic scheduling that django-tasks does not have.

django-tasks enqueues and runs tasks (`manage.py db_worker`) but has no periodic tasks. An app registers
its daily jobs here, from a `schedule.py` module imported by its `AppConfig.ready()`:

    register_daily("cases.deadline_sweep", at="06:30", task=sweep_deadlines, tz="Asia/Ho_Chi_Minh")

and `manage.py run_schedule` (a loop beside the worker, or `run_schedule --once` from cron) calls
`run_due()`, which enqueues each job once a day as soon as its local time has passed. The scheduler only
enqueues: the worker runs the task, so a slow job never delays the others.

At most once a day, whatever runs: the last day of each job is a `ScheduledRun` row, and a day is claimed
by a conditional UPDATE (`last_day < today`) or, the first time, by the INSERT of the row (the name is
unique). Of two schedulers — two processes, a restart, cron beside the loop — exactly one claims the day;
PostgreSQL re-checks the condition after the row lock, SQLite writes one at a time. The claim and the
enqueue share one transaction, so with the database backend a job is marked done only together with its
queued task. A scheduler that was down at the job's time enqueues it when it comes back the same day; days
missed entirely are not replayed one by one (the jobs are idempotent sweeps of "today").
"""

import datetime as dt
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger("danvan.schedule")


@dataclass(frozen=True)
class DailyJob:
    name: str
    at: dt.time
    task: object  # a django_tasks Task: anything with .enqueue()
    tz: str

    def due_day(self, now: dt.datetime) -> dt.date | None:
        """The local day for which the job is due at `now` (aware), or None before its time."""
        local = now.astimezone(ZoneInfo(self.tz))
        return local.date() if local.time() >= self.at else None

    @property
    def task_path(self) -> str:
        return getattr(self.task, "module_path", repr(self.task))


_jobs: dict[str, DailyJob] = {}


def register_daily(name: str, *, at: str = "06:30", task, tz: str | None = None) -> DailyJob:
    """Run `task.enqueue()` once a day after `at` ("HH:MM", local time of `tz`, default TIME_ZONE).
    Registering the same name again replaces the job (ready() may run more than once in tests)."""
    if not hasattr(task, "enqueue"):
        raise TypeError(f"{name}: task must be a django-tasks task (with .enqueue()), not {task!r}")
    try:
        when = dt.time.fromisoformat(at)
    except ValueError as exc:
        raise ValueError(f"{name}: at must be 'HH:MM', not {at!r}") from exc
    zone = tz or settings.TIME_ZONE
    ZoneInfo(zone)  # an unknown zone fails at registration, not at 06:30
    job = DailyJob(name=name, at=when, task=task, tz=zone)
    _jobs[name] = job
    return job


def unregister(name: str) -> None:
    _jobs.pop(name, None)


def registered() -> list[DailyJob]:
    return sorted(_jobs.values(), key=lambda j: (j.at, j.name))


def get(name: str) -> DailyJob | None:
    return _jobs.get(name)


def claim(name: str, day: dt.date, now: dt.datetime) -> bool:
    """Mark `name` as run on `day`; True only for the one caller that moved it to `day`."""
    from .models import ScheduledRun

    if ScheduledRun.objects.filter(name=name, last_day__lt=day).update(last_day=day, last_at=now):
        return True
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(name=name, last_day=day, last_at=now)
    except IntegrityError:
        return False  # the row exists: already run on `day` (or later), or another scheduler just claimed it
    return True


def run_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job whose time has passed today and that has not run today; the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in registered():
        day = job.due_day(now)
        if day is None:
            continue
        with transaction.atomic():
            if not claim(job.name, day, now):
                continue
            job.task.enqueue()
        logger.info("Đã đưa công việc %s ngày %s vào hàng đợi", job.name, day.isoformat())
        enqueued.append(job.name)
    return enqueued


def last_runs() -> dict[str, tuple[dt.date, dt.datetime]]:
    from .models import ScheduledRun

    return {r.name: (r.last_day, r.last_at) for r in ScheduledRun.objects.all()}
