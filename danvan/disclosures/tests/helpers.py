import datetime as dt

from danvan.disclosures import services
from danvan.disclosures.models import DisclosureCategory

D = dt.date
DECISION = D(2026, 3, 2)
START = D(2026, 3, 5)


def category(number: int) -> DisclosureCategory:
    return DisclosureCategory.objects.get(number=number)


def make(
    cast,
    number=1,
    *,
    unit=None,
    title=None,
    decision=DECISION,
    start=START,
    end="auto",
    forms=("posting", "website"),
    loud=None,
    publish=True,
    actor=None,
    body="",
):
    cat = category(number)
    if end == "auto":
        end = None if cat.permanent else start + dt.timedelta(days=35)
    forms = list(forms)
    if cat.loudspeaker_required and "loudspeaker" not in forms:
        forms.append("loudspeaker")
        loud = loud or 3
    d = services.disclosure_create(
        actor=actor or cast.lan,
        unit=unit or cast.commune,
        category=cat,
        title=title or f"Công khai nội dung số {number}",
        body=body,
        decision_date=decision,
        forms=forms,
        posting_start=start,
        posting_end=end,
        loudspeaker_days=loud,
    )
    if publish:
        d = services.disclosure_publish(actor=actor or cast.lan, disclosure=d)
    return d
