"""The communities module's section of the citizen's area (`danvan.citizens.area`): the Hội quán and groups
my household belongs to (their fund's balance and recent lines) and my household's contributions. Shown
only when the account's household is a current member of a group; reads only that household's rows."""

from django.utils.translation import gettext_lazy as _

from danvan.citizens.area import Section, register

RECENT_FUND_LINES = 5
RECENT_CONTRIBUTIONS = 10


def _is_member(user) -> bool:
    from .selectors import groups_of_household

    household_id = getattr(user, "household_id", None)
    return household_id is not None and groups_of_household(household_id).exists()


def _card(request) -> dict:
    from django.db.models import Sum

    from .models import Contribution, FundEntry
    from .selectors import fund_balance, groups_of_household

    household_id = request.user.household_id
    groups = list(groups_of_household(household_id).select_related("kind", "home_unit"))
    for g in groups:
        g.fund = fund_balance(g)
        g.recent = list(
            FundEntry.objects.filter(group=g)
            .select_related("reverses")
            .order_by("-receipt_on", "-pk")[:RECENT_FUND_LINES]
        )
    mine = Contribution.objects.filter(household_id=household_id)
    return {
        "groups": groups,
        "contributions": list(mine.select_related("project").order_by("-on", "-pk")[:RECENT_CONTRIBUTIONS]),
        "contributed": mine.aggregate(total=Sum("value_vnd"))["total"] or 0,
        "dues": FundEntry.objects.filter(household_id=household_id).aggregate(total=Sum("amount_vnd"))[
            "total"
        ]
        or 0,
    }


register(
    Section(
        key="hoi-quan",
        title=_("Hội quán, tổ nhóm của tôi"),
        order=40,
        template="communities/area_card.html",
        context=_card,
        visible=_is_member,
    )
)
