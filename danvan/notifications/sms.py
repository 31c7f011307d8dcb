"""SMS gateways. A deployment chooses one with DANVAN_SMS_BACKEND (a dotted path to a class).

A gateway implements `send(phone: str, text: str) -> str` returning a provider message id and raising
`SmsError` on failure. `ConsoleSmsGateway` (the default) writes the message to the log; `MemorySmsGateway`
keeps messages in `outbox` for tests. A real provider's gateway is a class of a few lines.
"""

import logging
import re

from django.conf import settings
from django.utils.module_loading import import_string

from .mail import mask_phone

logger = logging.getLogger("danvan.sms")


# One SMS segment holds 160 characters of the GSM-7 alphabet, or only 70 in UCS-2 — and any character outside
# GSM-7 (every Vietnamese letter with a diacritic: "ữ", "ạ", even "đ") turns the whole message into UCS-2. A
# notice to a citizen of ~120 characters with its code and the tracking address would then take two or three
# segments (each billed, and some phones show them apart). So citizens' SMS are written without diacritics,
# as Vietnamese public services' SMS usually are, in GSM-7 only, and kept within 160 characters (tested).
SEGMENT_GSM7 = 160
SEGMENT_UCS2 = 70
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_ASCII_FOR = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "\u00a0": " "}


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC for ch in text)


def sms_segments(text: str) -> int:
    """How many segments `text` takes (153/67 characters each once it needs more than one)."""
    if is_gsm7(text):
        return 1 if len(text) <= SEGMENT_GSM7 else -(-len(text) // 153)
    return 1 if len(text) <= SEGMENT_UCS2 else -(-len(text) // 67)


def sms_text(text: str, limit: int = SEGMENT_GSM7) -> str:
    """`text` as a one-segment SMS: diacritics removed (đ → d), typographic marks made plain, any other
    character outside GSM-7 dropped, spaces folded; when it is longer than `limit`, the part before the last
    words that still fit are kept and an address at the end ("Tra cuu: http…") stays whole."""
    from danvan.core.text import strip_diacritics

    for fancy, plain in _ASCII_FOR.items():
        text = text.replace(fancy, plain)
    text = strip_diacritics(text)
    text = "".join(ch for ch in text if ch in GSM7_BASIC)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    tail = ""
    match = re.search(r"\s((?:[\w ]{1,12}: )?https?://\S+)$", text)
    if match:
        tail, text = " " + match.group(1), text[: match.start()]
    room = limit - len(tail)
    cut = text[: room - 3].rsplit(" ", 1)[0].rstrip(" ,;:.") + "..."
    return (cut + tail)[:limit]


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
