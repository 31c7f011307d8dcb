"""Officers' screens of the review (thin: parse → access → service/selector → render)."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.views.decorators.http import require_POST

from danvan.access.mixins import officer_required
from danvan.access.policy import grants, has_unit_perm
from danvan.core.documents import DOCX
from danvan.core.errors import DomainError
from danvan.core.forms import run_form
from danvan.core.http import download
from danvan.core.paging import paginate
from danvan.core.pdf import PDF
from danvan.core.spreadsheets import XLSX
from danvan.units.models import ADMIN_LEVEL, Unit

from . import directions, drafts, exports, history, renderings, selectors, services
from .access import access_report
from .article import draft_article
from .forms import ConferenceForm, CreateForm, EditForm, ReturnForm
from .models import Conference, RenderingStatus, ReportStatus


def _preparable_units(user) -> list[Unit]:
    ids = [g.unit_id for g in grants(user) if "reviews.prepare" in g.perms]
    return list(Unit.objects.filter(pk__in=ids, kind__in=list(ADMIN_LEVEL)).natural())


@officer_required("reviews.view")
def ws_home(request):
    units = _preparable_units(request.user)
    form = CreateForm(request.POST or None, units=units)
    created = run_form(
        request,
        form,
        lambda period, unit: services.report_create(actor=request.user, period=period, unit=unit),
        _("Đã lập báo cáo; nội dung đã được soạn sẵn từ số liệu, vui lòng xem và sửa."),
    )
    if created:
        return redirect("reviews:ws_report", pk=created.pk)
    page = paginate(request, selectors.reports_in_scope(request.user), per_page=25)
    return render(
        request,
        "reviews/ws_home.html",
        {"page": page, "form": form, "may_create": bool(units), "nav_active": "reviews"},
    )


def _sections(report):
    texts = report.sections or {}
    return [(s, texts.get(s.key, "")) for s in drafts.narrative_sections() if texts.get(s.key)]


@officer_required("reviews.view")
def ws_report(request, pk):
    report = access_report(request.user, pk)
    user = request.user
    may_prepare = has_unit_perm(user, "reviews.prepare", report.unit)
    may_approve = has_unit_perm(user, "reviews.approve", services.approver_unit(report))
    children = selectors.children_status(report)
    conference = Conference.objects.filter(report=report).first()
    values = selectors.report_values(report)
    rendering = renderings.current_rendering(report, values)
    context = {
        "report": report,
        "rows": [r for r in selectors.rows(values) if r.value is not None],
        "history": history.table(report, values),
        "directions": directions.directions_of(report),
        "sections": _sections(report),
        "changes": selectors.recompute_diff(report),
        "children": children,
        "comparison": selectors.comparison(report) if children else None,
        "may_edit": may_prepare and report.status in services.EDITABLE,
        "may_approve": may_approve and report.status == ReportStatus.SUBMITTED,
        "return_form": ReturnForm(),
        "may_prepare": may_prepare,
        "conference": conference,
        "article": draft_article(conference) if conference else None,
        "may_send": conference is not None
        and conference.article_id is None
        and has_unit_perm(user, "news.edit", report.unit),
        **_files_context(report, rendering),
        "nav_active": "reviews",
    }
    return render(request, "reviews/ws_report.html", context)


def _files_context(report, rendering) -> dict:
    return {"rendering": rendering, "rendered_before": rendering is None and report.renderings.exists()}


@officer_required("reviews.view")
def ws_report_files(request, pk):
    """The report's files card alone, polled by htmx while they are made (the whole page recomputed the
    children's figures, the comparison and the earlier years every 3 seconds)."""
    report = access_report(request.user, pk)
    rendering = renderings.current_rendering(report, selectors.report_values(report))
    response = render(request, "reviews/_files.html", {"report": report, **_files_context(report, rendering)})
    response["Cache-Control"] = "no-store"
    return response


