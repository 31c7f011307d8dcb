"""Access gates of citizen reception: the only way a view or an endpoint fetches one scoped row.

A missing id and a forbidden one raise the same `NotFoundOrForbidden` (a 404).
"""

from danvan.access.gates import fetch_scoped

from .models import AgendaItem, Commitment, Dialogue, ReceptionSchedule, ReceptionSession, ReceptionVisit


def access_schedule_by_id(user, pk, perm: str = "reception.view") -> ReceptionSchedule:
    """The schedule `pk` if `user` holds `perm` on its unit; otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        ReceptionSchedule.objects.select_related("unit"), pk, user=user, perm=perm, unit_of=lambda s: s.unit
    )


def access_session_by_id(user, pk, perm: str = "reception.view") -> ReceptionSession:
    """The reception day `pk` if `user` holds `perm` on its unit; otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        ReceptionSession.objects.select_related("unit", "schedule"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda s: s.unit,
    )


def access_visit_by_id(user, pk, perm: str = "reception.view") -> ReceptionVisit:
    """The reception-log entry `pk` if `user` holds `perm` on its unit; otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        ReceptionVisit.objects.select_related("unit", "case"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda v: v.unit,
    )


def access_dialogue_by_id(user, pk, perm: str = "reception.view") -> Dialogue:
    """The dialogue conference `pk` if `user` holds `perm` on its unit; otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        Dialogue.objects.select_related("unit"), pk, user=user, perm=perm, unit_of=lambda d: d.unit
    )


def access_agenda_item_by_id(user, pk, perm: str = "reception.view") -> AgendaItem:
    """The agenda item `pk` if `user` holds `perm` on its dialogue's unit; otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        AgendaItem.objects.select_related("dialogue", "dialogue__unit", "case"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda i: i.dialogue.unit,
    )


def access_commitment_by_id(user, pk, perm: str = "reception.view") -> Commitment:
    """The commitment `pk` if `user` holds `perm` on its unit; otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        Commitment.objects.select_related("unit", "dialogue", "visit"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda c: c.unit,
    )


def access_minutes_by_id(user, pk, perm: str = "reception.view"):
    """The minutes `pk` if `user` holds `perm` on its unit; otherwise NotFoundOrForbidden."""
    from .models import Minutes

    return fetch_scoped(
        Minutes.objects.select_related("unit", "dialogue", "session"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda m: m.unit,
    )


def access_commitment_file_by_id(user, pk, perm: str = "reception.view"):
    """The evidence file `pk` if `user` holds `perm` on its commitment's unit; otherwise NotFoundOrForbidden."""
    from .models import CommitmentFile

    return fetch_scoped(
        CommitmentFile.objects.select_related("commitment__unit"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda f: f.commitment.unit,
    )


def access_registration_by_id(user, pk, perm: str = "reception.manage"):
    """A registration to attend `pk` if `user` holds `perm` on its dialogue's unit; otherwise
    NotFoundOrForbidden."""
    from .models import DialogueRegistration

    return fetch_scoped(
        DialogueRegistration.objects.select_related("dialogue", "dialogue__unit", "account"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda r: r.dialogue.unit,
    )


def access_question_by_id(user, pk, perm: str = "reception.manage"):
    """A question sent in advance `pk` if `user` holds `perm` on its dialogue's unit; otherwise
    NotFoundOrForbidden."""
    from .models import DialogueQuestion

    return fetch_scoped(
        DialogueQuestion.objects.select_related("dialogue", "dialogue__unit"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda q: q.dialogue.unit,
    )


def access_participant_by_id(user, pk, perm: str = "reception.manage"):
    """An invitee `pk` if `user` holds `perm` on its dialogue's unit; otherwise NotFoundOrForbidden."""
    from .models import DialogueParticipant

    return fetch_scoped(
        DialogueParticipant.objects.select_related("dialogue", "dialogue__unit"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda p: p.dialogue.unit,
    )
