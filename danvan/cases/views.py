"""Public and officers' screens of the cases module (thin: parse → access → service/selector → render)."""

import unicodedata

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from danvan.access.mixins import citizen_required, officer_required
from danvan.access.policy import has_unit_perm, scope
from danvan.audit.selectors import audit_events_for
from danvan.citizens.area import render_area
from danvan.core.errors import DomainError, DomainErrors
from danvan.core.formatting import format_date, local_today
from danvan.core.forms import add_domain_error
from danvan.core.http import client_ip, download
from danvan.core.pagecache import public_page
from danvan.core.paging import paginate, query_without_page
from danvan.core.spreadsheets import XLSX
from danvan.core.text import normalize
from danvan.units.models import Unit
from danvan.units.picker import STEP, STEPS, PlacePicker
from danvan.units.selectors import unit_by_code
from danvan.web.context import current_unit

from . import selectors, services
from .access import access_attachment_by_id, access_case_by_id, access_own_case_by_code
from .forms import (
    KIND_HELP,
    OFFICER_CHANNELS,
    AcceptForm,
    AppealForm,
    AssignForm,
    DialogueForm,
    ExtendForm,
    InboxFilterForm,
    MergeForm,
    NoteForm,
    OfficerEntryForm,
    RateForm,
    ReasonForm,
    ResolutionDocumentForm,
    SubmitForm,
    TrackForm,
)
from .models import DONE_STATUSES, IN_PROGRESS_STATUSES, Case, Kind, Status

INBOX_COUNT_LIMIT = 1000  # an exact count of a province's cases costs more than the page
TRACKED_KEY = "cases_tracked"
SUBMITTED_KEY = "cases_submitted"
NOT_FOUND = "Không tìm thấy hồ sơ với mã và số điện thoại này"


def _ctx(request, **extra) -> dict:
    return {"nav_active": "cases", **extra}


def _ws_ctx(request, **extra) -> dict:
    return {"nav_active": "cases", "current_unit": current_unit(request), **extra}


def _client_ip(request) -> str:
    return client_ip(request)


def _form_error(form, exc: DomainError) -> None:
    add_domain_error(form, exc)


# ---------------------------------------------------------------- public


FIELD_OF = {"unit": "commune"}  # a service's field name → the form's


def _service_kwargs(data: dict) -> dict:
    """The form's cleaned data as `case_submit`'s keyword arguments (a field the form refused is empty)."""
    kwargs = {
        "kind": data.get("kind", ""),
        "title": data.get("title", ""),
        "content": data.get("content", ""),
        "unit": data.get("commune"),
        "hamlet": data.get("hamlet"),
        "field": data.get("field"),
        "place_address": data.get("place_address", ""),
        "name": data.get("name", ""),
        "address": data.get("address", ""),
        "phone": data.get("phone", ""),
        "email": data.get("email", ""),
        "decision_ref": data.get("decision_ref", ""),
        "act_known_on": data.get("act_known_on"),
        "consent_publish": data.get("consent_publish", False),
    }
    kwargs.update(
        {k: data[k] for k in ("channel", "received_on", "multi_site", "public_interest") if k in data}
    )
    return kwargs


def _form_errors(form, exc: DomainError) -> None:
    add_domain_error(form, exc, rename=FIELD_OF)


def _submit_form(form, *, actor, **extra) -> Case | None:
    """`case_submit` with a valid officer form; None (and every refusal on the form) when refused."""
    data = form.cleaned_data
    try:
        return services.case_submit(
            actor=actor,
            idempotency_key=data["token"] or None,
            attachments=data["attachments"],
            **_service_kwargs(data),
            **extra,
        )
    except DomainError as exc:
        _form_errors(form, exc)
        return None


def _unit_entry(code):
    """The unit a citizen starts the form from (`/don-vi/<code>/phan-anh/gui/`): its communes are offered;
    a unit no longer in force offers every commune, with a word about it."""
    if not code:
        return None, ""
    unit = unit_by_code(code)
    if unit is None or unit.is_organisation:
        raise Http404(_("Không tìm thấy đơn vị."))
    if not unit.is_valid_on(local_today()):
        return None, _(
            "%(unit)s đã hết hiệu lực sau khi sắp xếp đơn vị hành chính: hãy chọn xã, phường hiện nay."
        ) % {"unit": unit.name}
    return unit, ""


