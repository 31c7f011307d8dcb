"""Reads of the disclosures module: public lists, officers' scoped lists, the compliance register.

Public reads show published disclosures only. Officers' reads go through `scope(…, "disclosures.edit")`.

The compliance register (`register(commune, year, quarter)`, `register_matrix(communes, year, quarter)`) gives,
for every mandatory category, one status for the quarter, decided on the commune's published disclosures
whose posting started by the quarter's end (the "reference day" is the quarter's end, or today for the
quarter in progress):
- "Chưa công khai" (missing): none;
- "Công khai muộn" (late): the latest one started in the quarter and was flagged late;
- "Đã công khai, còn hiệu lực" (current): the latest one is permanent or still posted on the reference day;
- "Hết hạn niêm yết" (expired): the latest one's posting ended before the reference day;
- "Chưa đến ngày niêm yết" (scheduled): nothing posted yet, but one is published ahead and its posting starts
  after the reference day. A posting that has not started is never current and never counted as disclosed.
`items` is the law's quarterly list: everything whose posting started in the quarter (by the reference day);
`scheduled` the postings decided but not started yet.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.access.policy import scope
from danvan.core.formatting import local_today
from danvan.core.text import tokens
from danvan.units.models import COMMUNE_KINDS, Unit, natural_order

from .models import Disclosure, DisclosureCategory, DisclosureQuestion, QuestionStatus, Status

CURRENT = "current"
EXPIRED = "expired"
SCHEDULED = "scheduled"  # published ahead, its posting has not started: never current, never counted

REG_CURRENT = "current"
REG_EXPIRED = "expired"
REG_MISSING = "missing"
REG_LATE = "late"
REG_SCHEDULED = "scheduled"
REGISTER_LABELS = {
    REG_CURRENT: _("Đã công khai, còn hiệu lực"),
    REG_EXPIRED: _("Hết hạn niêm yết"),
    REG_MISSING: _("Chưa công khai"),
    REG_LATE: _("Công khai muộn"),
    REG_SCHEDULED: _("Chưa đến ngày niêm yết"),
}
# for the communes × items matrix, where a cell is narrow
REGISTER_SHORT_LABELS = {
    REG_CURRENT: _("Còn hiệu lực"),
    REG_EXPIRED: _("Hết hạn"),
    REG_MISSING: _("Chưa có"),
    REG_LATE: _("Muộn"),
    REG_SCHEDULED: _("Sắp niêm yết"),
}
REGISTER_BADGES = {
    REG_CURRENT: "badge-green",
    REG_EXPIRED: "badge-amber",
    REG_MISSING: "badge-red",
    REG_LATE: "badge-blue",
    REG_SCHEDULED: "badge",
}


def categories() -> list[DisclosureCategory]:
    return list(DisclosureCategory.objects.order_by("number"))


def _current_q(day: dt.date) -> Q:
    return Q(posting_start__lte=day) & (Q(posting_end__isnull=True) | Q(posting_end__gte=day))


def _filter(
    qs: QuerySet,
    *,
    unit: Unit | None = None,
    category: int | None = None,
    state: str = "",
    q: str = "",
    today: dt.date | None = None,
) -> QuerySet:
    today = today or local_today()
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if category:
        qs = qs.filter(category__number=category)
    if state == CURRENT:
        qs = qs.filter(_current_q(today))
    elif state == EXPIRED:
        qs = qs.filter(posting_end__lt=today)
    elif state == SCHEDULED:
        qs = qs.filter(posting_start__gt=today)
    for token in tokens(q)[:10]:
        qs = qs.filter(search_text__contains=token)
    return qs


def public_list(
    *, unit: Unit | None = None, category: int | None = None, state: str = "", q: str = ""
) -> QuerySet:
    """Published disclosures, newest posting first, filtered (unit subtree, item number, current/expired,
    words without diacritics)."""
    qs = Disclosure.objects.filter(status=Status.PUBLISHED)
    qs = _filter(qs, unit=unit, category=category, state=state, q=q)
    return qs.select_related("unit", "category").order_by("-posting_start", "-pk")


def officer_list(
    user,
    *,
    unit: Unit | None = None,
    category: int | None = None,
    state: str = "",
    q: str = "",
    status: str = "",
) -> QuerySet:
    """Disclosures in the units where `user` holds disclosures.edit (every status)."""
    qs = scope(Disclosure.objects.all(), user, "disclosures.edit", unit_field="unit")
    if status in Status.values:
        qs = qs.filter(status=status)
    qs = _filter(qs, unit=unit, category=category, state=state, q=q)
    return qs.select_related("unit", "category").order_by("-posting_start", "-pk")


def current_disclosures(unit: Unit | None = None, limit: int = 5) -> list[Disclosure]:
    """Published disclosures posted today (or permanent) in `unit`'s subtree, newest first (home page)."""
    qs = Disclosure.objects.filter(status=Status.PUBLISHED).filter(_current_q(local_today()))
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return list(qs.select_related("unit", "category").order_by("-posting_start", "-pk")[:limit])


