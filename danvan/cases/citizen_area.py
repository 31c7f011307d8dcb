"""The cases module's section of the citizen's area (`danvan.citizens.area`): my cases."""

from django.utils.translation import gettext_lazy as _

from danvan.citizens.area import Section, register

from .models import OPEN_STATUSES


def _card(request) -> dict:
    from .selectors import cases_of

    mine = cases_of(request.user)
    return {"latest": list(mine[:3]), "open_count": mine.filter(status__in=OPEN_STATUSES).count()}


register(
    Section(
        key="ho-so",
        title=_("Hồ sơ của tôi"),
        order=10,
        template="cases/area_card.html",
        context=_card,
        url_name="cases:my_cases",
    )
)
