from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import throttle

LOCKED_MESSAGE = _(
    "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút hoặc dùng chức năng quên mật khẩu."
)


class LockoutMessageMixin:
    """For every login form: when the throttle in the authentication backend refused the attempt, say so
    (the same message whether or not the name exists) instead of "wrong password". The counting itself is
    in `danvan.access.backends.DanvanBackend`, which every form reaches through `authenticate()`."""

    def get_invalid_login_error(self):
        minutes = throttle.refused_minutes(self.request)
        if minutes is not None:
            return forms.ValidationError(LOCKED_MESSAGE, code="locked", params={"minutes": minutes})
        return super().get_invalid_login_error()


class LoginForm(LockoutMessageMixin, AuthenticationForm):
    """Sign in with a user name, e-mail or phone; refused for a while after repeated failures."""

    username = forms.CharField(
        label=_("Tên đăng nhập, e-mail hoặc số điện thoại"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khoá. Vui lòng liên hệ quản trị đơn vị."),
    }


class AdminLoginForm(LockoutMessageMixin, AdminAuthenticationForm):
    """The admin's login form, throttled with the public one (same backend, same counters)."""


class CodeForm(forms.Form):
    """One code: the 6 digits shown by the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=32,
        help_text=_(
            "Mở ứng dụng xác thực trên điện thoại và nhập mã 6 chữ số đang hiện. Không có điện thoại bên "
            "cạnh? Nhập một mã dự phòng (mỗi mã chỉ dùng được một lần)."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class EnrolConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Mã 6 chữ số trong ứng dụng"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class CurrentCodeForm(forms.Form):
    """Re-enter a code before changing the second factor (regenerate recovery codes, remove)."""

    code = forms.CharField(
        label=_("Mã xác thực hiện tại"),
        max_length=32,
        help_text=_("Mã 6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
