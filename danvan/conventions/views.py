"""Pages of conventions: the officers' list and page (/can-bo/lay-y-kien/huong-uoc/…) and the public pages
(/lay-y-kien/huong-uoc/…). A convention is fetched through `access_convention` (officers) or the public
selectors; every write goes through `services`."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import officer_required
from danvan.access.policy import has_unit_perm
from danvan.audit.selectors import audit_events_for
from danvan.core.documents import DOCX
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.forms import add_domain_error, run_form
from danvan.core.http import download
from danvan.core.pagecache import public_page
from danvan.core.paging import paginate, query_without_page
from danvan.web.context import current_unit

from . import forms as f
from . import selectors, services
from .access import access_comment, access_convention
from .models import Article, Status, VersionStatus

VIEW, MANAGE, RECOGNISE = "conventions.view", "conventions.manage", "decisions.recognise"
NAV = "conventions"


@officer_required(VIEW)
def ws_list(request):
    root = current_unit(request)
    rows = selectors.conventions_in_scope(request.user, root).order_by("-updated_at", "-pk")
    status = request.GET.get("tinh-trang", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "conventions/ws_list.html",
        {
            "nav_active": NAV,
            "page": paginate(request, rows, per_page=30),
            "page_query": query_without_page(request),
            "root": root,
            "statuses": Status.choices,
            "status": status,
            "can_manage": root is not None and root.is_commune and has_unit_perm(request.user, MANAGE, root),
        },
    )


@officer_required(MANAGE)
def ws_new(request):
    root = current_unit(request)
    if root is None or not root.is_commune:
        messages.info(request, _("Hãy chọn một xã, phường làm đơn vị làm việc để soạn hương ước, quy ước."))
        return redirect("conventions:ws_list")
    form = f.ConventionForm(request.POST or None, root=root)
    made = run_form(
        request,
        form,
        lambda **data: services.convention_create(actor=request.user, **data),
        _("Đã lập dự thảo hương ước, quy ước."),
    )
    if made:
        return redirect("conventions:ws_detail", made.pk)
    return render(request, "conventions/ws_form.html", {"nav_active": NAV, "form": form, "root": root})


def _detail_context(request, convention, bound=None):
    bound = bound or {}
    version = convention.latest
    user = request.user
    can_manage = has_unit_perm(user, MANAGE, convention.hamlet)
    can_recognise = has_unit_perm(user, RECOGNISE, convention.hamlet)
    articles = list(version.articles.order_by("number"))
    comments = list(version.comments.select_related("article").order_by("created_at", "pk"))
    in_force = convention.in_force
    adoption = (
        services.adoption_of(version.decision) if version.decision and version.decision.is_closed else None
    )
    today = local_today()
    return {
        "nav_active": NAV,
        "c": convention,
        "v": version,
        "in_force": in_force if in_force and in_force.pk != version.pk else None,
        "articles": articles,
        "comments": comments,
        "adoption": adoption,
        "can_manage": can_manage,
        "can_recognise": can_recognise,
        "in_comment": services.in_comment(version, today),
        "period_closed": version.status == VersionStatus.COMMENT and version.closes_on < today,
        "article_form": bound.get("article") or f.ArticleForm(prefix="article"),
        "edit_forms": {
            a.pk: (
                bound.get(f"edit-{a.pk}")
                or f.ArticleForm(initial={"heading": a.heading, "text": a.text}, prefix=f"edit-{a.pk}")
            )
            for a in articles
        },
        "period_form": bound.get("period") or f.PeriodForm(prefix="period"),
        "comment_form": bound.get("comment") or f.CommentEntryForm(version=version, prefix="comment"),
        "vote_form": bound.get("vote") or f.VoteForm(prefix="vote"),
        "suspend_form": bound.get("suspend") or f.SuspendForm(prefix="suspend"),
        "annul_form": bound.get("annul") or f.AnnulForm(prefix="annul"),
        "lift_form": bound.get("lift") or f.LiftForm(initial={"lifted_on": today}, prefix="lift"),
        "amend_form": bound.get("amend") or f.AmendForm(prefix="amend"),
        "review_form": bound.get("review")
        or f.ReviewForm(initial={"year": today.year, "held_on": today}, prefix="review"),
        "reviews": convention.reviews.order_by("-year"),
        "measures": convention.measures.order_by("-decided_on", "-pk"),
        "versions": convention.versions.order_by("-number"),
        "Status": Status,
        "VS": VersionStatus,
        "audit_events": audit_events_for(convention, user=user, unit=convention.hamlet),
    }


@officer_required(VIEW)
def ws_detail(request, pk):
    convention = access_convention(request.user, pk)
    return render(request, "conventions/ws_detail.html", _detail_context(request, convention))


def _article(convention, request):
    try:
        return Article.objects.get(pk=int(request.POST.get("article_id", "")), version__convention=convention)
    except (ValueError, Article.DoesNotExist):
        raise Http404("Không tìm thấy.")


# slug: (permission, form class, the bound key, the service call, the message)
def _actions(request, c):
    user = request.user
    return {
        "them-dieu": (
            MANAGE,
            f.ArticleForm,
            "article",
            lambda d: services.article_add(actor=user, version=c.latest, **d),
            _("Đã thêm điều."),
        ),
        "lay-y-kien": (
            MANAGE,
            f.PeriodForm,
            "period",
            lambda d: services.comment_period_open(actor=user, version=c.latest, **d),
            _("Đã mở thời gian lấy ý kiến Nhân dân về dự thảo."),
        ),
        "gop-y": (
            MANAGE,
            lambda data, prefix: f.CommentEntryForm(data, version=c.latest, prefix=prefix),
            "comment",
            lambda d: services.comment_add(actor=user, version=c.latest, **d),
            _("Đã ghi ý kiến góp ý."),
        ),
        "bieu-quyet": (
            MANAGE,
            f.VoteForm,
            "vote",
            lambda d: services.put_to_vote(actor=user, version=c.latest, **d),
            _(
                "Đã lập việc đưa dự thảo ra cộng đồng dân cư biểu quyết; tiếp tục các bước ở trang biểu quyết."
            ),
        ),
        "tam-ngung": (
            RECOGNISE,
            f.SuspendForm,
            "suspend",
            lambda d: services.suspend(
                actor=user, convention=c, **{k: v for k, v in d.items() if k != "confirm"}
            ),
            _("Đã ghi quyết định tạm ngưng thi hành."),
        ),
        "het-tam-ngung": (
            RECOGNISE,
            f.LiftForm,
            "lift",
            lambda d: services.suspension_lift(actor=user, convention=c, **d),
            _("Đã ghi hết tạm ngưng thi hành."),
        ),
        "bai-bo": (
            RECOGNISE,
            f.AnnulForm,
            "annul",
            lambda d: services.annul(
                actor=user, convention=c, **{k: v for k, v in d.items() if k != "confirm"}
            ),
            _("Đã ghi quyết định bãi bỏ."),
        ),
        "sua-doi": (
            MANAGE,
            f.AmendForm,
            "amend",
            lambda d: services.amend(actor=user, convention=c, **d),
            _(
                "Đã lập bản sửa đổi, bổ sung; bản đang có hiệu lực vẫn được thi hành cho đến khi bản mới được công nhận."
            ),
        ),
        "tong-ket": (
            MANAGE,
            f.ReviewForm,
            "review",
            lambda d: services.annual_review_record(actor=user, convention=c, **d),
            _("Đã ghi kết quả tổng kết năm."),
        ),
    }


@require_POST
@officer_required(VIEW)
def ws_action(request, pk, action):
    convention = access_convention(request.user, pk)
    table = _actions(request, convention)
    if action not in table:
        raise Http404("Không tìm thấy.")
    perm, form_class, key, call, success = table[action]
    convention = access_convention(request.user, pk, perm)
    form = (
        form_class(request.POST, prefix=key)
        if isinstance(form_class, type)
        else form_class(request.POST, key)
    )
    if form.is_valid():
        try:
            result = call(form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, success)
            from danvan.decisions.models import Decision

            if isinstance(result, Decision):
                return redirect("decisions:ws_detail", result.pk)
            return redirect("conventions:ws_detail", convention.pk)
    return render(
        request, "conventions/ws_detail.html", _detail_context(request, convention, {key: form}), status=400
    )


@require_POST
@officer_required(MANAGE)
def ws_article(request, pk):
    """Edit or delete one article of the draft (delete needs the confirmation box)."""
    convention = access_convention(request.user, pk, MANAGE)
    article = _article(convention, request)
    try:
        if request.POST.get("delete"):
            if request.POST.get("confirm") != "1":
                messages.error(request, _("Hãy đánh dấu xác nhận trước khi xóa điều."))
                return redirect("conventions:ws_detail", convention.pk)
            services.article_delete(actor=request.user, article=article)
            messages.success(request, _("Đã xóa điều; các điều sau được đánh số lại."))
            return redirect("conventions:ws_detail", convention.pk)
        form = f.ArticleForm(request.POST, prefix=f"edit-{article.pk}")
        if form.is_valid():
            services.article_update(actor=request.user, article=article, **form.cleaned_data)
            messages.success(request, _("Đã sửa điều."))
            return redirect("conventions:ws_detail", convention.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("conventions:ws_detail", convention.pk)
    return render(
        request,
        "conventions/ws_detail.html",
        _detail_context(request, convention, {f"edit-{article.pk}": form}),
        status=400,
    )


@require_POST
@officer_required(MANAGE)
def ws_respond(request, pk, comment_pk):
    convention = access_convention(request.user, pk, MANAGE)
    comment = access_comment(request.user, comment_pk)
    if comment.version.convention_id != convention.pk:
        raise Http404("Không tìm thấy.")
    form = f.ResponseForm(request.POST)
    if form.is_valid():
        try:
            services.comment_respond(actor=request.user, comment=comment, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã ghi ý kiến trả lời."))
    else:
        messages.error(request, _("Vui lòng nhập ý kiến trả lời."))
    return redirect("conventions:ws_detail", convention.pk)


# ------------------------------------------------------------------------------------------------ public


@public_page("decisions", "units")
def public_list(request):
    from danvan.units.selectors import unit_by_code

    code = (request.GET.get("dia-ban") or "").strip()
    place = None
    if code:
        # as in force (codes are reused across reforms: .first() picked any version)
        place = unit_by_code(code) if "\x00" not in code and len(code) <= 64 else None
        if place is None:
            raise Http404("Không tìm thấy.")
    rows = selectors.public_conventions(place=place)
    return render(
        request,
        "conventions/public_list.html",
        {
            "page": paginate(request, rows, per_page=20),
            "page_query": query_without_page(request),
            "place": place,
            "nav_active": "decisions",
        },
    )


@public_page("decisions", "units")
def public_detail(request, pk, form=None):
    convention = selectors.public_convention(pk)
    if convention is None:
        raise Http404("Không tìm thấy.")
    version = selectors.public_version(convention)
    in_force = convention.in_force
    open_now = version is not None and services.in_comment(version)
    user = request.user
    can_comment = (
        open_now
        and user.is_authenticated
        and getattr(user, "is_citizen", False)
        and user.is_verified
        and user.household_id is not None
        and user.household.hamlet_id == convention.hamlet_id
    )
    return render(
        request,
        "conventions/public_detail.html",
        {
            "c": convention,
            "v": version,
            "articles": version.articles.order_by("number") if version else [],
            "open_now": open_now,
            "can_comment": can_comment,
            "form": form or (f.CitizenCommentForm(version=version) if can_comment else None),
            "reviews": convention.reviews.order_by("-year")[:5],
            "in_force": in_force if in_force is not None and in_force != version else None,
            "nav_active": "decisions",
        },
        status=400 if form is not None else 200,
    )


@require_POST
def public_comment(request, pk):
    convention = selectors.public_convention(pk)
    if convention is None:
        raise Http404("Không tìm thấy.")
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.path.replace("gop-y/", ""))
    version = selectors.public_version(convention)
    form = f.CitizenCommentForm(request.POST, version=version)
    if form.is_valid():
        try:
            services.comment_add(version=version, citizen=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Cảm ơn bạn đã góp ý; Tổ soạn thảo sẽ trả lời ý kiến của bạn."))
            return redirect("conventions:public_detail", convention.pk)
    return public_detail(request, pk, form=form)


def _docx(version):

    from . import documents

    return download(documents.text_docx(version), documents.file_name(version), DOCX)


@officer_required(VIEW)
def ws_document(request, pk):
    """The text of a version (the newest, or `?ban=<number>`) as DOCX."""
    convention = access_convention(request.user, pk)
    number = request.GET.get("ban", "")
    version = (
        convention.versions.filter(number=int(number)).first() if number.isdigit() else convention.latest
    )
    if version is None:
        raise Http404("Không tìm thấy.")
    return _docx(version)


def public_document(request, pk):
    convention = selectors.public_convention(pk)
    version = selectors.public_version(convention) if convention is not None else None
    if version is None:
        raise Http404("Không tìm thấy.")
    return _docx(version)
