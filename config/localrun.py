"""`make run` and `make dev`: the platform on one machine, with its background worker and scheduler.

    python -m config.localrun [--host 127.0.0.1] [--port 8000] [--dev]

`make run` (default) serves production-mode pages — DEBUG off, the Vietnamese error pages, static files by
WhiteNoise after `collectstatic` — over plain http on this machine: `DANVAN_LOCAL_HTTP=true` relaxes secure
cookies, the https redirect and HSTS, and `DANVAN_SERVE_MEDIA=true` serves uploaded public files (no front
server runs locally). `--dev` (`make dev`) keeps DEBUG on with runserver's autoreload.

Secrets are generated once into `.run/local.env` (git-ignored, mode 0600): a secret key and a protected-data
key, so sessions and the encrypted demo data survive restarts; a variable already set in the environment
wins over the file. `DANVAN_SITE_URL` (links in e-mails and SMS) defaults to the address actually served,
`http://HOST:PORT`.

Steps: migrate, load the demo once (`seed_demo --if-empty`), collectstatic (not with --dev), print the demo
logins, then run the worker (`manage.py run_worker`), the scheduler (`manage.py run_schedule`) and the web
server (`manage.py runserver`). The worker and the scheduler are supervised: restarted when they exit; all
stop with the web server or Ctrl+C. Logs of the two are in `.run/worker.log` and `.run/schedule.log`.
"""

import argparse
import base64
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL_ENV = ROOT / ".run" / "local.env"
RESTART_DELAY = 2.0


def _new_fernet_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def local_secrets(path: Path = LOCAL_ENV) -> dict[str, str]:
    """The keys of this machine's local run, created on the first call and read back afterwards."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [
            "# Generated once by config/localrun.py for `make run` / `make dev` on this machine. Keep it: the",
            "# demo's protected data is encrypted with this key. Never use these values in production.",
            f"DANVAN_SECRET_KEY={secrets.token_urlsafe(50)}",
            f"DANVAN_PROTECTED_KEYS={_new_fernet_key()}",
        ]
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write("\n".join(lines) + "\n")
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def local_environment(
    *, host: str, port: int, dev: bool, base: dict[str, str] | None = None, env_file: Path = LOCAL_ENV
) -> dict[str, str]:
    """The environment of the three processes: `base` (default os.environ) over the local secrets."""
    env = dict(os.environ if base is None else base)
    for key, value in local_secrets(env_file).items():
        env.setdefault(key, value)
    env["DANVAN_DEBUG"] = "true" if dev else "false"
    env.setdefault("DANVAN_LOCAL_HTTP", "true")
    env.setdefault("DANVAN_SERVE_MEDIA", "true")
    env.setdefault("DANVAN_SITE_URL", f"http://{host}:{port}")
    hosts = {"127.0.0.1", "localhost", "testserver"} | ({host} if host not in {"0.0.0.0", "::"} else set())
    env.setdefault("DANVAN_ALLOWED_HOSTS", ",".join(sorted(hosts)))
    # runserver starts a thread per request: a persistent connection per thread would pile up idle
    # PostgreSQL connections ("too many clients", measured by bench/concurrency.py); SQLite has CONN_MAX_AGE 0.
    env.setdefault("DANVAN_DB_CONN_MAX_AGE", "0")
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def manage(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *args]


def prepare(env: dict[str, str], *, dev: bool, demo: bool = True) -> None:
    """Migrate, load the demo once, collect static files (production mode only)."""
    subprocess.run(manage("migrate", "--noinput", "-v", "0"), env=env, check=True)
    if demo:
        subprocess.run(manage("seed_demo", "--if-empty"), env=env, check=True)
    if not dev:
        subprocess.run(manage("collectstatic", "--noinput", "-v", "0"), env=env, check=True)


class Supervisor:
    """Runs named child processes; restarts the supervised ones when they exit, stops all together."""

    def __init__(self, env: dict[str, str], log_dir: Path):
        self.env, self.log_dir = env, log_dir
        self.children: dict[str, tuple[list[str], subprocess.Popen, bool]] = {}
        self.stopping = False

    def start(self, name: str, cmd: list[str], *, supervised: bool, log: bool) -> subprocess.Popen:
        out = open(self.log_dir / f"{name}.log", "a") if log else None
        # Each child leads its own process group, so that stopping it also stops what it started (runserver's
        # autoreloader runs the server in a child); Ctrl+C reaches the launcher, which stops them all.
        proc = subprocess.Popen(
            cmd, env=self.env, stdout=out, stderr=subprocess.STDOUT if out else None, start_new_session=True
        )
        if out is not None:
            out.close()  # the child has its own copy
        self.children[name] = (cmd, proc, supervised)
        return proc

    def watch(self, main: str) -> int:
        """Until `main` exits: restart supervised children that died; then stop all; `main`'s exit code."""
        while not self.stopping:
            for name, (cmd, proc, supervised) in list(self.children.items()):
                code = proc.poll()
                if code is None:
                    continue
                if name == main:
                    self.stop()
                    return code
                if supervised:
                    print(
                        f"  [{name}] đã dừng (mã {code}); khởi động lại sau {RESTART_DELAY:.0f} giây.",
                        flush=True,
                    )
                    time.sleep(RESTART_DELAY)
                    if not self.stopping:  # Ctrl+C may be what stopped it: then everything stops
                        self.start(name, cmd, supervised=True, log=True)
            time.sleep(0.5)
        return 0

    def stop(self, *_args) -> None:
        if self.stopping and _args:
            return  # a second signal while stopping
        self.stopping = True
        for _cmd, proc, _supervised in self.children.values():
            _signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for _cmd, proc, _supervised in self.children.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            _signal_group(proc, signal.SIGKILL)  # whatever is left in its group


