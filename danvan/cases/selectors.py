"""Reads of the cases module: the officers' inbox, the overdue board, the public tracking lookup.

Lists never select identity columns (`LIST_FIELDS`), so a denouncer's data cannot leak into a list page even
by a template mistake.
"""

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case as When_
from django.db.models import Count, F, Q, Value, When
from django.db.models.fields import DateField
from django.utils import timezone

from danvan.access.policy import scope, scope_under
from danvan.core.formatting import local_today
from danvan.core.text import normalize

from .models import IN_PROGRESS_STATUSES, OPEN_STATUSES, Case, CaseEvent, Field, Kind, Status
from .protection import account_digest, contact_digest, typed_contact_digest

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
_LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


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


def matching(qs, q: str):
    """Cases whose normalised text holds every word of `q`, diacritics and case ignored."""
    for word in normalize(q).split():
        qs = qs.filter(search_text__contains=word)
    return qs


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
    mine: bool = False,
):
    qs = scope_under(Case.objects.all(), user, "cases.view", unit)
    if mine:
        qs = qs.filter(handler_id=user.pk)
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
    qs = matching(qs, q)
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


BOARD_UNITS = 30


@dataclass
class Board:
    rows: list
    other_units: int = 0
    other_overdue: int = 0
    other_due_soon: int = 0


def overdue_board(
    user,
    *,
    unit=None,
    within: int = 3,
    per_unit: int = 10,
    max_units: int = BOARD_UNITS,
    today: dt.date | None = None,
) -> Board:
    """Per unit, most overdue first: counts of overdue and due-soon open cases and the most urgent ones of
    the first `max_units` units (the rest summed in one line). Two queries: the counts, then the urgent cases
    of the units shown, `per_unit` each (a window function)."""
    from django.db.models import Window
    from django.db.models.functions import RowNumber

    today = today or local_today()
    qs = scope_under(Case.objects.filter(status__in=OPEN_STATUSES), user, "cases.view", unit)
    # `due` (the running deadline; NULL when not open) ≤ the limit is `due_filter(within=…)` written as the
    # expression of the partial index `case_open_due_idx` (migration 0011, PostgreSQL): the counts are one
    # index-only range scan of the open cases due by then, whatever the scope, instead of a heap page per case
    qs = with_due(qs).filter(due__lte=today + dt.timedelta(days=within))
    counts = list(
        qs.values("unit_id", "unit__name")
        .annotate(
            overdue=Count("pk", filter=Q(due__lt=today)),
            due_soon=Count("pk", filter=Q(due__gte=today)),
        )
        .order_by("-overdue", "-due_soon", "unit__name")
    )
    shown, rest = counts[:max_units], counts[max_units:]
    rows = {
        r["unit_id"]: BoardRow(r["unit_id"], r["unit__name"], r["overdue"], r["due_soon"], []) for r in shown
    }
    if rows:
        urgent = (
            qs.filter(unit_id__in=list(rows))
            .annotate(
                rank=Window(RowNumber(), partition_by=[F("unit_id")], order_by=[F("due").asc(), F("pk")])
            )
            .filter(rank__lte=per_unit)
            .only("pk", "code", "kind", "title", "status", "accept_due", "resolve_due", "unit_id")
            .order_by("due", "pk")
        )
        for case in urgent:
            rows[case.unit_id].cases.append(case)
    return Board(
        rows=list(rows.values()),
        other_units=len(rest),
        other_overdue=sum(r["overdue"] for r in rest),
        other_due_soon=sum(r["due_soon"] for r in rest),
    )


def track(code: str, contact: str = "") -> Case | None:
    """The case with `code` when the phone or e-mail typed matches its contact digest; a case sent without
    any contact (an anonymous feedback) is found by its code alone. None for a missing code and a mismatch
    alike."""
    case = case_by_code(code)
    if case is None:
        return None
    if case.contact_digest:
        digest = typed_contact_digest(contact)
        if not digest or digest != case.contact_digest:
            return None
    return case


def case_by_code(code: str) -> Case | None:
    """The case with this tracking code, for the public pages once the visitor has proved it is theirs."""
    code = (code or "").strip().upper()
    if not code:
        return None
    return Case.objects.select_related("unit", "field", "merged_into").filter(code=code).first()


