import datetime as dt

import pytest

from danvan.core import indicators as ind
from danvan.decisions import services
from danvan.decisions.indicators import decision_figures

from .helpers import DAY, ballots, households, meeting, opened

pytestmark = pytest.mark.django_db


def test_decided_passed_turnout_and_channels(cast):
    hh = households(cast, 20)
    passed = opened(cast, "4")
    meeting(cast, passed, hh[:10], yes=8)
    ballots(cast, passed, hh[10:15], yes=4)
    services.voting_close(actor=cast.hoa, decision=passed)
    failed = opened(cast, "1")
    meeting(cast, failed, hh[:10], yes=10)
    services.voting_close(actor=cast.hoa, decision=failed)
    opened(cast, "6")  # still voting: not counted
    f = decision_figures(cast.commune, DAY - dt.timedelta(days=1), DAY)
    assert (f["decisions.decided"], f["decisions.passed"]) == (2, 1)
    assert (f["decisions.households"], f["decisions.households_counted"]) == (40, 25)
    assert (f["decisions.channel.meeting"], f["decisions.channel.ballot"], f["decisions.channel.online"]) == (
        2,
        1,
        0,
    )
    assert decision_figures(cast.sibling_commune, DAY, DAY)["decisions.decided"] == 0
    assert (
        decision_figures(cast.commune, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=9))[
            "decisions.decided"
        ]
        == 0
    )
    assert "decisions.turnout" in {i.key for i in ind.all_indicators()}
