"""E-mail delivery that never writes a recipient's address in clear to a log or a console.

A denouncer who gave only an e-mail address receives the case's notices there; Django's console backend (the
development default) would print `To: to.cao@example.vn` into the worker's log. Every e-mail the project sends
goes through `send_email`, which logs the masked recipient whatever the backend, and the development default is
`MaskedConsoleEmailBackend`, which prints the message with masked recipient headers. A system check warns when
a backend that writes recipients in clear (Django's console or file backend) is configured.
"""

import copy
import logging

from django.core.mail import send_mail
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend

logger = logging.getLogger("danvan.mail")

CLEAR_TEXT_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


def mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-3:] if len(phone or "") >= 7 else "***"


def mask_email(address: str) -> str:
    """ "to.cao@example.vn" → "t***@e***.vn": enough for an operator to tell two notices apart, not to write."""
    local, _, domain = (address or "").partition("@")
    if not local or not domain:
        return "***"
    host, dot, tld = domain.rpartition(".")
    masked_domain = f"{host[:1]}***{dot}{tld}" if host else f"{tld[:1]}***"
    return f"{local[:1]}***@{masked_domain}"


def send_email(*, to: str, subject: str, body: str) -> None:
    """Send one plain-text e-mail; the log line names the masked recipient only."""
    send_mail(subject, body, None, [to])
    logger.info("Đã gửi thư tới %s: %s", mask_email(to), subject)


class MaskedConsoleEmailBackend(ConsoleEmailBackend):
    """The console backend with the recipients' addresses masked (development and `make run`)."""

    def write_message(self, message):
        shown = copy.copy(message)
        for attr in ("to", "cc", "bcc", "reply_to"):
            setattr(shown, attr, [mask_email(a) for a in getattr(message, attr, []) or []])
        extra = dict(getattr(message, "extra_headers", {}) or {})
        for header in ("To", "Cc", "Reply-To"):
            if header in extra:
                extra[header] = "***"
        shown.extra_headers = extra
        super().write_message(shown)
