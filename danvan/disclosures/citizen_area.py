"""The disclosures module's section of the citizen's area (`danvan.citizens.area`): my questions."""

from django.utils.translation import gettext_lazy as _

from danvan.citizens.area import Section, register


def _card(request) -> dict:
    from .selectors import questions_of

    mine = questions_of(request.user)
    return {"latest": list(mine[:3]), "answered": mine.filter(status="published").count()}


register(
    Section(
        key="cau-hoi",
        title=_("Câu hỏi của tôi"),
        order=30,
        template="disclosures/area_card.html",
        context=_card,
        url_name="disclosures:my_questions",
    )
)
