"""Public and officers' screens of citizen reception (thin: parse → access → service/selector → render)."""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import officer_required
from danvan.access.policy import has_unit_perm
from danvan.cases.access import access_case_by_code
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.core.formatting import local_today
from danvan.core.forms import add_domain_error, run_form
from danvan.core.http import search_words
from danvan.core.pagecache import public_page
from danvan.core.paging import paginate, query_without_page
from danvan.units.models import Unit
from danvan.units.selectors import unit_by_code
from danvan.web.context import current_unit

from . import ics, selectors, services
from .access import (
    access_agenda_item_by_id,
    access_commitment_by_id,
    access_dialogue_by_id,
    access_schedule_by_id,
    access_session_by_id,
)
from .forms import (
    AgendaCaseForm,
    AgendaTopicForm,
    AnswerForm,
    CancelForm,
    CommitmentForm,
    CommitmentProgressForm,
    DialogueAddForm,
    DialogueCancelForm,
    DialogueForm,
    HoldForm,
    ScheduleForm,
    SessionForm,
    VisitForm,
)
from .models import DialogueStatus, HostRole, SessionStatus
from .views_documents import commitment_update_with_file

ICS_PAST_DAYS, ICS_FUTURE_DAYS = 31, 366


def _month(request) -> tuple[dt.date, dt.date]:
    raw = request.GET.get("thang") or ""
    try:
        year, month = (int(x) for x in raw.split("-", 1))
        return selectors.month_range(year, month)
    except (TypeError, ValueError):
        today = local_today()
        return selectors.month_range(today.year, today.month)


def _neighbours(start: dt.date) -> tuple[str, str]:
    prev_ = (start - dt.timedelta(days=1)).strftime("%Y-%m")
    next_ = (start + dt.timedelta(days=32)).strftime("%Y-%m")
    return prev_, next_


def _by_day(sessions) -> list[tuple[dt.date, list]]:
    days: dict[dt.date, list] = {}
    for s in sessions:
        days.setdefault(s.day, []).append(s)
    return list(days.items())


# ---------------------------------------------------------------- public


PUBLIC_PER_PAGE = 60  # reception days a page (a province announces thousands a month)
PUBLIC_DIALOGUES_PER_PAGE = 30  # dialogues a page (every commune of a province may hold some in a month)
DIALOGUE_PAGE = "trang-doi-thoai"  # the dialogues' own page number, beside the days' "trang"
UNIT_LIST_ALL = 30  # at most this many units with days in the month are offered as a list; more: a search


@public_page("dialogues", "units")
def public_schedule(request):
    """Reception days by unit and month: readable on a phone, without JavaScript, and bounded at a province's
    scale — the days are paged, and the units are offered as a list only when few have days this month
    (otherwise found by name, diacritics ignored)."""
    start, end = _month(request)
    code = request.GET.get("don-vi") or ""
    unit = unit_by_code(code) if code else None
    if code and unit is None:
        raise Http404("Không tìm thấy đơn vị.")
    page = paginate(request, selectors.public_sessions(unit, start, end), PUBLIC_PER_PAGE)
    unit_ids = selectors.public_session_units(start, end)
    query = search_words(request, "tim")
    units, found = [], []
    if len(unit_ids) <= UNIT_LIST_ALL:
        units = list(Unit.objects.filter(pk__in=unit_ids).natural()) if unit_ids else []
    elif query:
        found = selectors.units_with_days_named(query, unit_ids)
    prev_month, next_month = _neighbours(start)
    return render(
        request,
        "dialogues/public_schedule.html",
        {
            "nav_active": "dialogues",
            "unit": unit,
            "units": units,
            "unit_search": len(unit_ids) > UNIT_LIST_ALL,
            "query": query,
            "found": found,
            "start": start,
            "page": page,
            "page_query": query_without_page(request),
            "days": _by_day(page.object_list),
            "dialogues": paginate(
                request,
                selectors.public_dialogues(unit, start, end),
                PUBLIC_DIALOGUES_PER_PAGE,
                param=DIALOGUE_PAGE,
            ),
            "dialogue_query": query_without_page(request, DIALOGUE_PAGE),
            "month_value": start.strftime("%Y-%m"),
            "prev_month": prev_month,
            "next_month": next_month,
            "today": local_today(),
        },
    )


