"""Every public page and every officers' list through a real server (gunicorn, DEBUG off) driven by `wrk`.

    .venv/bin/python bench/server.py --quick            # a fresh demo on SQLite, 2 s a page (CI)
    .venv/bin/python bench/server.py                    # the same, 10 s a page
    .venv/bin/python bench/server.py --database-url postgres://postgres@127.0.0.1:5432/danvan_bench_server \
        [--communes 3000 --cases 1000000 --keep]        # PostgreSQL: dropped, recreated, demo + generated cases
    .venv/bin/python bench/server.py --database-url postgres://…/danvan_bench_server --reuse --cases 1000000
                                                        # measure again what a --keep run left (no reload)
    .venv/bin/python bench/server.py --no-pagecache     # the "before" figures: no anonymous page cache

The server is gunicorn with 2 workers (`--workers`) on port 8121 (`--port`), production settings as `make run`
sets them (config/localrun.py: DEBUG off, generated keys, plain http on this machine), two-factor sign-in
relaxed (DANVAN_2FA_REQUIRED=false) so the officers' session is one cookie, and the bench's bare views on
(DANVAN_BENCH_VIEWS=1: `/bench/bare/`, `/bench/bare-user/`, never on in production). The cache is Redis
(`redis://127.0.0.1:6379/3`, a key prefix of this run) when one answers, as in production; otherwise each
worker's local memory (said in the output).

The database is a fresh demo (migrate + seed_demo) in a temp dir (SQLite), or the PostgreSQL database of
`--database-url`, whose name must contain "bench" (dropped and recreated, then dropped again at the end unless
`--keep`; `--reuse` measures a database a `--keep` run left, migrated, not reloaded); with `--cases N`,
`bench/m2_cases.py`'s generator adds a province of `--communes` communes and N cases — the portal then shows that
province (DANVAN_PORTAL_UNIT=BENCH). The SPEC's scale is `--communes 3000 --cases 1000000` (33,031 units; the
generation and the search index take some minutes).

`wrk` (Debian's; installed with apt-get when missing) runs `--connections` (8) connections for `--seconds` a
page. For each page: req/s, p50, p95, p99 (ms), non-2xx answers, and for public pages the bytes of the first
load (an anonymous GET with no cookie). Beside them, measured in the same run: the bare view anonymous (the
public pages' ceiling) and signed in (the officers'). At the end each gunicorn worker's peak RSS (VmHWM).

Targets (SPEC "Performance"): a public page PASSes with req/s ≥ 0.5 × the anonymous bare view and a first
load < 150 KB; an officers' list with p95 < 100 ms; a worker with peak RSS < 300 MB. Exit code 1 when a page
answers with an error (a MISS is reported, not an error: the figures depend on the machine).
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PY = (
    str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
)
GUNICORN = str(Path(PY).parent / "gunicorn")
PUBLIC_RATIO, PUBLIC_BYTES, OFFICER_P95_MS, RSS_MB = 0.5, 150 * 1024, 100.0, 300

LUA = """
done = function(summary, latency, requests)
  local s = summary.errors
  io.write("JSON " .. string.format(
    '{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, "non2xx": %d, "socket": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, s.status, s.connect + s.read + s.write + s.timeout))
end
"""

# Who reads each officers' list: the first account that gets a 200 (scopes differ by role); with --cases the
# generated province's case officers (a district's, a commune's) come first.
OFFICERS = [
    "bench-m2-district",
    "bench-m2-commune",
    "xuly.tramchim",
    "quantri.tramchim",
    "danvan.tramchim",
    "xuly.huyen",
    "quantri.huyen",
    "admin",
]
SESSIONS = """
import json, sys
from django.conf import settings
from django.test import Client
from danvan.people.models import User
out = {}
for name in sys.argv[1:]:
    user = User.objects.filter(username=name).first()
    if user is None:
        continue
    c = Client()
    c.force_login(user)
    out[name] = c.cookies[settings.SESSION_COOKIE_NAME].value
print("JSON " + json.dumps(out))
"""


def run(cmd, env, **kw):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kw)


def manage(env, *args, capture=False):
    out = run([PY, "manage.py", *args], env, capture_output=True, text=True)
    return out.stdout if capture else None


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("wrk is missing: apt-get install -y wrk", flush=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def redis_url():
    try:
        import redis

        redis.Redis(host="127.0.0.1", port=6379, db=3, socket_timeout=2).ping()
        return "redis://127.0.0.1:6379/3"
    except Exception:
        return ""


def pg_admin(url):
    parsed = urllib.parse.urlparse(url)
    return parsed._replace(path="/postgres").geturl(), parsed.path.lstrip("/")


def reset_pg(url, drop_only=False):
    import psycopg

    admin, name = pg_admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def environment(args, tmp: Path) -> dict:
    from config.localrun import local_environment

    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DANVAN_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env = local_environment(
        host="127.0.0.1", port=args.port, dev=False, base=base, env_file=tmp / "local.env"
    )
    env.update(
        DATABASE_URL=args.database_url or f"sqlite:///{tmp / 'danvan.sqlite3'}",
        DANVAN_MEDIA_ROOT=str(tmp / "media"),
        DANVAN_PRIVATE_ROOT=str(tmp / "private"),
        DANVAN_STATIC_ROOT=str(tmp / "static"),
        DANVAN_2FA_REQUIRED="false",
        DANVAN_BENCH_VIEWS="1",
        DANVAN_DB_CONN_MAX_AGE="60",  # gunicorn's sync workers: one connection each, kept
        DANVAN_LOG_LEVEL="WARNING",
        DANVAN_PAGECACHE="false" if args.no_pagecache else "true",
        DANVAN_CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}",
    )
    cache = redis_url()
    if cache:
        env["DANVAN_REDIS_URL"] = cache
    if args.cases:
        env["DANVAN_PORTAL_UNIT"] = "BENCH"
    return env


def prepare(args, env):
    start = time.perf_counter()
    if args.database_url and not args.reuse:
        reset_pg(args.database_url)
    manage(env, "migrate", "--verbosity", "0")
    if not args.reuse:
        manage(env, "seed_demo")
    if args.cases and not args.reuse:
        gen = (
            "import sys; sys.path.insert(0, 'bench'); import m2_cases as m; "
            f"root = m.build_tree({args.communes}); m.load_cases(root, {args.cases}); "
            "from danvan.units.models import Unit; "
            "d = Unit.objects.filter(parent=root, kind='district').order_by('path').first(); "
            "m.officer('bench-m2-district', d); "
            "m.officer('bench-m2-commune', Unit.objects.filter(parent=d, kind='commune').order_by('path').first()); "
            "from danvan.search.registry import reindex_all; reindex_all()"
        )
        run(
            [PY, "-c", "import django; django.setup(); " + gen],
            {**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        )
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    print(f"database ready in {time.perf_counter() - start:.0f} s", flush=True)


def get(port, path, cookie=""):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        resp = conn.getresponse()
        return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), resp.read()
    finally:
        conn.close()


ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def first_load(port, body: bytes, sizes: dict) -> int:
    """The HTML plus every static file it references (fetched once each, uncompressed), as
    tests/test_public_page_size.py counts a first load."""
    total = len(body)
    for url in sorted(set(ASSET.findall(body.decode("utf-8", "replace")))):
        if url not in sizes:
            status, _h, content = get(port, url)
            sizes[url] = len(content) if status == 200 else 0
        total += sizes[url]
    return total


def wait_up(port, proc, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited with {proc.returncode}")
        try:
            if get(port, "/bench/bare/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit("gunicorn did not answer in time")


def first_link(port, path, pattern, cookie=""):
    status, _h, body = get(port, path, cookie)
    found = re.search(pattern, body.decode("utf-8", "replace")) if status == 200 else None
    return found.group(0) if found else None


def wrk(args, tmp, path, cookie=""):
    script = tmp / "report.lua"
    script.write_text(LUA)
    cmd = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", "-s", str(script)]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(
        cmd + [f"http://127.0.0.1:{args.port}{path}"], capture_output=True, text=True, check=True
    )
    line = next(x for x in out.stdout.splitlines() if x.startswith("JSON "))
    r = json.loads(line[5:])
    r["req_s"] = r["requests"] / r["seconds"] if r["seconds"] else 0.0
    return r


def workers(master_pid):
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return []
    return [int(p) for p in children]


def peak_rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 s a page (CI)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8121)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--communes", type=int, default=300)
    parser.add_argument("--cases", type=int, default=0, help="generated cases (PostgreSQL)")
    parser.add_argument("--keep", action="store_true", help="leave the PostgreSQL database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure what a --keep run left (no reload)")
    parser.add_argument("--no-pagecache", action="store_true", help="anonymous pages rendered every time")
    parser.add_argument("--only", action="append", default=[], help="pages whose name contains this")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON line too")
    args = parser.parse_args()
    # `timeout` in CI sends SIGTERM: leave through `finally`, which stops gunicorn
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped by SIGTERM"))
    if args.quick:
        args.seconds = 2
    if args.database_url and "bench" not in pg_admin(args.database_url)[1]:
        sys.exit("--database-url: the database is dropped and recreated, its name must contain 'bench'")
    if args.cases and not args.database_url:
        sys.exit("--cases needs --database-url (the generator is PostgreSQL SQL)")
    if args.reuse and not args.database_url:
        sys.exit("--reuse needs --database-url (a database an earlier --keep run left)")

    ensure_wrk()
    tmp = Path(tempfile.mkdtemp(prefix="danvan-bench-server-"))
    env = environment(args, tmp)
    prepare(args, env)
    sessions = json.loads(
        next(
            x
            for x in subprocess.run(
                [PY, "manage.py", "shell", "-c", SESSIONS.replace("sys.argv[1:]", repr(OFFICERS))],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()
            if x.startswith("JSON ")
        )[5:]
    )
    cookies = {name: f"sessionid={key}" for name, key in sessions.items()}
    server = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=open(tmp / "server.log", "a"),
        stderr=open(tmp / "server.log", "w"),
    )
    results, errors = [], []
    try:
        wait_up(args.port, server)
        port = args.port
        article = first_link(port, "/tin-tuc/", r"/tin-tuc/[\w-]+/(?=\")") or "/tin-tuc/"
        disclosure = first_link(port, "/cong-khai/", r"/cong-khai/\d+/") or "/cong-khai/"
        answer = first_link(port, "/phan-anh/tra-loi/", r"/phan-anh/tra-loi/[\w-]+/(?=\")")
        unit = first_link(port, "/don-vi/", r"/don-vi/(?!\?)[\w.-]+/(?=\")") or "/don-vi/"
        public = [
            ("home", "/"),
            ("news list", "/tin-tuc/"),
            ("news article", article),
            ("disclosures list", "/cong-khai/"),
            ("disclosure", disclosure),
            ("disclosures register", "/cong-khai/so-theo-doi/"),
            ("case form (has a CSRF token: not cached)", "/phan-anh/gui/"),
            ("published answers", "/phan-anh/tra-loi/"),
            *([("published answer", answer)] if answer else []),
            ("tracking page", "/phan-anh/tra-cuu/"),
            ("Open311 requests.json", "/api/v1/open311/v2/requests.json"),
            ("search: đường", "/tim-kiem/?q=%C4%91%C6%B0%E1%BB%9Dng"),
            ("unit directory", "/don-vi/"),
            ("unit section", unit),
            ("dialogue schedule", "/doi-thoai/"),
            ("community decisions", "/lay-y-kien/"),
            ("consultations", "/lay-y-kien/y-kien/"),
            ("conventions", "/lay-y-kien/huong-uoc/"),
            ("citizens' initiatives", "/lay-y-kien/sang-kien/"),
            ("self-governing groups", "/hoi-quan/"),
            ("community projects", "/hoi-quan/cong-trinh/"),
            ("honour board", "/hoi-quan/bang-vang/"),
        ]
        officers = [
            ("inbox", "/can-bo/don-thu/"),
            ("overdue board", "/can-bo/don-thu/qua-han/"),
            ("inbox search", "/can-bo/don-thu/?q=duong+ngap"),
            ("disclosures register (officers)", "/can-bo/cong-khai/so-theo-doi/"),
            ("disclosures (officers)", "/can-bo/cong-khai/"),
            ("households", "/can-bo/ho-gia-dinh/"),
            ("units", "/can-bo/don-vi/"),
            ("notifications", "/can-bo/thong-bao/"),
            ("news (officers)", "/can-bo/tin-tuc/"),
            ("reception and dialogues (officers)", "/can-bo/tiep-cong-dan/"),
            ("community decisions (officers)", "/can-bo/lay-y-kien/"),
            ("consultations (officers)", "/can-bo/lay-y-kien/y-kien/"),
            ("conventions (officers)", "/can-bo/lay-y-kien/huong-uoc/"),
            ("self-governing groups (officers)", "/can-bo/hoi-quan/"),
            ("contribution ledger (officers)", "/can-bo/dong-gop/"),
            ("six-month reviews (officers)", "/can-bo/so-ket/"),
        ]
        if args.only:
            public = [p for p in public if any(o in p[0] for o in args.only)]
            officers = [p for p in officers if any(o in p[0] for o in args.only)]
        any_cookie = next(iter(cookies.values()), "")
        print(f"measuring: {args.connections} connections, {args.seconds} s a page…", flush=True)
        bare = wrk(args, tmp, "/bench/bare/")
        bare_user = wrk(args, tmp, "/bench/bare-user/", any_cookie)
        results.append(
            {"name": "ceiling: bare view, anonymous", "kind": "ceiling", "path": "/bench/bare/", **bare}
        )
        results.append(
            {
                "name": "ceiling: bare view, signed in",
                "kind": "ceiling",
                "path": "/bench/bare-user/",
                **bare_user,
            }
        )
        assets: dict = {}
        for name, path in public:
            status, headers, body = get(port, path)
            if status != 200:
                errors.append(f"{name} {path}: {status}")
                continue
            r = wrk(args, tmp, path)
            size = first_load(port, body, assets)
            ok_rate = r["req_s"] >= PUBLIC_RATIO * bare["req_s"]
            ok_size = size < PUBLIC_BYTES
            results.append(
                {
                    "name": name,
                    "kind": "public",
                    "path": path,
                    "html": len(body),
                    "bytes": size,
                    **r,
                    # served from the page cache once warm: the answer to a second anonymous GET
                    "cache": get(port, path)[1].get("x-danvan-cache", "-"),
                    "pass": ok_rate and ok_size,
                    "miss": [m for m, bad in (("req/s", not ok_rate), ("size", not ok_size)) if bad],
                }
            )
        for name, path in officers:
            who = next((u for u in OFFICERS if u in cookies and get(port, path, cookies[u])[0] == 200), None)
            if who is None:
                errors.append(f"{name} {path}: no demo officer reads it")
                continue
            r = wrk(args, tmp, path, cookies[who])
            ok = r["p95"] < OFFICER_P95_MS
            results.append(
                {
                    "name": f"{name} ({who})",
                    "kind": "officer",
                    "path": path,
                    **r,
                    "pass": ok,
                    "miss": [] if ok else ["p95"],
                }
            )
        # the ceilings again: how much the machine's load moved during the run (for information)
        for label, path, cookie in (
            ("(bare view, anonymous, at the end)", "/bench/bare/", ""),
            ("(bare view, signed in, at the end)", "/bench/bare-user/", any_cookie),
        ):
            results.append({"name": label, "kind": "ceiling", "path": path, **wrk(args, tmp, path, cookie)})
        for r in results:
            if r["non2xx"] or r["socket"]:
                errors.append(f"{r['name']}: {r['non2xx']} non-2xx answers, {r['socket']} socket errors")
        rss = {pid: peak_rss_mb(pid) for pid in workers(server.pid)}
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        if args.database_url and not (args.keep or args.reuse):
            reset_pg(args.database_url, drop_only=True)

    engine = "PostgreSQL" if args.database_url else "SQLite"
    cache = "Redis" if env.get("DANVAN_REDIS_URL") else "per-worker local memory"
    print(
        f"\ngunicorn {args.workers} workers, DEBUG off, {engine}{f' + {args.cases:,} cases' if args.cases else ''}; "
        f"wrk {args.connections} connections × {args.seconds} s; page cache: "
        f"{'off' if args.no_pagecache else cache}"
    )
    print(
        f"{'page':44} {'req/s':>8} {'×ceil':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'bytes':>9} {'cache':>5}"
        "  target"
    )
    for r in results:
        ceiling = (
            bare_user["req_s"]
            if r["kind"] == "officer" or r["path"] == "/bench/bare-user/"
            else bare["req_s"]
        )
        if r["kind"] == "ceiling":
            verdict = ""
        elif r["kind"] == "public":
            verdict = (
                f"{'PASS' if r['pass'] else 'MISS'} (≥ {PUBLIC_RATIO * bare['req_s']:.0f} req/s, < 150 KB)"
            )
        else:
            verdict = f"{'PASS' if r['pass'] else 'MISS'} (p95 < {OFFICER_P95_MS:.0f} ms)"
        if r.get("miss"):
            verdict += " missed: " + ", ".join(r["miss"])
        size = f"{r['bytes']:>9,}" if "bytes" in r else f"{'':>9}"
        print(
            f"{r['name'][:44]:44} {r['req_s']:>8.0f} {r['req_s'] / ceiling if ceiling else 0:>6.2f} {r['p50']:>7.1f} "
            f"{r['p95']:>7.1f} {r['p99']:>7.1f} {size} {r.get('cache', ''):>5}  {verdict}"
        )
    print(
        "×ceil: req/s ÷ the bare view's in the same state (anonymous for public pages, signed in for officers'); "
        "cache: a second anonymous GET was a page-cache hit or miss (- not cacheable); bytes: the first load, "
        "the HTML and the static files it references"
    )
    for pid, mb in sorted(rss.items()):
        print(f"worker {pid}: peak RSS {mb:.0f} MB  {'PASS' if mb < RSS_MB else 'MISS'} (< {RSS_MB} MB)")
    misses = [r["name"] for r in results if r.get("pass") is False] + [
        f"worker {p}" for p, mb in rss.items() if mb >= RSS_MB
    ]
    print(f"targets missed: {len(misses)}{': ' + '; '.join(misses) if misses else ''}")
    if errors:
        print("ERRORS:\n  " + "\n  ".join(errors))
        print(f"server log: {tmp / 'server.log'}")
    if args.json:
        print(json.dumps({"results": results, "rss_mb": list(rss.values()), "errors": errors}))
    if not errors:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
