"""The task tests on the RQ backend (`.ci/run`: `--ds=config.settings_test_rq`).

`InlineRQBackend` is django-tasks-rq's `RQBackend` whose `enqueue()`, after putting the job in Redis as in
production, runs rq's own worker (`SimpleWorker`, burst mode) in this process until the queue is empty, then
returns the job's result as RQ reports it. Every job is pickled into Redis, popped, loaded by path and run by
rq with django-tasks-rq's `Job` class, exactly as `manage.py rqworker --job-class django_tasks_rq.Job` does;
only the process is the test's, so the test's transaction, settings and in-memory outboxes are those the task
sees (a separate worker process could not see an uncommitted test transaction). The separate-process path is
tested by tests/integration/test_rq_worker.py.
"""

from django_tasks_rq.backend import Job, RQBackend
from rq import SimpleWorker


class CountingWorker(SimpleWorker):
    def execute_job(self, job, queue):
        InlineRQBackend.jobs_run += 1
        return super().execute_job(job, queue)


class InlineRQBackend(RQBackend):
    jobs_run = 0
    _draining = False

    def enqueue(self, task, args, kwargs):
        result = super().enqueue(task, args, kwargs)
        if not InlineRQBackend._draining:  # a task that enqueues another: the running drain picks it up
            InlineRQBackend._draining = True
            try:
                queues = self._get_queues()
                worker = CountingWorker(queues, connection=queues[0].connection, job_class=Job)
                worker.work(burst=True, with_scheduler=False, logging_level="WARNING")
            finally:
                InlineRQBackend._draining = False
        return self.get_result(result.id)