def public_ics(request, code):
    """The unit's reception days as an iCalendar feed (RFC 5545)."""
    unit = unit_by_code(code)
    if unit is None:
        raise Http404("Không tìm thấy đơn vị.")
    today = local_today()
    sessions = selectors.public_sessions(
        unit, today - dt.timedelta(days=ICS_PAST_DAYS), today + dt.timedelta(days=ICS_FUTURE_DAYS)
    ).filter(unit=unit)
    host = request.get_host().split(":")[0] or "danvan"
    events = [
        {
            "uid": f"tiep-cong-dan-{s.pk}@{host}",
            "day": s.day,
            "start": s.start_time,
            "end": s.end_time,
            "summary": _("Tiếp công dân: %(host)s %(name)s")
            % {"host": s.get_host_role_display(), "name": s.host_name},
            "location": s.place,
            "description": s.cancel_reason if s.is_cancelled else unit.name,
            "cancelled": s.is_cancelled,
        }
        for s in sessions
    ]
    dialogues = selectors.public_dialogues(
        unit, today - dt.timedelta(days=ICS_PAST_DAYS), today + dt.timedelta(days=ICS_FUTURE_DAYS)
    ).filter(unit=unit)
    events += [
        {
            "uid": f"doi-thoai-{d.pk}@{host}",
            "day": d.day,
            "start": d.start_time,
            "end": (dt.datetime.combine(d.day, d.start_time) + dt.timedelta(hours=3)).time(),
            "summary": _("Hội nghị đối thoại: %(topic)s") % {"topic": d.topic},
            "location": d.place,
            "description": f"{d.host_role} {d.host_name}",
            "cancelled": False,
        }
        for d in dialogues
    ]
    body = ics.calendar(_("Lịch tiếp công dân — %(unit)s") % {"unit": unit.name}, events)
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="tiep-cong-dan-{unit.code}.ics"'
    return response


# ---------------------------------------------------------------- officers


def _ws(request, **extra) -> dict:
    return {"nav_active": "reception", "current_unit": current_unit(request), **extra}


def _unit_or_404(request, perm="reception.view"):
    unit = current_unit(request)
    if unit is None or not has_unit_perm(request.user, perm, unit):
        raise Http404("Không tìm thấy trang.")
    return unit


WS_DAYS_PER_PAGE = 60  # a province's officer sees every commune's days of the month: paged, never all inline


@officer_required("reception.view")
def ws_home(request):
    """The unit's reception: compliance for the month and the half-year, the month's days, the schedules."""
    unit = _unit_or_404(request)
    start, end = _month(request)
    half = selectors.half_year_range(start.year, 1 if start.month <= 6 else 2)
    page = paginate(request, selectors.officer_sessions(request.user, unit, start, end), WS_DAYS_PER_PAGE)
    prev_month, next_month = _neighbours(start)
    return render(
        request,
        "dialogues/ws_home.html",
        _ws(
            request,
            unit=unit,
            start=start,
            month=selectors.compliance(unit, start, end),
            half=selectors.compliance(unit, *half),
            half_start=half[0],
            days=_by_day(page.object_list),
            page=page,
            page_query=query_without_page(request),
            schedules=list(selectors.officer_schedules(request.user, unit).filter(unit=unit)),
            month_value=start.strftime("%Y-%m"),
            prev_month=prev_month,
            next_month=next_month,
            may_manage=has_unit_perm(request.user, "reception.manage", unit),
            today=local_today(),
        ),
    )


