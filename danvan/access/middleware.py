"""Two-factor sign-in on every request.

`OTPMiddleware` is django-otp's, which sets `request.user.otp_device` (the device this session was verified
with, or None), without the `is_verified()` method it also installs: our User model already has an
`is_verified` property (a citizen verified by their commune). Ask `danvan.access.two_factor.is_verified`.

`TwoFactorMiddleware`, after it, enforces the policy (`danvan.access.two_factor.requires_two_factor`). A
signed-in user whom the policy requires to have a second factor, in a session that did not pass one, reaches
only enrolment (no device yet), the code page (a device, this session not verified), sign-out and the
language switch; every other address redirects there (the API answers 403).
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.middleware import OTPMiddleware as BaseOTPMiddleware

from . import two_factor


class OTPMiddleware(BaseOTPMiddleware):
    @staticmethod
    def _init_user_fields(user):
        user.otp_device = None


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if two_factor.policy_on():
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    @staticmethod
    def _open_paths() -> tuple[str, ...]:
        return (
            reverse("access:two_factor_enrol"),  # and the QR code under it
            reverse("access:login_code"),
            reverse("access:logout"),
            "/i18n/",
            "/static/",
        )

    def _refusal(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or two_factor.is_verified(user):
            return None
        if request.path.startswith(self._open_paths()) or not two_factor.requires_two_factor(user):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": "Tài khoản này phải đăng nhập bằng xác thực hai lớp trước khi dùng API."},
                status=403,
            )
        if two_factor.is_enrolled(user):
            return redirect("access:login_code")
        return redirect("access:two_factor_enrol")
