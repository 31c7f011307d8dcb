"""Daily jobs of the cases module, registered with `danvan.core.schedule` by `CasesConfig.ready()`.

The deadline sweep runs at 06:30 Vietnam time, before the offices open, so handlers and leaders find the
warnings of the day in their notifications (the sweep warns each case at most once a day)."""

from danvan.core.schedule import register_daily

from .tasks import sweep_deadlines

DEADLINE_SWEEP = "cases.deadline_sweep"

register_daily(DEADLINE_SWEEP, at="06:30", task=sweep_deadlines, tz="Asia/Ho_Chi_Minh")
