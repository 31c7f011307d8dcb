"""The embedded database takes concurrent writers: `make run`'s SQLite options, real threads, a real file.

The in-memory test database cannot show this (one shared-cache connection), so each test runs
`sqlite_writers.py` in its own process on a fresh database file: 8 threads submit cases at once through
the service, each thread on its own connection as runserver's request threads are.
"""

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("sqlite_writers.py")


def run_writers(tmp_path, *extra) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            str(tmp_path / "danvan.sqlite3"),
            "--writers",
            "8",
            "--each",
            "6",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_eight_concurrent_public_submissions_all_stored_on_the_sqlite_file(tmp_path):
    result = run_writers(tmp_path)
    assert result["errors"] == 0, result["messages"]
    assert result["ok"] == result["stored"] == 48


def test_eight_officers_entering_cases_at_once_all_stored(tmp_path):
    result = run_writers(tmp_path, "--officers")
    assert result["errors"] == 0, result["messages"]
    assert result["stored"] == 48


def test_deferred_transactions_fail_under_the_same_load(tmp_path):
    """What the IMMEDIATE mode fixes: a deferred transaction that read first cannot take the write lock
    once another writer committed, and SQLite refuses at once — the busy timeout does not help."""
    result = run_writers(tmp_path, "--transaction-mode", "DEFERRED")
    assert result["errors"] > 0
    assert result["messages"] == ["database is locked"]
    assert result["stored"] == result["ok"] < 48
