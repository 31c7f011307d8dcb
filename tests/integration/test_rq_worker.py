"""The real tasks on the distributed queue: a separate `manage.py rqworker` process on Redis runs what the
app enqueues (notification e-mails, a household import, the deadline sweep enqueued by the scheduler).

Needs Redis at 127.0.0.1:6379; runs when DANVAN_TEST_RQ=1 (`.ci/run` sets it), on Redis database 12
(DANVAN_TEST_RQ_WORKER_URL), which it flushes. The database is a SQLite file both processes open.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RQ_URL = os.environ.get("DANVAN_TEST_RQ_WORKER_URL", "redis://127.0.0.1:6379/12")
NOTICES = 10

pytestmark = pytest.mark.skipif(
    os.environ.get("DANVAN_TEST_RQ") != "1", reason="set DANVAN_TEST_RQ=1 (needs Redis)"
)

ENQUEUE = f"""
import datetime as dt, json
from zoneinfo import ZoneInfo
from danvan.core import schedule
from danvan.core.formatting import local_today
from danvan.notifications.services import notify
from danvan.people import services as people
from danvan.people.tests.helpers import good_rows, upload, workbook
from tests.cast import build_cast
cast = build_cast()
cast.tuan.email = "tuan@phucuong.gov.vn"; cast.tuan.save()
for n in range({NOTICES}):
    notify(user=cast.tuan, title=f"Thông báo {{n}}", body="Có việc cần xử lý.", url="/can-bo/")
row = people.household_import_start(actor=cast.khoa, commune=cast.commune, uploaded_file=upload(workbook(good_rows())))
day = local_today()
# after 06:30 today, Việt Nam time, whatever the hour the test runs
enqueued = schedule.run_due(dt.datetime(day.year, day.month, day.day, 7, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
print(json.dumps({{"import": row.pk, "scheduled": enqueued}}))
"""


def test_a_separate_rq_worker_process_runs_the_tasks_the_app_enqueues(tmp_path):
    from redis import Redis
    from rq import Queue
    from rq.registry import FailedJobRegistry, FinishedJobRegistry

    redis = Redis.from_url(RQ_URL)
    redis.flushdb()
    db = tmp_path / "danvan.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "DJANGO_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        DANVAN_TASK_BACKEND="django_tasks_rq.RQBackend",
        DANVAN_RQ_URL=RQ_URL,
        DANVAN_PRIVATE_ROOT=str(tmp_path / "private"),
        DANVAN_MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONUNBUFFERED="1",
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=120)
    log = tmp_path / "rqworker.log"
    worker = subprocess.Popen(
        [
            *manage,
            "rqworker",
            "default",
            "--job-class",
            "django_tasks_rq.Job",
            "--name",
            f"test-{os.getpid()}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        out = subprocess.run(
            [*manage, "shell", "-c", ENQUEUE],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=120,
            capture_output=True,
            text=True,
        )
        sent = json.loads(out.stdout.strip().splitlines()[-1])
        # every daily job due by 07:00 is enqueued (the deadline sweep among them), each once
        assert "cases.deadline_sweep" in sent["scheduled"]
        assert len(set(sent["scheduled"])) == len(sent["scheduled"])
        expected = NOTICES + 1 + len(sent["scheduled"])  # the e-mails, the import, the daily jobs
        queue = Queue("default", connection=redis)
        finished, failed = FinishedJobRegistry(queue=queue), FailedJobRegistry(queue=queue)
        deadline = time.monotonic() + 90
        while finished.count + failed.count < expected:
            assert worker.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, (
                f"{finished.count} of {expected} jobs done\n{log.read_text()[-3000:]}"
            )
            time.sleep(0.3)
        assert failed.count == 0, log.read_text()[-3000:]
        with sqlite3.connect(db) as conn:
            assert conn.execute(
                "SELECT count(*) FROM notifications_notification WHERE emailed_at IS NULL"
            ).fetchone() == (0,)
            status = conn.execute(
                "SELECT status FROM people_householdimport WHERE id = ?", (sent["import"],)
            ).fetchone()
            assert status == ("done",)
            assert conn.execute("SELECT count(*) FROM people_household").fetchone()[0] > 0
        text = log.read_text()
        for task in ("deliver_notification", "run_household_import", "sweep_deadlines"):
            assert f"tasks.{task}" in text, text[-3000:]
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        redis.flushdb()
