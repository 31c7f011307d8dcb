"""The officer's working unit (the unit switcher): one of the units of their active role assignments."""

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