def public_events(case: Case):
    return list(
        CaseEvent.objects.filter(case=case)
        .exclude(public_note="")
        .only("at", "public_note", "to_status", "action")
    )


def inbox_export(user, **filters):
    """The inbox rows with the register's columns: the submitter's name and address (always empty for a
    denunciation, by a database constraint), never the protected identity."""
    return (
        officer_inbox(user, **filters)
        .select_related("unit", "field", "commune")
        .only(
            *[f for f in LIST_FIELDS if "__" not in f and f != "pk"],
            "channel",
            "is_anonymous",
            "submitter_name",
            "submitter_address",
            "place_address",
            "resolved_on",
            "outcome",
            "unit__name",
            "unit__path",
            "field__name",
            "commune__name",
        )
    )


def timeline(case: Case):
    return list(CaseEvent.objects.filter(case=case).select_related("actor"))


# ---------------------------------------------------------------- public reads

PUBLIC_KINDS = (Kind.FEEDBACK, Kind.PETITION)
# Only columns that may be published: never a submitter column nor the protected identity.
PUBLIC_COLUMNS = (
    "code",
    "kind",
    "title",
    "unit",
    "commune",
    "hamlet",
    "field",
    "status",
    "content",
    "answer",
    "outcome",
    "consent_publish",
    "public_interest",
    "received_on",
    "accept_due",
    "resolve_due",
    "resolved_on",
    "created_at",
    "updated_at",
    "unit__name",
    "unit__code",
    "commune__name",
    "commune__code",
    "hamlet__name",
    "hamlet__code",
    "field__code",
    "field__name",
)


def public_cases():
    """Feedback and petitions as the Open311 API publishes them (merged duplicates left out)."""
    return (
        Case.objects.filter(kind__in=PUBLIC_KINDS)
        .exclude(status=Status.MERGED)
        .select_related("unit", "commune", "hamlet", "field")
        .only(*PUBLIC_COLUMNS)
    )


# When a case was requested (Open311 `requested_datetime`): the moment it was entered when that was on the
# day it was received (a citizen's own submission), else the start of the day it was received (a letter or
# a reception session entered later). `requested_at` computes it for one case, `requested_between` selects
# the cases whose moment lies in a range, to the second, with an index on `received_on`: every day strictly
# inside the range is taken whole, and on the first and last day `created_at` is compared with constants
# computed here, so the same SQL runs on SQLite and PostgreSQL.


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=_LOCAL_TZ)


def requested_at(created_at: dt.datetime, received_on: dt.date) -> dt.datetime:
    created = timezone.localtime(created_at, _LOCAL_TZ)
    if created.date() == received_on:
        return created
    return _day_start(received_on)


def _requested_on_day_between(day: dt.date, start: dt.datetime, end: dt.datetime) -> Q:
    day_start, next_start = _day_start(day), _day_start(day + dt.timedelta(days=1))
    low, high = max(start, day_start), min(end, next_start - dt.timedelta(microseconds=1))
    if low > high:
        return Q(pk__in=[])
    entered_that_day = Q(created_at__gte=day_start, created_at__lt=next_start)
    condition = Q(received_on=day) & entered_that_day & Q(created_at__gte=low, created_at__lte=high)
    if low == day_start:  # the start of the day is in the range: cases entered later count from it
        condition |= Q(received_on=day) & ~entered_that_day
    return condition


def requested_between(start: dt.datetime, end: dt.datetime) -> Q:
    """The cases whose `requested_at` lies in [start, end] (aware datetimes, any offset)."""
    first, last = timezone.localtime(start, _LOCAL_TZ).date(), timezone.localtime(end, _LOCAL_TZ).date()
    if start > end:
        return Q(pk__in=[])
    condition = Q(received_on__gt=first, received_on__lt=last)
    for day in sorted({first, last}):
        condition |= _requested_on_day_between(day, start, end)
    return condition


