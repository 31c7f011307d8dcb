import time

import pytest

from danvan.integrations import services


@pytest.fixture(autouse=True)
def _quota_clock_inside_one_hour(monkeypatch):
    """The quota counts per clock hour: hold the clock in the middle of the current hour, so that no test
    sees its count start again because the hour turned while it ran."""
    middle = (time.time() // 3600) * 3600 + 1800
    monkeypatch.setattr(services, "_clock", lambda: middle)
