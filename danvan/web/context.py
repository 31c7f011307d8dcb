"""The officer's working unit (the unit switcher): one of the units of their active role assignments; and
the day the workspace shows (`view_day`: today, a past day chosen with `?ngay=`, or the last day of a
dissolved unit)."""

import datetime as dt

from django.db.models import F

from danvan.access.mixins import SESSION_UNIT_KEY
from danvan.access.policy import grants, is_system_admin


def working_units(user) -> list[tuple[int, str]]:
    """(unit id, label) of every unit the officer holds a role on today, without repeats."""
    seen: dict[int, str] = {}
    for g in grants(user):
        seen.setdefault(g.unit_id, g.unit_name)
    return list(seen.items())


def current_unit(request):
    """The Unit chosen in the switcher (session), else the officer's first unit; None for others."""
    from danvan.units.models import Unit

    if not request.user.is_authenticated:
        return None
    cached = getattr(request, "_danvan_current_unit", False)
    if cached is not False:
        return cached
    units = working_units(request.user)
    allowed = {pk for pk, _ in units}
    chosen = request.session.get(SESSION_UNIT_KEY)
    unit = None
    if chosen and (chosen in allowed or is_system_admin(request.user)):
        unit = Unit.objects.filter(pk=chosen).first()
    if unit is None and units:
        unit = Unit.objects.filter(pk=units[0][0]).first()
    if unit is None and is_system_admin(request.user):
        unit = (
            Unit.objects.filter(parent__isnull=True).order_by(F("valid_from").desc(nulls_last=True)).first()
        )
    request._danvan_current_unit = unit
    return unit


DAY_PARAM = "ngay"


def parse_day(value: str | None) -> dt.date | None:
    """A day typed as yyyy-mm-dd (the date input) or dd/mm/yyyy; None when it is not a day."""
    value = (value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def view_day(request) -> dt.date:
    """The day whose units the workspace lists: the `?ngay=` chosen (never after today, never before 1945),
    else — for a unit no longer in force — its last day (the 2020 district is shown as it was on 30/06/2025),
    else today."""
    from danvan.core.formatting import local_today

    today = local_today()
    chosen = parse_day(request.GET.get(DAY_PARAM))
    if chosen is not None:
        return max(dt.date(1945, 9, 2), min(chosen, today))
    unit = current_unit(request)
    if unit is not None and unit.valid_to is not None and unit.valid_to < today:
        return unit.valid_to
    return today


def units_on(unit, day: dt.date) -> list:
    """The units that stood for `unit` on `day`: itself when it was in force (or when it ended before `day`:
    shown up to its end), else the units it succeeded (`map_unit` backwards)."""
    if unit is None:
        return []
    if unit.valid_from is None or day >= unit.valid_from:
        return [unit]
    from danvan.units.services import map_unit

    return [m.unit for m in map_unit(unit, day)]


def history_context(request, day: dt.date) -> dict:
    """What a dated page shows above its list: the day, whether it is the past (read-only), the chosen
    unit's end when it was dissolved, and the value for the day field."""
    from danvan.core.formatting import local_today

    unit = current_unit(request)
    ended = unit.valid_to if unit is not None and unit.valid_to and unit.valid_to < local_today() else None
    return {
        "view_day": day,
        "view_past": day < local_today(),
        "unit_ended": ended,
        "day_param": DAY_PARAM,
    }
