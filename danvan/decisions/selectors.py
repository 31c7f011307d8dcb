"""Reads of community decisions: the tally that adds every channel into one result, and the lists."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from danvan.access.policy import scope

from .models import CLOSED, Channel, Choice, Decision, HouseholdVote, Status, Tally


@dataclass
class Result:
    yes: int = 0
    no: int = 0
    other: int = 0
    counted: int = 0
    by_channel: dict = field(default_factory=dict)  # channel → households counted

    @property
    def channels(self) -> set[str]:
        return {c for c, n in self.by_channel.items() if n}


def tally_of(decision: Decision) -> Result:
    """The one result: the meeting and ballot tallies plus the online votes; `counted` is the number of
    distinct households counted (each appears once in HouseholdVote)."""
    result = Result()
    for t in Tally.objects.filter(decision=decision):
        result.yes += t.yes
        result.no += t.no
        result.other += t.other
    online = HouseholdVote.objects.filter(decision=decision, channel=Channel.ONLINE).aggregate(
        yes=Count("pk", filter=Q(choice=Choice.YES)),
        no=Count("pk", filter=Q(choice=Choice.NO)),
        other=Count("pk", filter=Q(choice=Choice.OTHER)),
    )
    result.yes += online["yes"]
    result.no += online["no"]
    result.other += online["other"]
    for row in HouseholdVote.objects.filter(decision=decision).values("channel").annotate(n=Count("pk")):
        result.by_channel[row["channel"]] = row["n"]
    result.counted = sum(result.by_channel.values())
    return result


def decisions_in_scope(user, perm: str = "decisions.view"):
    return scope(Decision.objects.select_related("unit", "commune"), user, perm, unit_field="unit")


# The lists' order, unique (keyset pages by `danvan.core.paging.keyset_page` walk it; the indexes follow it).
LIST_ORDER = ("-voting_on", "-id")


def public_decisions(commune=None):
    """What the public list shows: decisions whose vote is closed (results only after closing) and those
    announced (notice given or voting), never drafts; of one commune (its hamlets' and its commune-wide
    ones) when `commune` is given."""
    qs = Decision.objects.exclude(status=Status.DRAFT).select_related("unit", "commune")
    return qs.filter(commune=commune) if commune is not None else qs


def result_visible(decision: Decision) -> bool:
    return decision.status in CLOSED


def decisions_of_household(user):
    """The decisions put to the user's household: those whose roll holds it (voting opened), newest first."""
    if not getattr(user, "household_id", None):
        return Decision.objects.none()
    return (
        Decision.objects.filter(roll__household_id=user.household_id)
        .select_related("unit", "commune")
        .order_by("-voting_on", "-pk")
    )


def own_vote(decision: Decision, user):
    return HouseholdVote.objects.filter(decision=decision, household_id=user.household_id).first()


# -------------------------------------------------------------------------------------------- initiatives


def initiatives_in_scope(user, root=None, perm: str = "decisions.view"):
    from danvan.access.policy import scope_under

    from .models import Initiative

    rows = Initiative.objects.select_related("hamlet", "commune")
    if root is not None:
        return scope_under(rows, user, perm, root, unit_field="hamlet")
    return scope(rows, user, perm, unit_field="hamlet")


def initiatives_of_own_hamlet(user):
    """The initiatives of the hamlet of the user's household, newest first (none without a household)."""
    from .models import Initiative

    household = getattr(user, "household", None) if getattr(user, "household_id", None) else None
    if household is None:
        return Initiative.objects.none()
    return Initiative.objects.filter(hamlet_id=household.hamlet_id).select_related("hamlet", "commune")


def open_initiatives(hamlet=None):
    """What the public sees: the initiatives still collecting consents, of one hamlet or all."""
    from .models import Initiative, InitiativeStatus

    rows = Initiative.objects.filter(status=InitiativeStatus.COLLECTING).select_related("hamlet", "commune")
    if hamlet is not None:
        rows = rows.filter(hamlet=hamlet)
    return rows.order_by("-proposed_on", "-pk")


def with_consent_counts(rows, on):
    """Annotate `consents_valid` (the valid consents on `on`) and `households_now` (the hamlet's registry) in one query."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from danvan.people.models import Household

    from .models import InitiativeConsent

    valid = (
        InitiativeConsent.objects.filter(initiative=OuterRef("pk"), given_on__lte=on, valid_until__gte=on)
        .order_by()
        .values("initiative")
        .annotate(n=Count("pk"))
        .values("n")
    )
    registered = (
        Household.objects.filter(hamlet=OuterRef("hamlet"))
        .order_by()
        .values("hamlet")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return rows.annotate(
        consents_valid=Coalesce(Subquery(valid), 0), households_now=Coalesce(Subquery(registered), 0)
    )


def own_consent(initiative, user):
    from .models import InitiativeConsent

    if not getattr(user, "household_id", None):
        return None
    return InitiativeConsent.objects.filter(initiative=initiative, household_id=user.household_id).first()


def hamlet_by_code(code: str):
    """The hamlet (or residential group) with this code in force today (`units.selectors.unit_by_code`:
    codes are reused across reforms), or None when the code is no such unit."""
    from danvan.units.models import COMMUNITY_KINDS
    from danvan.units.selectors import unit_by_code

    unit = unit_by_code(code) if code else None
    return unit if unit is not None and unit.kind in COMMUNITY_KINDS else None
