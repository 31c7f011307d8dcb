"""Citizens' initiatives (Law 10/2022/QH15 Art. 16): the write path.

A verified citizen linked to a household proposes a matter of Art. 15 for the own hamlet
(`initiative_propose`; the proposer's household is its first consent). Other households of the hamlet consent —
once per household (the service names the earlier consent; UNIQUE (initiative, household) refuses a race) —
in the citizen's area (`initiative_consent`) or through an officer who records consents gathered at a meeting
or in writing (`initiative_consents_record`, as Art. 16 allows). Each consent is valid
`decision.initiative_consent_validity` (3 months) from its day; an expired consent is not counted and the
household may give it again.

When the valid consents reach `decision.initiative_consent` of the hamlet's households (≥ 10 %, the registry of
the day), the initiative reaches the community: its status becomes "reached" and the officers managing decisions
of the hamlet are notified. Below that it reaches the community only with the Front work committee's approval,
recorded by an officer with the reason (`initiative_approve`). An officer then turns it into a draft decision
(`initiative_to_decision`, proposer "citizens' initiative"). Every write is audited on the hamlet."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse

from danvan.audit.services import audit_record
from danvan.core.errors import DomainError, ErrorCollector
from danvan.core.formatting import format_date, local_today
from danvan.core.text import nfc
from danvan.rulebook.services import compute_deadline

from . import services
from .models import Initiative, InitiativeConsent, InitiativeStatus, Proposer
from .thresholds import Threshold, threshold

TOPIC = "decisions.initiative:{pk}"
OPEN = (InitiativeStatus.COLLECTING,)


@dataclass(frozen=True)
class Standing:
    """How far an initiative is on a day: valid consents against the threshold over the hamlet's households."""

    consents: int
    households: int
    threshold: Threshold | None  # None when the hamlet has no household in the registry

    @property
    def required(self) -> int | None:
        return self.threshold.required if self.threshold else None

    @property
    def reached(self) -> bool:
        return self.threshold is not None and self.threshold.passes(self.consents)


def valid_consents(initiative: Initiative, on: dt.date):
    return InitiativeConsent.objects.filter(initiative=initiative, given_on__lte=on, valid_until__gte=on)


def standing(initiative: Initiative, on: dt.date | None = None) -> Standing:
    on = on or local_today()
    households = services.households_on(initiative.hamlet, on).count()
    consents = valid_consents(initiative, on).count()
    t = threshold("initiative", "hamlet", households, on) if households else None
    return Standing(consents=consents, households=households, threshold=t)


def _citizen_household(citizen):
    if not getattr(citizen, "is_authenticated", False) or not citizen.is_citizen:
        raise DomainError("Chỉ tài khoản công dân mới đề xuất hoặc đồng thuận sáng kiến.", code="forbidden")
    if not citizen.is_verified or citizen.household_id is None:
        raise DomainError(
            "Tài khoản cần được xác minh và gắn với hộ gia đình mới đề xuất hoặc đồng thuận sáng kiến.",
            code="forbidden",
        )
    return citizen.household


