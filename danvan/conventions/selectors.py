"""Reads of conventions: the officers' scope and the public lists."""

from danvan.access.policy import scope, scope_under
from danvan.core.formatting import local_today
from danvan.units.models import COMMUNITY_KINDS

from .models import Convention, ConventionVersion, Status, VersionStatus

PUBLIC_STATUSES = (Status.IN_FORCE, Status.SUSPENDED)


def conventions_in_scope(user, root=None, perm: str = "conventions.view"):
    rows = Convention.objects.select_related("hamlet", "commune")
    if root is not None:
        return scope_under(rows, user, perm, root, unit_field="hamlet")
    return scope(rows, user, perm, unit_field="hamlet")


def public_conventions(place=None):
    """Conventions the public reads: in force (or suspended), or with a draft out for comment from its posting
    day — including an amendment in comment while the earlier text is in force; never an annulled one."""
    from django.db.models import Q

    rows = (
        Convention.objects.select_related("hamlet", "commune")
        .filter(
            Q(status__in=PUBLIC_STATUSES)
            | Q(versions__status=VersionStatus.COMMENT, versions__opens_on__lte=local_today())
        )
        .exclude(status=Status.ANNULLED)
    )
    # `place` is any unit: a hamlet, a commune (the one each convention was made in), or above them a subtree
    if place is None:
        pass
    elif place.kind in COMMUNITY_KINDS:
        rows = rows.filter(hamlet=place)
    elif place.is_commune:
        rows = rows.filter(commune=place)
    else:
        rows = rows.filter(hamlet__path__startswith=place.path)
    return rows.distinct().order_by("commune__name", "hamlet__name", "title")


def public_convention(pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**31:
        return None
    return public_conventions().filter(pk=pk).first()


def public_version(convention: Convention):
    """What the public reads: the draft in comment if it has been posted, else the text in force."""
    return (
        convention.versions.filter(status=VersionStatus.COMMENT, opens_on__lte=local_today())
        .order_by("-number")
        .first()
        or convention.in_force
    )


def version_of_decision(decision) -> ConventionVersion | None:
    return ConventionVersion.objects.select_related("convention").filter(decision=decision).first()