def _hold_notes(hold) -> list[str]:
    """What the form says about files accepted but not kept this round (they must be chosen again)."""
    why = {
        "full": _("đã đủ 3 tệp đính kèm"),
        "limit": _("đã giữ quá nhiều tệp từ địa chỉ này trong một giờ"),
        "no_token": _("trang không còn mã của biểu mẫu"),
    }
    return [
        _("Tệp “%(name)s” chưa được giữ lại (%(why)s): nếu cần, hãy chọn lại tệp này trước khi gửi.")
        % {"name": getattr(f, "name", ""), "why": why[reason]}
        for f, reason in hold.unkept
    ]


@never_cache
def submit(request, code=None):
    """The public form. Every field is checked in one round, the form's own checks and the service's; the
    files chosen are held across rounds (`services.attachments_hold`). The place is found in steps that work
    without JavaScript (`danvan.units.picker`): those rounds, and removing a held file, keep everything
    typed and refuse nothing."""
    within, notice = _unit_entry(code)
    citizen = request.user if getattr(request.user, "kind", None) == "citizen" else None
    post = request.POST if request.method == "POST" else None
    picker = PlacePicker(post, within=within)
    kwargs = {"picker": picker, "fields": selectors.fields()}
    token = (post.get("token") or "") if post is not None else ""
    hold = services.HoldResult(held=[], refused=[], unkept=[])
    status = 200
    if post is None:
        initial = {}
        if citizen is not None:
            initial = {"name": citizen.full_name, "phone": citizen.phone, "email": citizen.email}
        if request.GET.get("loai") in Kind.values:  # a link that names the kind (search, a unit's page)
            initial["kind"] = request.GET["loai"]
        form = SubmitForm(initial={**initial, **picker.initial()}, **kwargs)
    else:
        ip = _client_ip(request)
        hold = services.attachments_hold(token=token, files=request.FILES.getlist("attachments"), ip=ip)
        removed = post.get("bo-tep")
        if removed:
            services.held_attachment_remove(token=token, pk=removed)
        if removed or post.get(STEP) in STEPS:
            form = SubmitForm(initial={**post.dict(), **picker.initial()}, **kwargs)
        else:
            form = SubmitForm(post, request.FILES, **kwargs)
            case = _public_submit(request, form, hold, token, citizen, ip)
            if case is not None:
                return redirect("cases:submitted")
            status = 400
    kinds = [(value, label, KIND_HELP[value]) for value, label in form.fields["kind"].choices]
    return render(
        request,
        "cases/submit.html",
        _ctx(
            request,
            form=form,
            kinds=kinds,
            picker=picker,
            held=services.held_attachments(token),
            refused=[] if form.is_bound else [e.message for e in hold.refused],
            hold_notes=_hold_notes(hold),
            notice=notice,
            citizen=citizen,
        ),
        status=status,
    )


def _public_submit(request, form, hold, token, citizen, ip) -> Case | None:
    """Send the case when the form and the service accept everything; otherwise put every refusal of both
    on the form (the service's checks run even when the form's own failed)."""
    valid = form.is_valid()
    data = dict(form.cleaned_data)
    for error in hold.refused:
        form.add_error("attachments", error.message)
    if valid and not hold.refused:
        try:
            case = services.case_submit(
                actor=None,
                account=citizen,
                idempotency_key=data["token"] or None,
                held_token=token if services.held_token_ok(token) else "",
                attachments=[f for f, _reason in hold.unkept],
                ip=ip,
                **_service_kwargs(data),
            )
        except DomainError as exc:
            _form_errors(form, exc)
            return None
        request.session[SUBMITTED_KEY] = {
            "code": case.code,
            "as_feedback": data["kind"] == Kind.DENUNCIATION and case.kind == Kind.FEEDBACK,
        }
        tracked = set(request.session.get(TRACKED_KEY, []))
        tracked.add(case.pk)
        request.session[TRACKED_KEY] = sorted(tracked)[-20:]
        return case
    problems = services.case_check(**_service_kwargs(data))
    if problems:
        _form_errors(form, DomainErrors(problems))
    return None


