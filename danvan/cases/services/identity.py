"""A denouncer's identity and a case's attachments: who may read them, and the audited reads."""

from django.db import transaction

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record
from danvan.core.errors import NotFoundOrForbidden

from ..models import (
    Case,
    CaseAttachment,
)
from ..protection import ORIGINAL_FIELDS, decrypt_identity


def may_reveal_identity(user, case: Case) -> bool:
    """The assigned handler, or a holder of `cases.reveal_identity` (a unit leader) on the case's unit.
    The superuser shortcut never applies (ROLE_ONLY_PERMISSIONS)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if case.handler_id and case.handler_id == user.pk:
        return True
    return has_unit_perm(user, "cases.reveal_identity", case.unit)


@transaction.atomic
def reveal_identity(*, actor, case: Case) -> dict:
    """The submitter's identity (decrypted for a denunciation); every call writes "case.identity_view".

    For a denunciation whose letter carried the identity, also the unredacted `original_title`,
    `original_content` and `original_place_address` (each only when present in the payload)."""
    if not may_reveal_identity(actor, case):
        raise NotFoundOrForbidden(f"Case {case.pk}")
    if case.protected_identity:
        data = decrypt_identity(case.protected_identity)
    else:
        data = {
            "name": case.submitter_name,
            "phone": case.submitter_phone,
            "address": case.submitter_address,
            "email": case.submitter_email,
        }
    audit_record(actor=actor, action="case.identity_view", obj=case, unit=case.unit, changes={})
    revealed = {k: data.get(k, "") for k in ("name", "address", "phone", "email")}
    revealed.update({k: data[k] for k in ORIGINAL_FIELDS if data.get(k)})
    return revealed


def attachment_open(*, actor, attachment: CaseAttachment):
    """The file of a case attachment, opened for download by `actor` (who passed `access_attachment_by_id`).

    Every download writes "case.attachment_download": an attachment cannot be redacted, and a denunciation's
    (a signed letter, a photo of an ID card) may carry the denouncer's identity, so reading it is audited like
    a reveal of the identity."""
    case = attachment.case
    audit_record(
        actor=actor,
        action="case.attachment_download",
        obj=case,
        unit=case.unit,
        changes={"attachment": [None, attachment.pk]},
    )
    return attachment.file.open("rb")


def resolution_open(*, actor, case: Case):
    """The file of the case's resolution document, opened for download (audited; `actor` None is the
    citizen following the case from the tracking page)."""
    audit_record(actor=actor, action="case.resolution_download", obj=case, unit=case.unit, changes={})
    return case.resolution_file.open("rb")


def minutes_open(*, actor, dialogue):
    """The minutes of a dialogue, opened for download (audited)."""
    case = dialogue.case
    audit_record(actor=actor, action="case.minutes_download", obj=case, unit=case.unit, changes={})
    return dialogue.minutes.open("rb")
