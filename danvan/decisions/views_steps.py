"""Pages of a decision's steps after the vote and its documents (/can-bo/lay-y-kien/<id>/buoc/…, …/mau/…): one
page per step (its form; the decision page links to the steps that may come next), the counting board of a
tally, and the forms as DOCX and PDF. Every decision is fetched through `access_decision`; every write is a service of
`steps.py`, whose refusals land on the form."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.access.mixins import officer_required
from danvan.core.documents import DOCX
from danvan.core.errors import DomainError
from danvan.core.forms import run_form
from danvan.core.http import download
from danvan.core.pdf import PDF

from . import documents, steps
from .access import access_decision
from .forms import (
    AmendmentForm,
    AnnulForm,
    CountingForm,
    DiscloseForm,
    DocumentsForm,
    ImplementForm,
    MinutesSentForm,
    RecognitionForm,
)

VIEW, MANAGE, RECOGNISE = "decisions.view", "decisions.manage", steps.RECOGNISE


class StepPage:
    def __init__(self, title, form, perm, action, success, warning=""):
        self.title, self.form, self.perm, self.action = title, form, perm, action
        self.success, self.warning = success, warning


def _annul(user, d, confirm, **data):
    return steps.decision_annul(actor=user, decision=d, **data)


STEPS = {
    "gui-tai-lieu": StepPage(
        gettext_lazy("Ghi nhận đã gửi tài liệu đến từng hộ"),
        DocumentsForm,
        MANAGE,
        lambda user, d, **data: steps.documents_deliver(actor=user, decision=d, **data),
        gettext_lazy("Đã ghi nhận ngày gửi tài liệu."),
    ),
    "gui-bien-ban": StepPage(
        gettext_lazy("Ghi nhận đã gửi biên bản đến UBND và Ủy ban MTTQ xã"),
        MinutesSentForm,
        MANAGE,
        lambda user, d, **data: steps.minutes_send(actor=user, decision=d, **data),
        gettext_lazy("Đã ghi nhận ngày gửi biên bản."),
    ),
    "cong-nhan": StepPage(
        gettext_lazy("Ghi văn bản công nhận hoặc từ chối công nhận"),
        RecognitionForm,
        RECOGNISE,
        lambda user, d, **data: steps.recognition_record(actor=user, decision=d, **data),
        gettext_lazy("Đã ghi văn bản công nhận."),
    ),
    "cong-khai": StepPage(
        gettext_lazy("Công khai kết quả"),
        DiscloseForm,
        MANAGE,
        lambda user, d, **data: steps.decision_disclose(actor=user, decision=d, **data),
        gettext_lazy("Đã công khai kết quả trên cổng thông tin."),
    ),
    "thuc-hien": StepPage(
        gettext_lazy("Ghi kết quả tổ chức thực hiện"),
        ImplementForm,
        MANAGE,
        lambda user, d, **data: steps.decision_implement(actor=user, decision=d, **data),
        gettext_lazy("Đã ghi kết quả tổ chức thực hiện."),
    ),
    "sua-doi": StepPage(
        gettext_lazy("Lập việc sửa đổi quyết định"),
        AmendmentForm,
        MANAGE,
        lambda user, d, **data: steps.amendment_create(actor=user, decision=d, **data),
        gettext_lazy("Đã lập việc sửa đổi; hãy thông báo và tổ chức biểu quyết như quyết định ban đầu."),
    ),
    "huy-bo": StepPage(
        gettext_lazy("Hủy bỏ quyết định (Điều 22)"),
        AnnulForm,
        RECOGNISE,
        _annul,
        gettext_lazy("Đã ghi quyết định hủy bỏ."),
        warning=gettext_lazy(
            "Ủy ban nhân dân cấp xã hủy bỏ quyết định của cộng đồng dân cư trái pháp luật, trái đạo đức xã hội "
            "hoặc vi phạm trình tự. Sau khi hủy bỏ, quyết định không còn hiệu lực và không thể hoàn tác."
        ),
    ),
}


@officer_required(MANAGE)
def ws_step(request, pk, step):
    page = STEPS.get(step)
    if page is None:
        raise Http404("Không tìm thấy.")
    decision = access_decision(request.user, pk, page.perm)
    kwargs = {"decision": decision, "user": request.user} if page.form is ImplementForm else {}
    form = page.form(request.POST or None, **kwargs)
    done = run_form(request, form, lambda **data: page.action(request.user, decision, **data), page.success)
    if done:
        target = done if step == "sua-doi" else decision
        return redirect("decisions:ws_detail", target.pk)
    return render(
        request,
        "decisions/ws_step.html",
        {"nav_active": "decisions", "d": decision, "form": form, "page": page},
    )


@officer_required(MANAGE)
def ws_counting(request, pk, tally_pk):
    decision = access_decision(request.user, pk, MANAGE)
    tally = decision.tallies.filter(pk=tally_pk).first()
    if tally is None:
        raise Http404("Không tìm thấy.")
    initial = {"board": tally.counting_board, "witnesses": tally.witnesses}
    form = CountingForm(request.POST or None, initial=initial)
    done = run_form(
        request,
        form,
        lambda **data: steps.counting_record(actor=request.user, tally=tally, **data),
        _("Đã ghi Ban kiểm phiếu và người chứng kiến."),
    )
    if done:
        return redirect("decisions:ws_detail", decision.pk)
    page = StepPage(_("Ban kiểm phiếu và người chứng kiến"), CountingForm, MANAGE, None, "")
    return render(
        request,
        "decisions/ws_step.html",
        {"nav_active": "decisions", "d": decision, "form": form, "page": page, "tally": tally},
    )


# kind → (its DOCX, its PDF, the file's stem); both renderings of one content (documents.Content)
BUILDERS = {
    "thong-bao": (documents.notice_docx, documents.notice_pdf, "mau-01-thong-bao"),
    "truc-tuyen": (documents.online_docx, documents.online_pdf, "mau-03-ket-qua-truc-tuyen"),
    "bien-ban": (documents.minutes_docx, documents.minutes_pdf, "bien-ban-ket-qua"),
}
TALLY_BUILDERS = {
    "kiem-phieu": (documents.counting_docx, documents.counting_pdf, "mau-02-bien-ban-kiem-phieu"),
    "phieu-ho": (documents.ballot_docx, documents.ballot_pdf, "mau-04-kiem-phieu-ho-gia-dinh"),
}
FORMATS = {"docx": DOCX, "pdf": PDF}


@officer_required(VIEW)
def ws_document(request, pk, kind, tally_pk=None, fmt="docx"):
    """A form as DOCX (…/mau/<kind>/) or PDF (…/mau/<kind>/pdf/), behind the same access gate."""
    decision = access_decision(request.user, pk)
    as_pdf = fmt == "pdf"
    try:
        if tally_pk is None:
            if kind not in BUILDERS:
                raise Http404("Không tìm thấy.")
            docx, pdf, stem = BUILDERS[kind]
            name = documents.file_name(decision, stem, ext=fmt)
            return download((pdf if as_pdf else docx)(decision), name, FORMATS[fmt])
        if kind not in TALLY_BUILDERS:
            raise Http404("Không tìm thấy.")
        tally = decision.tallies.filter(pk=tally_pk).first()
        if tally is None:
            raise Http404("Không tìm thấy.")
        docx, pdf, stem = TALLY_BUILDERS[kind]
        name = documents.file_name(decision, stem, tally, ext=fmt)
        return download((pdf if as_pdf else docx)(tally), name, FORMATS[fmt])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("decisions:ws_detail", decision.pk)