def public_detail(pk) -> Disclosure | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        Disclosure.objects.filter(pk=pk, status=Status.PUBLISHED).select_related("unit", "category").first()
    )


def published_questions(disclosure: Disclosure) -> list[DisclosureQuestion]:
    """Answered questions of a disclosure (the public Q&A), oldest first. Contact data are not loaded."""
    return list(
        disclosure.questions.filter(status=QuestionStatus.PUBLISHED)
        .only("pk", "name", "question", "answer", "answered_at", "created_at", "disclosure_id")
        .order_by("created_at", "pk")
    )


def question_queue(user, *, status: str = QuestionStatus.PENDING, unit: Unit | None = None) -> QuerySet:
    """Questions on disclosures of units where `user` holds disclosures.answer."""
    qs = scope(DisclosureQuestion.objects.all(), user, "disclosures.answer", unit_field="disclosure__unit")
    if status in QuestionStatus.values:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(disclosure__unit__path__startswith=unit.path)
    order = ("created_at", "pk") if status == QuestionStatus.PENDING else ("-created_at", "-pk")
    return qs.select_related("disclosure__unit", "disclosure__category", "answered_by").order_by(*order)


def editable_units(user, within: Unit | None = None) -> list[Unit]:
    """Units in force today where `user` may publish disclosures (communes first, then others)."""
    qs = Unit.objects.valid_on(local_today()).administrative()
    if within is not None:
        qs = qs.subtree(within)
    return list(natural_order(scope(qs, user, "disclosures.edit", unit_field=""), before=("depth",))[:500])


# ---------------------------------------------------------------- the compliance register


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


@dataclass
class RegisterRow:
    category: DisclosureCategory
    status: str
    disclosure: Disclosure | None = None

    @property
    def label(self) -> str:
        return REGISTER_LABELS[self.status]

    @property
    def short_label(self) -> str:
        return REGISTER_SHORT_LABELS[self.status]

    @property
    def badge(self) -> str:
        return REGISTER_BADGES[self.status]


@dataclass
class Register:
    commune: Unit
    year: int
    quarter: int
    start: dt.date
    end: dt.date
    rows: list[RegisterRow] = field(default_factory=list)
    items: list[Disclosure] = field(default_factory=list)
    scheduled: list[Disclosure] = field(
        default_factory=list
    )  # decided, posting not started by the reference day

    @property
    def counts(self) -> dict[str, int]:
        result = dict.fromkeys(REGISTER_LABELS, 0)
        for row in self.rows:
            result[row.status] += 1
        return result


def _status(category, latest: Disclosure | None, start: dt.date, reference: dt.date) -> str:
    if latest is None:
        return REG_MISSING
    if latest.posting_start >= start and latest.is_late:
        return REG_LATE
    if category.permanent or latest.posting_end is None or latest.posting_end >= reference:
        return REG_CURRENT
    return REG_EXPIRED


