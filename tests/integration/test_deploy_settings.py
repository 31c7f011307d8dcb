"""`manage.py check --deploy` with the README's production settings is clean; the local-http relaxation of
`make run` is reported by it, so it cannot slip into production unnoticed."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DANVAN_DEBUG": "false",
    "DANVAN_SECRET_KEY": "k3y-" + "s7Rq9vXw2LmN4pZ8" * 4,
    "DANVAN_PROTECTED_KEYS": "ZGV2LW9ubHktZGFudmFuLXByb3RlY3RlZC1rZXktMDE=",
    "DATABASE_URL": "postgres://danvan@127.0.0.1:5432/danvan",
    "DANVAN_ALLOWED_HOSTS": "danvan.example.gov.vn",
    "DANVAN_REDIS_URL": "redis://127.0.0.1:6379/0",
}


def check_deploy(**extra) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "DJANGO_"))}
    env.update(PRODUCTION, **extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_is_clean_with_the_readme_production_settings():
    out = check_deploy()
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_check_deploy_reports_the_local_http_relaxation():
    out = check_deploy(DANVAN_LOCAL_HTTP="true")
    assert out.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in out.stderr + out.stdout
