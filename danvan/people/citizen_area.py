"""The people app's sections of the citizen's area (`danvan.citizens.area`): my household, my account."""

from django.utils.translation import gettext_lazy as _

from danvan.citizens.area import Section, register


def _household_card(request) -> dict:
    from . import selectors
    from .access import access_own_household

    household = access_own_household(request.user)
    requests = selectors.household_requests_of(request.user)
    return {
        "household": household,
        "member_count": household.members.count() if household else 0,
        "pending": [r for r in requests if r.status == "pending"],
    }


register(
    Section(
        key="ho-gia-dinh",
        title=_("Hộ gia đình của tôi"),
        order=20,
        template="people/citizen/household_card.html",
        context=_household_card,
        url_name="citizen:household",
    )
)
register(
    Section(
        key="thong-tin",
        title=_("Thông tin tài khoản"),
        order=90,
        template="people/citizen/profile_card.html",
        url_name="citizen:profile",
    )
)