def register_matrix(
    communes: list[Unit], year: int, quarter: int, *, today: dt.date | None = None
) -> list[Register]:
    """The register of each commune for one quarter, with three queries whatever the number of communes."""
    start, end = quarter_bounds(year, quarter)
    reference = min(end, today or local_today())
    cats = [c for c in categories() if c.mandatory]
    registers = {c.pk: Register(c, year, quarter, start, end) for c in communes}
    if not communes:
        return []
    condition = Q()
    for commune in communes:
        condition |= Q(unit__path__startswith=commune.path)
    rows = (
        Disclosure.objects.filter(status=Status.PUBLISHED, posting_start__lte=end)
        .filter(condition)
        .select_related("unit", "category")
        .order_by("posting_start", "pk")
    )
    by_path = sorted(communes, key=lambda c: -len(c.path))
    latest: dict[tuple[int, int], Disclosure] = {}
    upcoming: dict[tuple[int, int], Disclosure] = {}
    for d in rows:
        owner = next((c for c in by_path if d.unit.path.startswith(c.path)), None)
        if owner is None:
            continue
        if d.posting_start > reference:  # not posted yet on the reference day: scheduled, never counted
            upcoming.setdefault((owner.pk, d.category_id), d)
            registers[owner.pk].scheduled.append(d)
            continue
        latest[(owner.pk, d.category_id)] = d  # ordered by posting_start: the last one wins
        if d.posting_start >= start:
            registers[owner.pk].items.append(d)
    for commune in communes:
        reg = registers[commune.pk]
        for cat in cats:
            d = latest.get((commune.pk, cat.pk))
            status = _status(cat, d, start, reference)
            if status == REG_MISSING and (commune.pk, cat.pk) in upcoming:
                status, d = REG_SCHEDULED, upcoming[(commune.pk, cat.pk)]
            reg.rows.append(RegisterRow(cat, status, d))
    return [registers[c.pk] for c in communes]


def register(commune: Unit, year: int, quarter: int, *, today: dt.date | None = None) -> Register:
    """The compliance register of one commune for one quarter (see the module docstring)."""
    return register_matrix([commune], year, quarter, today=today)[0]


def communes_in_quarter(year: int, quarter: int, *, within: Unit | None = None, user=None):
    """Communes in force at some time in the quarter (inside `within`; scoped to disclosures.register for `user`),
    in natural order — a queryset: a province holds thousands, so the pages list, page or search them."""
    start, end = quarter_bounds(year, quarter)
    qs = (
        Unit.objects.filter(kind__in=list(COMMUNE_KINDS))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    )
    if within is not None:
        qs = qs.filter(path__startswith=within.path) | qs.filter(path__in=within.ancestor_paths())
    if user is not None:
        qs = scope(qs, user, "disclosures.register", unit_field="")
    return natural_order(qs)


def units_with_disclosures() -> list[tuple[str, str]]:
    """(filter value, label) of every unit that has published disclosures, for the public filter. A former
    unit's value carries its last day (`30001@2025-06-30`), since its code now names another unit."""
    units = Unit.objects.filter(
        pk__in=Disclosure.objects.filter(status=Status.PUBLISHED).values("unit")
    ).order_by("valid_to", "name")
    options = []
    for u in units:
        if u.valid_to:
            until = _("đến %(date)s") % {"date": f"{u.valid_to:%d/%m/%Y}"}
            options.append((f"{u.code}@{u.valid_to.isoformat()}", f"{u.name} ({until})"))
        else:
            options.append((u.code, u.name))
    return options


def questions_of(user) -> QuerySet:
    """A citizen's questions on disclosures: asked from the account, or with its verified phone; newest
    first, with their disclosure."""
    condition = Q(asker=user)
    if user.has_verified_phone:
        condition |= Q(phone=user.phone)
    return (
        DisclosureQuestion.objects.filter(condition)
        .select_related("disclosure", "disclosure__unit")
        .only(
            "pk",
            "question",
            "answer",
            "status",
            "reject_reason",
            "created_at",
            "answered_at",
            "disclosure__id",
            "disclosure__title",
            "disclosure__unit__name",
        )
        .order_by("-created_at", "-pk")
    )
