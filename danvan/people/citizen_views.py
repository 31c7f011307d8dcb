"""The citizen's own screens of the people app: creating an account by phone, the profile with the phone's
one-time code, and the household as the registry holds it with the requests to the commune (thin: parse →
service/selector → render). The pages of the area are sections of `danvan.citizens.area`."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from danvan.access.mixins import citizen_required
from danvan.citizens.area import area_context, render_area
from danvan.core.errors import DomainError
from danvan.core.forms import add_domain_error
from danvan.core.http import client_ip
from danvan.notifications.mail import mask_phone
from danvan.units.picker import STEP, STEPS, PlacePicker

from . import selectors, services
from .access import access_own_household
from .forms import (
    CodeForm,
    CorrectionRequestForm,
    LinkRequestForm,
    ProfileForm,
    SignupForm,
    SignupPhoneForm,
)
from .models import HouseholdRequest

SIGNUP_PHONE_KEY = "danvan_signup_phone"
BACKEND = "danvan.access.backends.DanvanBackend"


# ---------------------------------------------------------------- creating an account


@never_cache
def signup(request):
    """Step 1: the phone number; a code is sent to it."""
    if request.user.is_authenticated:
        return redirect("citizens:home" if request.user.kind == "citizen" else "web:workspace")
    form = SignupPhoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phone = services.citizen_signup_code_send(phone=form.cleaned_data["phone"], ip=client_ip(request))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            request.session[SIGNUP_PHONE_KEY] = phone
            messages.info(request, _("Đã gửi mã xác nhận tới số %(phone)s.") % {"phone": mask_phone(phone)})
            return redirect("citizen:signup_confirm")
    return render(
        request,
        "people/citizen/signup.html",
        {"form": form, "nav_active": "account"},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
def signup_confirm(request):
    """Step 2: the code, the name and a password; the account is created and signed in."""
    phone = request.session.get(SIGNUP_PHONE_KEY)
    if not phone:
        return redirect("citizen:signup")
    if request.method == "POST" and request.POST.get("action") == "resend":
        try:
            services.citizen_signup_code_send(phone=phone, ip=client_ip(request))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.info(
                request, _("Đã gửi lại mã xác nhận tới số %(phone)s.") % {"phone": mask_phone(phone)}
            )
        return redirect("citizen:signup_confirm")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.citizen_signup(
                phone=phone, code=data["code"], full_name=data["full_name"], password=data["password1"]
            )
        except DomainError as exc:
            add_domain_error(form, exc, rename={"password": "password1"})
        else:
            request.session.pop(SIGNUP_PHONE_KEY, None)
            auth_login(request, user, backend=BACKEND)
            messages.success(
                request,
                _("Đã tạo tài khoản. Từ nay bạn đăng nhập bằng số điện thoại %(phone)s và mật khẩu vừa đặt.")
                % {"phone": phone},
            )
            return redirect("citizens:home")
    return render(
        request,
        "people/citizen/signup_confirm.html",
        {"form": form, "phone": mask_phone(phone), "nav_active": "account"},
        status=400 if request.method == "POST" else 200,
    )


# ---------------------------------------------------------------- profile and phone verification


@never_cache
@citizen_required()
def profile(request):
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    initial = {"full_name": user.full_name, "phone": user.phone, "email": user.email}
    form = ProfileForm(request.POST if action == "save" else None, initial=initial)
    code_form = CodeForm(request.POST if action == "confirm" else None)
    status = 200
    if action == "save":
        if form.is_valid():
            try:
                services.citizen_profile_update(actor=user, **form.cleaned_data)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, _("Đã lưu thông tin tài khoản."))
                return redirect("citizen:profile")
        status = 400
    elif action == "send":
        try:
            services.citizen_phone_code_send(actor=user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.info(
                request, _("Đã gửi mã xác minh tới số %(phone)s.") % {"phone": mask_phone(user.phone)}
            )
        return redirect("citizen:profile")
    elif action == "confirm":
        if code_form.is_valid():
            try:
                services.citizen_phone_code_confirm(actor=user, code=code_form.cleaned_data["code"])
            except DomainError as exc:
                code_form.add_error("code", exc.message)
            else:
                messages.success(request, _("Đã xác minh số điện thoại %(phone)s.") % {"phone": user.phone})
                return redirect("citizen:profile")
        status = 400
    return render_area(
        request,
        "people/citizen/profile.html",
        {"form": form, "code_form": code_form, "code_sent": selectors.phone_code_open(user)},
        active="thong-tin",
        status=status,
    )


@method_decorator(citizen_required(), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "people/citizen/password_change.html"
    success_url = reverse_lazy("citizen:profile")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **area_context(self.request, "thong-tin")}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response


# ---------------------------------------------------------------- my household and the requests to the commune


def _masked_id(number: str) -> str:
    return f"{'•' * 8}{number[-4:]}" if number else ""


@never_cache
@citizen_required()
def household(request):
    user = request.user
    own = access_own_household(user)
    requests = selectors.household_requests_of(user)
    waiting_link = next(
        (
            r
            for r in requests
            if r.kind == HouseholdRequest.Kind.LINK and r.status == HouseholdRequest.Status.PENDING
        ),
        None,
    )
    action = request.POST.get("action") if request.method == "POST" else None
    status = 200
    correction_form = link_form = None
    if own is not None:
        correction_form = CorrectionRequestForm(request.POST if action == "correction" else None)
        if action == "correction":
            if correction_form.is_valid():
                try:
                    services.household_correction_request(actor=user, **correction_form.cleaned_data)
                except DomainError as exc:
                    add_domain_error(correction_form, exc)
                else:
                    messages.success(
                        request, _("Đã gửi đề nghị điều chỉnh đến %(unit)s.") % {"unit": own.commune.name}
                    )
                    return redirect("citizen:household")
            status = 400
    elif waiting_link is None:
        data = request.POST if action == "link" else None
        picker = PlacePicker(data, hamlet_required=True)
        if data is not None and data.get(STEP) in STEPS:
            link_form = LinkRequestForm(initial=data.dict(), picker=picker)
        else:
            link_form = LinkRequestForm(data, picker=picker)
            if data is not None:
                if link_form.is_valid():
                    cd = link_form.cleaned_data
                    try:
                        services.household_link_request(
                            actor=user,
                            hamlet=cd["hamlet"],
                            representative_name=cd["representative_name"],
                            address=cd["address"],
                            relation=cd["relation"],
                            message=cd["message"],
                        )
                    except DomainError as exc:
                        add_domain_error(link_form, exc)
                    else:
                        messages.success(
                            request,
                            _("Đã gửi yêu cầu đến %(unit)s. Cán bộ xã sẽ đối chiếu sổ hộ và trả lời bạn.")
                            % {"unit": cd["commune"].name},
                        )
                        return redirect("citizen:household")
                status = 400
    members = [(m, _masked_id(m.id_number)) for m in selectors.household_members(own)] if own else []
    return render_area(
        request,
        "people/citizen/household.html",
        {
            "household": own,
            "members": members,
            "requests": requests,
            "waiting_link": waiting_link,
            "link_form": link_form,
            "correction_form": correction_form,
        },
        active="ho-gia-dinh",
        status=status,
    )