@never_cache
def submitted(request):
    info = request.session.get(SUBMITTED_KEY)
    if not info:
        return redirect("cases:submit")
    return render(
        request, "cases/submitted.html", _ctx(request, code=info["code"], as_feedback=info["as_feedback"])
    )


def _tracked(request) -> set:
    return set(request.session.get(TRACKED_KEY, []))


def _own_case(request, code) -> Case:
    """The case `code` when this browser has proved it may follow it (code + phone earlier in the session,
    or a case without a phone); 404 otherwise."""
    case = selectors.case_by_code(code)
    if case is None or (case.pk not in _tracked(request) and case.contact_digest):
        raise Http404
    return case


@never_cache
def track(request):
    code = (request.GET.get("ma") or "").strip().upper()
    case = None
    form = TrackForm(initial={"code": code})
    rate_form = None
    status = 200
    appeal_form = None
    if request.method == "POST" and request.POST.get("action") == "appeal":
        case = _own_case(request, request.POST.get("code"))
        appeal_form = AppealForm(request.POST)
        if appeal_form.is_valid():
            try:
                appeal = services.case_appeal(
                    actor=None,
                    first_instance=case,
                    content=appeal_form.cleaned_data["content"],
                    idempotency_key=appeal_form.cleaned_data["token"] or None,
                )
            except DomainError as exc:
                _form_error(appeal_form, exc)
            else:
                request.session[TRACKED_KEY] = sorted(_tracked(request) | {appeal.pk})[-20:]
                messages.success(
                    request,
                    _("Đã tiếp nhận đơn khiếu nại lần hai, mã hồ sơ %(code)s. Hồ sơ do %(unit)s giải quyết.")
                    % {"code": appeal.code, "unit": appeal.unit.name},
                )
                return redirect(reverse("cases:track") + f"?ma={appeal.code}")
        status = 400
    elif request.method == "POST" and request.POST.get("action") == "rate":
        case = _own_case(request, request.POST.get("code"))
        rate_form = RateForm(request.POST)
        if rate_form.is_valid():
            try:
                services.case_rate(case=case, **rate_form.cleaned_data)
            except DomainError as exc:
                _form_error(rate_form, exc)
            else:
                messages.success(request, _("Cảm ơn bạn đã đánh giá kết quả giải quyết."))
                return redirect(reverse("cases:track") + f"?ma={case.code}")
        status = 400
    elif request.method == "POST":
        form = TrackForm(request.POST)
        status = 400
        if form.is_valid():
            ip = _client_ip(request)
            try:
                services.check_rate(
                    "track",
                    ip,
                    services.TRACK_LIMIT_PER_IP,
                    "Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau {minutes} phút.",
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                services.count_rate("track", ip, services.TRACK_LIMIT_PER_IP)
                found = selectors.track(form.cleaned_data["code"], form.cleaned_data["contact"])
                if found is None:
                    form.add_error(None, _(NOT_FOUND))
                else:
                    request.session[TRACKED_KEY] = sorted(_tracked(request) | {found.pk})[-20:]
                    return redirect(reverse("cases:track") + f"?ma={found.code}")
    if case is None and code:
        found = selectors.case_by_code(code)
        if found is not None and (found.pk in _tracked(request) or not found.contact_digest):
            case = found
    if case is not None and rate_form is None and case.status in DONE_STATUSES and case.rating is None:
        if case.pk in _tracked(request) or not case.contact_digest:
            rate_form = RateForm()
    if case is not None and appeal_form is None and services.may_appeal(case):
        if case.pk in _tracked(request) or not case.contact_digest:
            appeal_form = AppealForm()
    return render(
        request,
        "cases/track.html",
        _ctx(
            request,
            form=form,
            case=case,
            events=selectors.public_events(case) if case else [],
            rate_form=rate_form,
            appeal_form=appeal_form,
            appeal_window=(services.appeal_window(case) or (None, None))[1] if appeal_form else None,
            appeals=list(case.appeals.only("code", "status")) if case else [],
        ),
        status=status,
    )


# ---------------------------------------------------------------- the citizen's area


@citizen_required()
def my_cases(request):
    """Cases filed from the account and those sent with its verified phone."""
    page = paginate(request, selectors.cases_of(request.user))
    return render_area(
        request,
        "cases/area_cases.html",
        {"page": page, "page_query": query_without_page(request)},
        active="ho-so",
    )


@citizen_required()
def my_case(request, code):
    """One of them with its public timeline, as the tracking page shows it (which then opens it, with its
    rating and second-instance forms, without asking for the phone)."""
    case = access_own_case_by_code(request.user, code)
    request.session[TRACKED_KEY] = sorted(_tracked(request) | {case.pk})[-20:]
    return render_area(
        request,
        "cases/area_case.html",
        {
            "case": case,
            "events": selectors.public_events(case),
            "appeals": list(case.appeals.only("code", "status")),
            "may_rate": case.status in DONE_STATUSES and case.rating is None,
            "may_appeal": services.may_appeal(case),
        },
        active="ho-so",
    )


# ---------------------------------------------------------------- officers


def _inbox_units(request):
    """Units offered in the inbox filter: the officer's units and their direct children."""
    unit = current_unit(request)
    if unit is None:
        return []
    return [unit, *Unit.objects.filter(parent=unit).natural()]


def _inbox_filters(request):
    """The inbox's filter form, the unit looked at (the chosen one, else the current one) and the filters."""
    form = InboxFilterForm(request.GET or None, fields=selectors.fields(), units=_inbox_units(request))
    values = form.values()
    unit = values.pop("unit") or current_unit(request)
    return form, unit, values


@officer_required("cases.view")
def inbox(request):
    form, unit, values = _inbox_filters(request)
    qs = selectors.officer_inbox(request.user, unit=unit, **values)
    page = paginate(request, qs, count_limit=INBOX_COUNT_LIMIT)
    return render(
        request,
        "cases/ws_inbox.html",
        _ws_ctx(
            request,
            page=page,
            rows=_list_rows(page.object_list, title_width=90, unit_column=True, status_badge=True),
            page_query=query_without_page(request),
            form=form,
            today=local_today(),
            filtered=any(v for v in values.values()),
        ),
    )


# the case lists' column headings, also each cell's data-label (the table-stack layout on phones)
ROW_LABELS = {
    "code": gettext_noop("Mã"),
    "kind": gettext_noop("Loại"),
    "title": gettext_noop("Tiêu đề"),
    "unit": gettext_noop("Đơn vị"),
    "status": gettext_noop("Trạng thái"),
    "due": gettext_noop("Hạn"),
}


def _short(text: str, width: int) -> str:
    """`{{ text|truncatechars:width }}` without the Truncator when the text is short enough (most titles):
    Truncator returns such a text unchanged (NFC), and it was a fifth of the overdue board's rendering."""
    return unicodedata.normalize("NFC", text) if len(text) <= width else Truncator(text).chars(width)


def _list_rows(cases, *, title_width: int, unit_column: bool, status_badge: bool) -> list:
    """The officers' case lists (inbox, overdue board): each case's table row written here once per page as
    the template wrote it (as `core.widgets.FastSelect` does for `<option>`s). Profiled, the row's
    template work was most of the page: six `{% translate %}` for the phone layout's data-labels,
    `{% url 'cases:detail' %}`, `{% include "cases/_due.html" %}`, `get_kind_display`/`get_status_display`
    (the choices dict rebuilt at every call), `truncatechars` and a dozen variable lookups. Here: the labels
    translated once, the link from one `reverse()` (the pk is its last segment), one dict per choice list,
    the title cut only when it must be; every text escaped. `c.row_html` is the `<tr>`."""
    cases = list(cases)
    if not cases:
        return cases
    prefix = reverse("cases:detail", args=[0]).removesuffix("0/")
    kinds = {k: str(v) for k, v in Kind.choices}
    statuses = {k: str(v) for k, v in Status.choices}
    label = {k: escape(_(v)) for k, v in ROW_LABELS.items()}
    late = f' <span class="badge badge-red">{escape(_("Quá hạn"))}</span>'
    today = local_today()
    for c in cases:
        due = getattr(c, "due", None)
        if due:
            overdue = due < today
            due_html = (
                f'<span class="{"case-overdue" if overdue else ""}">{escape(format_date(due))}'
                f"{late if overdue else ''}</span>"
            )
        else:
            due_html = "—"
        status = escape(statuses.get(c.status, c.status))
        cells = [
            f'<td data-label="{label["code"]}"><a href="{escape(f"{prefix}{c.pk}/")}">{escape(c.code)}</a></td>',
            f'<td data-label="{label["kind"]}">{escape(kinds.get(c.kind, c.kind))}</td>',
            f'<td data-label="{label["title"]}">{escape(_short(c.title, title_width))}</td>',
        ]
        if unit_column:
            cells.append(f'<td data-label="{label["unit"]}">{escape(c.unit.name)}</td>')
        cells += [
            f'<td data-label="{label["status"]}">'
            + (f'<span class="badge">{status}</span>' if status_badge else status)
            + "</td>",
            f'<td data-label="{label["due"]}">{due_html}</td>',
        ]
        c.row_html = mark_safe(f"<tr>{''.join(cells)}</tr>")  # every piece above is escaped
    return cases


@officer_required("cases.view")
def inbox_xlsx(request):
    """The inbox, with its filters, as the register of cases (XLSX)."""
    _form, unit, values = _inbox_filters(request)
    filters = query_without_page(request)
    try:
        data = services.export_register(
            actor=request.user,
            unit=unit,
            cases=selectors.inbox_export(request.user, unit=unit, **values),
            filters=filters,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("cases:inbox") + (f"?{filters}" if filters else ""))
    name = f"don-thu-{unit.code if unit else 'tat-ca'}-{local_today():%Y%m%d}.xlsx"
    return download(data, name, XLSX)


@officer_required("cases.view")
def overdue(request):
    try:
        within = max(0, min(60, int(request.GET.get("ngay") or 3)))
    except ValueError:
        within = 3
    board = selectors.overdue_board(request.user, unit=current_unit(request), within=within)
    # once for the whole board (the labels translated once, not once per unit): it sets each case's row_html
    _list_rows(
        [c for row in board.rows for c in row.cases], title_width=80, unit_column=False, status_badge=False
    )
    return render(
        request,
        "cases/ws_overdue.html",
        _ws_ctx(request, board=board, rows=board.rows, within=within, today=local_today()),
    )


@officer_required("cases.handle")
def entry(request):
    """An officer enters a case received at a reception session, by letter, by phone or from another body."""
    units, hamlets = selectors.entry_units(request.user)
    kwargs = {"communes": units, "hamlets": hamlets, "fields": selectors.fields()}
    if request.method == "POST":
        form = OfficerEntryForm(request.POST, request.FILES, **kwargs)
    else:
        here = current_unit(request)
        form = OfficerEntryForm(
            initial={
                "channel": "reception",
                "received_on": local_today(),
                "commune": str(here.pk) if here is not None and here in units else "",
            },
            **kwargs,
        )
    if request.method == "POST" and form.is_valid():
        case = _submit_form(form, actor=request.user)
        if case is not None:
            messages.success(
                request,
                _("Đã tiếp nhận hồ sơ %(code)s. Mã tra cứu đã được gửi cho người dân (nếu có số điện thoại).")
                % {"code": case.code},
            )
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/ws_entry.html",
        _ws_ctx(request, form=form),
        status=400 if request.method == "POST" else 200,
    )


