"""Evidence files of a commitment done (a photo of the finished work, a scanned decision).

`commitment_progress` is `services.commitment_update` with an optional file: the file is checked first by
content and size (`core.files.validate_upload`: images, PDF, DOCX; `DANVAN_UPLOAD_MAX_BYTES`), so a refused
file stores nothing — neither the file, nor the new status, nor the progress note. A file goes only with
"done". The file lives in the private storage and is served through the access gate (reception.view).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from danvan.core.errors import DomainError
from danvan.core.files import DOCUMENTS, validate_upload

from .models import Commitment, CommitmentFile, CommitmentStatus

EVIDENCE_KINDS = DOCUMENTS - {"xlsx"}


def _checked(uploaded) -> None:
    try:
        validate_upload(uploaded, kinds=EVIDENCE_KINDS)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="evidence_file", code=exc.code or "file") from None


@transaction.atomic
def commitment_progress(
    *,
    actor,
    commitment: Commitment,
    status: str,
    note: str = "",
    evidence: str = "",
    reason: str = "",
    evidence_file=None,
    today: dt.date | None = None,
) -> Commitment:
    from django.core.files import File

    from .services import _audit, _user, commitment_update

    if evidence_file is not None:
        if status != CommitmentStatus.DONE:
            raise DomainError("Tệp minh chứng chỉ đính kèm khi cam kết đã hoàn thành.", field="evidence_file")
        _checked(evidence_file)
    c = commitment_update(
        actor=actor,
        commitment=commitment,
        status=status,
        note=note,
        evidence=evidence,
        reason=reason,
        today=today,
    )
    if evidence_file is not None:
        name = (getattr(evidence_file, "name", "") or "minh-chung").rsplit("/", 1)[-1][:255]
        row = CommitmentFile(
            commitment=c, original_name=name, size=evidence_file.size or 0, uploaded_by=_user(actor)
        )
        evidence_file.seek(0)
        row.file.save(
            name,
            evidence_file if isinstance(evidence_file, File) else File(evidence_file, name=name),
            save=False,
        )
        row.save()
        _audit(actor, "commitment.file_add", c, c.unit, {"file": [None, name]})
    return c
