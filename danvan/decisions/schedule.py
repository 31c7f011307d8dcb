"""Daily jobs of community decisions, registered with `danvan.core.schedule` by `DecisionsConfig.ready()`: the
steps sweep at 06:40 Vietnam time (after the cases' and the commitments' sweeps)."""

from danvan.core.schedule import register_daily

from .tasks import sweep_steps

STEP_SWEEP = "decisions.step_sweep"

register_daily(STEP_SWEEP, at="06:40", task=sweep_steps, tz="Asia/Ho_Chi_Minh")
