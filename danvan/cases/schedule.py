"""Daily jobs of the cases module, registered with `danvan.core.schedule` by `CasesConfig.ready()`.

The deadline sweep runs at 06:30 Vietnam time, before the offices open, so handlers and leaders find the
warnings of the day in their notifications (the sweep warns each case at most once a day). At 03:00 the files
the public form held for cases that were never sent, chosen more than a day before, are deleted."""

from danvan.core.schedule import register_daily

from .tasks import expire_held_attachments, sweep_deadlines

DEADLINE_SWEEP = "cases.deadline_sweep"
HELD_ATTACHMENTS_EXPIRE = "cases.held_attachments_expire"

register_daily(DEADLINE_SWEEP, at="06:30", task=sweep_deadlines, tz="Asia/Ho_Chi_Minh")
register_daily(HELD_ATTACHMENTS_EXPIRE, at="03:00", task=expire_held_attachments, tz="Asia/Ho_Chi_Minh")
