"""Reads of the household registry, always scope-filtered by the unit-scope policy.

`household_list` is the officers' list (scoped by `households.view` on the hamlet, searchable without
diacritics, annotated with member counts in one query). `hamlet_options` and `import_communes` feed the
filters and the import form; `household_import_list` lists recent imports the user may follow.
"""

import datetime as dt

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from danvan.access.policy import scope, scope_on
from danvan.core.formatting import local_today
from danvan.core.text import tokens
from danvan.units.models import COMMUNE_KINDS, Unit, natural_order

from .models import Household, HouseholdImport, Resident, User
from .phones import normalize_phone


def household_list(
    user,
    *,
    unit: Unit | None = None,
    q: str = "",
    hamlet: Unit | None = None,
    day: dt.date | None = None,
    roots: list[Unit] | None = None,
) -> QuerySet:
    """Households `user` may see (households.view), inside `unit`'s subtree (or one of `roots`) and `hamlet`
    when given, matching every token of `q` (diacritics ignored), ordered by hamlet then code, with
    `member_count`. A past `day` lists the households of the hamlets in force then, in the user's history
    scope (`policy.scope_on`: read-only)."""
    past = day is not None and day < local_today()
    qs = scope_on(Household.objects.all(), user, "households.view", day, unit_field="hamlet")
    roots = roots if roots is not None else ([unit] if unit is not None else [])
    if roots:
        condition = Q()
        for r in roots:
            condition |= Q(hamlet__path__startswith=r.path)
        qs = qs.filter(condition)
    if past:
        qs = qs.filter(hamlet__in=Unit.objects.communities().valid_on(day))
    if hamlet is not None:
        qs = qs.filter(hamlet=hamlet)
    for token in tokens(q):
        qs = qs.filter(search_text__icontains=token)
    # A correlated subquery rather than JOIN + GROUP BY: the paginator's COUNT then drops it, and the
    # page query computes it for the 25 rows shown only.
    members = (
        Resident.objects.filter(household=OuterRef("pk"))
        .order_by()
        .values("household")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return natural_order(
        qs.select_related("hamlet").annotate(member_count=Coalesce(Subquery(members), 0)),
        "hamlet__",
        "code",
        "pk",
    )


def household_members(household: Household) -> list[Resident]:
    return list(household.members.order_by("-is_representative", "birth_year", "pk"))


def household_accounts(household: Household) -> list[User]:
    return list(household.accounts.select_related("verified_by").order_by("full_name", "username"))


def hamlet_options(
    user,
    unit: Unit | None,
    *,
    perm: str = "households.view",
    in_force: bool = False,
    day: dt.date | None = None,
    roots: list[Unit] | None = None,
) -> list[Unit]:
    """Residential communities inside `unit` (or one of `roots`) where `user` holds `perm`; with `in_force`,
    only those in force today (for new households); with a past `day`, those in force that day in the user's
    history scope. Ended ones are listed otherwise, as households may still belong to them."""
    qs = Unit.objects.communities()
    roots = roots if roots is not None else ([unit] if unit is not None else [])
    if roots:
        condition = Q()
        for r in roots:
            condition |= Q(path__startswith=r.path)
        qs = qs.filter(condition)
    if in_force:
        qs = qs.valid_on(local_today())
    if day is not None and day < local_today():
        return list(natural_order(scope_on(qs.valid_on(day), user, perm, day, unit_field="")))
    return list(natural_order(scope(qs, user, perm, unit_field="")))


def import_communes(user, perm: str = "households.manage") -> list[Unit]:
    """Communes in force today where `user` holds `perm` (where they may import a household register)."""
    qs = Unit.objects.filter(kind__in=list(COMMUNE_KINDS)).valid_on(local_today())
    return list(natural_order(scope(qs, user, perm, unit_field="")))


def household_import_list(user, *, limit: int = 20) -> list[HouseholdImport]:
    """Recent imports of the communes where `user` holds households.manage."""
    qs = scope(HouseholdImport.objects.all(), user, "households.manage", unit_field="unit")
    return list(qs.select_related("unit", "actor").order_by("-created_at", "-pk")[:limit])


def find_citizen(query: str) -> User | None:
    """A citizen account by exact username or phone number (for an officer verifying in person)."""
    query = (query or "").strip()
    if not query:
        return None
    phone = normalize_phone(query)
    condition = Q(username__iexact=query) | (Q(phone=phone) if phone else Q(pk__in=[]))
    return User.objects.filter(condition, kind=User.Kind.CITIZEN, is_active=True).first()


# ---------------------------------------------------------------- citizens' requests to the commune


def household_request_queue(user, *, status: str = "pending", unit: Unit | None = None) -> QuerySet:
    """The requests `user` may answer — link requests where they hold `citizens.verify`, corrections where
    they hold `households.manage`, on the request's hamlet — inside `unit`, with `status` ("" for all);
    the oldest first while pending, the latest answered first otherwise."""
    from .models import HouseholdRequest

    base = HouseholdRequest.objects.all()
    if status:
        base = base.filter(status=status)
    if unit is not None:
        base = base.filter(hamlet__path__startswith=unit.path)
    qs = scope(
        base.filter(kind=HouseholdRequest.Kind.LINK), user, "citizens.verify", unit_field="hamlet"
    ) | scope(
        base.filter(kind=HouseholdRequest.Kind.CORRECTION), user, "households.manage", unit_field="hamlet"
    )
    order = ["created_at", "pk"] if status == HouseholdRequest.Status.PENDING else ["-answered_at", "-pk"]
    return qs.select_related("citizen", "hamlet", "commune", "household", "answered_by").order_by(*order)


def household_requests_of(citizen) -> list:
    """A citizen's own requests, newest first (their area)."""
    return list(
        citizen.household_requests.select_related("hamlet", "commune", "household").order_by(
            "-created_at", "-pk"
        )
    )


def link_candidates(user, request, q: str = "", limit: int = 20) -> list[Household]:
    """Households of the request's hamlet that the officer may link (citizens.verify), matching every word of
    `q` (default: the head of household the citizen named), for the officer to pick the right one."""
    words = tokens(q or request.representative_name)
    qs = scope(Household.objects.filter(hamlet=request.hamlet), user, "citizens.verify", unit_field="hamlet")
    for token in words:
        qs = qs.filter(search_text__icontains=token)
    return list(qs.select_related("hamlet").order_by("code", "pk")[:limit])


def phone_code_open(user) -> bool:
    """Whether a code sent to the account's phone can still be typed (show the code box)."""
    from django.utils import timezone

    from .models import VerificationCode

    return VerificationCode.objects.filter(
        user=user,
        purpose=VerificationCode.Purpose.PHONE,
        phone=user.phone,
        used_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists()


def household_count(unit: Unit, day: dt.date | None = None) -> int:
    """Households in the registry under `unit` (on a past `day`: of the hamlets in force then), for figures."""
    qs = Household.objects.filter(hamlet__path__startswith=unit.path)
    if day is not None and day < local_today():
        qs = qs.filter(hamlet__in=Unit.objects.communities().valid_on(day))
    return qs.count()