def allowed_actions(user, case: Case) -> set[str]:
    handle = has_unit_perm(user, "cases.handle", case.unit)
    resolve = has_unit_perm(user, "cases.resolve", case.unit)
    acts: set[str] = set()
    s = case.status
    if handle and case.is_open:
        acts.add("assign")
    if handle and s in (Status.RECEIVED, Status.TRANSFERRED):
        acts |= {"accept", "decline", "transfer", "merge"}
    if handle and s in (Status.ACCEPTED, Status.DIALOGUE):
        acts.add("verify")
    if handle and s in IN_PROGRESS_STATUSES:
        acts |= {"dialogue", "merge"}
    if resolve and s in IN_PROGRESS_STATUSES:
        acts.add("resolve")
        if case.kind == Kind.DENUNCIATION:
            acts.add("extend")
    if resolve and s in (Status.RESOLVED, Status.DECLINED):
        acts.add("close")
    if resolve and s in (Status.RESOLVED, Status.CLOSED, Status.DECLINED):
        acts.add("reopen")
    if services.may_appeal(case) and (
        handle or (case.unit.parent_id and has_unit_perm(user, "cases.handle", case.unit.parent))
    ):
        acts.add("appeal")
    return acts


@officer_required("cases.view")
def detail(request, pk):
    case = access_case_by_id(request.user, pk)
    acts = allowed_actions(request.user, case)
    return render(
        request,
        "cases/ws_detail.html",
        _ws_ctx(
            request,
            case=case,
            acts=acts,
            events=selectors.timeline(case),
            attachments=list(case.attachments.all()),
            duplicates=services.likely_duplicates(case) if "merge" in acts else [],
            can_reveal=case.kind == Kind.DENUNCIATION and services.may_reveal_identity(request.user, case),
            assign_form=AssignForm(officers=selectors.case_handlers(case.unit)) if "assign" in acts else None,
            accept_form=AcceptForm(initial={"is_complex": case.is_complex}),
            reason_form=ReasonForm(),
            note_form=NoteForm(),
            dialogue_form=DialogueForm(initial={"held_on": local_today()}),
            dialogues=list(case.dialogues.all()),
            extend_form=ExtendForm(),
            resolve_form=ResolutionDocumentForm(initial={"document_date": local_today()}),
            merge_form=MergeForm(auto_id="merge_%s"),
            appeal_form=AppealForm(),
            officer_channels=OFFICER_CHANNELS,
            transfer_targets=selectors.transfer_targets(case) if "transfer" in acts else [],
            appeals=list(case.appeals.only("pk", "code", "status")),
            audit_events=audit_events_for(case, user=request.user, unit=case.unit),
            today=local_today(),
        ),
    )


