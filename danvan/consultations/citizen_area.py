"""The consultations module's section of the citizen's area: the citizen's own opinions and their answers."""

from django.utils.translation import gettext_lazy as _

from danvan.citizens.area import Section, register


def _card(request) -> dict:
    from .selectors import opinions_of_citizen

    return {"latest": list(opinions_of_citizen(request.user)[:3])}


register(
    Section(
        key="y-kien",
        title=_("Ý kiến góp ý của tôi"),
        order=27,
        template="consultations/area_card.html",
        context=_card,
        url_name="consultations:my_opinions",
        # web opinions are given by verified citizens linked to a household (services.opinion_submit)
        visible=lambda user: getattr(user, "household_id", None) is not None,
    )
)