@officer_required("reviews.prepare")
def ws_conference(request, pk):
    report = access_report(request.user, pk, "reviews.prepare")
    current = Conference.objects.filter(report=report).first()
    initial = {}
    if current is not None:
        guest = (current.guests or [{}])[0]
        initial = {
            "day": current.day,
            "place": current.place,
            "chair": current.chair,
            "guest_name": guest.get("name", ""),
            "guest_title": guest.get("title", ""),
            "commendations": current.commendations,
        }
    form = ConferenceForm(request.POST or None, initial=initial)

    def save(guest_name="", guest_title="", **data):
        return services.conference_record(
            actor=request.user, report=report, guests=[{"name": guest_name, "title": guest_title}], **data
        )

    if run_form(request, form, save, _("Đã ghi hội nghị sơ kết; bản nháp bài viết đã sẵn sàng.")):
        return redirect("reviews:ws_report", pk=report.pk)
    return render(
        request, "reviews/ws_conference.html", {"report": report, "form": form, "nav_active": "reviews"}
    )


@officer_required("reviews.prepare")
def ws_report_edit(request, pk):
    report = access_report(request.user, pk, "reviews.prepare")
    form = EditForm(request.POST or None, report=report)

    def save(number=None, issued_on=None, **data):
        sections = {k[2:]: v for k, v in data.items() if k.startswith("s_")}
        manual = {k[2:]: v for k, v in data.items() if k.startswith("m_")}
        services.manual_values_set(actor=request.user, report=report, values=manual)
        return services.report_update(
            actor=request.user, report=report, sections=sections, number=number, issued_on=issued_on
        )

    if run_form(request, form, save, _("Đã lưu báo cáo.")):
        return redirect("reviews:ws_report", pk=report.pk)
    return render(
        request, "reviews/ws_report_edit.html", {"report": report, "form": form, "nav_active": "reviews"}
    )


ACTIONS = {
    "gui": (
        "reviews.prepare",
        lambda u, r, p: services.report_submit(actor=u, report=r),
        N_("Đã gửi báo cáo lên cấp trên; số liệu đã được chốt."),
    ),
    "duyet": (
        "reviews.view",
        lambda u, r, p: services.report_approve(actor=u, report=r),
        N_("Đã duyệt báo cáo."),
    ),
    "tra-lai": (
        "reviews.view",
        lambda u, r, p: services.report_return(actor=u, report=r, comment=p.get("comment", "")),
        N_("Đã trả lại báo cáo để đơn vị sửa."),
    ),
    "gui-bai": (
        "reviews.prepare",
        lambda u, r, p: services.conference_send_article(
            actor=u, conference=Conference.objects.get(report=r)
        ),
        N_("Đã gửi bài viết về hội nghị sang mục tin tức (bản nháp)."),
    ),
    "tong-hop": (
        "reviews.prepare",
        lambda u, r, p: services.report_consolidate(actor=u, report=r),
        N_("Đã tổng hợp số liệu từ báo cáo đã duyệt của các đơn vị trực thuộc."),
    ),
}


@require_POST
@officer_required("reviews.view")
def ws_report_action(request, pk, action):
    if action not in ACTIONS:
        from django.http import Http404

        raise Http404
    perm, run, done = ACTIONS[action]
    report = access_report(request.user, pk, perm)
    try:
        run(request.user, report, request.POST)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _(done))
    return redirect("reviews:ws_report", pk=report.pk)


@require_POST
@officer_required("reviews.view")
def ws_report_render(request, pk):
    """Ask for the DOCX and PDF of the report as it reads now (made in the background)."""
    report = access_report(request.user, pk)
    try:
        renderings.rendering_request(actor=request.user, report=report)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("reviews:ws_report", args=[report.pk]) + "#tep-bao-cao")


def _rendered_file(request, pk, kind: str):
    report = access_report(request.user, pk)
    rendering = renderings.current_rendering(report)
    if rendering is None or rendering.status != RenderingStatus.READY:
        messages.error(request, _("Tệp của báo cáo chưa được tạo theo nội dung hiện tại; vui lòng tạo tệp."))
        return redirect(reverse("reviews:ws_report", args=[report.pk]) + "#tep-bao-cao")
    stored = getattr(rendering, kind)
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=renderings.file_name(report, kind),
        content_type=DOCX if kind == "docx" else PDF,
    )


@officer_required("reviews.view")
def ws_report_docx(request, pk):
    return _rendered_file(request, pk, "docx")


@officer_required("reviews.view")
def ws_report_pdf(request, pk):
    return _rendered_file(request, pk, "pdf")


@officer_required("reviews.view")
def ws_report_xlsx(request, pk):
    report = access_report(request.user, pk)
    return download(exports.indicators_xlsx(report), renderings.file_name(report, "xlsx"), XLSX)