@officer_required("reception.manage")
def ws_schedule_add(request):
    unit = _unit_or_404(request, "reception.manage")
    form = ScheduleForm(request.POST or None, initial={"valid_from": local_today()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        until = data.pop("publish_until")
        try:
            schedule = services.schedule_create(actor=request.user, unit=unit, **data)
            made = None
            if until:
                made = services.sessions_generate(
                    actor=request.user, schedule=schedule, start=schedule.valid_from, end=until
                )
        except DomainError as exc:
            add_domain_error(form, exc, rename={"end": "publish_until"})
        else:
            if made is not None:
                messages.success(
                    request,
                    _("Đã lập lịch và công bố %(n)s ngày tiếp.") % {"n": len(made.created)},
                )
            else:
                messages.success(request, _("Đã lập lịch tiếp công dân."))
            return redirect("dialogues:ws_home")
    return render(
        request,
        "dialogues/ws_schedule_form.html",
        _ws(request, form=form, unit=unit),
        status=400 if request.method == "POST" else 200,
    )


@officer_required("reception.manage")
@require_POST
def ws_schedule_publish(request, pk):
    schedule = access_schedule_by_id(request.user, pk, "reception.manage")
    try:
        until = dt.date.fromisoformat(request.POST.get("until") or "")
    except ValueError:
        messages.error(request, _("Vui lòng chọn ngày công bố đến."))
        return redirect("dialogues:ws_home")
    try:
        made = services.sessions_generate(
            actor=request.user, schedule=schedule, start=local_today(), end=until
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã công bố %(n)s ngày tiếp.") % {"n": len(made.created)})
        for slot, reason in made.skipped:
            messages.warning(
                request,
                _("Ngày %(day)s là ngày nghỉ (%(reason)s), không còn ngày làm việc để dời lịch.")
                % {"day": slot.strftime("%d/%m/%Y"), "reason": reason},
            )
    return redirect("dialogues:ws_home")


@officer_required("reception.manage")
def ws_session_add(request):
    unit = _unit_or_404(request, "reception.manage")
    form = SessionForm(request.POST or None, initial={"host_role": HostRole.COMMUNE_CHAIR})
    if run_form(
        request,
        form,
        lambda **data: services.session_add(actor=request.user, unit=unit, **data),
        _("Đã thêm ngày tiếp công dân."),
    ):
        return redirect("dialogues:ws_home")
    return render(
        request,
        "dialogues/ws_session_form.html",
        _ws(request, form=form, unit=unit),
        status=400 if request.method == "POST" else 200,
    )


@officer_required("reception.manage")
def ws_session_cancel(request, pk):
    session = access_session_by_id(request.user, pk, "reception.manage")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            replacement = services.session_cancel(actor=request.user, session=session, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            if replacement is not None:
                messages.success(
                    request,
                    _("Đã huỷ buổi tiếp và bố trí ngày %(day)s thay thế.")
                    % {"day": replacement.day.strftime("%d/%m/%Y")},
                )
            else:
                messages.success(request, _("Đã huỷ buổi tiếp."))
            return redirect("dialogues:ws_home")
    return render(
        request,
        "dialogues/ws_session_cancel.html",
        _ws(request, form=form, session=session, cancelled=session.status == SessionStatus.CANCELLED),
        status=400 if request.method == "POST" else 200,
    )


def _ws_list(request, template: str, rows_of):
    """A paged list of the current unit's rows (`rows_of(user, unit)`), saying whether the officer may manage."""
    unit = _unit_or_404(request)
    page = paginate(request, rows_of(request.user, unit))
    return render(
        request,
        template,
        _ws(
            request,
            unit=unit,
            page=page,
            page_query=query_without_page(request),
            may_manage=has_unit_perm(request.user, "reception.manage", unit),
        ),
    )


@officer_required("reception.view")
def ws_visits(request):
    return _ws_list(request, "dialogues/ws_visits.html", selectors.officer_visits)


@officer_required("reception.manage")
def ws_visit_add(request):
    """The reception-log entry screen: one form, usable on a phone, that opens the case in the same step."""
    unit = _unit_or_404(request, "reception.manage")
    form = VisitForm(
        request.POST or None,
        initial={"visited_on": local_today(), "receiver_name": request.user.full_name, "people": 1},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        code = data.pop("case_code", "").strip()
        case = None
        if code:
            try:
                case = access_case_by_code(request.user, code)
            except NotFoundOrForbidden:
                form.add_error("case_code", _("Không tìm thấy hồ sơ với mã này trong phạm vi của bạn."))
        if not form.errors:
            try:
                visit = services.visit_log(actor=request.user, unit=unit, case=case, **data)
            except DomainError as exc:
                add_domain_error(form, exc, rename={"case": "case_code"})
            else:
                if visit.case is not None:
                    messages.success(
                        request,
                        _("Đã ghi sổ tiếp công dân, hồ sơ %(code)s.") % {"code": visit.case.code},
                    )
                else:
                    messages.success(request, _("Đã ghi sổ tiếp công dân."))
                return redirect("dialogues:ws_visits")
    return render(
        request,
        "dialogues/ws_visit_form.html",
        _ws(request, form=form, unit=unit),
        status=400 if request.method == "POST" and form.errors else 200,
    )


# ---------------------------------------------------------------- dialogue conferences and commitments


@public_page("dialogues", "units")
def public_dialogue(request, held):
    """A held dialogue: summary, what was said and answered per item (never a denunciation, no names),
    the commitments and their status."""
    dialogue = selectors.public_dialogue(held)
    if dialogue is None:
        raise Http404("Không tìm thấy hội nghị đối thoại.")
    return render(
        request,
        "dialogues/public_dialogue.html",
        {
            "nav_active": "dialogues",
            "dialogue": dialogue,
            "items": selectors.public_agenda(dialogue),
            "commitments": dialogue.commitments.order_by("due", "pk"),
            "today": local_today(),
        },
    )


def _form_page(request, form, *, title, button, back, intro="", status=None, **extra):
    return render(
        request,
        "dialogues/ws_form_page.html",
        _ws(request, form=form, title=title, button=button, back=back, intro=intro, **extra),
        status=status or (400 if request.method == "POST" and form.errors else 200),
    )


@officer_required("reception.view")
def ws_dialogues(request):
    return _ws_list(request, "dialogues/ws_dialogues.html", selectors.officer_dialogues)


@officer_required("reception.manage")
def ws_dialogue_add(request):
    unit = _unit_or_404(request, "reception.manage")
    form = DialogueAddForm(request.POST or None, initial={"day": local_today(), "start_time": dt.time(8, 0)})
    if dialogue := run_form(
        request,
        form,
        lambda **data: services.dialogue_create(actor=request.user, unit=unit, **data),
        _("Đã lên kế hoạch hội nghị đối thoại; hãy thêm nội dung đối thoại."),
    ):
        return redirect("dialogues:ws_dialogue", dialogue=dialogue.pk)
    return _form_page(
        request,
        form,
        title=_("Lên kế hoạch hội nghị đối thoại"),
        button=_("Lưu"),
        back=reverse("dialogues:ws_dialogues"),
        intro=unit.name,
    )


@officer_required("reception.manage")
def ws_dialogue_edit(request, dialogue):
    d = access_dialogue_by_id(request.user, dialogue, "reception.manage")
    initial = {f: getattr(d, f) for f in DialogueForm.base_fields}
    form = DialogueForm(request.POST or None, initial=initial)
    if run_form(
        request,
        form,
        lambda **data: services.dialogue_update(actor=request.user, dialogue=d, **data),
        _("Đã lưu hội nghị đối thoại."),
    ):
        return redirect("dialogues:ws_dialogue", dialogue=d.pk)
    return _form_page(
        request,
        form,
        title=_("Sửa hội nghị đối thoại"),
        button=_("Lưu"),
        back=reverse("dialogues:ws_dialogue", kwargs={"dialogue": d.pk}),
        intro=d.topic,
    )


@officer_required("reception.view")
def ws_dialogue(request, dialogue):
    """A dialogue: its agenda (cases picked from the officer's scope, searched by code or title, and free
    topics), the answers per item, the commitments; the actions while it is planned."""
    d = access_dialogue_by_id(request.user, dialogue)
    may_manage = (
        has_unit_perm(request.user, "reception.manage", d.unit) and d.status == DialogueStatus.PLANNED
    )
    q = (request.GET.get("q") or "").strip()
    case_form = topic_form = None
    if may_manage:
        case_form = AgendaCaseForm(cases=selectors.agenda_case_choices(request.user, d.unit, q))
        topic_form = AgendaTopicForm()
    return render(
        request,
        "dialogues/ws_dialogue.html",
        _ws(
            request,
            dialogue=d,
            items=d.items.select_related("case").order_by("order", "pk"),
            commitments=d.commitments.order_by("due", "pk"),
            may_manage=may_manage,
            may_commit=has_unit_perm(request.user, "reception.manage", d.unit)
            and d.status != DialogueStatus.CANCELLED,
            case_form=case_form,
            topic_form=topic_form,
            q=q,
            today=local_today(),
        ),
    )


@require_POST
@officer_required("reception.manage")
def ws_agenda_add(request, dialogue):
    d = access_dialogue_by_id(request.user, dialogue, "reception.manage")
    case_id = None
    if request.POST.get("case"):
        form = AgendaCaseForm(
            request.POST, cases=selectors.agenda_case_choices(request.user, d.unit, limit=None)
        )
        case_id = form.cleaned_data["case"] if form.is_valid() else -1
        topic = ""
    else:
        topic = request.POST.get("topic", "")
    try:
        if case_id == -1:
            raise DomainError(_("Không tìm thấy hồ sơ này trong phạm vi của bạn."), field="case")
        services.agenda_add(actor=request.user, dialogue=d, case_id=case_id, topic=topic)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thêm nội dung đối thoại."))
    return redirect("dialogues:ws_dialogue", dialogue=d.pk)


@officer_required("reception.manage")
def ws_agenda_answer(request, item):
    it = access_agenda_item_by_id(request.user, item, "reception.manage")
    initial = {"citizens_said": it.citizens_said, "answer": it.answer, "outcome": it.outcome}
    form = AnswerForm(request.POST or None, initial=initial)
    if run_form(
        request,
        form,
        lambda **data: services.agenda_answer(actor=request.user, item=it, **data),
        _("Đã ghi ý kiến và nội dung trả lời."),
    ):
        return redirect("dialogues:ws_dialogue", dialogue=it.dialogue_id)
    return _form_page(
        request,
        form,
        title=_("Ý kiến và trả lời tại hội nghị đối thoại"),
        button=_("Lưu"),
        back=reverse("dialogues:ws_dialogue", kwargs={"dialogue": it.dialogue_id}),
        intro=it.topic,
    )


@officer_required("reception.manage")
def ws_dialogue_hold(request, dialogue):
    d = access_dialogue_by_id(request.user, dialogue, "reception.manage")
    form = HoldForm(request.POST or None, initial={"held_on": min(d.day, local_today())})
    if run_form(
        request,
        form,
        lambda **data: services.dialogue_hold(actor=request.user, dialogue=d, **data),
        _("Đã kết thúc hội nghị đối thoại; kết quả đã được ghi vào các hồ sơ."),
    ):
        return redirect("dialogues:ws_dialogue", dialogue=d.pk)
    return _form_page(
        request,
        form,
        title=_("Kết thúc hội nghị đối thoại"),
        button=_("Kết thúc đối thoại"),
        back=reverse("dialogues:ws_dialogue", kwargs={"dialogue": d.pk}),
        intro=d.topic,
    )


@officer_required("reception.manage")
def ws_dialogue_cancel(request, dialogue):
    d = access_dialogue_by_id(request.user, dialogue, "reception.manage")
    form = DialogueCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dialogue_cancel(actor=request.user, dialogue=d, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Đã huỷ hội nghị đối thoại."))
            return redirect("dialogues:ws_dialogue", dialogue=d.pk)
    return _form_page(
        request,
        form,
        title=_("Huỷ hội nghị đối thoại"),
        button=_("Huỷ hội nghị"),
        back=reverse("dialogues:ws_dialogue", kwargs={"dialogue": d.pk}),
        intro=d.topic,
    )


@officer_required("reception.manage")
def ws_commitment_add(request, dialogue):
    d = access_dialogue_by_id(request.user, dialogue, "reception.manage")
    form = CommitmentForm(request.POST or None)
    if run_form(
        request,
        form,
        lambda **data: services.commitment_create(actor=request.user, dialogue=d, **data),
        _("Đã ghi cam kết."),
    ):
        return redirect("dialogues:ws_dialogue", dialogue=d.pk)
    return _form_page(
        request,
        form,
        title=_("Ghi cam kết"),
        button=_("Lưu cam kết"),
        back=reverse("dialogues:ws_dialogue", kwargs={"dialogue": d.pk}),
        intro=d.topic,
    )


@officer_required("reception.view")
def ws_commitments(request):
    """The unit's commitments board: overdue first, then open and in progress, then the closed ones."""
    unit = _unit_or_404(request)
    page = paginate(request, selectors.commitment_board(request.user, unit))
    return render(
        request,
        "dialogues/ws_commitments.html",
        _ws(
            request,
            unit=unit,
            page=page,
            page_query=query_without_page(request),
            may_manage=has_unit_perm(request.user, "reception.manage", unit),
            today=local_today(),
        ),
    )


@officer_required("reception.manage")
def ws_commitment_update(request, commitment):
    c = access_commitment_by_id(request.user, commitment, "reception.manage")
    form = CommitmentProgressForm(request.POST or None, request.FILES or None)
    if run_form(
        request,
        form,
        lambda **data: commitment_update_with_file(request, c, data),
        _("Đã cập nhật tiến độ cam kết."),
    ):
        return redirect("dialogues:ws_commitments")
    return _form_page(
        request,
        form,
        title=_("Cập nhật tiến độ cam kết"),
        button=_("Lưu"),
        back=reverse("dialogues:ws_commitments"),
        intro=c.content,
        commitment=c,
    )
