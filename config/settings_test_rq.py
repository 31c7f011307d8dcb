"""Test overlay for the task tests on the RQ backend (Redis database 11 unless DANVAN_TEST_RQ_URL):

.venv/bin/pytest --ds=config.settings_test_rq danvan/notifications …   (see .ci/run)
"""

import os

from .settings_test import *  # noqa: F403
from .settings_test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "django_rq", "django_tasks_rq"]
RQ_QUEUES = {"default": {"URL": os.environ.get("DANVAN_TEST_RQ_URL", "redis://127.0.0.1:6379/11")}}
TASKS = {"default": {"BACKEND": "tests.rq_inline.InlineRQBackend", "QUEUES": ["default"]}}
