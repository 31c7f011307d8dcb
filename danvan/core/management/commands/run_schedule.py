import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from danvan.core import schedule
from danvan.core.formatting import format_date, format_datetime

logger = logging.getLogger("danvan.schedule")


def _stop(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = (
        "Bộ lập lịch công việc hằng ngày (ví dụ cảnh báo hạn hồ sơ lúc 06:30): đến giờ thì đưa tác vụ vào "
        "hàng đợi để db_worker thực hiện, mỗi công việc một lần mỗi ngày. Dùng --once khi chạy từ cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Kiểm tra một lần, đưa các công việc đến hạn vào hàng đợi rồi thoát.",
        )
        parser.add_argument(
            "--list",
            dest="show_list",
            action="store_true",
            help="Liệt kê các công việc đã đăng ký và lần chạy gần nhất.",
        )
        parser.add_argument(
            "--interval", type=int, default=30, help="Số giây giữa hai lần kiểm tra (mặc định 30)."
        )

    def handle(self, *args, once=False, show_list=False, interval=30, **options):
        if show_list:
            self._list()
            return
        if once:
            self._report(schedule.run_due())
            return
        signal.signal(signal.SIGTERM, _stop)  # stop cleanly when `make run` ends the server
        jobs = schedule.registered()
        self._say(
            f"Bộ lập lịch đang chạy: {len(jobs)} công việc, kiểm tra mỗi {interval} giây. Dừng: Ctrl+C."
        )
        try:
            while True:
                self._tick()
                time.sleep(max(1, interval))
        except KeyboardInterrupt:
            self._say("Đã dừng bộ lập lịch.")

    def _tick(self):
        close_old_connections()  # a long-lived process: drop connections the database has closed
        try:
            enqueued = schedule.run_due()
        except Exception:  # the database may be restarting: log, and try again at the next tick
            logger.exception("Bộ lập lịch không kiểm tra được các công việc đến hạn")
            return
        finally:
            close_old_connections()
        if enqueued:
            self._report(enqueued)

    def _report(self, enqueued):
        if enqueued:
            self._say(f"{format_datetime(timezone.now())} — đã đưa vào hàng đợi: {', '.join(enqueued)}.")
        else:
            self._say("Không có công việc nào đến hạn.")

    def _list(self):
        jobs = schedule.registered()
        if not jobs:
            self._say("Chưa có công việc nào được đăng ký.")
            return
        runs = schedule.last_runs()
        for job in jobs:
            last = runs.get(job.name)
            when = (
                f"lần gần nhất ngày {format_date(last[0])} (lúc {timezone.localtime(last[1]):%H:%M})"
                if last
                else "chưa chạy lần nào"
            )
            self._say(f"{job.name}  hằng ngày lúc {job.at:%H:%M} ({job.tz})  {job.task_path}  — {when}")

    def _say(self, text):
        self.stdout.write(text)
        self.stdout.flush()
