"""Officers' screens around the records of reception: the minutes (requested, built in the background,
downloaded), the draft news article of a held dialogue, a reception visit's page with its commitments, and
the evidence files of a commitment done (thin: access → service → render)."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import officer_required
from danvan.access.policy import has_unit_perm
from danvan.core.documents import DOCX
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.forms import run_form
from danvan.web.context import current_unit

from . import minutes as minutes_mod
from . import news
from .access import (
    access_commitment_file_by_id,
    access_dialogue_by_id,
    access_minutes_by_id,
    access_session_by_id,
    access_visit_by_id,
)
from .evidence import commitment_progress
from .forms import VisitCommitmentForm


def _ws(request, **extra) -> dict:
    return {"nav_active": "reception", "current_unit": current_unit(request), **extra}


# ---------------------------------------------------------------- minutes


def _request_minutes(request, **origin):
    try:
        m = minutes_mod.minutes_request(actor=request.user, **origin)
    except DomainError as exc:
        messages.error(request, exc.message)
        return None
    return redirect("dialogues:ws_minutes", minutes=m.pk)


@require_POST
@officer_required("reception.manage")
def ws_dialogue_minutes(request, dialogue):
    d = access_dialogue_by_id(request.user, dialogue, "reception.manage")
    return _request_minutes(request, dialogue=d) or redirect("dialogues:ws_dialogue", dialogue=d.pk)


@require_POST
@officer_required("reception.manage")
def ws_session_minutes(request, pk):
    s = access_session_by_id(request.user, pk, "reception.manage")
    return _request_minutes(request, session=s) or redirect("dialogues:ws_home")


@officer_required("reception.view")
def ws_minutes(request, minutes):
    """The minutes' progress (the page refreshes itself until it is ready, without JavaScript), then the
    download."""
    m = access_minutes_by_id(request.user, minutes)
    if m.dialogue_id:
        title = _("Biên bản hội nghị đối thoại")
        subject = m.dialogue.topic
        back = reverse("dialogues:ws_dialogue", kwargs={"dialogue": m.dialogue_id})
    else:
        title = _("Biên bản buổi tiếp công dân")
        subject = f"{m.session.get_host_role_display()} {m.session.host_name} — {m.session.day:%d/%m/%Y}"
        back = reverse("dialogues:ws_home")
    return render(
        request,
        "dialogues/ws_minutes.html",
        _ws(
            request,
            m=m,
            title=title,
            subject=subject,
            back=back,
            may_manage=has_unit_perm(request.user, "reception.manage", m.unit),
        ),
    )


@officer_required("reception.view")
def ws_minutes_download(request, minutes):
    m = access_minutes_by_id(request.user, minutes)
    if m.status != "ready" or not m.file:
        raise Http404("Biên bản chưa lập xong.")
    return FileResponse(m.file.open("rb"), as_attachment=True, filename=m.file_name, content_type=DOCX)


# ---------------------------------------------------------------- news article


@require_POST
@officer_required("reception.manage")
def ws_dialogue_article(request, dialogue):
    """Make (or open) the draft article about a held dialogue, in the news editor."""
    d = access_dialogue_by_id(request.user, dialogue, "reception.manage")
    try:
        article, created = news.dialogue_article(actor=request.user, dialogue=d)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("dialogues:ws_dialogue", dialogue=d.pk)
    if created:
        messages.success(
            request, _("Đã soạn bài viết nháp từ kết quả đối thoại; hãy biên tập rồi gửi duyệt.")
        )
    return redirect("publishing:ws_article_edit", pk=article.pk)


# ---------------------------------------------------------------- a reception visit and its commitments


@officer_required("reception.view")
def ws_visit(request, visit):
    """One visit of the reception log, its commitments, and (reception.manage) the form to add one."""
    v = access_visit_by_id(request.user, visit)
    may_manage = has_unit_perm(request.user, "reception.manage", v.unit)
    form = VisitCommitmentForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        if not may_manage:
            raise Http404("Không tìm thấy trang.")
        if run_form(
            request,
            form,
            lambda **data: _visit_commitment(request, v, data),
            _("Đã ghi cam kết."),
        ):
            return redirect("dialogues:ws_visit", visit=v.pk)
    from danvan.cases.models import Kind

    return render(
        request,
        "dialogues/ws_visit.html",
        _ws(
            request,
            v=v,
            secret=v.case is not None and v.case.kind == Kind.DENUNCIATION,
            commitments=v.commitments.order_by("due", "pk"),
            form=form,
            may_manage=may_manage,
            today=local_today(),
        ),
        status=400 if request.method == "POST" else 200,
    )


def _visit_commitment(request, v, data):
    from .services import commitment_create

    return commitment_create(actor=request.user, visit=v, **data)


# ---------------------------------------------------------------- evidence files


def commitment_update_with_file(request, c, data):
    """`ws_commitment_update`'s service call: the progress, and the evidence file when there is one."""
    upload = data.pop("evidence_file", None) or request.FILES.get("evidence_file")
    return commitment_progress(actor=request.user, commitment=c, evidence_file=upload, **data)


@officer_required("reception.view")
def ws_commitment_file(request, pk):
    f = access_commitment_file_by_id(request.user, pk)
    return FileResponse(f.file.open("rb"), as_attachment=True, filename=f.original_name)