def _signal_group(proc: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(proc.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def serve(
    env: dict[str, str], *, host: str, port: int, dev: bool, banner: bool = True, log_dir: Path | None = None
) -> int:
    log_dir = log_dir or ROOT / ".run"
    log_dir.mkdir(parents=True, exist_ok=True)
    if banner:
        url = f"http://{host}:{port}"
        mode = "phát triển (DEBUG bật, tự nạp lại mã)" if dev else "như bản chính thức (DEBUG tắt)"
        print(f"\n  danvan đang chạy tại {url}/  — chế độ {mode}")
        print(f"  Khu cán bộ: {url}/can-bo/  · Quản trị: {url}/admin/  · API: {url}/api/docs")
        subprocess.run(manage("demo_logins"), env=env, check=False)
        print("  Dừng: Ctrl+C\n", flush=True)
    sup = Supervisor(env, log_dir)
    sup.start(
        "worker",
        manage("run_worker", "--queue-name", "*", "--worker-id", f"local-{port}"),
        supervised=True,
        log=True,
    )
    sup.start("schedule", manage("run_schedule"), supervised=True, log=True)
    server = ["runserver", f"{host}:{port}"] if dev else ["runserver", "--noreload", f"{host}:{port}"]
    sup.start("web", manage(*server), supervised=False, log=False)
    # Ctrl+C (SIGINT, also when started with it ignored, e.g. in the background) and SIGTERM stop all.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, sup.stop)
    code = sup.watch("web")
    sup.stop()
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--dev", action="store_true", help="DEBUG on, runserver autoreload (make dev)")
    parser.add_argument("--no-demo", action="store_true", help="do not load the demo data")
    parser.add_argument(
        "--env-file", type=Path, default=LOCAL_ENV, help="the generated secrets (default .run/local.env)"
    )
    parser.add_argument(
        "--log-dir", type=Path, default=None, help="worker and scheduler logs (default .run/)"
    )
    parser.add_argument("--quiet", action="store_true", help="no banner, no demo logins (benches, tests)")
    args = parser.parse_args(argv)
    env = local_environment(host=args.host, port=args.port, dev=args.dev, env_file=args.env_file)
    prepare(env, dev=args.dev, demo=not args.no_demo)
    return serve(
        env, host=args.host, port=args.port, dev=args.dev, banner=not args.quiet, log_dir=args.log_dir
    )


if __name__ == "__main__":
    sys.exit(main())
