"""Reads of consultations: the lists, the synthesis (counts per section and stance) and a citizen's opinions."""

from dataclasses import dataclass, field

from django.db.models import Count

from danvan.access.policy import scope

from .models import PUBLIC_STATUSES, Consultation, Opinion, Response, Section, Stance, Status


def consultations_in_scope(user, perm: str = "consultations.view"):
    return scope(Consultation.objects.select_related("unit", "commune"), user, perm, unit_field="unit")


def public_consultations():
    """What the public list shows: open consultations and those closed, published or decided; never drafts."""
    return Consultation.objects.filter(status__in=PUBLIC_STATUSES).select_related("unit", "commune")


def opinions_of(c: Consultation):
    return (
        Opinion.objects.filter(consultation=c)
        .select_related("section", "citizen")
        .order_by("section__position", "pk")
    )


def opinions_of_citizen(user):
    if not getattr(user, "is_authenticated", False):
        return Opinion.objects.none()
    return (
        Opinion.objects.filter(citizen=user)
        .select_related("consultation", "section", "consultation__unit")
        .order_by("-created_at", "-pk")
    )


@dataclass
class Part:
    """One part of the synthesis: a section (None: the draft as a whole), its opinions and their counts."""

    section: Section | None
    opinions: list = field(default_factory=list)
    agree: int = 0
    disagree: int = 0
    other: int = 0
    accepted: int = 0
    explained: int = 0

    @property
    def heading(self) -> str:
        return self.section.heading if self.section else "Ý kiến chung về dự thảo"

    @property
    def total(self) -> int:
        return len(self.opinions)


@dataclass
class Synthesis:
    parts: list
    total: int = 0
    agree: int = 0
    disagree: int = 0
    other: int = 0
    accepted: int = 0
    explained: int = 0
    unanswered: int = 0
    by_channel: dict = field(default_factory=dict)


def synthesis_of(c: Consultation) -> Synthesis:
    """The opinions grouped by section (the whole-draft group first), with counts per stance and response."""
    general = Part(section=None)
    parts = {s.pk: Part(section=s) for s in c.sections.all()}
    result = Synthesis(parts=[])
    for o in opinions_of(c):
        part = parts.get(o.section_id, general) if o.section_id else general
        part.opinions.append(o)
        for target in (part, result):
            if o.stance == Stance.AGREE:
                target.agree += 1
            elif o.stance == Stance.DISAGREE:
                target.disagree += 1
            else:
                target.other += 1
            if o.response == Response.ACCEPTED:
                target.accepted += 1
            elif o.response == Response.EXPLAINED:
                target.explained += 1
        if not o.response:
            result.unanswered += 1
        result.total += 1
    rows = (
        Opinion.objects.filter(consultation=c).values("channel").annotate(n=Count("pk")).order_by("channel")
    )
    result.by_channel = {r["channel"]: r["n"] for r in rows}
    result.parts = [general, *parts.values()] if general.opinions else list(parts.values())
    return result


def is_synthesised(c: Consultation) -> bool:
    """Every opinion answered (the synthesis can be published once closed)."""
    return c.status in (Status.CLOSED,) and not Opinion.objects.filter(consultation=c, response="").exists()
