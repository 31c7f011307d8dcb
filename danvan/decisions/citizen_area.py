"""The decisions module's section of the citizen's area: the household's votes (online, item 6)."""

from django.utils.translation import gettext_lazy as _

from danvan.citizens.area import Section, register


def _card(request) -> dict:
    from .selectors import decisions_of_household

    return {"latest": list(decisions_of_household(request.user)[:3])}


register(
    Section(
        key="ho-bieu-quyet",
        title=_("Biểu quyết của hộ"),
        order=25,
        template="decisions/area_card.html",
        context=_card,
        url_name="decisions:my_votes",
        visible=lambda user: getattr(user, "household_id", None) is not None,
    )
)


def _initiatives_card(request) -> dict:
    from danvan.core.formatting import local_today

    from .models import InitiativeStatus
    from .selectors import initiatives_of_own_hamlet, with_consent_counts

    rows = initiatives_of_own_hamlet(request.user).filter(status=InitiativeStatus.COLLECTING)
    rows = rows.order_by("-proposed_on", "-pk")
    return {"open": list(with_consent_counts(rows, local_today())[:3])}


register(
    Section(
        key="sang-kien",
        title=_("Sáng kiến của công dân"),
        order=26,
        template="decisions/area_initiatives_card.html",
        context=_initiatives_card,
        url_name="decisions:my_initiatives",
        visible=lambda user: getattr(user, "household_id", None) is not None,
    )
)
