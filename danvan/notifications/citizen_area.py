"""The notifications' section of the citizen's area (`danvan.citizens.area`): my notices."""

from django.utils.translation import gettext_lazy as _

from danvan.citizens.area import Section, register


def _card(request) -> dict:
    from .selectors import latest_for, unread_count

    return {"latest": latest_for(request.user, limit=3), "unread": unread_count(request.user)}


register(
    Section(
        key="thong-bao",
        title=_("Thông báo"),
        order=40,
        template="notifications/area_card.html",
        context=_card,
        url_name="notifications:mine",
    )
)
