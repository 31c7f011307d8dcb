"""SMS gateways. A deployment chooses one with DANVAN_SMS_BACKEND (a dotted path to a class).

A gateway implements `send(phone: str, text: str) -> str` returning a provider message id and raising
`SmsError` on failure. `ConsoleSmsGateway` (the default) writes the message to the log; `MemorySmsGateway`
keeps messages in `outbox` for tests. A real provider's gateway is a class of a few lines.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from .mail import mask_phone

logger = logging.getLogger("danvan.sms")


class SmsError(Exception):
    pass


class SmsGateway:
    def send(self, phone: str, text: str) -> str:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleSmsGateway(SmsGateway):
    def send(self, phone: str, text: str) -> str:
        logger.info("SMS tới %s: %s", mask_phone(phone), text)
        return "console"


class MemorySmsGateway(SmsGateway):
    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> str:
        MemorySmsGateway.outbox.append((phone, text))
        return f"memory-{len(MemorySmsGateway.outbox)}"


def get_gateway() -> SmsGateway:
    return import_string(settings.DANVAN_SMS_BACKEND)()
