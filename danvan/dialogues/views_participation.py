"""Screens of citizens' participation in a dialogue: the public page of an upcoming dialogue (register, send a
question), the officers' moderation, invitees and attendance, and the citizen's own "my dialogues" page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import citizen_required, officer_required
from danvan.cases.access import access_case_by_code
from danvan.citizens.area import render_area
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.core.formatting import local_today
from danvan.core.forms import add_domain_error

from . import participation
from . import selectors_participation as sel
from .access import (
    access_dialogue_by_id,
    access_participant_by_id,
    access_question_by_id,
    access_registration_by_id,
)
from .forms_participation import AttendanceForm, ParticipantForm, QuestionForm
from .models import DialogueStatus
from .views import _form_page

AREA_KEY = "doi-thoai"


def _upcoming_or_404(pk):
    d = sel.upcoming_dialogue(pk)
    if d is None:
        raise Http404("Không tìm thấy hội nghị đối thoại.")
    return d


def public_upcoming(request, dialogue, form=None, status=200):
    """An upcoming dialogue: when and where, what is on the agenda (no denunciation), the number of
    registrations and the accepted questions (no names); a citizen registers or sends a question here."""
    from .selectors import public_agenda

    d = sel.upcoming_dialogue(dialogue)
    if d is None:
        held = sel.Dialogue.objects.filter(pk=dialogue, status=DialogueStatus.HELD).exists()
        if held:
            return redirect("dialogues:public_dialogue", held=dialogue)
        raise Http404("Không tìm thấy hội nghị đối thoại.")
    user = request.user
    return render(
        request,
        "dialogues/public_upcoming.html",
        {
            "nav_active": "dialogues",
            "dialogue": d,
            "items": public_agenda(d),
            "registrations": sel.public_registration_count(d),
            "questions": sel.public_questions(d),
            "open": participation.is_upcoming(d),
            "is_citizen": getattr(user, "kind", None) == "citizen",
            "mine": sel.own_registration(user, d),
            "my_questions": list(sel.own_questions(user, d)),
            "form": form or QuestionForm(),
            "login_url": f"{reverse('access:login')}?next={request.path}",
        },
        status=status,
    )


def _citizen_post(request, dialogue):
    """Anonymous → sign in and come back to the dialogue's page; an officer → the page with a message."""
    back = reverse("dialogues:public_upcoming", kwargs={"dialogue": dialogue})
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if getattr(request.user, "kind", None) != "citizen":
        messages.error(request, _("Chỉ tài khoản công dân mới đăng ký tham dự hoặc gửi câu hỏi được."))
        return redirect(back)
    return None


@require_POST
def public_register(request, dialogue):
    if (answer := _citizen_post(request, dialogue)) is not None:
        return answer
    d = _upcoming_or_404(dialogue)
    try:
        participation.registration_create(actor=request.user, dialogue=d)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã gửi đăng ký tham dự; cán bộ sẽ xác nhận. Bạn theo dõi ở trang của bạn.")
        )
    return redirect("dialogues:public_upcoming", dialogue=d.pk)


@require_POST
def public_question(request, dialogue):
    if (answer := _citizen_post(request, dialogue)) is not None:
        return answer
    d = _upcoming_or_404(dialogue)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            participation.question_send(actor=request.user, dialogue=d, text=form.cleaned_data["text"])
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Đã gửi câu hỏi; câu hỏi được đăng sau khi cán bộ duyệt."))
            return redirect("dialogues:public_upcoming", dialogue=d.pk)
    return public_upcoming(request, d.pk, form=form, status=400)


# ---------------------------------------------------------------- officers


def _decision(request):
    accept = request.POST.get("decision") == "accept"
    return accept, request.POST.get("reason", "")


def _back(dialogue_id):
    return redirect(reverse("dialogues:ws_dialogue", kwargs={"dialogue": dialogue_id}) + "#cong-dan")


@require_POST
@officer_required("reception.manage")
def ws_registration_moderate(request, pk):
    reg = access_registration_by_id(request.user, pk)
    accept, reason = _decision(request)
    try:
        participation.registration_moderate(
            actor=request.user, registration=reg, accept=accept, reason=reason
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã chấp nhận đăng ký.") if accept else _("Đã từ chối đăng ký."))
    return _back(reg.dialogue_id)


@require_POST
@officer_required("reception.manage")
def ws_question_moderate(request, pk):
    q = access_question_by_id(request.user, pk)
    accept, reason = _decision(request)
    try:
        participation.question_moderate(actor=request.user, question=q, accept=accept, reason=reason)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã chấp nhận câu hỏi.") if accept else _("Đã từ chối câu hỏi."))
    return _back(q.dialogue_id)


@require_POST
@officer_required("reception.manage")
def ws_question_to_agenda(request, pk):
    q = access_question_by_id(request.user, pk)
    try:
        participation.question_to_agenda(actor=request.user, question=q)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã đưa câu hỏi vào nội dung đối thoại."))
    return _back(q.dialogue_id)


@officer_required("reception.manage")
def ws_participant_add(request, dialogue):
    d = access_dialogue_by_id(request.user, dialogue, "reception.manage")
    form = ParticipantForm(request.POST or None)
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
                participation.participant_add(actor=request.user, dialogue=d, case=case, **data)
            except DomainError as exc:
                add_domain_error(form, exc, rename={"case": "case_code"})
            else:
                messages.success(request, _("Đã thêm thành phần mời."))
                return _back(d.pk)
    return _form_page(
        request,
        form,
        title=_("Thêm thành phần mời"),
        button=_("Thêm"),
        back=reverse("dialogues:ws_dialogue", kwargs={"dialogue": d.pk}),
        intro=d.topic,
    )


@require_POST
@officer_required("reception.manage")
def ws_participant_remove(request, pk):
    p = access_participant_by_id(request.user, pk)
    try:
        participation.participant_remove(actor=request.user, participant=p)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã bỏ khỏi thành phần mời."))
    return _back(p.dialogue_id)


@officer_required("reception.manage")
def ws_attendance(request, dialogue):
    d = access_dialogue_by_id(request.user, dialogue, "reception.manage")
    rows = list(d.participants.order_by("kind", "pk"))
    form = AttendanceForm(request.POST or None, participants=rows)
    if request.method == "POST" and form.is_valid():
        try:
            n = participation.attendance_record(
                actor=request.user, dialogue=d, present={int(x) for x in form.cleaned_data["present"]}
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Đã ghi điểm danh: %(n)s người có mặt.") % {"n": n})
            return _back(d.pk)
    return _form_page(
        request,
        form,
        title=_("Điểm danh thành phần tham dự"),
        button=_("Lưu điểm danh"),
        back=reverse("dialogues:ws_dialogue", kwargs={"dialogue": d.pk}),
        intro=d.topic,
    )


# ---------------------------------------------------------------- the citizen's own area


@citizen_required(officers_to="access:profile")
def my_dialogues(request):
    """The citizen's registrations and questions, with their status, the dialogue's day and place."""
    return render_area(
        request,
        "dialogues/area_dialogues.html",
        {"rows": sel.participation_of(request.user), "today": local_today()},
        active=AREA_KEY,
    )
