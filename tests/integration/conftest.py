import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """`collectstatic` as production runs it (DEBUG off: hashed, compressed names) into a temp STATIC_ROOT."""
    root = tmp_path_factory.mktemp("static")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DANVAN_DEBUG="false",
        DANVAN_SECRET_KEY="x" * 50,
        DANVAN_PROTECTED_KEYS="ZGV2LW9ubHktZGFudmFuLXByb3RlY3RlZC1rZXktMDE=",
        DANVAN_STATIC_ROOT=str(root),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    return root
