"""Sign-in, sign-out, password reset, and the officer's own account page with two-factor sign-in."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from danvan.core.errors import DomainError
from danvan.core.http import client_ip

from . import services, signin, throttle, two_factor
from .forms import LOCKED_MESSAGE, CodeForm, CurrentCodeForm, EnrolConfirmForm, LoginForm
from .policy import grants


class TwoStepLoginMixin:
    """For every login view: the right password leads to the code page when the account has a second
    factor (`danvan.access.signin`), instead of opening the session at once."""

    def form_valid(self, form):
        return signin.password_accepted(self.request, form.get_user(), self.get_success_url())


class LoginView(TwoStepLoginMixin, auth_views.LoginView):
    """Each kind of account goes to its own home (a citizen's area, an officer's workspace); a safe `?next=`
    is still honoured, unless it points into the other kind's pages."""

    template_name = "access/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        return signin.password_accepted(self.request, user, signin.next_for(user, self.get_redirect_url()))

    def get_default_redirect_url(self):
        return signin.home_url(self.request.user)

    def get_success_url(self):
        # reached for an account already signed in (`redirect_authenticated_user`)
        return signin.next_for(self.request.user, self.get_redirect_url())


class LogoutView(auth_views.LogoutView):
    pass


def _code_error(exc: DomainError, user, request) -> str:
    if exc.code == "locked":
        minutes = throttle.locked_minutes(throttle.account_subject(user), client_ip(request)) or 1
        return LOCKED_MESSAGE % {"minutes": minutes}
    return exc.message


def _recovery_notice(request, device) -> None:
    from django_otp.plugins.otp_static.models import StaticDevice

    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        messages.warning(
            request,
            _(
                "Bạn vừa dùng một mã dự phòng, còn %(left)s mã. Hãy tạo bộ mã dự phòng mới trong trang "
                "Tài khoản của tôi nếu sắp hết."
            )
            % {"left": left},
        )


@never_cache
def login_code(request):
    """The second step of sign-in: the code of the account that gave the right password (pending), or of
    a signed-in account whose session the policy requires to verify."""
    user = signin.pending_user(request)
    pending = user is not None
    if not pending and request.user.is_authenticated and not two_factor.is_verified(request.user):
        user = request.user if two_factor.is_enrolled(request.user) else None
    if user is None:
        if signin.PENDING_KEY in request.session:
            signin.forget_pending(request)
            messages.info(request, _("Phiên đăng nhập đã hết hạn. Vui lòng nhập lại mật khẩu."))
        return redirect("access:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_verify(
                user=user, token=form.cleaned_data["code"], ip=client_ip(request)
            )
        except DomainError as exc:
            form.add_error("code", _code_error(exc, user, request))
        else:
            next_url = signin.pending_next(request) if pending else reverse_lazy("web:workspace")
            signin.complete(request, user, device)
            _recovery_notice(request, device)
            return redirect(next_url)
    return render(request, "access/login_code.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "access/password_reset.html"
    email_template_name = "access/password_reset_email.txt"
    subject_template_name = "access/password_reset_subject.txt"
    success_url = reverse_lazy("access:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "access/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "access/password_reset_confirm.html"
    success_url = reverse_lazy("access:password_reset_complete")

    def form_valid(self, form):
        # The lockout message suggests resetting the password: a reset ends the account's lockout.
        response = super().form_valid(form)
        throttle.clear(throttle.account_subject(form.user))
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "access/password_reset_complete.html"


# ---------------------------------------------------------------- the officer's own account


def officer_account_required(view):
    """Signed-in officers (any officer account, also one without a role yet, e.g. a staff member sent
    here to enrol); anonymous visitors go to the login page, citizens get 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if getattr(request.user, "kind", None) != "officer":
            raise Http404("Không tìm thấy trang.")
        return view(request, *args, **kwargs)

    return wrapper


def _two_factor_context(user) -> dict:
    return {
        "nav_active": "profile",
        "enrolled": two_factor.is_enrolled(user),
        "required": two_factor.requires_two_factor(user),
    }


@officer_account_required
def profile(request):
    user = request.user
    device = two_factor.totp_device(user)
    return render(
        request,
        "access/profile.html",
        {
            **_two_factor_context(user),
            "my_grants": grants(user),
            "device": device,
            "codes_left": two_factor.recovery_codes_left(user) if device else 0,
        },
    )


@never_cache
@officer_account_required
def two_factor_enrol(request):
    """Start (POST action=start), show the QR code and the secret, confirm with a code, then show the
    recovery codes once (in the answer to the confirming POST, never stored in the session)."""
    user = request.user
    if two_factor.is_enrolled(user):
        messages.info(request, _("Bạn đã bật xác thực hai lớp."))
        return redirect("access:profile")
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "start":
        try:
            services.two_factor_enrol_start(actor=user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("access:profile")
        return redirect("access:two_factor_enrol")
    device = two_factor.totp_device(user, confirmed=False)
    form = EnrolConfirmForm(request.POST if action == "confirm" else None)
    if device is not None and action == "confirm" and form.is_valid():
        try:
            codes = services.two_factor_enrol_confirm(actor=user, token=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            from django_otp import login as otp_login

            otp_login(request, two_factor.totp_device(user))
            return render(
                request,
                "access/recovery_codes.html",
                {**_two_factor_context(user), "codes": codes, "first_time": True},
            )
    return render(
        request,
        "access/two_factor_enrol.html",
        {
            **_two_factor_context(user),
            "device": device,
            "secret": two_factor.secret_for_display(device) if device else "",
            "form": form,
        },
    )


@never_cache
@officer_account_required
def two_factor_qr(request):
    device = two_factor.totp_device(request.user, confirmed=False)
    if device is None:
        raise Http404("Không tìm thấy trang.")
    return HttpResponse(two_factor.qr_svg(device), content_type="image/svg+xml")


def _with_current_code(request, template, do):
    """A page asking for the current code before `do(code)`; `do` returns the response on success."""
    user = request.user
    if not two_factor.is_enrolled(user):
        messages.info(request, _("Bạn chưa bật xác thực hai lớp."))
        return redirect("access:profile")
    form = CurrentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            return do(form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", _code_error(exc, user, request))
    return render(request, template, {**_two_factor_context(user), "form": form})


@never_cache
@officer_account_required
def two_factor_recovery(request):
    def regenerate(code):
        codes = services.two_factor_recovery_regenerate(actor=request.user, token=code, ip=client_ip(request))
        return render(
            request,
            "access/recovery_codes.html",
            {**_two_factor_context(request.user), "codes": codes, "first_time": False},
        )

    return _with_current_code(request, "access/two_factor_recovery.html", regenerate)


@never_cache
@officer_account_required
def two_factor_remove(request):
    def remove(code):
        services.two_factor_remove(actor=request.user, token=code, ip=client_ip(request))
        messages.success(request, _("Đã tắt xác thực hai lớp."))
        return redirect("access:profile")

    return _with_current_code(request, "access/two_factor_remove.html", remove)
