"""pytest plugin for the task tests on the RQ backend (`-p tests.rq_plugin`, with `--ds=config.settings_test_rq`):
a clean queue database at the start, the number of jobs rq ran at the end, and a failure if none ran."""


def pytest_sessionstart(session):
    import django_rq

    django_rq.get_connection("default").flushdb()  # only the test queue's own Redis database


def pytest_sessionfinish(session, exitstatus):
    from tests.rq_inline import InlineRQBackend

    if exitstatus == 0 and InlineRQBackend.jobs_run == 0:
        session.exitstatus = 1  # the task tests did not go through the RQ backend


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    from django.conf import settings

    from tests.rq_inline import InlineRQBackend

    url = settings.RQ_QUEUES["default"]["URL"]
    terminalreporter.write_line(
        f"RQ backend: {InlineRQBackend.jobs_run} jobs run by rq's worker through {url}"
    )
