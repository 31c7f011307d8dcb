from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import throttle


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request else ""


class LoginForm(AuthenticationForm):
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
        "locked": _(
            "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút hoặc dùng chức năng quên mật khẩu."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request)
        if throttle.is_locked(username, ip):
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked", params={"minutes": throttle.lockout_minutes()}
            )
        try:
            data = super().clean()
        except forms.ValidationError:
            throttle.record_failure(username, ip)
            raise
        throttle.reset(username, ip)
        return data
