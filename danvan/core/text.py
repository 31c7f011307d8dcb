"""Vietnamese text normalisation for search and matching.

`normalize("Tràm Chim — Đường 3/2")` → `"tram chim duong 3 2"`: lower case, diacritics removed, đ→d,
punctuation folded to spaces. The same function runs on stored text and on queries, on SQLite and on
PostgreSQL, so both databases compare the same strings.
"""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def normalize(text: str | None) -> str:
    if not text:
        return ""
    return _NON_WORD.sub(" ", strip_diacritics(text).lower()).strip()


def tokens(text: str | None) -> list[str]:
    return [t for t in normalize(text).split(" ") if t]


def nfc(text: str) -> str:
    """Vietnamese typed on different keyboards arrives composed or decomposed; store NFC."""
    return unicodedata.normalize("NFC", text)


_DIGITS = re.compile(r"\d+")
NATURAL_NUMBER_WIDTH = 9


def natural_key(text: str | None) -> str:
    """A sort key in which numbers compare by value and letters without their tone marks: "Ấp 2" < "Ấp 10" <
    "Bình Thành". Normalised text ([0-9a-z ] only) with every run of digits zero-padded to a fixed width."""
    return _DIGITS.sub(lambda m: m.group().lstrip("0").zfill(NATURAL_NUMBER_WIDTH), normalize(text))


def clean_text(
    value, field: str, label: str, max_length: int = 255, *, required: bool = True, lines=False
) -> str:
    """A text a service receives, as it is stored: NFC, line ends as "\\n", stripped, and — unless `lines` —
    every run of white space one space. Refused with a message naming `label` (Vietnamese, lower case: "số văn
    bản") when required and empty, or longer than `max_length`. Every module's services use this one."""
    from .errors import DomainError

    value = nfc(str(value or "")).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not lines:
        value = " ".join(value.split())
    if required and not value:
        raise DomainError(f"Vui lòng nhập {label}.", field=field, code="required")
    if len(value) > max_length:
        raise DomainError(
            f"{label[:1].upper()}{label[1:]} không được dài quá {max_length} ký tự.", field=field
        )
    return value
