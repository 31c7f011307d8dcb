"""Reads of conventions: the officers' scope and the public lists."""

from danvan.access.policy import scope, scope_under

from .models import Convention, ConventionVersion, Status, VersionStatus

PUBLIC_STATUSES = (Status.IN_FORCE, Status.COMMENT, Status.SUSPENDED)


def conventions_in_scope(user, root=None, perm: str = "conventions.view"):
    rows = Convention.objects.select_related("hamlet", "commune")
    if root is not None:
        return scope_under(rows, user, perm, root, unit_field="hamlet")
    return scope(rows, user, perm, unit_field="hamlet")


def public_conventions(commune=None, hamlet=None):
    """Conventions the public reads: in force (or suspended), or with a draft out for comment — including an
    amendment in comment while the earlier text is in force."""
    from django.db.models import Q

    rows = Convention.objects.select_related("hamlet", "commune").filter(
        Q(status__in=PUBLIC_STATUSES) | Q(versions__status=VersionStatus.COMMENT)
    )
    if hamlet is not None:
        rows = rows.filter(hamlet=hamlet)
    elif commune is not None:
        rows = rows.filter(commune=commune)
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
    """What the public reads: the draft in comment if there is one, else the text in force."""
    return (
        convention.versions.filter(status=VersionStatus.COMMENT).order_by("-number").first()
        or convention.in_force
    )


def version_of_decision(decision) -> ConventionVersion | None:
    return ConventionVersion.objects.select_related("convention").filter(decision=decision).first()
