"""Browser tests: Debian's chromium driven by Playwright for Python (never `playwright install`).

Playwright's sync API runs an event loop in this thread; Django's ORM guard would then refuse the test's
own database calls, so the guard is relaxed for this directory only.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The public forms are rate-limited per address and the live server shares this process's cache, so
    every browser test starts (and ends) with clean counters."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def shot():
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def demo_site(django_db_serialized_rollback, live_server):
    """The demo units and officers served by a live server. Serialized rollback restores what the data
    migrations seeded (the legal rulebook), which a transactional test would otherwise flush away."""
    from django.core.management import call_command

    call_command("seed_demo", stdout=open(os.devnull, "w"))
    return live_server.url
