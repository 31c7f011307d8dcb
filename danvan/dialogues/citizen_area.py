"""Citizen reception's section of the citizen's area (`danvan.citizens.area`): my dialogues — registrations
to attend and questions sent in advance, with their status. Shown only to an account that has any."""

from django.utils.translation import gettext_lazy as _

from danvan.citizens.area import Section, register


def _card(request) -> dict:
    from .selectors_participation import participation_of

    return {"rows": participation_of(request.user)[:3]}


def _visible(user) -> bool:
    from .selectors_participation import has_participation

    return has_participation(user)


register(
    Section(
        key="doi-thoai",
        title=_("Đối thoại của tôi"),
        order=35,
        template="dialogues/area_card.html",
        context=_card,
        url_name="dialogues:my_dialogues",
        visible=_visible,
    )
)
