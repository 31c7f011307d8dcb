"""Reads of citizens' registrations, questions and invitees (dialogues/participation.py writes them)."""

from django.db.models import Count, Q

from .models import (
    Attendance,
    Dialogue,
    DialogueParticipant,
    DialogueQuestion,
    DialogueRegistration,
    DialogueStatus,
    ModerationStatus,
)


def upcoming_dialogue(pk) -> Dialogue | None:
    """A planned dialogue for its public page (held ones have their own page; cancelled ones none)."""
    return Dialogue.objects.select_related("unit").filter(pk=pk, status=DialogueStatus.PLANNED).first()


def public_registration_count(dialogue: Dialogue) -> int:
    return dialogue.registrations.exclude(status=ModerationStatus.REJECTED).count()


def public_questions(dialogue: Dialogue):
    """The accepted questions, text only (never who asked)."""
    return (
        dialogue.questions.filter(status=ModerationStatus.ACCEPTED)
        .order_by("created_at", "pk")
        .only("text", "created_at")
    )


def own_registration(user, dialogue: Dialogue) -> DialogueRegistration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return DialogueRegistration.objects.filter(dialogue=dialogue, account=user).first()


def own_questions(user, dialogue: Dialogue):
    if not getattr(user, "is_authenticated", False):
        return DialogueQuestion.objects.none()
    return DialogueQuestion.objects.filter(dialogue=dialogue, account=user).order_by("created_at", "pk")


def moderation(dialogue: Dialogue) -> dict:
    """What the dialogue's officer page shows: registrations and questions (pending first), invitees."""
    registrations = list(dialogue.registrations.select_related("account"))
    order = {ModerationStatus.PENDING: 0, ModerationStatus.ACCEPTED: 1, ModerationStatus.REJECTED: 2}
    registrations.sort(key=lambda r: (order[r.status], r.created_at, r.pk))
    questions = sorted(
        dialogue.questions.select_related("account", "agenda_item"),
        key=lambda q: (order[q.status], q.created_at, q.pk),
    )
    participants = list(dialogue.participants.order_by("kind", "pk"))
    return {
        "registrations": registrations,
        "questions": questions,
        "participants": participants,
        "pending": sum(r.status == ModerationStatus.PENDING for r in registrations)
        + sum(q.status == ModerationStatus.PENDING for q in questions),
        "present": sum(p.attendance == Attendance.PRESENT for p in participants),
    }


def has_participation(user) -> bool:
    """Whether the account has any registration or question (the citizen area's section shows then)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        DialogueRegistration.objects.filter(account=user)
        .values("pk")
        .union(DialogueQuestion.objects.filter(account=user).values("pk"))
        .exists()
    )


def participation_of(user) -> list[dict]:
    """The account's dialogues, latest first: each with its registration (or None) and its questions."""
    regs = {r.dialogue_id: r for r in DialogueRegistration.objects.filter(account=user)}
    questions: dict[int, list] = {}
    for q in DialogueQuestion.objects.filter(account=user).order_by("created_at", "pk"):
        questions.setdefault(q.dialogue_id, []).append(q)
    ids = set(regs) | set(questions)
    dialogues = Dialogue.objects.filter(pk__in=ids).select_related("unit").order_by("-day", "-pk")
    return [
        {"dialogue": d, "registration": regs.get(d.pk), "questions": questions.get(d.pk, [])}
        for d in dialogues
    ]


def present_people(dialogues) -> dict:
    """Invited citizens and officials present at `dialogues` (a queryset)."""
    row = DialogueParticipant.objects.filter(dialogue__in=dialogues, attendance=Attendance.PRESENT).aggregate(
        citizens=Count("pk", filter=Q(kind="citizen")), officials=Count("pk", filter=Q(kind="official"))
    )
    return {"citizens": row["citizens"] or 0, "officials": row["officials"] or 0}