def _errors_text(form) -> str:
    """A form's errors in one message, each after its field's label ("Ngày đối thoại: …")."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return " ".join(parts)


def _run(request, case: Case, action: str):
    """Call the service for `action` with the POSTed form; returns an error message or None."""
    post = request.POST
    user = request.user
    if action == "assign":
        form = AssignForm(post, officers=selectors.case_handlers(case.unit))
        if not form.is_valid() or form.cleaned_data["handler"] is None:
            return _("Vui lòng chọn cán bộ xử lý.")
        services.case_assign(actor=user, case=case, handler=form.cleaned_data["handler"])
    elif action == "accept":
        form = AcceptForm(post)
        form.is_valid()
        services.case_accept(
            actor=user,
            case=case,
            is_complex=form.cleaned_data.get("is_complex"),
            note=form.cleaned_data.get("note", ""),
        )
    elif action in ("decline", "reopen"):
        form = ReasonForm(post)
        if not form.is_valid():
            return _("Vui lòng nhập lý do, căn cứ pháp lý.")
        if action == "decline":
            if not form.cleaned_data["confirm"]:
                return _("Vui lòng đánh dấu xác nhận trước khi từ chối thụ lý.")
            services.case_decline(actor=user, case=case, reason=form.cleaned_data["reason"])
        else:
            services.case_reopen(actor=user, case=case, reason=form.cleaned_data["reason"])
    elif action == "transfer":
        wanted = (post.get("to_unit") or "").strip()
        target = unit_by_code(wanted) if wanted else None
        if target is None and wanted:
            by_name = [u for u in selectors.transfer_targets(case) if normalize(u.name) == normalize(wanted)]
            target = by_name[0] if len(by_name) == 1 else None
        if target is None:
            return _(
                "Không tìm thấy đơn vị nhận. Vui lòng chọn đơn vị trong danh sách gợi ý hoặc nhập đúng mã."
            )
        services.case_transfer(actor=user, case=case, to_unit=target, reason=post.get("reason", ""))
    elif action == "verify":
        services.case_start_verification(actor=user, case=case, note=post.get("note", ""))
    elif action == "dialogue":
        form = DialogueForm(post, request.FILES)
        if not form.is_valid():
            return _errors_text(form)
        services.case_hold_dialogue(actor=user, case=case, **form.cleaned_data)
    elif action == "extend":
        form = ExtendForm(post)
        if not form.is_valid():
            return _("Vui lòng chọn mức độ và nhập lý do gia hạn.")
        services.case_extend(actor=user, case=case, **form.cleaned_data)
    elif action == "resolve":
        form = ResolutionDocumentForm(post, request.FILES)
        if not form.is_valid():
            if "answer" in form.errors:
                return _("Vui lòng nhập nội dung trả lời, quyết định giải quyết.")
            return _errors_text(form)
        services.case_resolve(actor=user, case=case, **form.cleaned_data)
    elif action == "close":
        if not post.get("confirm"):
            return _("Vui lòng đánh dấu xác nhận trước khi đóng hồ sơ.")
        services.case_close(actor=user, case=case, note=post.get("note", ""))
    elif action == "appeal":
        form = AppealForm(post)
        if not form.is_valid():
            return _("Vui lòng nhập nội dung khiếu nại lần hai.")
        services.case_appeal(
            actor=user,
            first_instance=case,
            content=form.cleaned_data["content"],
            channel=post.get("channel") if post.get("channel") in dict(OFFICER_CHANNELS) else "reception",
            idempotency_key=form.cleaned_data["token"] or None,
        )
    elif action == "merge":
        form = MergeForm(post)
        if not form.is_valid() or not form.cleaned_data["confirm"]:
            return _("Vui lòng nhập mã hồ sơ chính và đánh dấu xác nhận gộp.")
        primary = Case.objects.filter(code=form.cleaned_data["primary"].strip().upper()).first()
        primary = scope(Case.objects.filter(pk=primary.pk), user, "cases.handle").first() if primary else None
        if primary is None:
            return _("Không tìm thấy hồ sơ chính với mã này.")
        services.case_merge(actor=user, duplicate=case, primary=primary, note=post.get("note", ""))
    else:
        raise Http404
    return None


ACTION_DONE = {
    "assign": "Đã phân công cán bộ xử lý.",
    "accept": "Đã thụ lý hồ sơ.",
    "decline": "Đã từ chối thụ lý và báo cho người gửi.",
    "transfer": "Đã chuyển hồ sơ đến đơn vị có thẩm quyền.",
    "verify": "Đã chuyển sang xác minh.",
    "dialogue": "Đã ghi nhận buổi đối thoại.",
    "extend": "Đã gia hạn giải quyết.",
    "resolve": "Đã lưu kết quả giải quyết và báo cho người gửi.",
    "close": "Đã đóng hồ sơ.",
    "reopen": "Đã mở lại hồ sơ.",
    "merge": "Đã gộp hồ sơ.",
    "appeal": "Đã tiếp nhận khiếu nại lần hai; hồ sơ mới thuộc đơn vị cấp trên.",
}


@officer_required("cases.view")
@require_POST
def action(request, pk, name):
    case = access_case_by_id(request.user, pk)
    if name not in allowed_actions(request.user, case):
        messages.error(request, _("Thao tác này không thực hiện được với hồ sơ ở trạng thái hiện tại."))
        return redirect("cases:detail", pk=case.pk)
    try:
        error = _run(request, case, name)
    except DomainError as exc:
        error = exc.message
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _(ACTION_DONE[name]))
    if (
        name == "transfer"
        and not error
        and not has_unit_perm(request.user, "cases.view", Case.objects.get(pk=pk).unit)
    ):
        return redirect("cases:inbox")
    appeal = case.appeals.select_related("unit").order_by("-pk").first() if name == "appeal" else None
    if appeal is not None and not error and has_unit_perm(request.user, "cases.view", appeal.unit):
        return redirect("cases:detail", pk=appeal.pk)
    return redirect("cases:detail", pk=case.pk)


@officer_required("cases.view")
@require_POST
@never_cache
def reveal(request, pk):
    """The denouncer's identity on its own response (not cached), audited; 404 for anyone not allowed."""
    case = access_case_by_id(request.user, pk)
    if not services.may_reveal_identity(request.user, case):
        raise Http404
    identity = services.reveal_identity(actor=request.user, case=case)
    return render(request, "cases/ws_identity.html", _ws_ctx(request, case=case, identity=identity))


