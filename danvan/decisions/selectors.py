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


def public_decisions():
    """What the public list shows: decisions whose vote is closed (results only after closing) and those
    announced (notice given or voting), never drafts."""
    return Decision.objects.exclude(status=Status.DRAFT).select_related("unit", "commune")


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
