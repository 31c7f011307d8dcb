"""Reads of the cases module: the officers' inbox, the overdue board, the public tracking lookup.

Lists never select identity columns (`LIST_FIELDS`), so a denouncer's data cannot leak into a list page even
by a template mistake.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case as When_
from django.db.models import Count, F, Q, Value, When
from django.db.models.fields import DateField

from danvan.access.policy import scope
from danvan.core.formatting import local_today
from danvan.core.text import normalize

from .models import IN_PROGRESS_STATUSES, OPEN_STATUSES, Case, CaseEvent, Field, Status
from .protection import contact_digest

LIST_FIELDS = (
    "pk",
    "code",
    "kind",
    "title",
    "status",
    "received_on",
    "accept_due",
    "resolve_due",
    "unit_id",
    "unit__name",
    "unit__path",
    "field_id",
    "handler_id",
    "extensions",
)
_WAITING = (Status.RECEIVED, Status.TRANSFERRED)


def fields():
    return list(Field.objects.filter(active=True))


def with_due(qs):
    """Annotate `due`: the running deadline (acceptance before thụ lý, resolution after; none when closed)."""
    return qs.annotate(
        due=When_(
            When(status__in=_WAITING, then=F("accept_due")),
            When(status__in=IN_PROGRESS_STATUSES, then=F("resolve_due")),
            default=Value(None),
            output_field=DateField(),
        )
    )


def due_filter(*, overdue: bool = False, within: int | None = None, today: dt.date | None = None) -> Q:
    today = today or local_today()
    if overdue:
        limit, strict = today, True
    else:
        limit, strict = today + dt.timedelta(days=within or 0), False
    op = "lt" if strict else "lte"
    return Q(status__in=_WAITING, **{f"accept_due__{op}": limit}) | Q(
        status__in=IN_PROGRESS_STATUSES, **{f"resolve_due__{op}": limit}
    )


def officer_inbox(
    user,
    *,
    unit=None,
    kind: str = "",
    status: str = "",
    field=None,
    overdue: bool = False,
    due_within: int | None = None,
    q: str = "",
):
    qs = scope(Case.objects.all(), user, "cases.view")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if kind:
        qs = qs.filter(kind=kind)
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if field is not None:
        qs = qs.filter(field=field)
    if overdue:
        qs = qs.filter(due_filter(overdue=True))
    elif due_within is not None:
        qs = qs.filter(due_filter(within=due_within))
    words = normalize(q)
    if words:
        for word in words.split():
            qs = qs.filter(search_text__contains=word)
    return (
        with_due(qs)
        .select_related("unit", "field")
        .only(
            *[f for f in LIST_FIELDS if "__" not in f and f != "pk"],
            "unit__name",
            "unit__path",
            "field__name",
        )
        .order_by(F("due").asc(nulls_last=True), "-received_on", "-pk")
    )


@dataclass
class BoardRow:
    unit_id: int
    unit_name: str
    overdue: int
    due_soon: int
    cases: list


def overdue_board(user, *, unit=None, within: int = 3, per_unit: int = 10, today: dt.date | None = None):
    """Per unit: counts of overdue and due-soon open cases and the most urgent ones (two queries)."""
    today = today or local_today()
    qs = scope(Case.objects.filter(status__in=OPEN_STATUSES), user, "cases.view")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    qs = with_due(qs.filter(due_filter(within=within, today=today)))
    counts = (
        qs.values("unit_id", "unit__name")
        .annotate(
            overdue=Count("pk", filter=Q(due__lt=today)),
            due_soon=Count("pk", filter=Q(due__gte=today)),
        )
        .order_by("-overdue", "unit__name")
    )
    rows = {
        r["unit_id"]: BoardRow(r["unit_id"], r["unit__name"], r["overdue"], r["due_soon"], []) for r in counts
    }
    urgent = (
        qs.select_related("unit")
        .only("pk", "code", "kind", "title", "status", "accept_due", "resolve_due", "unit_id", "unit__name")
        .order_by("due", "pk")[: max(1, per_unit * max(1, len(rows)))]
    )
    for case in urgent:
        row = rows.get(case.unit_id)
        if row is not None and len(row.cases) < per_unit:
            row.cases.append(case)
    return list(rows.values())


def track(code: str, phone: str = "") -> Case | None:
    """The case with `code` when the phone matches its contact digest; a case without a phone (anonymous)
    is found by its code alone. None for a missing code and a mismatch alike."""
    code = (code or "").strip().upper()
    if not code:
        return None
    case = Case.objects.select_related("unit", "field", "merged_into").filter(code=code).first()
    if case is None:
        return None
    if case.contact_digest:
        digest = contact_digest(phone)
        if not digest or digest != case.contact_digest:
            return None
    return case


def public_events(case: Case):
    return list(
        CaseEvent.objects.filter(case=case)
        .exclude(public_note="")
        .only("at", "public_note", "to_status", "action")
    )


def timeline(case: Case):
    return list(CaseEvent.objects.filter(case=case).select_related("actor"))