def published_answers(*, unit=None, field=None, q: str = ""):
    """Answers published on the portal: resolved (or closed) cases whose citizen consented and that the
    resolving officer marked as of public interest; never a denunciation. Newest answer first."""
    qs = (
        Case.objects.filter(
            status__in=(Status.RESOLVED, Status.CLOSED),
            consent_publish=True,
            public_interest=True,
        )
        .exclude(kind=Kind.DENUNCIATION)
        .exclude(answer="")
        .select_related("unit", "commune", "hamlet", "field")
        .only(*PUBLIC_COLUMNS)
    )
    if unit is not None:
        qs = qs.filter(Q(unit__path__startswith=unit.path) | Q(commune=unit))
    if field is not None:
        qs = qs.filter(field=field)
    return matching(qs, q).order_by("-resolved_on", "-pk")


def published_answer(code: str) -> Case | None:
    return published_answers().filter(code=(code or "").strip().upper()).first()


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Vietnamese phone numbers as people write them: 0912 345 678, 0912.345.678, +84 912-345-678, 02773 851 234
_PHONE = re.compile(r"(?<![\w])(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?![\w])")
REDACTED = "[đã che]"


def redact_contacts(text: str) -> str:
    """Every e-mail address and phone number in `text` replaced by the redaction mark."""
    return _PHONE.sub(REDACTED, _EMAIL.sub(REDACTED, text or ""))


_PLACE_WORDS = re.compile(r"^(ap|khom|thon|to|xom|ban|buon|khu pho|xa|phuong|thi tran)\s+")


def _is_place(address: str, place_names: list[str]) -> bool:
    """True when an address is only the name of the case's own hamlet or commune ("Ấp Phú Hòa"): that is
    where the problem is, published anyway, and not what identifies a person (a house number would)."""

    def bare(text: str) -> str:
        text = normalize(text or "")
        while (shorter := _PLACE_WORDS.sub("", text)) != text:
            text = shorter
        return text

    own = bare(address)
    return bool(own) and any(bare(n) == own for n in place_names)


@dataclass(frozen=True)
class PublicAnswer:
    """What the portal shows of a published answer: no personal data, texts already redacted."""

    code: str
    kind_label: str
    title: str
    question: str
    answer: str
    outcome_label: str
    field_name: str
    place: str
    unit_name: str
    received_on: dt.date
    resolved_on: dt.date | None

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cases:answer", kwargs={"code": self.code})


def as_public_answers(cases) -> list[PublicAnswer]:
    """The cases as `PublicAnswer`s, each text without the submitter's own name, phone, e-mail or address
    (read in one query, kept out of the case objects) nor any other phone number or e-mail address."""
    from .protection import redact_identity

    cases = list(cases)
    ids = Case.objects.filter(pk__in=[c.pk for c in cases]).values_list(
        "pk", "submitter_name", "submitter_phone", "submitter_email", "submitter_address"
    )
    places = {c.pk: [u.name for u in (c.hamlet, c.commune, c.unit) if u is not None] for c in cases}
    identities = {
        pk: {"name": n, "phone": p, "email": e, "address": "" if _is_place(a, places.get(pk, [])) else a}
        for pk, n, p, e, a in ids
    }

    def clean(case, text):
        return redact_contacts(redact_identity(text or "", identities.get(case.pk, {})))

    out = []
    for c in cases:
        place = ", ".join(u.name for u in (c.hamlet, c.commune) if u is not None) or c.unit.name
        out.append(
            PublicAnswer(
                code=c.code,
                kind_label=c.get_kind_display(),
                title=clean(c, c.title),
                question=clean(c, c.content),
                answer=clean(c, c.answer),
                outcome_label=c.get_outcome_display() if c.outcome else "",
                field_name=c.field.name if c.field_id else "",
                place=place,
                unit_name=c.unit.name,
                received_on=c.received_on,
                resolved_on=c.resolved_on,
            )
        )
    return out


# ---------------------------------------------------------------- officers' pickers


def entry_units(user):
    """Units for which `user` may enter a case (cases.handle), in force today: communes and above, not
    hamlets or organisations; and the hamlets of those communes."""
    from danvan.units.models import ADMIN_LEVEL, COMMUNE_KINDS, COMMUNITY_KINDS, Unit

    today = local_today()
    admin_kinds = [k for k in ADMIN_LEVEL if k not in COMMUNITY_KINDS]
    units = list(
        scope(Unit.objects.valid_on(today).filter(kind__in=admin_kinds), user, "cases.handle", unit_field="")
        .only("pk", "name", "code", "kind", "path", "parent_id", "is_remote")
        .natural()
    )
    communes = [u.pk for u in units if u.kind in COMMUNE_KINDS]
    hamlets = list(
        Unit.objects.valid_on(today)
        .filter(kind__in=list(COMMUNITY_KINDS), parent__in=communes)
        .only("pk", "name", "parent_id")
        .natural()
    )
    return units, hamlets


