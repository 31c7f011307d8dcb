"""Concurrent writers against the server as `make run` starts it, beside a read-only baseline.

    .venv/bin/python bench/concurrency.py                    # 8 writers x 50 submissions, SQLite
    .venv/bin/python bench/concurrency.py --quick            # 8 x 5 (CI)
    .venv/bin/python bench/concurrency.py --database-url postgres://postgres@127.0.0.1:5432/danvan_bench_conc

The server is started by `config/localrun.py` exactly as `make run` does (production mode, run_worker,
run_schedule, runserver) on port 8115 (`--port`), on a throw-away copy of the demo SQLite database
(`db.sqlite3` when `make run` made one, otherwise a demo loaded into a temp dir), or on a PostgreSQL database
that the bench drops and recreates (its name must contain "bench"). Nothing else is touched.

Each writer fetches the public form once (CSRF cookie and commune choices) and then posts its submissions,
each with a fresh anti-duplicate token, so every POST creates a case. The public form's per-address limit
(5 an hour) stays on: each writer sends from its own loopback addresses (127.8.<writer>.<n>, a new one
every 5 submissions), which Linux routes to 127.0.0.1 — distinct client addresses, honestly, no setting
lifted. A submission counts as done on the redirect to the confirmation page; anything else is an error.

The baseline is the same number of concurrent GETs of a read-only page (the published answers) in the
same run. Printed: requests, errors, req/s, p50 and p99 in ms, and the cases stored. Exit code 1 on any
error or a missing case.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PER_ADDRESS = 5  # cases.services.SUBMIT_LIMIT_PER_IP


def request(port, method, path, *, source, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.getheaders(), resp.read()
    finally:
        conn.close()


def find_commune(html: str):
    """The id of the first commune the picker offers (a radio button, or an option of a select)."""
    for pattern in (
        r'<input[^>]*name="commune"[^>]*value="(\d+)"',
        r'<input[^>]*value="(\d+)"[^>]*name="commune"',
        r'<select name="commune"[^>]*>.*?<option value="(\d+)"',
    ):
        found = re.search(pattern, html, re.S)
        if found:
            return found.group(1)
    return None


class Writer(threading.Thread):
    def __init__(self, n, port, count, barrier, kind, token=None):
        super().__init__()
        self.n, self.port, self.count, self.barrier, self.kind = n, port, count, barrier, kind
        self.token = token  # --identical: every writer posts the same form (a double click, many times)
        self.times, self.errors = [], []

    def source(self, i):
        return f"127.8.{self.n}.{i // PER_ADDRESS + 1}"

    def prepare(self):
        """The CSRF cookie and token, and one commune offered by the form's place picker (radio buttons of the
        communes, listed whole on a small site, else the first found for a search)."""
        status, headers, body = request(self.port, "GET", "/phan-anh/gui/", source=self.source(0))
        if status != 200:
            raise RuntimeError(f"GET /phan-anh/gui/ answered {status}")
        cookie = "; ".join(v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie")
        html = body.decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        commune = find_commune(html)
        if commune is None:  # a scope too large to list: ask the picker's fragment for communes named "xã"
            status, _h, body = request(
                self.port,
                "GET",
                "/phan-anh/gui/?" + urllib.parse.urlencode({"tim_xa": "xa", "buoc": "tim-xa"}),
                source=self.source(0),
                headers={"Cookie": cookie},
            )
            commune = find_commune(body.decode())
        if commune is None:
            raise RuntimeError("the form offers no commune")
        return cookie, csrf, commune

    def run(self):
        try:
            cookie, csrf, commune = self.prepare()
        except Exception as exc:  # the form could not be read: this writer fails, the others are released
            self.errors.append(f"form: {exc!r}")
            self.barrier.abort()
            return
        try:
            self.barrier.wait()
        except threading.BrokenBarrierError:
            return
        for i in range(self.count):
            start = time.perf_counter()
            try:
                if self.kind == "read":
                    status, _h, _b = request(self.port, "GET", "/phan-anh/tra-loi/", source=self.source(i))
                    ok = status == 200
                else:
                    form = {
                        "csrfmiddlewaretoken": csrf,
                        "kind": "feedback",
                        "title": "Đèn đường hỏng trước chợ"
                        + ("" if self.token else f" (thử tải {self.n}-{i})"),
                        "content": "Đèn đường trước chợ ấp hỏng đã ba tuần, buổi tối đi lại rất nguy hiểm.",
                        "commune": commune,
                        "name": "Nguyễn Văn Thử",
                        "phone": "0912000111",
                        "token": self.token or uuid.uuid4().hex,
                    }
                    status, headers, _b = request(
                        self.port,
                        "POST",
                        "/phan-anh/gui/",
                        source=self.source(i),
                        body=urllib.parse.urlencode(form),
                        headers={
                            "Content-Type": "application/x-www-form-urlencoded",
                            "Cookie": cookie,
                            "Referer": f"http://127.0.0.1:{self.port}/phan-anh/gui/",
                        },
                    )
                    location = dict((k.lower(), v) for k, v in headers).get("location", "")
                    ok = status == 302 and "/phan-anh/da-gui/" in location
            except Exception as exc:  # a refused or dropped connection is an error too
                status, ok = repr(exc), False
            self.times.append((time.perf_counter() - start) * 1000)
            if not ok:
                self.errors.append(status)


def fire(port, writers, each, kind, token=None):
    barrier = threading.Barrier(writers + 1)
    threads = [Writer(n, port, each, barrier, kind, token) for n in range(writers)]
    for t in threads:
        t.start()
    try:
        barrier.wait(timeout=120)
    except threading.BrokenBarrierError:  # a writer could not read the form (its error is counted below)
        pass
    start = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    times = sorted(x for t in threads for x in t.times)
    errors = [e for t in threads for e in t.errors]
    return {
        "requests": len(times),
        "errors": len(errors),
        "error_statuses": sorted({str(e) for e in errors})[:5],
        "req_s": len(times) / elapsed,
        "p50": statistics.median(times) if times else 0.0,
        "p99": times[max(0, int(len(times) * 0.99) - 1)] if times else 0.0,
    }


COUNTS = (
    "import json; from danvan.cases.models import Case; from django_tasks_db.models import DBTaskResult; "
    "from django.db.models import Count; "
    "print(json.dumps({'cases': Case.objects.count(), 'tasks': dict(DBTaskResult.objects.values_list('status')"
    ".annotate(n=Count('id')).order_by()), "
    "'due': DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count()}))"
)


def counts(env):
    """Cases stored and the worker's tasks by status (the worker writes while the web writes)."""
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", COUNTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def drained(env, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        now = counts(env)
        if not now["due"] or time.monotonic() > deadline:
            return now
        time.sleep(1)


