"""Daily jobs of citizen reception and dialogue, registered with `danvan.core.schedule` by
`DialoguesConfig.ready()`: the commitments sweep at 06:35 Vietnam time (after the cases' deadline sweep)."""

from danvan.core.schedule import register_daily

from .tasks import sweep_commitments

COMMITMENT_SWEEP = "dialogues.commitment_sweep"

register_daily(COMMITMENT_SWEEP, at="06:35", task=sweep_commitments, tz="Asia/Ho_Chi_Minh")
