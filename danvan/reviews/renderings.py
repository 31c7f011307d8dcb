"""The report's DOCX and PDF, made in the background (the pattern of danvan/dialogues/minutes.py).

- `rendering_request` (anyone who may read the report) computes the document's content once, and if no
  rendering of that very content (`Content.digest()`) is queued, running or ready, stores a queued
  `ReportRendering` and queues `tasks.render_report` after commit;
- `rendering_build` (the task body) claims it, writes the DOCX then the PDF into the private storage and marks it
  ready — or failed, with a message (the officer may ask again);
- `current_rendering` (a read) is the latest rendering of the report's content as it is now: a report edited,
  numbered or frozen since has another digest, so its old files are not offered as its document.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from danvan.access.policy import has_unit_perm_on
from danvan.core.errors import DomainError

from . import documents
from .models import RenderingStatus, ReportRendering, UnitReport

log = logging.getLogger(__name__)
ACTIVE = (RenderingStatus.QUEUED, RenderingStatus.RENDERING, RenderingStatus.READY)


def current_rendering(report: UnitReport, values: dict | None = None) -> ReportRendering | None:
    """The latest rendering of the report's present content (its figures `values`, read when not given)."""
    digest = documents.report_content(report, values=values).digest()
    return ReportRendering.objects.filter(report=report, digest=digest).order_by("-created_at", "-pk").first()


@transaction.atomic
def rendering_request(*, actor, report: UnitReport) -> ReportRendering:
    """Ask for the DOCX and PDF of `report` as it reads now; one already queued, running or ready for the
    same content is returned as it is."""
    from danvan.core.tasks import enqueue_on_commit

    from .services import _audit, _user

    if actor is not None and not has_unit_perm_on(actor, "reviews.view", report.unit, report.period.end):
        raise DomainError("Bạn không có quyền xem báo cáo sơ kết của đơn vị này.", code="forbidden")
    digest = documents.report_content(report).digest()
    existing = ReportRendering.objects.filter(report=report, digest=digest, status__in=ACTIVE).first()
    if existing is not None:
        return existing
    rendering = ReportRendering.objects.create(report=report, digest=digest, requested_by=_user(actor))
    _audit(actor, "review.report_render", report, {"rendering": [None, rendering.pk]})
    from .tasks import render_report

    enqueue_on_commit(render_report, rendering.pk)
    return rendering


def file_name(report: UnitReport, ext: str) -> str:
    return f"bao-cao-so-ket-{report.unit.code}-{report.period.start:%Y}-{report.pk}.{ext}"


def rendering_build(rendering_id: int, on: dt.date | None = None) -> ReportRendering | None:
    """The task body: claim a queued rendering, write its DOCX and PDF, mark it ready or failed. The files say
    what the report says when the task runs; the rendering keeps the digest of that content (which a change
    between request and run would make differ from the request's)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    if not ReportRendering.objects.filter(pk=rendering_id, status=RenderingStatus.QUEUED).update(
        status=RenderingStatus.RENDERING, progress=10
    ):
        return ReportRendering.objects.filter(pk=rendering_id).first()
    r = ReportRendering.objects.select_related(
        "report__unit__parent", "report__period", "report__issuer"
    ).get(pk=rendering_id)
    try:
        content = documents.report_content(r.report, on)
        ReportRendering.objects.filter(pk=rendering_id).update(progress=20)
        pictures, earlier = documents.annex_pictures(r.report), documents.annex_earlier(r.report)
        ReportRendering.objects.filter(pk=rendering_id).update(progress=40)
        docx = documents.docx_bytes(content, pictures, earlier)
        r.docx.save(file_name(r.report, "docx"), ContentFile(docx), save=False)
        ReportRendering.objects.filter(pk=rendering_id).update(progress=60)
        pdf = documents.pdf_bytes(content, pictures, earlier)
        r.pdf.save(file_name(r.report, "pdf"), ContentFile(pdf), save=False)
        ReportRendering.objects.filter(pk=rendering_id).update(
            docx=r.docx.name,
            pdf=r.pdf.name,
            digest=content.digest(),
            status=RenderingStatus.READY,
            progress=100,
            finished_at=timezone.now(),
        )
    except Exception:
        log.exception("review report rendering %s failed", rendering_id)
        ReportRendering.objects.filter(pk=rendering_id).update(
            status=RenderingStatus.FAILED,
            message="Không tạo được tệp do lỗi hệ thống; vui lòng thử lại.",
            finished_at=timezone.now(),
        )
    return ReportRendering.objects.get(pk=rendering_id)