@officer_required("cases.view")
def attachment(request, pk):
    a = access_attachment_by_id(request.user, pk)
    response = FileResponse(
        services.attachment_open(actor=request.user, attachment=a),
        as_attachment=True,
        filename=a.original_name,
        content_type=a.content_type,
    )
    response["Cache-Control"] = "no-store, private"
    return response


def _document_response(opened, name: str):
    response = FileResponse(opened, as_attachment=True, filename=name)
    response["Cache-Control"] = "no-store, private"
    return response


@officer_required("cases.view")
def resolution_file(request, pk):
    """The resolution document (decision, conclusion or answer) of a case, for officers; audited."""
    case = access_case_by_id(request.user, pk)
    if not case.resolution_file:
        raise Http404
    return _document_response(
        services.resolution_open(actor=request.user, case=case), case.resolution_file_name or "van-ban.pdf"
    )


@officer_required("cases.view")
def dialogue_minutes(request, pk, dialogue_pk):
    """The minutes of one of the case's dialogues, for officers; audited."""
    case = access_case_by_id(request.user, pk)
    record = case.dialogues.filter(pk=dialogue_pk).first()
    if record is None or not record.minutes:
        raise Http404
    return _document_response(
        services.minutes_open(actor=request.user, dialogue=record), record.minutes_name or "bien-ban.pdf"
    )


