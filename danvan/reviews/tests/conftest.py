import datetime as dt

import pytest

from danvan.access.roles import Role
from danvan.reviews import services
from tests.cast import _grant, _user

H1 = "2026-H1"


@pytest.fixture
def district_leader(cast):
    """`nam`, leader of Tam Nông district: approves the communes' reports."""
    return _grant(_user("nam", "Trương Văn Nam"), Role.LEADER, cast.district)


@pytest.fixture
def period(db):
    return services.period_ensure(text=H1)


def case(cast, unit, received, resolved=None, late=False):
    """A feedback case received on `received` in `unit` (handled by the commune's officers or a district
    leader), resolved on `resolved` (the due date moved before it when `late`)."""
    from danvan.cases.services import case_resolve
    from danvan.cases.tests.helpers import accepted

    c = accepted(cast, unit=unit, received_on=received, accepted_on=received, actor=cast.son)
    if resolved:
        if late:
            c.resolve_due = resolved - dt.timedelta(days=3)
            c.save(update_fields=["resolve_due"])
        c = case_resolve(
            actor=cast.son, case=c, answer="Đã khắc phục, thông báo cho người phản ánh.", resolved_on=resolved
        )
    return c
