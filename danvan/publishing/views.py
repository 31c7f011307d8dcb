"""Public news pages and the officers' news screens (thin: parse → access → service/selector → render)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import officer_required
from danvan.access.policy import has_any_perm, has_unit_perm
from danvan.audit.selectors import audit_events_for
from danvan.core.errors import DomainError
from danvan.core.pagecache import public_page
from danvan.core.paging import paginate, query_without_page
from danvan.units.selectors import unit_by_code
from danvan.web.context import current_unit

from . import selectors, services
from .access import access_article_by_id
from .forms import ApproveForm, ArticleFilterForm, ArticleForm, ReturnForm
from .models import Article, ArticleStatus

PUBLIC_PER_PAGE = 12
S = ArticleStatus


# ---------------------------------------------------------------- public pages


# Crawlers index the portal, never the officers' workspace, the admin or the API (the API's public reads are
# for applications, and its lists are the same content as the pages).
ROBOTS_DISALLOW = ("web:workspace", "admin:index")


def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {reverse(name)}" for name in ROBOTS_DISALLOW]
    lines.append(f"Disallow: {reverse('api-docs').rsplit('/', 1)[0]}/")  # /api/: the API and its docs
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('publishing:sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@public_page("news", "units")
def article_list(request):
    unit_code = (request.GET.get("don-vi") or "").strip()[:32]
    category_slug = (request.GET.get("chuyen-muc") or "").strip()[:128]
    unit = unit_by_code(unit_code) if unit_code else None
    category = selectors.category_by_slug(category_slug)
    unknown_filter = bool(unit_code and unit is None) or bool(category_slug and category is None)
    articles = selectors.published_articles(unit=unit, category=category)
    if unknown_filter:
        articles = articles.none()
    page = paginate(request, articles, per_page=PUBLIC_PER_PAGE)
    return render(
        request,
        "publishing/article_list.html",
        {
            "nav_active": "news",
            "page": page,
            "page_query": query_without_page(request),
            "unit": unit,
            "section_unit": unit,
            "category": category,
            "categories": selectors.categories(),
            "filtered": bool(unit_code or category_slug),
            "unit_code": unit_code,
        },
    )


def _may_preview(user, article: Article) -> bool:
    return bool(
        user.is_authenticated
        and (
            has_unit_perm(user, "news.edit", article.unit)
            or has_unit_perm(user, "news.approve", article.unit)
        )
    )


def _render_detail(request, article: Article, preview: bool):
    return render(
        request,
        "publishing/article_detail.html",
        {
            "nav_active": "news",
            "article": article,
            "related": selectors.related_articles(article) if article.is_published else [],
            "preview": preview,
            "canonical_url": request.build_absolute_uri(article.get_absolute_url()),
            "og_image": request.build_absolute_uri(article.cover_large.url) if article.cover_large else "",
        },
    )


@public_page("news", "units")
def article_detail(request, slug):
    article = selectors.published_article_by_slug(slug)
    if article is not None:
        return _render_detail(request, article, preview=False)
    article = selectors.article_by_slug(slug)
    if article is None or not _may_preview(request.user, article):
        raise Http404(_("Không tìm thấy bài viết."))
    return _render_detail(request, article, preview=True)


# ---------------------------------------------------------------- officers' screens


def _ctx(request, **extra) -> dict:
    return {"nav_active": "news", "current_unit": current_unit(request), **extra}


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _can_edit(user, article: Article) -> bool:
    if article.status in (S.DRAFT, S.IN_REVIEW):
        return has_unit_perm(user, "news.edit", article.unit)
    if article.status in (S.PUBLISHED, S.SCHEDULED):
        return has_unit_perm(user, "news.approve", article.unit)
    return False


@officer_required("news.edit")
def ws_article_list(request):
    units = selectors.officer_units(request.user)
    form = ArticleFilterForm(request.GET or None, units=units, categories=selectors.categories())
    data = form.cleaned_data if form.is_valid() else {}
    q = data.get("q", "")
    status = data.get("status", "")
    unit = data.get("unit")
    category = data.get("category")
    page = paginate(
        request, selectors.article_list(request.user, status=status, q=q, unit=unit, category=category)
    )
    return render(
        request,
        "publishing/ws_article_list.html",
        _ctx(
            request,
            page=page,
            page_query=query_without_page(request),
            form=form,
            filtered=bool(q or status or unit or category),
            can_approve=has_any_perm(request.user, "news.approve"),
        ),
    )


@officer_required("news.edit")
def ws_article_create(request):
    units = selectors.officer_units(request.user)
    initial = {}
    unit = current_unit(request)
    if unit is not None and unit in units:
        initial["unit"] = unit.pk
    form = ArticleForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        categories=selectors.categories(),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            article = services.article_create(actor=request.user, **data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu bản nháp “%(title)s”.") % {"title": article.title})
            return redirect("publishing:ws_article_edit", pk=article.pk)
    return render(request, "publishing/ws_article_form.html", _ctx(request, form=form, article=None))


@officer_required("news.edit")
def ws_article_edit(request, pk):
    article = access_article_by_id(request.user, pk)
    units = selectors.officer_units(request.user)
    if article.unit not in units:
        units.insert(0, article.unit)
    initial = {
        "unit": article.unit_id,
        "category": article.category_id,
        "title": article.title,
        "summary": article.summary,
        "body": article.body,
        "tags": article.tags,
        "byline": article.byline,
        "cover_alt": article.cover_alt,
        "version": article.version,
    }
    can_edit = _can_edit(request.user, article)
    form = ArticleForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        categories=selectors.categories(),
        initial=initial,
    )
    if request.method == "POST":
        if not can_edit:
            messages.error(request, _("Bài viết ở trạng thái này bạn không sửa được."))
            return redirect("publishing:ws_article_edit", pk=article.pk)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version", None)
            changed = {}
            for key, value in data.items():
                if key == "cover":
                    if value:
                        changed[key] = value
                    continue
                compared = value.pk if key in ("unit", "category") and value is not None else value
                if compared != initial.get(key):
                    changed[key] = value
            try:
                if changed:
                    services.article_update(
                        actor=request.user, article=article, expected_version=version, **changed
                    )
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Đã lưu bài viết."))
                return redirect("publishing:ws_article_edit", pk=article.pk)
    is_approver = has_unit_perm(request.user, "news.approve", article.unit)
    return render(
        request,
        "publishing/ws_article_form.html",
        _ctx(
            request,
            form=form,
            article=article,
            can_edit=can_edit,
            is_approver=is_approver,
            approve_form=ApproveForm() if is_approver and article.status == S.IN_REVIEW else None,
            return_form=ReturnForm() if is_approver and article.status == S.IN_REVIEW else None,
            audit_events=audit_events_for(article, user=request.user, unit=article.unit),
        ),
    )


@officer_required("news.edit")
def ws_article_preview(request, pk):
    article = access_article_by_id(request.user, pk)
    return _render_detail(request, article, preview=not article.is_published)


def _transition(request, pk, perm: str, call, success: str):
    article = access_article_by_id(request.user, pk, perm=perm)
    try:
        call(article)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success % {"title": article.title})
    return redirect("publishing:ws_article_edit", pk=article.pk)


@require_POST
@officer_required("news.edit")
def ws_article_submit(request, pk):
    return _transition(
        request,
        pk,
        "news.edit",
        lambda a: services.article_submit(actor=request.user, article=a),
        _("Đã gửi duyệt bài “%(title)s”."),
    )


@require_POST
@officer_required("news.approve")
def ws_article_approve(request, pk):
    article = access_article_by_id(request.user, pk, perm="news.approve")
    form = ApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thời điểm hẹn đăng không hợp lệ: nhập theo dạng ngày/tháng/năm giờ:phút."))
        return redirect("publishing:ws_article_edit", pk=article.pk)
    try:
        article = services.article_approve(actor=request.user, article=article, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if article.status == S.SCHEDULED:
            messages.success(request, _("Đã duyệt, bài sẽ tự đăng vào thời điểm đã hẹn."))
        else:
            messages.success(request, _("Đã duyệt và đăng bài “%(title)s”.") % {"title": article.title})
    return redirect("publishing:ws_article_edit", pk=article.pk)


@require_POST
@officer_required("news.approve")
def ws_article_return(request, pk):
    article = access_article_by_id(request.user, pk, perm="news.approve")
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vui lòng ghi lý do trả lại để người viết biết cần sửa gì."))
        return redirect("publishing:ws_article_edit", pk=article.pk)
    try:
        services.article_return(actor=request.user, article=article, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã trả lại bài cho người viết."))
    return redirect("publishing:ws_article_edit", pk=article.pk)


def _confirm(request, pk, *, action: str, service, success: str):
    article = access_article_by_id(request.user, pk, perm="news.approve")
    error = None
    if request.method == "POST":
        try:
            service(actor=request.user, article=article)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, success % {"title": article.title})
            return redirect("publishing:ws_article_edit", pk=article.pk)
    return render(
        request,
        "publishing/ws_article_confirm.html",
        _ctx(request, article=article, action=action, error=error),
    )


@officer_required("news.approve")
def ws_article_archive(request, pk):
    return _confirm(
        request,
        pk,
        action="archive",
        service=services.article_archive,
        success=_("Đã lưu trữ bài “%(title)s”: bài không còn hiện trên cổng thông tin."),
    )


@officer_required("news.approve")
def ws_article_restore(request, pk):
    return _confirm(
        request,
        pk,
        action="restore",
        service=services.article_restore,
        success=_("Đã khôi phục bài “%(title)s”."),
    )


@officer_required("news.approve")
def ws_review_queue(request):
    page = paginate(request, selectors.review_queue(request.user))
    return render(
        request,
        "publishing/ws_review_queue.html",
        _ctx(request, page=page, page_query=query_without_page(request)),
    )


@require_POST
@officer_required()
def ws_body_image(request):
    """An image uploaded by the rich-text editor (news bodies, disclosure texts): JSON `{"url": …}`, or a
    400 with `{"detail": "<Vietnamese message>"}`; the unit is the one chosen in the form (else the
    officer's current unit)."""
    from django.http import JsonResponse

    from danvan.units.access import access_unit_by_id

    wanted = request.POST.get("unit") or ""
    unit = access_unit_by_id(request.user, wanted) if wanted else current_unit(request)
    try:
        url = services.body_image_upload(actor=request.user, unit=unit, uploaded=request.FILES.get("image"))
    except DomainError as exc:
        return JsonResponse({"detail": exc.message}, status=400)
    return JsonResponse({"url": url})
