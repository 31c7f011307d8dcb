"""System checks of notice delivery."""

from django.conf import settings
from django.core.checks import Warning, register

from .mail import CLEAR_TEXT_BACKENDS


@register()
def clear_text_email_backend(app_configs, **kwargs):
    """Django's console and file e-mail backends write every recipient in clear (a denouncer's address among
    them) into a log or a file; the masked console backend does the same job safely."""
    if settings.EMAIL_BACKEND in CLEAR_TEXT_BACKENDS:
        return [
            Warning(
                f"EMAIL_BACKEND {settings.EMAIL_BACKEND} ghi địa chỉ người nhận (cả người tố cáo) ra nhật ký.",
                hint="Dùng danvan.notifications.mail.MaskedConsoleEmailBackend hoặc một máy chủ SMTP.",
                id="danvan.notifications.W001",
            )
        ]
    return []
