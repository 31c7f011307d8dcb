"""Resolved public-interest answers in the portal's search (kind "Trả lời phản ánh, kiến nghị").

Only with the citizen's consent, never for denunciations, and without any personal data: the document is the
title, the field, the unit and the public answer.
"""

from danvan.search.registry import Document, register

from .models import Case, Kind, Status

KIND = "Trả lời phản ánh, kiến nghị"


def case_document(case: Case) -> Document | None:
    if (
        case.status not in (Status.RESOLVED, Status.CLOSED)
        or not case.public_interest
        or not case.consent_publish
        or case.kind == Kind.DENUNCIATION
        or not case.answer
    ):
        return None
    summary = " · ".join(
        p for p in (case.get_kind_display(), case.field.name if case.field_id else "", case.unit.name) if p
    )
    return Document(
        kind=KIND,
        title=case.title,
        summary=summary,
        body=case.answer,
        url=f"/phan-anh/tra-cuu/?ma={case.code}",
        unit=case.unit,
        published_at=case.resolved_on,
    )


register(Case, to_document=case_document, queryset=lambda: Case.objects.select_related("unit", "field"))
