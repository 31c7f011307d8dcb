"""Concurrent writers on a file SQLite database, run as a separate process by test_sqlite_concurrency.py.

    python tests/integration/sqlite_writers.py DB_FILE [--transaction-mode DEFERRED] [--writers 8] [--each 10]

Migrates a fresh database file with the project's settings (the `make run` SQLite options), builds the
shared cast, then starts `--writers` threads — each its own connection, like runserver's request threads —
that wait on a barrier and submit `--each` public cases through `cases.services.case_submit`, or, with
`--officers`, enter them as the cast's case officer. Prints one JSON line: submissions, errors, the first
error messages and the cases stored. `--transaction-mode` overrides the setting (to show the failure of
deferred transactions beside the fix).
"""

import argparse
import json
import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--transaction-mode", default="")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--each", type=int, default=10)
    parser.add_argument("--officers", action="store_true")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.db).resolve()}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("DANVAN_TASK_BACKEND", "django_tasks.backends.dummy.DummyBackend")
    import django

    django.setup()
    from django.conf import settings

    if args.transaction_mode:
        settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = args.transaction_mode

    from django.core.management import call_command
    from django.db import OperationalError, close_old_connections, connection

    from danvan.cases.models import Case
    from danvan.cases.services import case_submit
    from tests.cast import build_cast

    call_command("migrate", verbosity=0)
    cast = build_cast()
    connection.close()

    barrier = threading.Barrier(args.writers)
    lock = threading.Lock()
    done, errors = [0], []

    def writer(n: int) -> None:
        barrier.wait()
        for i in range(args.each):
            try:
                case_submit(
                    actor=cast.minh if args.officers else None,
                    kind="feedback",
                    title=f"Đèn đường ấp Phú Hòa hỏng (người {n}, lần {i})",
                    content="Đèn đường trước chợ ấp Phú Hòa hỏng đã ba tuần, buổi tối rất tối.",
                    unit=cast.commune,
                    name="Trần Thị Mai",
                    phone="0912000111",
                )
                with lock:
                    done[0] += 1
            except OperationalError as exc:
                with lock:
                    errors.append(str(exc))
        close_old_connections()
        connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(args.writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(
        json.dumps(
            {
                "submissions": args.writers * args.each,
                "ok": done[0],
                "errors": len(errors),
                "messages": sorted(set(errors))[:3],
                "stored": Case.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    main()