def prepare_database(args, tmp: Path, env: dict) -> str:
    if args.database_url:
        import psycopg

        parsed = urllib.parse.urlparse(args.database_url)
        name = parsed.path.lstrip("/")
        if "bench" not in name:
            sys.exit("--database-url: the database is dropped and recreated, its name must contain 'bench'")
        admin = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return args.database_url
    db = tmp / "danvan.sqlite3"
    source = ROOT / "db.sqlite3"
    if source.exists() and not args.fresh:
        # a consistent copy even while `make run` writes to it (the online backup API)
        import sqlite3

        with sqlite3.connect(source) as src, sqlite3.connect(db) as dst:
            src.backup(dst)
        if (ROOT / ".run" / "local.env").exists():  # the keys its demo data was encrypted with
            shutil.copy(ROOT / ".run" / "local.env", tmp / "local.env")
        print(f"database: a copy of {source.name} in {tmp}", flush=True)
    else:
        print(f"database: a fresh demo in {tmp}", flush=True)
    return f"sqlite:///{db}"


def wait_until_up(port, proc, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"the server exited with {proc.returncode}")
        try:
            status, _h, _b = request(port, "GET", "/phan-anh/gui/", source="127.0.0.1")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("the server did not answer in time")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--each", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="8 writers x 5 submissions (CI)")
    parser.add_argument("--port", type=int, default=8115)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--fresh", action="store_true", help="a fresh demo even when db.sqlite3 exists")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line too")
    parser.add_argument(
        "--identical",
        action="store_true",
        help="every submission is the same form (one token): one case stored",
    )
    args = parser.parse_args()
    if args.quick:
        args.each = 5

    # `timeout` in CI sends SIGTERM: leave through `finally`, which stops the server
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped by SIGTERM"))
    tmp = Path(tempfile.mkdtemp(prefix="danvan-bench-conc-"))
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DANVAN_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env["DATABASE_URL"] = prepare_database(args, tmp, env)
    env["DANVAN_MEDIA_ROOT"] = str(tmp / "media")
    env["DANVAN_PRIVATE_ROOT"] = str(tmp / "private")
    cmd = [sys.executable, "-m", "config.localrun", "--port", str(args.port), "--quiet"]
    cmd += ["--env-file", str(tmp / "local.env"), "--log-dir", str(tmp / "logs")]
    server = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=open(tmp / "server.log", "w"), stderr=subprocess.STDOUT
    )
    try:
        wait_until_up(args.port, server)
        from config.localrun import local_environment

        run_env = local_environment(
            host="127.0.0.1", port=args.port, dev=False, base=env, env_file=tmp / "local.env"
        )
        before = counts(run_env)
        baseline = fire(args.port, args.writers, args.each, "read")
        writes = fire(
            args.port, args.writers, args.each, "write", uuid.uuid4().hex if args.identical else None
        )
        after = drained(run_env)
        stored = after["cases"] - before["cases"]
        tasks = {k: v for k, v in after["tasks"].items() if v}
        new_failures = tasks.get("FAILED", 0) - before["tasks"].get("FAILED", 0)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

    engine = "PostgreSQL" if args.database_url else "SQLite (make run)"
    print(f"\n{engine}: {args.writers} concurrent writers x {args.each}, server as `make run` starts it")
    print(f"{'':28}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}")
    for label, r in (("baseline: published answers", baseline), ("public case submissions", writes)):
        print(
            f"{label:28}{r['requests']:>9}{r['errors']:>8}{r['req_s']:>8.1f}{r['p50']:>9.0f}{r['p99']:>9.0f}"
        )
    expected = 1 if args.identical else writes["requests"]
    print(
        f"cases stored: {stored} (expected {expected}{', identical submissions' if args.identical else ''})"
    )
    print(f"worker's tasks after the run (citizen notices, sent while the web wrote), by status: {tasks}")
    print(f"tasks due and not done: {after['due']}")
    if writes["errors"] or baseline["errors"]:
        print("error statuses:", writes["error_statuses"] or baseline["error_statuses"])
        print(f"server log: {tmp / 'server.log'}")
    if args.json:
        print(
            json.dumps(
                {"engine": engine, "baseline": baseline, "writes": writes, "stored": stored, "tasks": tasks}
            )
        )
    failed = writes["errors"] or baseline["errors"] or stored != expected
    failed = failed or new_failures or after["due"]
    if args.database_url:  # a throw-away database
        import psycopg

        parsed = urllib.parse.urlparse(args.database_url)
        with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}" WITH (FORCE)')
    if not failed:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