@never_cache
def track_resolution_file(request, code):
    """The resolution document for the citizen who followed the case with its code and phone in this
    session; never for a denunciation (the conclusion is told to the denouncer, its file stays with the
    officers)."""
    case = _own_case(request, code)
    if not case.resolution_file or case.kind == Kind.DENUNCIATION or case.status not in DONE_STATUSES:
        raise Http404
    return _document_response(
        services.resolution_open(actor=None, case=case), case.resolution_file_name or "van-ban.pdf"
    )


# ---------------------------------------------------------------- published answers (portal)


@public_page("answers", "units")
def answers(request):
    """Answers to feedback and petitions of public interest, published with the citizen's consent."""
    fields = selectors.fields()
    field = {str(f.pk): f for f in fields}.get(request.GET.get("linh-vuc") or "")
    q = (request.GET.get("q") or "").strip()[:100]
    unit = None
    code = (request.GET.get("don-vi") or "").strip()
    if code:
        unit = unit_by_code(code)
    page = paginate(request, selectors.published_answers(unit=unit, field=field, q=q))
    page.object_list = selectors.as_public_answers(page.object_list)
    return render(
        request,
        "cases/answers.html",
        _ctx(
            request,
            page=page,
            page_query=query_without_page(request),
            fields=fields,
            field=field,
            q=q,
            unit=unit,
        ),
    )


@public_page("answers", "units")
def answer(request, code):
    case = selectors.published_answer(code)
    if case is None:
        raise Http404(_("Không tìm thấy câu trả lời."))
    return render(request, "cases/answer.html", _ctx(request, item=selectors.as_public_answers([case])[0]))
