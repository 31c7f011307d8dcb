"""The daily-job scheduler: each job enqueued once a day after its local time, remembered in the database."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks import task

from danvan.core import schedule
from danvan.core.models import ScheduledRun

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
RUNS: list[str] = []


@task()
def record_run() -> None:
    RUNS.append("ran")


def at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


@pytest.fixture
def job():
    RUNS.clear()
    saved = dict(schedule._jobs)
    schedule._jobs.clear()
    yield schedule.register_daily("test.record", at="06:30", task=record_run, tz="Asia/Ho_Chi_Minh")
    schedule._jobs.clear()
    schedule._jobs.update(saved)


def test_due_job_runs_once_a_day_not_before_its_time_and_again_the_next_day(job):
    day = dt.date(2026, 3, 2)
    assert schedule.run_due(at(day, 6, 29)) == [] and RUNS == []
    assert schedule.run_due(at(day, 6, 30)) == ["test.record"] and RUNS == ["ran"]
    assert schedule.run_due(at(day, 6, 31)) == []
    assert schedule.run_due(at(day, 23, 59)) == [] and len(RUNS) == 1
    run = ScheduledRun.objects.get(name="test.record")
    assert run.last_day == day and run.last_at == at(day, 6, 30)
    nxt = day + dt.timedelta(days=1)
    assert schedule.run_due(at(nxt, 6, 0)) == [] and len(RUNS) == 1
    assert schedule.run_due(at(nxt, 9, 15)) == ["test.record"] and len(RUNS) == 2
    assert ScheduledRun.objects.get(name="test.record").last_day == nxt


def test_the_day_is_the_local_day_of_the_job(job):
    # 23:45 UTC on 1 March is 06:45 on 2 March in Việt Nam: due for 2 March
    assert schedule.run_due(dt.datetime(2026, 3, 1, 23, 45, tzinfo=dt.UTC)) == ["test.record"]
    assert ScheduledRun.objects.get().last_day == dt.date(2026, 3, 2)
    # 22:00 UTC on 1 March is 05:00 on 2 March: not yet due
    ScheduledRun.objects.all().delete()
    assert schedule.run_due(dt.datetime(2026, 3, 1, 22, 0, tzinfo=dt.UTC)) == []


def test_a_restart_or_a_second_scheduler_does_not_run_it_again(job):
    day = dt.date(2026, 3, 2)
    ScheduledRun.objects.create(name="test.record", last_day=day, last_at=at(day, 6, 30))
    assert schedule.run_due(at(day, 7, 0)) == [] and RUNS == []
    # two schedulers claiming the same day: only the first gets it
    nxt = day + dt.timedelta(days=1)
    assert schedule.claim("test.record", nxt, at(nxt, 6, 30)) is True
    assert schedule.claim("test.record", nxt, at(nxt, 6, 31)) is False
    assert schedule.claim("other.job", nxt, at(nxt, 6, 30)) is True
    assert schedule.claim("other.job", nxt, at(nxt, 6, 30)) is False
    # a day older than the last one is never claimed (a clock set back)
    assert schedule.claim("test.record", day, at(day, 8, 0)) is False


def test_a_failed_enqueue_leaves_the_day_unclaimed(job):
    class Broken:
        module_path = "tests.broken"

        def enqueue(self):
            raise RuntimeError("queue down")

    schedule.register_daily("test.broken", at="00:00", task=Broken())
    with pytest.raises(RuntimeError):
        schedule.run_due(at(dt.date(2026, 3, 2), 6, 0))
    assert not ScheduledRun.objects.filter(name="test.broken").exists()


def test_register_daily_refuses_bad_input(job):
    with pytest.raises(ValueError):
        schedule.register_daily("x", at="6h30", task=record_run)
    with pytest.raises(TypeError):
        schedule.register_daily("x", task=lambda: None)
    assert schedule.register_daily("x", at="05:00", task=record_run).tz == "Asia/Ho_Chi_Minh"


def test_once_option_enqueues_due_jobs_and_exits(job):
    schedule.register_daily("test.record", at="00:00", task=record_run)
    out = StringIO()
    call_command("run_schedule", "--once", stdout=out)
    assert RUNS == ["ran"] and "test.record" in out.getvalue()
    out = StringIO()
    call_command("run_schedule", "--once", stdout=out)
    assert RUNS == ["ran"] and "Không có công việc nào đến hạn." in out.getvalue()


def test_list_option_shows_jobs_and_last_runs(job):
    out = StringIO()
    call_command("run_schedule", "--list", stdout=out)
    assert (
        "test.record" in out.getvalue()
        and "06:30" in out.getvalue()
        and "chưa chạy lần nào" in out.getvalue()
    )
    schedule.run_due(at(dt.date(2026, 3, 2), 7, 0))
    out = StringIO()
    call_command("run_schedule", "--list", stdout=out)
    assert "lần gần nhất ngày 02/03/2026" in out.getvalue()


def test_the_cases_deadline_sweep_is_registered_at_0630_and_warns_about_overdue_cases(cast):
    from danvan.cases.schedule import DEADLINE_SWEEP
    from danvan.cases.tasks import sweep_deadlines
    from danvan.cases.tests.helpers import D, accepted
    from danvan.notifications.models import Notification

    job = schedule.get(DEADLINE_SWEEP)
    assert job is not None and job.task is sweep_deadlines
    assert job.at == dt.time(6, 30) and job.tz == "Asia/Ho_Chi_Minh"
    overdue = accepted(cast, received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 3))
    Notification.objects.all().delete()
    today = dt.datetime.now(VN).date()
    assert overdue.resolve_due < today
    assert DEADLINE_SWEEP in schedule.run_due(at(today, 6, 30))
    warned = Notification.objects.filter(user=cast.tuan)
    assert warned.count() == 1 and overdue.code in warned.get().title and "quá hạn" in warned.get().title
    assert DEADLINE_SWEEP not in schedule.run_due(at(today, 12, 0))
    assert warned.count() == 1
