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
