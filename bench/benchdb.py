"""The PostgreSQL database a bench loads and measures (imported after `django.setup()`): the settings from
DATABASE_URL, refused unless it is PostgreSQL and named danvan_bench…; created fresh and migrated; dropped at
the end. Shared by m2_cases, m4_decisions, m5_contributions and m9_review (each had its own copy).

`bench_database` drops in a `finally`, so a bench that fails its checks, raises or is stopped by `timeout`'s
TERM does not leave a danvan_bench_ci_…_<pid> database behind on the CI server."""

import os
import signal
import sys
from contextlib import contextmanager

import dj_database_url
import psycopg
from django.core.management import call_command
from django.db import connection


def db_settings(script: str, example: str) -> dict:
    """DATABASE_URL parsed; exits with a message naming `script` and an `example` database otherwise."""
    cfg = dj_database_url.parse(os.environ["DATABASE_URL"])
    if "postgresql" not in cfg["ENGINE"]:
        sys.exit(f"{script} needs PostgreSQL: set DATABASE_URL=postgres://…/{example}")
    if not cfg["NAME"].startswith("danvan_bench"):
        sys.exit(
            f"refusing to load benchmark data into {cfg['NAME']!r}: its name must start with danvan_bench"
        )
    return cfg


def admin_connection(cfg):
    return psycopg.connect(
        host=cfg["HOST"] or None,
        port=cfg["PORT"] or None,
        user=cfg["USER"] or None,
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def ensure_database(cfg, *, drop: bool = False) -> None:
    """The database, created if missing (dropped first with `drop`), and migrated."""
    connection.close()
    with admin_connection(cfg) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone()
        if exists and drop:
            print(f"dropping database {cfg['NAME']}…", flush=True)
            admin.execute(f'DROP DATABASE "{cfg["NAME"]}" WITH (FORCE)')
            exists = None
        if not exists:
            print(f"creating database {cfg['NAME']}…", flush=True)
            admin.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    call_command("migrate", verbosity=0)


def drop_database(cfg) -> None:
    connection.close()
    with admin_connection(cfg) as admin:
        print(f"dropping database {cfg['NAME']}…", flush=True)
        admin.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}" WITH (FORCE)')


def _terminated(signum, frame):
    raise SystemExit(128 + signum)  # so the `finally` below runs when `timeout` sends TERM


@contextmanager
def bench_database(script: str, example: str, *, fresh: bool, drop: bool):
    """The bench's database settings: a fresh, migrated database unless `fresh` is false (`--reuse`: only
    migrated, for the indexes of a newer checkout); dropped when the block ends, however it ends, if `drop`."""
    cfg = db_settings(script, example)
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        if fresh:
            ensure_database(cfg, drop=True)
        else:
            call_command("migrate", verbosity=0)
        yield cfg
    finally:
        signal.signal(signal.SIGTERM, previous)
        if drop:
            drop_database(cfg)
