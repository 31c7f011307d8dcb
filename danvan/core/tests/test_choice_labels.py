"""The translatable copies of the choice labels (danvan.core.choice_labels) follow the models."""

import datetime as dt

from django.utils import translation

from danvan.access.roles import Role
from danvan.core import choice_labels
from danvan.core.workdays import WorkCalendar
from danvan.people.models import HouseholdImport, Resident
from danvan.rulebook.models import SourceStatus, SwapKind
from danvan.units.models import SuccessionKind, UnitKind


def test_every_choice_label_shown_in_the_pages_is_in_the_catalogue_list():
    assert sorted(choice_labels.UNIT_KINDS) == sorted(UnitKind.labels)
    assert sorted(choice_labels.SUCCESSION_KINDS) == sorted(SuccessionKind.labels)
    with translation.override(None):  # the msgids of the lazy role labels
        assert sorted(str(label) for label in choice_labels.ROLES) == sorted(Role.labels)
    assert sorted(choice_labels.GENDERS) == sorted(Resident.Gender.labels)
    assert sorted(choice_labels.HOUSEHOLD_IMPORT_STATUSES) == sorted(HouseholdImport.Status.labels)
    assert sorted(choice_labels.RULE_SOURCE_STATUSES) == sorted(SourceStatus.labels)
    assert sorted(choice_labels.SWAP_KINDS) == sorted(SwapKind.labels)


def test_the_swapped_day_off_reason_is_the_one_the_calendar_gives():
    friday = dt.date(2025, 3, 14)  # an ordinary Friday
    calendar = WorkCalendar({friday: False})
    assert (friday, choice_labels.SWAPPED_DAY_OFF) in calendar.non_working_days(
        friday - dt.timedelta(days=1), friday
    )
