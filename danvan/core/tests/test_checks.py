"""`manage.py check --deploy`: the shared-cache warning (rate limits and login lockouts need one cache for
every worker) and the two-factor policy warning."""

from django.core import checks
from django.test import override_settings

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
    }
}


def _ids(deploy=True):
    return [m.id for m in checks.run_checks(include_deployment_checks=deploy) if m.id.startswith("danvan.")]


@override_settings(DEBUG=False, CACHES=LOCMEM)
def test_the_deploy_check_warns_about_a_process_local_cache():
    messages = [m for m in checks.run_checks(include_deployment_checks=True) if m.id == "danvan.W001"]
    assert len(messages) == 1 and "DANVAN_REDIS_URL" in messages[0].hint
    assert "danvan.W001" not in _ids(deploy=False)  # only with --deploy


@override_settings(DEBUG=False, CACHES=REDIS)
def test_the_deploy_check_is_quiet_with_redis():
    assert "danvan.W001" not in _ids()


@override_settings(
    DEBUG=False, CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
)
def test_the_deploy_check_warns_about_the_dummy_cache():
    assert "danvan.W001" in _ids()


@override_settings(
    DEBUG=False,
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "/tmp/x"}
    },
)
def test_the_deploy_check_warns_about_a_file_cache():
    assert "danvan.W001" in _ids()


@override_settings(DEBUG=True, CACHES=LOCMEM)
def test_no_warning_in_development():
    assert "danvan.W001" not in _ids()


@override_settings(DEBUG=False, CACHES=REDIS, DANVAN_2FA_REQUIRED=False)
def test_the_deploy_check_warns_when_two_factor_is_relaxed():
    assert "danvan.W002" in _ids()


@override_settings(DEBUG=False, CACHES=REDIS, DANVAN_2FA_REQUIRED=True)
def test_no_two_factor_warning_when_required():
    assert "danvan.W002" not in _ids()