def transfer_targets(case: Case):
    """Units a case may be transferred to: every unit in force in the case's province (administrative
    units down to communes, and the Party, State and Front bodies), except the case's own unit."""
    from danvan.units.models import COMMUNITY_KINDS, PATH_SEGMENT_WIDTH, Unit

    root = case.unit.path[:PATH_SEGMENT_WIDTH]
    return list(
        Unit.objects.valid_on(local_today())
        .filter(path__startswith=root)
        .exclude(kind__in=list(COMMUNITY_KINDS))
        .exclude(pk=case.unit_id)
        .only("pk", "name", "code", "path")
        .natural()
    )


def handler_roles() -> list[str]:
    """Roles whose holders may be assigned a case: those granting `cases.handle`, except the system
    administrator (who runs the platform and handles no citizen's case)."""
    from danvan.access.roles import Role, roles_with

    return [r for r in roles_with("cases.handle") if r != Role.SYSTEM_ADMIN]


def case_handlers(unit, user=None):
    """Active officers holding a handler role in force today on `unit` or one of its ancestors, by name;
    with `user`, only that user (the check the API runs on an assignment)."""
    from danvan.access.models import RoleAssignment
    from danvan.people.models import User

    today = local_today()
    holders = (
        RoleAssignment.objects.filter(
            role__in=handler_roles(), unit__path__in=unit.ancestor_paths(), valid_from__lte=today
        )
        .exclude(valid_to__lt=today)
        .values("user_id")
    )
    qs = User.objects.filter(pk__in=holders, is_active=True)
    if user is not None:
        qs = qs.filter(pk=user.pk)
    return list(qs.order_by("full_name", "username"))


@dataclass
class CaseSummary:
    waiting: int  # received or transferred in, not yet accepted
    in_progress: int
    overdue: int
    due_soon: int
    mine: int  # open cases assigned to the user


def dashboard_summary(user, *, unit=None, within: int = 3, today: dt.date | None = None) -> CaseSummary:
    """The officer's dashboard figures over the open cases in scope (one aggregate query)."""
    today = today or local_today()
    qs = with_due(scope_under(Case.objects.filter(status__in=OPEN_STATUSES), user, "cases.view", unit))
    row = qs.aggregate(
        waiting=Count("pk", filter=Q(status__in=_WAITING)),
        in_progress=Count("pk", filter=Q(status__in=IN_PROGRESS_STATUSES)),
        overdue=Count("pk", filter=Q(due__lt=today)),
        due_soon=Count("pk", filter=Q(due__gte=today, due__lte=today + dt.timedelta(days=within))),
        mine=Count("pk", filter=Q(handler_id=user.pk)),
    )
    return CaseSummary(**row)


# ---------------------------------------------------------------- the citizen's own cases


def _own_condition(user) -> Q:
    """Cases filed from `user`'s account — a denunciation through its keyed digest, never a plain link —
    or sent with the account's phone once the phone is verified by a one-time code."""
    condition = Q(account=user) | Q(account_digest=account_digest(user.pk))
    if user.has_verified_phone:
        condition |= Q(contact_digest=contact_digest(phone=user.phone))
    return condition


def cases_of(user):
    """The cases of a citizen's area, newest first (merged duplicates too: they say where they went)."""
    return (
        Case.objects.filter(_own_condition(user))
        .select_related("unit", "merged_into")
        .only(
            "pk",
            "code",
            "kind",
            "title",
            "status",
            "received_on",
            "resolve_due",
            "accept_due",
            "unit__name",
            "merged_into__code",
        )
        .order_by("-received_on", "-pk")
    )


def is_own_case(user, case: Case) -> bool:
    if case.account_id and case.account_id == user.pk:
        return True
    if case.account_digest and case.account_digest == account_digest(user.pk):
        return True
    return bool(
        user.has_verified_phone
        and case.contact_digest
        and case.contact_digest == contact_digest(phone=user.phone)
    )