def _locked(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().select_related("hamlet", "commune").get(pk=initiative.pk)


def _validity(day: dt.date) -> dt.date:
    return compute_deadline("decision.initiative_consent_validity", day).due


def _officers_to_notify(hamlet):
    """Active officers holding, today, a role with `decisions.manage` on the hamlet or above (system admins left
    out: the commune and its hamlet answer its citizens)."""
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role, roles_with
    from danvan.people.models import User

    today = local_today()
    holders = (
        RoleAssignment.objects.filter(
            role__in=[r for r in roles_with(services.MANAGE) if r != Role.SYSTEM_ADMIN],
            unit__path__in=hamlet.ancestor_paths(),
            valid_from__lte=today,
        )
        .exclude(valid_to__lt=today)
        .values("user_id")
    )
    return User.objects.filter(pk__in=holders, is_active=True)


def _reach_if_due(actor, initiative: Initiative, on: dt.date) -> None:
    """Mark the initiative reached when its valid consents meet the threshold, and tell the hamlet's officers."""
    if initiative.status != InitiativeStatus.COLLECTING:
        return
    now = standing(initiative, on)
    if not now.reached:
        return
    initiative.status = InitiativeStatus.REACHED
    initiative.reached_on = on
    initiative.consents_at_reach = now.consents
    initiative.households_at_reach = now.households
    initiative.save()
    audit_record(
        actor=actor,
        action="initiative.reach",
        obj=initiative,
        unit=initiative.hamlet,
        changes={
            "status": (InitiativeStatus.COLLECTING, initiative.status),
            "consents": (None, now.consents),
        },
    )
    from danvan.notifications.services import notify

    url = reverse("decisions:ws_initiative", args=[initiative.pk])
    title = f"Sáng kiến của công dân đủ số hộ đồng thuận: {initiative.title}"[:255]
    body = (
        f"{initiative.hamlet.name}: {now.consents} trên {now.households} hộ đồng thuận (cần {now.required}). "
        "Trưởng thôn và Ban công tác Mặt trận đưa sáng kiến ra cộng đồng dân cư bàn và quyết định."
    )
    for officer in _officers_to_notify(initiative.hamlet):
        notify(
            user=officer,
            title=title,
            body=body,
            url=url,
            channels=("inapp",),
            topic=TOPIC.format(pk=initiative.pk),
        )


def _insert_consent(consent: InitiativeConsent) -> None:
    try:
        with transaction.atomic():
            consent.save()
    except IntegrityError:
        raise DomainError("Hộ này đã đồng thuận sáng kiến; mỗi hộ chỉ đồng thuận một lần.", code="conflict")


# ------------------------------------------------------------------------------------------- citizens


@transaction.atomic
def initiative_propose(*, citizen, matter, title, content) -> Initiative:
    """A verified citizen proposes a matter for the own hamlet; the own household is its first consent."""
    household = _citizen_household(citizen)
    errors = ErrorCollector()
    matter, title, content = services.clean_matter_text(errors, matter, title, content, kind="initiative")
    errors.raise_if_any()
    today = local_today()
    initiative = Initiative.objects.create(
        hamlet=household.hamlet,
        commune=household.commune,
        matter=matter,
        title=title,
        content=content,
        proposed_by=citizen,
        proposed_on=today,
    )
    _insert_consent(
        InitiativeConsent(
            initiative=initiative,
            household=household,
            given_on=today,
            valid_until=_validity(today),
            citizen=citizen,
        )
    )
    audit_record(
        actor=citizen,
        action="initiative.propose",
        obj=initiative,
        unit=initiative.hamlet,
        changes={"title": (None, title), "matter": (None, matter)},
    )
    _reach_if_due(citizen, initiative, today)
    return initiative


@transaction.atomic
def initiative_consent(*, citizen, initiative: Initiative) -> InitiativeConsent:
    """A verified citizen consents for the household, to an initiative of the own hamlet still collecting."""
    household = _citizen_household(citizen)
    initiative = _locked(initiative)
    if household.hamlet_id != initiative.hamlet_id:
        raise DomainError(
            "Chỉ hộ gia đình của thôn, tổ dân phố nơi có sáng kiến mới được đồng thuận.", code="forbidden"
        )
    if initiative.status not in OPEN:
        raise DomainError("Sáng kiến này không còn lấy ý kiến đồng thuận.", code="conflict")
    today = local_today()
    consent = _consent(initiative, household, today, citizen=citizen)
    audit_record(
        actor=citizen, action="initiative.consent", obj=initiative, unit=initiative.hamlet, changes={}
    )
    _reach_if_due(citizen, initiative, today)
    return consent


def _consent(initiative, household, day, *, citizen=None, recorded_by=None) -> InitiativeConsent:
    """A new consent, or the renewal of one that expired; a valid one is refused naming its day."""
    earlier = InitiativeConsent.objects.filter(initiative=initiative, household=household).first()
    if earlier is not None:
        if earlier.valid_until >= day:
            raise DomainError(
                f"Hộ {household.representative_name} đã đồng thuận sáng kiến này ngày {format_date(earlier.given_on)} "
                f"(có giá trị đến ngày {format_date(earlier.valid_until)}); mỗi hộ chỉ đồng thuận một lần.",
                code="conflict",
            )
        earlier.given_on, earlier.valid_until = day, _validity(day)
        earlier.citizen, earlier.recorded_by = citizen, recorded_by
        earlier.save()
        return earlier
    consent = InitiativeConsent(
        initiative=initiative,
        household=household,
        given_on=day,
        valid_until=_validity(day),
        citizen=citizen,
        recorded_by=recorded_by,
    )
    _insert_consent(consent)
    return consent


# -------------------------------------------------------------------------------------------- officers


@transaction.atomic
def initiative_consents_record(*, actor, initiative: Initiative, household_codes, given_on: dt.date) -> int:
    """Consents gathered at a meeting or in writing, entered by an officer by the households' registry codes."""
    initiative = _locked(initiative)
    services._require(actor, initiative.hamlet, "ghi ý kiến đồng thuận sáng kiến")
    if initiative.status not in OPEN:
        raise DomainError("Sáng kiến này không còn lấy ý kiến đồng thuận.", code="conflict")
    today = local_today()
    if not isinstance(given_on, dt.date) or given_on > today or given_on < initiative.proposed_on:
        raise DomainError(
            f"Ngày đồng thuận phải từ ngày đề xuất ({format_date(initiative.proposed_on)}) đến hôm nay.",
            field="given_on",
        )
    codes = list(dict.fromkeys(str(c).strip() for c in household_codes if str(c).strip()))
    if not codes:
        raise DomainError("Nhập mã hộ đồng thuận.", field="households")
    found = {h.code: h for h in services.households_on(initiative.hamlet, given_on).filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise DomainError(
            f"Không có hộ mã {', '.join(unknown[:5])} trong {initiative.hamlet.name}.", field="households"
        )
    for code in codes:
        _consent(initiative, found[code], given_on, recorded_by=actor)
    audit_record(
        actor=actor,
        action="initiative.consents_record",
        obj=initiative,
        unit=initiative.hamlet,
        changes={"households": (None, len(codes)), "given_on": (None, given_on)},
    )
    _reach_if_due(actor, initiative, today)
    return len(codes)


@transaction.atomic
def initiative_approve(*, actor, initiative: Initiative, reason: str) -> Initiative:
    """The Front work committee lets an initiative below the threshold reach the community (Art. 16)."""
    initiative = _locked(initiative)
    services._require(actor, initiative.hamlet, "ghi nhận ý kiến của Ban công tác Mặt trận")
    if initiative.status != InitiativeStatus.COLLECTING:
        raise DomainError("Chỉ ghi nhận được cho sáng kiến đang lấy ý kiến đồng thuận.", code="conflict")
    reason = nfc((reason or "").strip())
    if not reason:
        raise DomainError(
            "Nhập lý do Ban công tác Mặt trận đồng ý đưa sáng kiến ra cộng đồng.", field="reason"
        )
    if len(reason) > 2000:
        raise DomainError("Lý do dài quá 2.000 ký tự.", field="reason")
    today = local_today()
    now = standing(initiative, today)
    initiative.status = InitiativeStatus.APPROVED
    initiative.approved_reason = reason
    initiative.approved_by = actor
    initiative.reached_on = today
    initiative.consents_at_reach = now.consents
    initiative.households_at_reach = now.households
    initiative.save()
    audit_record(
        actor=actor,
        action="initiative.approve",
        obj=initiative,
        unit=initiative.hamlet,
        changes={"status": (InitiativeStatus.COLLECTING, initiative.status), "reason": (None, reason)},
    )
    return initiative


@transaction.atomic
def initiative_to_decision(*, actor, initiative: Initiative, voting_on: dt.date):
    """Turn an initiative that reached the community into a draft decision of its hamlet."""
    initiative = _locked(initiative)
    if initiative.status not in (InitiativeStatus.REACHED, InitiativeStatus.APPROVED):
        raise DomainError(
            "Chỉ lập dự thảo cho sáng kiến đã đủ số hộ đồng thuận hoặc được Ban công tác Mặt trận đồng ý.",
            code="conflict",
        )
    decision = services.decision_create(
        actor=actor,
        matter=initiative.matter,
        unit=initiative.hamlet,
        title=initiative.title,
        content=initiative.content,
        proposer=Proposer.INITIATIVE,
        voting_on=voting_on,
    )
    old = initiative.status
    initiative.status = InitiativeStatus.DRAFTED
    initiative.decision = decision
    initiative.save()
    audit_record(
        actor=actor,
        action="initiative.draft",
        obj=initiative,
        unit=initiative.hamlet,
        changes={"status": (old, initiative.status), "title": (None, decision.title)},
    )
    from danvan.notifications.services import notices_done

    notices_done(topic=TOPIC.format(pk=initiative.pk), note=f"Đã lập dự thảo: {decision.title}"[:255])
    return decision
